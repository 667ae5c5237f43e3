"""REG-01..REG-06/PLT-08: the registry's REST API — same scoping, FilterSets, forms and services
as the pages."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from wuye.core.models import Event
from wuye.estate.models import (
    ExternalContact,
    Facility,
    LiaisonLog,
    Meter,
    MeterReplacement,
    ParkingArea,
    ParkingSpace,
    Person,
    Unit,
    UnitRelation,
    Vehicle,
    Vendor,
)
from wuye.estate.tests.factories import (
    BuildingFactory,
    MeterFactory,
    PersonFactory,
    UnitFactory,
    UnitRelationFactory,
    VehicleFactory,
)

API = "/api/v1"
JSON = "application/json"
FULL_ID = "11010519491231002X"
MASKED_ID = "110105********002X"


@pytest.fixture
def building3(community_a):
    return BuildingFactory(community=community_a, number="3", name="", floors=33)


@pytest.fixture
def unit(community_a, building3):
    return UnitFactory(
        community=community_a, building=building3, entrance=2, number="1501", floor=15
    )


@pytest.fixture
def csr_a(community_a, make_staff):
    return make_staff(community_a, "CSR")


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def error_fields(response):
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["message"]
    return error["fields"]


# --- Units (REG-01) ------------------------------------------------------------------------


@pytest.mark.django_db
def test_unit_list_takes_the_page_filters_and_the_spoken_unit_code(
    community_a, building3, unit, mgr_a, login
):
    """REG-01/PLT-08: units filter by building and status, and `q=3-2-1501` finds that unit."""
    UnitFactory(community=community_a, building=building3, entrance=2, number="1502", floor=15)
    UnitFactory(
        community=community_a,
        building=building3,
        entrance=1,
        number="1501",
        floor=15,
        status="vacant",
    )
    building5 = BuildingFactory(community=community_a, number="5", name="")
    UnitFactory(community=community_a, building=building5, entrance=2, number="1501", floor=15)
    client = login(mgr_a)

    by_building = results(client.get(f"{API}/units/", {"building": building3.pk}))
    assert {u["code"] for u in by_building} == {"3-2-1501", "3-2-1502", "3-1-1501"}
    vacant = results(client.get(f"{API}/units/", {"building": building3.pk, "status": "vacant"}))
    assert [u["code"] for u in vacant] == ["3-1-1501"]
    found = results(client.get(f"{API}/units/", {"q": "3-2-1501"}))
    assert [u["id"] for u in found] == [unit.pk]
    assert found[0]["address"] == "3栋2单元1501"
    assert found[0]["gross_area"] == "89.50" and found[0]["building"] == building3.pk
    spoken = results(client.get(f"{API}/units/", {"q": "3栋2单元1501"}))
    assert [u["id"] for u in spoken] == [unit.pk]


@pytest.mark.django_db
def test_unit_written_by_api_obeys_the_page_rules(community_a, building3, mgr_a, login):
    """REG-01/PLT-08: inner area > gross area is refused with the page's Chinese message and
    nothing is saved; a good unit is saved with its spoken code and an audit event."""
    client = login(mgr_a)
    body = {
        "building": building3.pk,
        "entrance": 2,
        "number": "1601",
        "floor": 16,
        "gross_area": "89.50",
        "inner_area": "95.00",
        "use": "residential",
        "status": "occupied",
    }
    fields = error_fields(client.post(f"{API}/units/", body, content_type=JSON))
    assert list(fields) == ["inner_area"]
    assert not Unit.objects.exists()

    response = client.post(
        f"{API}/units/", {**body, "inner_area": "72.30", "code": "bogus"}, content_type=JSON
    )
    assert response.status_code == 201, response.json()
    created = Unit.objects.get()
    assert created.community == community_a and created.code == "3-2-1601"
    assert response.json()["code"] == "3-2-1601"
    assert response.json()["address"] == "3栋2单元1601"
    assert Event.objects.filter(verb="unit.created", target_id=str(created.pk)).exists()

    response = client.patch(f"{API}/units/{created.pk}/", {"status": "rented"}, content_type=JSON)
    assert response.status_code == 200, response.json()
    created.refresh_from_db()
    assert created.status == "rented" and created.inner_area == Decimal("72.30")
    # The page form's message, in Chinese.
    assert "套内面积不能大于建筑面积" in " ".join(fields["inner_area"])


@pytest.mark.django_db
def test_a_csr_cannot_delete_a_unit_but_the_manager_can(community_a, unit, csr_a, mgr_a, login):
    """REG-01/PLT-08: deleting units is the manager's; a unit with residents is never deleted."""
    response = login(csr_a).delete(f"{API}/units/{unit.pk}/")
    assert response.status_code == 403
    assert Unit.objects.filter(pk=unit.pk).exists()

    UnitRelationFactory(community=community_a, unit=unit)
    manager = login(mgr_a)
    response = manager.delete(f"{API}/units/{unit.pk}/")
    assert response.status_code == 400 and "无法删除" in response.json()["error"]["message"]
    assert Unit.objects.filter(pk=unit.pk).exists()

    spare = UnitFactory(community=community_a, building=unit.building, number="1801", floor=18)
    assert manager.delete(f"{API}/units/{spare.pk}/").status_code == 204
    assert not Unit.objects.filter(pk=spare.pk).exists()


@pytest.mark.django_db
def test_unit_and_relation_lists_use_a_bounded_number_of_queries(
    community_a, building3, mgr_a, login, django_assert_max_num_queries
):
    """PLT-08/REG-01: the units, relations and vehicles lists do not issue a query per row."""
    for n in range(30):
        unit = UnitFactory(
            community=community_a, building=building3, number=f"{n + 1}01", floor=n + 1
        )
        relation = UnitRelationFactory(community=community_a, unit=unit)
        VehicleFactory(community=community_a, person=relation.person, unit=unit)
    client = login(mgr_a)
    with django_assert_max_num_queries(15):
        data = client.get(f"{API}/units/").json()
    assert data["count"] == 30 and all(u["address"].startswith("3栋") for u in data["results"])
    with django_assert_max_num_queries(15):
        data = client.get(f"{API}/unit-relations/").json()
    assert data["count"] == 30 and all(r["person_name"] for r in data["results"])
    with django_assert_max_num_queries(15):
        data = client.get(f"{API}/vehicles/").json()
    assert data["count"] == 30 and all(v["unit_address"] for v in data["results"])


@pytest.mark.django_db
def test_another_communitys_unit_is_not_found(community_a, community_b, unit, mgr_a, login):
    """PLT-08/PLT-01: a unit id of community B is 404 on retrieve and on the residents action,
    and B's residents cannot be linked to A's units."""
    unit_b = UnitFactory(community=community_b)
    person_a = PersonFactory(community=community_a)
    person_b = PersonFactory(community=community_b)
    client = login(mgr_a)
    response = client.get(f"{API}/units/{unit_b.pk}/")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    response = client.post(
        f"{API}/units/{unit_b.pk}/residents/",
        {"person": person_a.pk, "role": "owner"},
        content_type=JSON,
    )
    assert response.status_code == 404
    response = client.post(
        f"{API}/units/{unit.pk}/residents/",
        {"person": person_b.pk, "role": "owner"},
        content_type=JSON,
    )
    assert "person" in error_fields(response)
    assert not UnitRelation.objects.exists()
    assert client.get(f"{API}/units/").json()["count"] == 1


# --- Residents and their relations (REG-02) --------------------------------------------------


@pytest.mark.django_db
def test_residents_are_found_by_pinyin_initials(community_a, csr_a, login):
    """REG-02/PLT-08: `q=zs` finds 张三 by initials; pinyin and initials are read-only."""
    zhang = PersonFactory(community=community_a, name="张三")
    PersonFactory(community=community_a, name="李四")
    PersonFactory(community=community_a, name="王五")
    client = login(csr_a)
    found = results(client.get(f"{API}/residents/", {"q": "zs"}))
    assert [p["id"] for p in found] == [zhang.pk]
    assert found[0]["pinyin"] == "zhangsan" and found[0]["initials"] == "zs"
    assert [p["name"] for p in results(client.get(f"{API}/residents/", {"q": "lisi"}))] == ["李四"]

    response = client.post(
        f"{API}/residents/",
        {"name": "欧阳娜娜", "pinyin": "bogus", "initials": "xx", "phone": "138 1234-5678"},
        content_type=JSON,
    )
    assert response.status_code == 201, response.json()
    person = Person.objects.get(name="欧阳娜娜")
    assert (person.pinyin, person.initials, person.phone) == ("ouyangnana", "oynn", "13812345678")
    assert person.community == community_a


@pytest.mark.django_db
def test_id_numbers_are_masked_for_a_csr_and_full_for_the_manager(community_a, csr_a, mgr_a, login):
    """REG-02/PLT-08: a CSR reads 110105********002X in list and detail; the manager the full ID."""
    person = PersonFactory(community=community_a, name="张三", id_number=FULL_ID)
    csr = login(csr_a)
    assert [p["id_number"] for p in results(csr.get(f"{API}/residents/"))] == [MASKED_ID]
    detail = csr.get(f"{API}/residents/{person.pk}/")
    assert detail.json()["id_number"] == MASKED_ID
    assert FULL_ID not in detail.content.decode()
    # An edit by the CSR answers masked too, and keeps the stored number.
    response = csr.patch(
        f"{API}/residents/{person.pk}/", {"workplace": "某公司"}, content_type=JSON
    )
    assert response.status_code == 200 and response.json()["id_number"] == MASKED_ID
    person.refresh_from_db()
    assert person.id_number == FULL_ID and person.workplace == "某公司"
    # Sending back what was read (masked) keeps the stored number, for any ID type.
    other = PersonFactory(
        community=community_a, name="外籍住户", id_type="other", id_number="AB1234567890"
    )
    read = csr.get(f"{API}/residents/{other.pk}/").json()
    assert read["id_number"] == "AB12*****890"
    response = csr.put(f"{API}/residents/{other.pk}/", {**read, "note": "外籍"}, content_type=JSON)
    assert response.status_code == 200, response.json()
    other.refresh_from_db()
    assert other.id_number == "AB1234567890" and other.note == "外籍"

    manager = login(mgr_a)
    assert {p["id_number"] for p in results(manager.get(f"{API}/residents/"))} == {
        FULL_ID,
        "AB1234567890",
    }
    assert manager.get(f"{API}/residents/{person.pk}/").json()["id_number"] == FULL_ID


@pytest.mark.django_db
def test_passport_numbers_are_masked_for_a_csr(community_a, csr_a, login):
    """REG-02/PLT-08: a CSR does not read a resident's full passport number either."""
    PersonFactory(community=community_a, id_type="passport", id_number="E12345678")
    [row] = results(login(csr_a).get(f"{API}/residents/"))
    assert "*" in row["id_number"] and "2345" not in row["id_number"]


@pytest.mark.django_db
def test_adding_and_ending_a_resident_keeps_the_history(community_a, unit, csr_a, tech_a, login):
    """REG-02/PLT-08: a tenant added on the unit and ended later stays in the unit's history."""
    tenant = PersonFactory(community=community_a, name="李租客")
    today = timezone.localdate()
    body = {
        "person": tenant.pk,
        "role": "tenant",
        "start_date": str(today - dt.timedelta(days=60)),
        "end_date": str(today + dt.timedelta(days=300)),
    }
    # TECH may see units but not change residents.
    response = login(tech_a).post(f"{API}/units/{unit.pk}/residents/", body, content_type=JSON)
    assert response.status_code == 403
    assert not UnitRelation.objects.exists()

    client = login(csr_a)
    response = client.post(f"{API}/units/{unit.pk}/residents/", body, content_type=JSON)
    assert response.status_code == 201, response.json()
    created = response.json()
    relation = UnitRelation.objects.get()
    assert created["id"] == relation.pk
    assert (relation.unit, relation.person, relation.role) == (unit, tenant, "tenant")
    assert created["unit_address"] == "3栋2单元1501" and created["person_name"] == "李租客"
    assert created["is_current"] is True

    # Business rules of the service come back in the standard error body.
    again = client.post(f"{API}/units/{unit.pk}/residents/", body, content_type=JSON)
    assert "role" in error_fields(again)
    shared = client.post(
        f"{API}/units/{unit.pk}/residents/",
        {"person": PersonFactory(community=community_a).pk, "role": "tenant", "share": "50"},
        content_type=JSON,
    )
    assert "share" in error_fields(shared)
    assert UnitRelation.objects.count() == 1

    missing = client.post(f"{API}/unit-relations/{relation.pk}/end/", {}, content_type=JSON)
    assert set(error_fields(missing)) == {"end_date", "end_reason"}
    response = client.post(
        f"{API}/unit-relations/{relation.pk}/end/",
        {"end_date": str(today - dt.timedelta(days=1)), "end_reason": "退租"},
        content_type=JSON,
    )
    assert response.status_code == 200, response.json()
    assert response.json()["is_current"] is False
    relation.refresh_from_db()
    assert relation.end_date == today - dt.timedelta(days=1) and relation.end_reason == "退租"
    history = results(client.get(f"{API}/unit-relations/", {"unit": unit.pk}))
    assert [(r["id"], r["end_reason"]) for r in history] == [(relation.pk, "退租")]
    assert Event.objects.filter(verb="relation.ended", target_id=str(relation.pk)).exists()


@pytest.mark.django_db
def test_the_unit_page_and_the_api_link_a_resident_with_one_form(community_a, unit, csr_a, login):
    """REG-02: the unit card's “add resident” and POST units/{id}/residents/ bind the same form:
    a share of 0 % gets the same words on both and links nobody; a start date left out is
    today on both."""
    from django.urls import reverse
    from django.utils import translation

    owner = PersonFactory(community=community_a, name="王业主")
    client = login(csr_a)
    page_url = reverse("estate:relation_add", args=[unit.pk])
    with translation.override("zh-hans"):
        page = client.post(page_url, {"person": "王业主", "role": "owner", "share": "0"})
        api = client.post(
            f"{API}/units/{unit.pk}/residents/",
            {"person": owner.pk, "role": "owner", "share": "0"},
            content_type=JSON,
            headers={"Accept-Language": "zh-hans"},
        )
    assert page.status_code == 400 and api.status_code == 400
    assert page.context["form"].errors["share"] == api.json()["error"]["fields"]["share"]
    assert not UnitRelation.objects.exists()

    response = client.post(page_url, {"person": "王业主", "role": "owner"})
    assert response.status_code == 302, response.context["form"].errors
    assert UnitRelation.objects.get().start_date == timezone.localdate()


@pytest.mark.django_db
def test_unit_relations_are_written_only_through_the_services(community_a, unit, mgr_a, login):
    """REG-02/PLT-08: relations cannot be created, edited or deleted directly: history stays."""
    relation = UnitRelationFactory(community=community_a, unit=unit)
    client = login(mgr_a)
    url = f"{API}/unit-relations/{relation.pk}/"
    assert client.get(url).json()["unit"] == unit.pk
    assert client.delete(url).status_code == 405
    assert client.patch(url, {"role": "tenant"}, content_type=JSON).status_code == 405
    assert client.put(url, {"role": "tenant"}, content_type=JSON).status_code == 405
    response = client.post(
        f"{API}/unit-relations/",
        {"unit": unit.pk, "person": relation.person_id, "role": "family"},
        content_type=JSON,
    )
    assert response.status_code == 405
    relation.refresh_from_db()
    assert relation.role == "owner" and UnitRelation.objects.count() == 1


# --- Parking and vehicles (REG-03) ------------------------------------------------------------


@pytest.mark.django_db
def test_vehicle_plates_are_stored_normalized_and_validated(community_a, unit, mgr_a, login):
    """REG-03/PLT-08: “粤b d1234 5” is stored as 粤BD12345; a malformed plate is refused."""
    owner = PersonFactory(community=community_a)
    client = login(mgr_a)
    response = client.post(
        f"{API}/vehicles/",
        {"plate": "粤b d1234 5", "person": owner.pk, "unit": unit.pk},
        content_type=JSON,
    )
    assert response.status_code == 201, response.json()
    vehicle = Vehicle.objects.get()
    assert vehicle.plate == "粤BD12345" and vehicle.is_active is True
    assert response.json()["plate"] == "粤BD12345"
    assert response.json()["person_name"] == owner.name

    bad = client.post(
        f"{API}/vehicles/", {"plate": "粤B-I2345", "person": owner.pk}, content_type=JSON
    )
    assert "粤B12345" in " ".join(error_fields(bad)["plate"])
    duplicate = client.post(
        f"{API}/vehicles/", {"plate": "粤BD12345", "person": owner.pk}, content_type=JSON
    )
    assert "plate" in error_fields(duplicate)
    assert Vehicle.objects.count() == 1


@pytest.mark.django_db
def test_vehicles_are_found_by_plate_however_typed(community_a, mgr_a, login):
    """REG-03/PLT-08: `q=粤bd 12345` finds 粤BD12345."""
    vehicle = VehicleFactory(community=community_a, plate="粤BD12345")
    VehicleFactory(community=community_a, plate="粤B54321")
    found = results(login(mgr_a).get(f"{API}/vehicles/", {"q": "粤bd 12345"}))
    assert [v["id"] for v in found] == [vehicle.pk]


@pytest.mark.django_db
def test_parking_areas_and_spaces_by_api(community_a, unit, mgr_a, login):
    """REG-03/PLT-08: a parking area and its spaces, unique numbers within the area."""
    client = login(mgr_a)
    response = client.post(
        f"{API}/parking-areas/", {"name": "地下车库", "underground": True}, content_type=JSON
    )
    assert response.status_code == 201, response.json()
    area = ParkingArea.objects.get()
    assert area.underground is True and area.community == community_a
    body = {"area": area.pk, "number": "B001", "kind": "owned", "unit": unit.pk}
    response = client.post(f"{API}/parking-spaces/", body, content_type=JSON)
    assert response.status_code == 201, response.json()
    assert response.json()["area_name"] == "地下车库"
    assert response.json()["unit_address"] == "3栋2单元1501"
    again = client.post(f"{API}/parking-spaces/", body, content_type=JSON)
    assert "number" in error_fields(again)
    assert ParkingSpace.objects.count() == 1
    listed = results(client.get(f"{API}/parking-spaces/", {"area": area.pk, "kind": "owned"}))
    assert [s["number"] for s in listed] == ["B001"]


# --- Meters (REG-04) ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_meter_replace_action_starts_a_new_meter_and_retires_the_old(
    community_a, unit, tech_a, login
):
    """REG-04/PLT-08: replacing a meter creates the new one and takes the old out of use,
    keeping the old final and the new initial reading."""
    old = MeterFactory(community=community_a, unit=unit, serial="W0001", initial_reading=0)
    client = login(tech_a)
    missing = client.post(
        f"{API}/meters/{old.pk}/replace/", {"new_serial": "W0002"}, content_type=JSON
    )
    assert {"old_final_reading", "new_initial_reading", "replaced_on"} <= set(error_fields(missing))
    assert Meter.objects.count() == 1

    body = {
        "new_serial": "W0002",
        "old_final_reading": "1234.50",
        "new_initial_reading": "0",
        "replaced_on": str(timezone.localdate()),
        "reason": "表坏",
    }
    response = client.post(f"{API}/meters/{old.pk}/replace/", body, content_type=JSON)
    assert response.status_code == 201, response.json()
    new = Meter.objects.get(serial="W0002")
    assert response.json()["id"] == new.pk and response.json()["is_active"] is True
    assert (new.unit, new.kind, new.is_active) == (unit, "water", True)
    old.refresh_from_db()
    assert old.is_active is False
    replacement = MeterReplacement.objects.get()
    assert (replacement.old_meter, replacement.new_meter) == (old, new)
    assert replacement.old_final_reading == Decimal("1234.50")

    again = client.post(
        f"{API}/meters/{old.pk}/replace/", {**body, "new_serial": "W0003"}, content_type=JSON
    )
    assert again.status_code == 400
    assert Meter.objects.count() == 2
    active = results(client.get(f"{API}/meters/", {"is_active": "true"}))
    assert [m["serial"] for m in active] == ["W0002"]


@pytest.mark.django_db
def test_meter_written_by_api_follows_its_scope(community_a, unit, mgr_a, login):
    """REG-04/PLT-08: a unit meter needs its unit; a building meter never keeps a unit."""
    client = login(mgr_a)
    response = client.post(
        f"{API}/meters/",
        {"kind": "water", "scope": "unit", "serial": "W9", "multiplier": "1"},
        content_type=JSON,
    )
    assert "unit" in error_fields(response)
    response = client.post(
        f"{API}/meters/",
        {
            "kind": "electricity",
            "scope": "building",
            "building": unit.building_id,
            "unit": unit.pk,
            "serial": "E1",
            "multiplier": "40",
        },
        content_type=JSON,
    )
    assert response.status_code == 201, response.json()
    meter = Meter.objects.get()
    assert meter.unit is None and meter.building == unit.building
    assert meter.multiplier == Decimal("40")


# --- Facilities, vendors, contacts (REG-05, REG-06) ------------------------------------------


@pytest.mark.django_db
def test_facilities_vendors_and_contacts_by_api(community_a, building3, mgr_a, login):
    """REG-05/REG-06/PLT-08: facilities, vendors, external contacts and the liaison log are
    written through their page forms (same rules) and listed with the page filters."""
    client = login(mgr_a)
    bad = client.post(
        f"{API}/vendors/",
        {
            "name": "快修电梯",
            "category": "elevator",
            "contract_start": "2026-06-01",
            "contract_end": "2026-01-01",
        },
        content_type=JSON,
    )
    assert "contract_end" in error_fields(bad)
    assert not Vendor.objects.exists()
    response = client.post(
        f"{API}/vendors/",
        {"name": "快修电梯", "category": "elevator", "contract_end": "2027-01-31"},
        content_type=JSON,
    )
    assert response.status_code == 201, response.json()
    vendor = Vendor.objects.get()

    response = client.post(
        f"{API}/facilities/",
        {
            "kind": "elevator",
            "code": "DT-3-1",
            "name": "3栋1号电梯",
            "building": building3.pk,
            "vendor": vendor.pk,
            "status": "normal",
            "next_inspection": "2026-12-31",
        },
        content_type=JSON,
    )
    assert response.status_code == 201, response.json()
    facility = Facility.objects.get()
    assert (facility.vendor, facility.building, facility.community) == (
        vendor,
        building3,
        community_a,
    )
    due = results(client.get(f"{API}/facilities/", {"inspection_before": "2027-01-01"}))
    assert [f["code"] for f in due] == ["DT-3-1"]
    assert results(client.get(f"{API}/facilities/", {"inspection_before": "2026-01-01"})) == []

    response = client.post(
        f"{API}/external-contacts/",
        {"organization": "街道办", "kind": "committee", "contact_name": "王主任"},
        content_type=JSON,
    )
    assert response.status_code == 201, response.json()
    contact = ExternalContact.objects.get()
    response = client.post(
        f"{API}/liaison-logs/",
        {"contact": contact.pk, "date": "2026-11-20", "channel": "phone", "subject": "消防检查"},
        content_type=JSON,
    )
    assert response.status_code == 201, response.json()
    log = LiaisonLog.objects.get()
    assert log.contact == contact and log.subject == "消防检查"
    assert response.json()["organization"] == "街道办"
    listed = results(client.get(f"{API}/liaison-logs/", {"contact": contact.pk}))
    assert [entry["id"] for entry in listed] == [log.pk]


@pytest.mark.django_db
def test_posts_outside_the_matrix_are_refused(community_a, make_staff, login):
    """REG-06/PLT-08: a cashier may not read the external contacts; security may not see meters."""
    ExternalContact.objects.create(community=community_a, organization="派出所", kind="police")
    assert login(make_staff(community_a, "CSH")).get(f"{API}/external-contacts/").status_code == 403
    assert login(make_staff(community_a, "SEC")).get(f"{API}/meters/").status_code == 403
    mgr = login(make_staff(community_a, "MGR"))
    assert [c["organization"] for c in results(mgr.get(f"{API}/external-contacts/"))] == ["派出所"]


@pytest.mark.django_db
def test_registry_endpoints_are_in_the_schema(community_a, mgr_a, login):
    """PLT-08: every registry resource and action is documented in the OpenAPI schema."""
    schema = login(mgr_a).get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    paths = schema["paths"]
    for name in (
        "buildings",
        "units",
        "residents",
        "unit-relations",
        "parking-areas",
        "parking-spaces",
        "vehicles",
        "meters",
        "facilities",
        "vendors",
        "external-contacts",
        "liaison-logs",
    ):
        assert f"/api/v1/{name}/" in paths and f"/api/v1/{name}/{{id}}/" in paths, name
    assert "post" in paths["/api/v1/units/{id}/residents/"]
    assert "post" in paths["/api/v1/meters/{id}/replace/"]
    assert "post" in paths["/api/v1/unit-relations/{id}/end/"]
    assert set(paths["/api/v1/unit-relations/"]) == {"get"}
    assert set(paths["/api/v1/unit-relations/{id}/"]) == {"get"}
