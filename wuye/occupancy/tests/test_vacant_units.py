"""OCC-05: vacant and unsold units and shops — the list with inspections due (monthly by
default, per community setting), inspections on a phone with a photo (a problem becomes a
work order in the customer-service center, linked), and the register of keys held."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from wuye.estate.tests.factories import UnitFactory
from wuye.occupancy.models import KeyHolding, VacantInspection
from wuye.occupancy.tests.factories import KeyHoldingFactory, VacantInspectionFactory
from wuye.service.models import WorkOrder

ZH = {"Accept-Language": "zh-hans"}
SETTINGS = {
    "decoration_deposit": "2000.00",
    "decoration_hours": "工作日 8:00–18:00",
    "noise_rules": "周末禁止噪音施工",
    "move_in_months": "3",
    "house_rules": "爱护公共设施。",
}


def jpeg(name="room.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def empty(community_a):
    return UnitFactory(
        community=community_a, building__number="8", entrance=1, number="1203", status="vacant"
    )


@pytest.mark.django_db
def test_occ05_the_list_shows_vacant_and_unsold_units_and_which_are_due(
    community_a, empty, csr_a, login
):
    """OCC-05: vacant and unsold units are listed (occupied ones are not); one inspected 40
    days ago and one never inspected are due; one inspected last week is not."""
    unsold = UnitFactory(community=community_a, status="unsold")
    fresh = UnitFactory(community=community_a, status="vacant")
    occupied = UnitFactory(community=community_a, status="occupied")
    today = timezone.localdate()
    VacantInspectionFactory(
        community=community_a, unit=empty, inspected_on=today - dt.timedelta(days=40)
    )
    VacantInspectionFactory(
        community=community_a, unit=fresh, inspected_on=today - dt.timedelta(days=6)
    )
    KeyHoldingFactory(community=community_a, unit=unsold)
    client = login(csr_a)
    listing = client.get(reverse("occupancy:vacantunit_list"), headers=ZH).content.decode()
    assert empty.code in listing and unsold.code in listing and fresh.code in listing
    assert occupied.code not in listing
    due = client.get("/api/v1/vacant-units/", {"due": "true"}).json()["results"]
    assert sorted(row["code"] for row in due) == sorted([empty.code, unsold.code])
    row = next(
        r for r in client.get("/api/v1/vacant-units/").json()["results"] if r["code"] == unsold.code
    )
    assert row["keys_held"] == 1 and row["last_inspected"] is None


@pytest.mark.django_db
def test_occ05_the_interval_is_a_community_setting(community_a, empty, make_staff, csr_a, login):
    """OCC-05: monthly by default; the CS supervisor sets 14 days and a unit inspected 20 days
    ago becomes due; a CSR may read the setting but not change it."""
    VacantInspectionFactory(
        community=community_a, unit=empty, inspected_on=timezone.localdate() - dt.timedelta(days=20)
    )
    desk = login(csr_a)
    assert desk.get("/api/v1/vacant-units/", {"due": "true"}).json()["count"] == 0
    assert desk.get(reverse("occupancy:settings")).status_code == 200
    assert (
        desk.post(reverse("occupancy:settings"), {"vacant_inspection_days": 14}).status_code == 403
    )
    supervisor = login(make_staff(community_a, "CSS"))
    saved = supervisor.post(
        reverse("occupancy:settings"), dict(SETTINGS, vacant_inspection_days=14)
    )
    assert saved.status_code == 302
    assert desk.get("/api/v1/vacant-units/", {"due": "true"}).json()["count"] == 1
    bad = supervisor.post(reverse("occupancy:settings"), dict(SETTINGS, vacant_inspection_days=0))
    assert bad.status_code == 400


@pytest.mark.django_db
def test_occ05_an_inspection_in_order_is_recorded_with_its_photo(empty, csr_a, login):
    client = login(csr_a)
    response = client.post(
        reverse("occupancy:vacantunit_detail", args=[empty.pk]),
        {
            "action": "inspect",
            "doors_ok": "on",
            "windows_ok": "on",
            "water_ok": "on",
            "no_leak": "on",
            "photo": jpeg(),
        },
    )
    assert response.status_code == 302
    inspection = VacantInspection.objects.get()
    assert inspection.all_ok and inspection.work_order is None
    photo = client.get(reverse("occupancy:vacantinspection_photo", args=[inspection.pk]))
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
    assert not WorkOrder.objects.exists()


@pytest.mark.django_db
def test_occ05_a_leak_found_becomes_a_linked_work_order(empty, csr_a, login):
    """OCC-05: a leak found on the inspection needs its description, and is registered as a
    repair work order (channel: patrol) with the photo, linked from the inspection."""
    client = login(csr_a)
    refused = client.post(
        f"/api/v1/vacant-units/{empty.pk}/inspect/",
        {
            "doors_ok": "true",
            "windows_ok": "true",
            "water_ok": "true",
            "no_leak": "false",
            "photo": jpeg(),
        },
    )
    assert refused.status_code == 400 and "findings" in refused.json()["error"]["fields"]
    assert not VacantInspection.objects.exists() and not WorkOrder.objects.exists()
    made = client.post(
        f"/api/v1/vacant-units/{empty.pk}/inspect/",
        {
            "doors_ok": "true",
            "windows_ok": "true",
            "water_ok": "true",
            "no_leak": "false",
            "findings": "卫生间天花板渗水",
            "photo": jpeg(),
        },
    )
    assert made.status_code == 201, made.content
    order = WorkOrder.objects.get()
    assert made.json()["work_order"] == order.pk and order.unit == empty
    assert order.channel == "patrol" and "卫生间天花板渗水" in order.description
    assert order.photos.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes, field",
    [
        ({"photo": None}, "photo"),
        ({"photo": "not-a-photo"}, "photo"),
        ({"inspected_on": "2099-01-01"}, "inspected_on"),
    ],
)
def test_occ05_bad_inspections_change_nothing(empty, csr_a, login, changes, field):
    data = {
        "doors_ok": "true",
        "windows_ok": "true",
        "water_ok": "true",
        "no_leak": "true",
        "photo": jpeg(),
    }
    if changes.get("photo") == "not-a-photo":
        changes = {"photo": SimpleUploadedFile("x.jpg", b"%PDF-1.4 not a picture")}
    data.update(changes)
    data = {k: v for k, v in data.items() if v is not None}
    response = login(csr_a).post(f"/api/v1/vacant-units/{empty.pk}/inspect/", data)
    assert response.status_code == 400 and field in response.json()["error"]["fields"], (
        response.content
    )
    assert not VacantInspection.objects.exists()


@pytest.mark.django_db
def test_occ05_an_occupied_unit_is_not_inspected_as_vacant(community_a, csr_a, login):
    occupied = UnitFactory(community=community_a, status="occupied")
    response = login(csr_a).post(
        reverse("occupancy:vacantunit_detail", args=[occupied.pk]),
        {"action": "inspect", "doors_ok": "on", "photo": jpeg()},
    )
    assert response.status_code == 404  # not on the vacant list at all
    assert not VacantInspection.objects.exists()


@pytest.mark.django_db
def test_occ05_keys_are_received_and_returned_once(empty, csr_a, login):
    """OCC-05: keys from the developer go into the register with their slot; returned to the
    owner once; a second return is refused."""
    client = login(csr_a)
    received = client.post(
        f"/api/v1/vacant-units/{empty.pk}/receive-keys/",
        {
            "keys": "入户门钥匙2把、信箱钥匙1把",
            "key_count": 3,
            "received_from": "开发商王经理",
            "cabinet_slot": "A-12",
        },
        content_type="application/json",
    )
    assert received.status_code == 201, received.content
    holding = KeyHolding.objects.get()
    page = client.post(
        reverse("occupancy:keyholding_action", args=[holding.pk]),
        {
            "action": "return",
            "returned_to": "业主刘洋",
            "next": reverse("occupancy:vacantunit_detail", args=[empty.pk]),
        },
    )
    assert page.status_code == 302
    holding.refresh_from_db()
    assert holding.returned_to == "业主刘洋" and holding.returned_on == timezone.localdate()
    again = client.post(
        f"/api/v1/keys-held/{holding.pk}/return/",
        {"returned_to": "别人"},
        content_type="application/json",
    )
    assert again.status_code == 400 and again.json()["error"]["code"] == "wrong_status"
    bad = client.post(
        f"/api/v1/vacant-units/{empty.pk}/receive-keys/",
        {"keys": "钥匙", "key_count": 0, "received_from": "x"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "key_count" in bad.json()["error"]["fields"]
    assert KeyHolding.objects.count() == 1
