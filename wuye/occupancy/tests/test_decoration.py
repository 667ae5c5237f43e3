"""OCC-03 (CSR-5): decoration — applied for by one of the unit's people with the contractor,
reviewed (risky works flagged and noted), the deposit taken at the counter through billing's
deposits (a receipt; a retried submission takes nothing twice) and the permit issued with its
QR code, workers registered with passes; one open decoration per unit (the database says so)."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from wuye.billing.models import Bill, Deposit, Payment
from wuye.estate.tests.factories import PersonFactory, UnitFactory, UnitRelationFactory
from wuye.occupancy.models import DecorationPermit
from wuye.occupancy.tests.factories import DecorationPermitFactory

D = Decimal
ZH = {"Accept-Language": "zh-hans"}


@pytest.fixture
def home(community_a):
    unit = UnitFactory(community=community_a, building__number="6", entrance=2, number="901")
    owner = PersonFactory(community=community_a, name="林国栋")
    UnitRelationFactory(
        community=community_a, unit=unit, person=owner, role="owner", start_date=dt.date(2020, 1, 1)
    )
    return unit


def application(**changes):
    today = timezone.localdate()
    data = {
        "unit": "6-2-901",
        "applicant_name": "林国栋",
        "applicant_phone": "13911112222",
        "contractor": "美家装饰工程有限公司",
        "contractor_leader": "王师傅",
        "contractor_phone": "13722223333",
        "scope": "厨房、卫生间翻新；客厅铺木地板",
        "start_date": today.isoformat(),
        "end_date": (today + dt.timedelta(days=60)).isoformat(),
        "wet_area_plumbing": True,
    }
    data.update(changes)
    return data


def applied(client, **changes):
    response = client.post(
        "/api/v1/decoration-permits/", application(**changes), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    return DecorationPermit.objects.get(pk=response.json()["id"])


@pytest.fixture
def desk(community_a, make_staff, login):
    """A front-desk CSR who also keeps the counter (both posts, as in a small center)."""
    user = make_staff(community_a, "CSR", username="desk_a", name="前台小陈")
    from wuye.org.models import Membership

    Membership.objects.create(community=community_a, user=user, post="CSH")
    return login(user)


@pytest.mark.django_db
def test_occ03_applied_reviewed_deposit_held_and_permit_issued(home, desk, rendered_pdfs):
    """OCC-03: the application flags wet-area plumbing; approval needs a note on it; the
    deposit is taken at the counter (a receipt, held in billing) with the management fee billed
    to the unit, and the permit is issued and printed with its QR code and the house rules."""
    permit = applied(desk)
    assert permit.number == f"ZX{timezone.localdate().year}000001" and permit.status == "applied"
    with translation.override("zh-hans"):
        refused = desk.post(
            f"/api/v1/decoration-permits/{permit.pk}/approve/", {}, content_type="application/json"
        )
    assert refused.status_code == 400 and "note" in refused.json()["error"]["fields"]
    approved = desk.post(
        f"/api/v1/decoration-permits/{permit.pk}/approve/",
        {"note": "卫生间须重做防水并闭水试验48小时"},
        content_type="application/json",
    )
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    key = uuid.uuid4().hex
    body = {
        "deposit": "2000.00",
        "management_fee": "300.00",
        "channel": "cash",
        "idempotency_key": key,
    }
    issued = desk.post(
        f"/api/v1/decoration-permits/{permit.pk}/issue/", body, content_type="application/json"
    )
    assert issued.status_code == 200, issued.content
    assert issued.json()["status"] == "issued" and issued.json()["deposit_amount"] == "2000.00"
    deposit = Deposit.objects.get()
    assert deposit.amount == D("2000.00") and deposit.unit == home and deposit.status == "held"
    assert deposit.payment.receipt is not None and permit.number in deposit.purpose
    fee = Bill.objects.get(unit=home)
    assert fee.total == D("300.00") and fee.lines.get().fee_item.code == "ZXGL"
    again = desk.post(
        f"/api/v1/decoration-permits/{permit.pk}/issue/", body, content_type="application/json"
    )
    assert again.status_code == 200  # the same submission: nothing taken twice
    assert Payment.objects.count() == 1 and Deposit.objects.count() == 1
    printed = desk.get(reverse("occupancy:decorationpermit_pdf", args=[permit.pk]))
    assert printed.status_code == 200
    assert "<svg" in rendered_pdfs[0] and "装修许可证" in rendered_pdfs[0]
    assert "闭水试验" in rendered_pdfs[0] and "¥2000.00" in rendered_pdfs[0]


@pytest.mark.django_db
def test_occ03_only_the_counter_takes_the_deposit(home, csr_a, login):
    """OCC-03: a CSR without the cashier's post reviews but cannot take money: 403."""
    client = login(csr_a)
    permit = applied(client, wet_area_plumbing=False)
    client.post(
        f"/api/v1/decoration-permits/{permit.pk}/approve/", {}, content_type="application/json"
    )
    response = client.post(
        f"/api/v1/decoration-permits/{permit.pk}/issue/",
        {"deposit": "2000.00", "channel": "cash", "idempotency_key": uuid.uuid4().hex},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not Deposit.objects.exists()
    permit.refresh_from_db()
    assert permit.status == "approved"


@pytest.mark.django_db
def test_occ03_one_open_decoration_per_unit(home, desk, community_a):
    """OCC-03: a second application while one is open is refused; the database refuses it
    too when written past the service; after a rejection the unit may apply again."""
    first = applied(desk)
    second = desk.post(
        "/api/v1/decoration-permits/", application(), content_type="application/json"
    )
    assert second.status_code == 400 and first.number in second.json()["error"]["message"]
    with pytest.raises(IntegrityError), transaction.atomic():
        DecorationPermitFactory(community=community_a, unit=home)
    desk.post(
        f"/api/v1/decoration-permits/{first.pk}/reject/",
        {"note": "图纸不全"},
        content_type="application/json",
    )
    assert applied(desk).status == "applied"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes, field",
    [
        ({"end_date": "2020-01-01"}, "end_date"),  # ends before it starts
        ({"applicant_name": "陌生人"}, "applicant_name"),
        ({"contractor_phone": "123"}, "contractor_phone"),
        ({"scope": "  "}, "scope"),
        ({"unit": "9-9-9999"}, "unit"),
        ({"load_bearing": "maybe"}, "load_bearing"),
    ],
)
def test_occ03_bad_applications_change_nothing(home, desk, changes, field):
    response = desk.post(
        "/api/v1/decoration-permits/", application(**changes), content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]
    assert not DecorationPermit.objects.exists()


@pytest.mark.django_db
def test_occ03_a_permit_for_a_unit_of_another_community_is_refused(home, desk, community_b):
    foreign = UnitFactory(community=community_b)
    response = desk.post(
        "/api/v1/decoration-permits/", application(unit=foreign.pk), content_type="application/json"
    )
    assert response.status_code == 400 and "unit" in response.json()["error"]["fields"]
    assert not DecorationPermit.objects.exists()


@pytest.mark.django_db
def test_occ03_workers_get_passes_and_their_ids_are_checked_and_masked(home, desk):
    permit = applied(desk, wet_area_plumbing=False)
    desk.post(
        f"/api/v1/decoration-permits/{permit.pk}/approve/", {}, content_type="application/json"
    )
    bad = desk.post(
        f"/api/v1/decoration-permits/{permit.pk}/add-worker/",
        {"name": "张三", "id_number": "110105194912310021", "phone": "13600001111"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "id_number" in bad.json()["error"]["fields"]
    added = desk.post(
        f"/api/v1/decoration-permits/{permit.pk}/add-worker/",
        {
            "name": "张三",
            "id_number": "11010519491231002x",
            "phone": "13600001111",
            "trade": "水电工",
        },
        content_type="application/json",
    )
    assert added.status_code == 200, added.content
    worker = added.json()["workers"][0]
    assert worker["pass_number"] == f"{permit.number}-01" and "*" in worker["id_number"]
    twice = desk.post(
        f"/api/v1/decoration-permits/{permit.pk}/add-worker/",
        {"name": "张三", "id_number": "11010519491231002X", "phone": "13600001111"},
        content_type="application/json",
    )
    assert twice.status_code == 400 and permit.workers.count() == 1


@pytest.mark.django_db
def test_occ03_overdue_and_ending_permits_are_listed(home, desk):
    """OCC-03: an issued permit past its end date is listed as overdue, one ending within
    three days as ending; the permit's page says it is overdue."""
    permit = applied(desk, wet_area_plumbing=False)
    desk.post(
        f"/api/v1/decoration-permits/{permit.pk}/approve/", {}, content_type="application/json"
    )
    desk.post(
        f"/api/v1/decoration-permits/{permit.pk}/issue/",
        {"deposit": "2000.00", "channel": "cash", "idempotency_key": uuid.uuid4().hex},
        content_type="application/json",
    )
    today = timezone.localdate()
    DecorationPermit.objects.filter(pk=permit.pk).update(
        start_date=today - dt.timedelta(days=90), end_date=today - dt.timedelta(days=1)
    )
    overdue = desk.get("/api/v1/decoration-permits/", {"period": "overdue"}).json()["results"]
    ending = desk.get("/api/v1/decoration-permits/", {"period": "ending"}).json()["results"]
    assert [p["number"] for p in overdue] == [permit.number] and ending == []
    page = desk.get(permit.get_absolute_url(), headers=ZH).content.decode()
    assert "已逾期" in page


@pytest.mark.django_db
def test_occ03_the_application_takes_the_drawings(home, desk):
    """OCC-03: the drawings of the works come with the application — a PDF and a photo are
    kept and listed on the permit (the PDF downloaded, never shown inline); a file that only
    says it is a PDF is refused and nothing is saved."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "PNG")
    data = {k: str(v).lower() if isinstance(v, bool) else v for k, v in application().items()}
    fake = desk.post(
        "/api/v1/decoration-permits/",
        {**data, "drawings": [SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 not a pdf")]},
        headers=ZH,
    )
    assert fake.status_code == 400 and "drawings" in fake.json()["error"]["fields"]
    assert not DecorationPermit.objects.exists()
    made = desk.post(
        "/api/v1/decoration-permits/",
        {
            **data,
            "drawings": [
                SimpleUploadedFile("平面布置图.pdf", b"%PDF-1.4\n%fake but headed\n"),
                SimpleUploadedFile("水电图.png", buffer.getvalue()),
            ],
        },
    )
    assert made.status_code == 201, made.content
    permit = DecorationPermit.objects.get()
    names = sorted(d.name for d in permit.drawings.all())
    assert names == ["平面布置图.pdf", "水电图.png"]
    page = desk.get(permit.get_absolute_url(), headers=ZH).content.decode()
    assert "平面布置图.pdf" in page
    pdf = permit.drawings.get(name="平面布置图.pdf")
    served = desk.get(reverse("occupancy:decorationdrawing_file", args=[pdf.pk]))
    assert served.status_code == 200 and served["Content-Type"] == "application/pdf"
    assert served["Content-Disposition"].startswith("attachment")
