"""REG-02/03: residents and parking spaces are picked by typing (name, phone, initials, space
number) with suggestions, never from a select of every record of a large community; the page
takes the suggestion as submitted, the API still takes ids."""

import pytest
from django.urls import reverse
from django.utils import timezone

from wuye.estate.tests.factories import BuildingFactory


@pytest.fixture
def residents(community_a, community_b):
    from wuye.estate.tests.factories import PersonFactory, UnitFactory, UnitRelationFactory

    home = UnitFactory(community=community_a, building=BuildingFactory(community=community_a))
    wang = PersonFactory(community=community_a, name="王芳", phone="13900001111")
    UnitRelationFactory(
        community=community_a, unit=home, person=wang, role="owner", start_date="2020-01-01"
    )
    PersonFactory(community=community_a, name="王芳", phone="13700002222")  # a namesake
    PersonFactory(community=community_a, name="李强", phone="13600003333")
    PersonFactory(community=community_b, name="王芳芳", phone="13500004444")
    return home, wang


@pytest.mark.django_db
def test_residents_are_found_by_name_phone_or_initials(community_a, residents, mgr_a, login):
    """REG-02: a resident box suggests by name, four or more digits of the phone, or pinyin
    initials — masked phones and the units each lives in, this community only."""
    home, wang = residents
    client = login(mgr_a)
    lookup = reverse("estate:person_lookup")

    def suggest(text):
        return client.get(lookup, {"field": "person", "person": text}).content.decode()

    by_name = suggest("王芳")
    assert by_name.count("<option") == 2 and "王芳芳" not in by_name
    assert 'value="王芳 139****1111"' in by_name and f"{home.code}" in by_name
    assert suggest("0000111").count("<option") == 1
    assert "李强" in suggest("lq")
    assert suggest("13").count("<option") == 0  # two digits are not a phone


@pytest.mark.django_db
def test_forms_take_a_resident_as_typed_and_never_list_them_all(
    community_a, residents, mgr_a, login
):
    """REG-03: the vehicle form's owner is a search box; the suggestion as submitted, or the
    full phone, names one resident; a name two residents share is refused and nothing saved."""
    from wuye.estate.models import Vehicle

    _home, wang = residents
    client = login(mgr_a)
    client.cookies["django_language"] = "zh-hans"
    page = client.get(reverse("estate:vehicle_add")).content.decode()
    assert "李强" not in page and 'list="id_person-options"' in page
    url = reverse("estate:vehicle_add")
    response = client.post(url, {"plate": "粤B12345", "person": "王芳"})
    assert response.status_code == 400 and "多个住户" in response.content.decode()
    assert not Vehicle.objects.exists()
    response = client.post(url, {"plate": "粤B12345", "person": "王芳 139****1111"})
    assert response.status_code == 302 and Vehicle.objects.get().person == wang
    response = client.post(url, {"plate": "粤B54321", "person": "13900001111"})
    assert response.status_code == 302 and Vehicle.objects.get(plate="粤B54321").person == wang
    edit = client.get(reverse("estate:vehicle_edit", args=[Vehicle.objects.first().pk]))
    assert 'value="王芳 139****1111"' in edit.content.decode()


@pytest.mark.django_db
def test_parking_spaces_are_searched(community_a, mgr_a, login):
    from wuye.estate.tests.factories import ParkingAreaFactory, ParkingSpaceFactory

    area = ParkingAreaFactory(community=community_a, name="地下车库")
    for n in range(1, 40):
        ParkingSpaceFactory(community=community_a, area=area, number=f"B-{n:03d}")
    client = login(mgr_a)
    found = client.get(
        reverse("estate:space_lookup"), {"field": "space", "space": "B-01"}
    ).content.decode()
    assert found.count("<option") == 10 and 'value="地下车库B-010"' in found
    page = client.get(reverse("estate:vehicle_add")).content.decode()
    assert "B-039" not in page


@pytest.mark.django_db
def test_relation_and_transfer_pages_search_residents(community_a, residents, mgr_a, login):
    """REG-02: adding a resident to a unit and recording a sale search residents; a sale to the
    resident as suggested goes through."""
    from wuye.estate.models import UnitRelation

    home, wang = residents
    client = login(mgr_a)
    for name in ("estate:relation_add", "estate:unit_transfer"):
        page = client.get(reverse(name, args=[home.pk])).content.decode()
        assert "李强" not in page and "-options" in page, name
    response = client.post(
        reverse("estate:unit_transfer", args=[home.pk]),
        {
            "date": f"{timezone.localdate():%Y-%m-%d}",
            "reason": "出售",
            "owner1": "李强 136****3333",
        },
    )
    assert response.status_code == 302
    owners = UnitRelation.objects.filter(unit=home, role="owner").current()
    assert [r.person.name for r in owners] == ["李强"]


@pytest.mark.django_db
def test_a_picker_changes_only_when_it_names_another_record(community_a, residents):
    """REG-07: an import sends ids, a page sends text: the same record either way is no change
    (a re-import of the same rows counts them unchanged)."""
    from wuye.estate.forms import PersonField, UnitField
    from wuye.estate.tests.factories import UnitFactory

    home, wang = residents
    unit_field, person_field = UnitField(), PersonField()
    assert not unit_field.has_changed(home.pk, home.code)
    assert not unit_field.has_changed(home.pk, home.pk)
    assert unit_field.has_changed(home.pk, UnitFactory(community=community_a).code)
    assert not person_field.has_changed(wang.pk, "王芳 139****1111")
    assert person_field.has_changed(wang.pk, "李强")
    assert person_field.has_changed(None, wang.pk) and not person_field.has_changed(None, "")
