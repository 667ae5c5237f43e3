"""REG-07/PLT-07: the unit import's commit — what changed since the preview is refused on its
row and nothing is saved; what did not change is saved with the right links."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from wuye.core.models import ImportBatch
from wuye.estate.importers import UnitImporter
from wuye.estate.models import Building, Person, Unit, UnitRelation
from wuye.estate.tests.factories import BuildingFactory, PersonFactory, UnitFactory

GOOD = Path(__file__).parent / "import_files" / "good.xlsx"


def upload(client):
    response = client.post(
        reverse("core:import_upload", args=["estate.units"]),
        {"file": SimpleUploadedFile(GOOD.name, GOOD.read_bytes())},
    )
    assert response.status_code == 302
    assert ImportBatch.objects.latest("pk").error_count == 0
    return response


def commit(client, response):
    return client.post(response["Location"], {"action": "commit"})


def zh(msgid):
    """The Chinese message as the commit stores it (the English msgid until translated)."""
    with translation.override("zh-hans"):
        return translation.gettext(msgid)


UNIT_TAKEN = "This unit was registered by someone else after the preview; upload the file again."
BUILDING_TAKEN = (
    "Building %(number)s was registered by someone else after the preview; upload the file again."
)
ID_TAKEN = "This ID number was registered by someone else after the preview; upload the file again."


def row_messages(batch, row):
    return " ".join(m for found in batch.errors[str(row)].values() for m in found)


def someone_else_after_the_checks(monkeypatch, register):
    """Run `register` right after the commit has read the registry for its checks: what it
    writes is invisible to the checks, as a concurrent registration would be."""
    original = UnitImporter.prepare

    def prepare(self, *, access):
        context = original(self, access=access)
        register()
        return context

    monkeypatch.setattr(UnitImporter, "prepare", prepare)


@pytest.fixture
def client_a(community_a, mgr_a, login):
    return login(mgr_a)


@pytest.mark.django_db
def test_a_unit_registered_with_other_data_after_the_preview_stops_the_commit(
    client_a, community_a
):
    """REG-07: the commit checks every row again; the changed row is named, nothing is saved."""
    response = upload(client_a)
    building = BuildingFactory(community=community_a, number="1")
    UnitFactory(
        community=community_a,
        building=building,
        entrance=1,
        number="101",
        floor=1,
        gross_area=Decimal("95.00"),
    )
    commit(client_a, response)
    batch = ImportBatch.objects.latest("pk")
    assert batch.status == "preview"
    assert "建筑面积" in row_messages(batch, 2)
    assert Unit.objects.count() == 1 and not Person.objects.exists()
    assert not UnitRelation.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_unit_taken_after_the_checks_is_refused_by_the_unique_key(
    client_a, community_a, monkeypatch
):
    """REG-07: the database's unique address is the last word; the row is named in Chinese."""
    building = BuildingFactory(community=community_a, number="1")
    response = upload(client_a)
    someone_else_after_the_checks(
        monkeypatch,
        lambda: UnitFactory(
            community=community_a, building=building, entrance=1, number="101", floor=1
        ),
    )
    commit(client_a, response)
    batch = ImportBatch.objects.latest("pk")
    assert batch.status == "preview" and set(batch.errors) == {"2"}
    assert zh(UNIT_TAKEN) in row_messages(batch, 2)
    # The whole commit was rolled back (the intruder's unit too: it ran inside the commit).
    assert (Unit.objects.count(), Person.objects.count(), UnitRelation.objects.count()) == (0, 0, 0)
    assert Building.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_building_taken_after_the_checks_is_refused_by_the_unique_key(
    client_a, community_a, monkeypatch
):
    """REG-07: a building created meanwhile under the same number is reported, not doubled."""
    response = upload(client_a)
    someone_else_after_the_checks(
        monkeypatch, lambda: BuildingFactory(community=community_a, number="1")
    )
    commit(client_a, response)
    batch = ImportBatch.objects.latest("pk")
    assert batch.status == "preview" and set(batch.errors) == {"2"}
    assert "楼栋" in batch.errors["2"]
    assert zh(BUILDING_TAKEN) % {"number": "1"} in row_messages(batch, 2)
    assert not Unit.objects.exists() and not Person.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_an_id_number_taken_after_the_checks_is_refused_by_the_unique_key(
    client_a, community_a, monkeypatch
):
    """REG-07: one ID number is one person, whoever registered it first."""
    response = upload(client_a)
    someone_else_after_the_checks(
        monkeypatch,
        lambda: PersonFactory(
            community=community_a, name="王晓明", id_type="ric", id_number="11010519491231002X"
        ),
    )
    commit(client_a, response)
    batch = ImportBatch.objects.latest("pk")
    assert batch.status == "preview" and set(batch.errors) == {"2"}
    assert "证件号码" in batch.errors["2"]
    assert zh(ID_TAKEN) in row_messages(batch, 2)
    assert not Unit.objects.exists() and not Person.objects.exists()


@pytest.mark.django_db
def test_people_and_units_are_linked_by_their_keys(client_a, community_a, mgr_a):
    """REG-07: every relation points at its own unit and person; a registered person (same ID
    number) is linked, not created twice; rows and records carry the importer and one time."""
    known = PersonFactory(
        community=community_a, name="王小明", id_type="ric", id_number="11010519491231002X"
    )
    commit(client_a, upload(client_a))
    assert Person.objects.filter(name="王小明").get() == known
    relations = {
        (r.unit.code, r.person.name, r.role, r.share)
        for r in UnitRelation.objects.select_related("unit", "person")
    }
    assert ("1-1-101", "王小明", "owner", None) in relations
    assert ("1-1-102", "李华", "owner", None) in relations
    assert ("1-1-102", "赵租客", "tenant", None) in relations
    assert {(code, share) for code, name, role, share in relations if code == "1-1-201"} == {
        ("1-1-201", Decimal("50.00"))
    }
    assert len([r for r in relations if r[0] == "1-1-201"]) == 2
    for model in (Unit, Person, UnitRelation):
        created = model.objects.filter(community=community_a).exclude(pk=known.pk)
        assert set(created.values_list("created_by", flat=True)) == {mgr_a.pk}
        assert created.values("created_at").distinct().count() == 1
    relation = UnitRelation.objects.get(unit__code="1-1-101")
    assert relation.start_date.isoformat() == "2020-06-30" and relation.end_date is None
    unit = Unit.objects.get(code="1-1-101")
    assert (unit.floor, unit.use, unit.status, unit.note) == (1, "residential", "occupied", "")
    assert Building.objects.get(number="1").floors >= 2
    new_person = Person.objects.get(name="李华")
    assert (new_person.pinyin, new_person.initials, new_person.phone) == (
        "lihua",
        "lh",
        "13800000002",
    )
