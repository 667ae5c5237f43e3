"""OCC-07 (CSD-8): value-added services — agency listings (代理出租、出售) with photos, viewings and
the deal closed with the agency fee billed to the unit; the paid service catalog, whose orders
are billed at the catalog price through billing and done as work orders by customer service."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from wuye.billing.models import Bill
from wuye.billing.services.counter import collect_payment
from wuye.estate.tests.factories import PersonFactory, UnitFactory, UnitRelationFactory
from wuye.occupancy.models import Listing, ServiceOrder
from wuye.occupancy.tests.factories import PaidServiceFactory
from wuye.service.models import WorkOrder

D = Decimal
ZH = {"Accept-Language": "zh-hans"}


def png(name="room.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def home(community_a):
    unit = UnitFactory(community=community_a, building__number="3", entrance=1, number="802")
    owner = PersonFactory(community=community_a, name="苏明远", phone="13800008888")
    UnitRelationFactory(
        community=community_a, unit=unit, person=owner, role="owner", start_date=dt.date(2020, 1, 1)
    )
    return unit


def listing_body(**changes):
    data = {
        "unit": "3-1-802",
        "kind": "rent",
        "owner_name": "苏明远",
        "owner_phone": "13800008888",
        "asking_price": "4200.00",
        "description": "三室两厅，精装修，拎包入住",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_occ07_a_unit_is_listed_viewed_and_let_with_the_fee_billed(home, csr_a, login):
    """OCC-07: the owner's flat listed for rent with two photos, two viewings logged, the deal
    closed at 4,000 a month with a 2,000 agency fee billed to the unit and paid at the counter."""
    client = login(csr_a)
    made = client.post("/api/v1/listings/", {**listing_body(), "photos": [png(), png("b.png")]})
    assert made.status_code == 201, made.content
    listing = Listing.objects.get()
    assert listing.number == f"DL{timezone.localdate().year}00001"
    assert listing.photos.count() == 2 and made.json()["photo_count"] == 2
    url = f"/api/v1/listings/{listing.pk}"
    for name in ("赵先生", "钱女士"):
        viewing = client.post(
            f"{url}/viewing/",
            {
                "viewed_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
                "visitor_name": name,
                "visitor_phone": "13911112222",
                "feedback": "满意，考虑中",
            },
            content_type="application/json",
        )
        assert viewing.status_code == 201, viewing.content
    closed = client.post(
        f"{url}/close/",
        {
            "deal_price": "4000.00",
            "deal_on": f"{timezone.localdate():%Y-%m-%d}",
            "counterparty": "钱女士",
            "agency_fee": "2000.00",
        },
        content_type="application/json",
    )
    assert closed.status_code == 200, closed.content
    body = closed.json()
    assert body["status"] == "closed" and len(body["viewings"]) == 2
    bill = Bill.objects.get(pk=body["fee_bill"])
    assert bill.unit == home and bill.total == D("2000.00")
    line = bill.lines.get()
    assert line.fee_item.code == "DLF" and listing.number in line.formula
    page = client.get(f"/occupancy/listings/{listing.pk}/", headers=ZH)
    assert page.status_code == 200 and "钱女士" in page.content.decode()
    photo = listing.photos.first()
    assert client.get(f"/occupancy/listings/photos/{photo.pk}/").status_code == 200


@pytest.mark.django_db
def test_occ07_a_listing_refuses_bad_input(home, csr_a, login, community_b):
    """OCC-07: not the owner, no price, a second listing of the same kind, a file that is not a
    photo, a unit of another service center: a clear error and nothing saved."""
    client = login(csr_a)
    other = UnitFactory(community=community_b, building__number="9", number="101")
    for changes, field in (
        ({"owner_name": "路人甲"}, "owner_name"),
        ({"asking_price": "0"}, "asking_price"),
        ({"unit": str(other.pk)}, "unit"),
    ):
        answer = client.post(
            "/api/v1/listings/", listing_body(**changes), content_type="application/json"
        )
        assert answer.status_code == 400 and field in answer.json()["error"]["fields"], changes
    fake = client.post(
        "/api/v1/listings/",
        {**listing_body(), "photos": [SimpleUploadedFile("x.png", b"MZ not an image")]},
        headers=ZH,
    )
    assert fake.status_code == 400
    assert not Listing.objects.exists()
    assert (
        client.post(
            "/api/v1/listings/", listing_body(), content_type="application/json"
        ).status_code
        == 201
    )
    twice = client.post(
        "/api/v1/listings/", listing_body(), content_type="application/json", headers=ZH
    )
    assert twice.status_code == 400 and "已在代理" in twice.json()["error"]["message"]
    sale = client.post(
        "/api/v1/listings/", listing_body(kind="sale"), content_type="application/json"
    )
    assert sale.status_code == 201  # for sale as well as for rent: another listing


@pytest.mark.django_db
def test_occ07_a_paid_service_is_billed_at_the_catalog_price_and_done_as_a_work_order(
    home, csr_a, mgr_a, login
):
    """OCC-07: three hours of housekeeping at 50 元 ordered at the counter: a 150 元 bill under the
    paid-service item and a service request work order for the unit; cancelled before payment,
    both are cancelled; a paid order cannot be cancelled."""
    service = PaidServiceFactory(community=home.community, name="日常保洁", price=D("50.00"))
    client = login(csr_a)
    body = {
        "unit": "3-1-802",
        "service": service.pk,
        "quantity": "3",
        "contact_name": "苏明远",
        "contact_phone": "13800008888",
        "wanted_on": f"{timezone.localdate() + dt.timedelta(days=2):%Y-%m-%d}",
        "channel": "counter",
        "note": "上午来",
    }
    made = client.post("/api/v1/service-orders/", body, content_type="application/json")
    assert made.status_code == 201, made.content
    order = ServiceOrder.objects.get()
    assert order.amount == D("150.00") and order.unit_price == D("50.00")
    assert order.bill.total == D("150.00") and order.bill.lines.get().fee_item.code == "YCFW"
    work = order.work_order
    assert work.kind == "request" and work.unit == home and order.number in work.description
    assert made.json()["work_order_status"] == "registered"

    service.price = D("60.00")
    service.save()
    order.refresh_from_db()
    assert order.amount == D("150.00")  # a new price applies to new orders only

    manager = login(mgr_a)
    cancelled = manager.post(
        f"/api/v1/service-orders/{order.pk}/cancel/",
        {"reason": "业主改期"},
        content_type="application/json",
    )
    assert cancelled.status_code == 200, cancelled.content
    order.refresh_from_db()
    assert order.status == "cancelled" and order.bill.status == "cancelled"
    assert WorkOrder.objects.get(pk=work.pk).status == "cancelled"

    second = client.post("/api/v1/service-orders/", body, content_type="application/json")
    paid_order = ServiceOrder.objects.get(pk=second.json()["id"])
    assert paid_order.amount == D("180.00")
    collect_payment(
        unit=home,
        amount=D("180.00"),
        channel="cash",
        cashier=mgr_a,
        idempotency_key="zf-paid-1",
        bill_ids=[paid_order.bill_id],
    )
    refused = manager.post(
        f"/api/v1/service-orders/{paid_order.pk}/cancel/",
        {"reason": "不需要了"},
        content_type="application/json",
        headers=ZH,
    )
    assert refused.status_code == 400 and "退款" in refused.json()["error"]["message"]
    paid_order.refresh_from_db()
    assert paid_order.status == "ordered" and paid_order.work_order.status == "registered"
    assert (
        client.post(
            f"/api/v1/service-orders/{paid_order.pk}/cancel/",
            {"reason": "x"},
            content_type="application/json",
        ).status_code
        == 403
    )  # a CSR does not cancel work orders


@pytest.mark.django_db
def test_occ07_the_catalog_is_kept_on_its_page(community_a, mgr_a, login):
    """OCC-07: the manager adds a catalog item in Chinese; a second one of the same name is
    refused on its field."""
    client = login(mgr_a)
    data = {
        "_community": community_a.pk,
        "name": "开荒保洁",
        "category": "cleaning",
        "price": "8.00",
        "per": "平方米",
        "is_active": "on",
    }
    assert client.post("/occupancy/paid-services/add/", data, headers=ZH).status_code == 302
    again = client.post("/occupancy/paid-services/add/", data, headers=ZH)
    assert again.status_code == 400 and "已有此服务" in again.content.decode()
    listing = client.get("/occupancy/paid-services/", headers=ZH)
    assert "开荒保洁" in listing.content.decode()
