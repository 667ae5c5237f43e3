"""OCC-03 (CSR-5), the works under way: patrols on a phone (a violation gets a rectification
notice with a deadline, printed, followed until put right), the completion check with what is
kept back, and the deposit refunded through billing — deposit, deductions and refund tie out."""

import datetime as dt
import io
import uuid
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from wuye.billing.models import Deposit, Refund
from wuye.billing.services.approvals import decide_refund, pay_out_refund
from wuye.estate.tests.factories import PersonFactory, UnitFactory, UnitRelationFactory
from wuye.occupancy.models import DecorationInspection
from wuye.occupancy.services import decoration
from wuye.org.models import Membership

D = Decimal
ZH = {"Accept-Language": "zh-hans"}


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "gray").save(buffer, "JPEG")
    return SimpleUploadedFile("site.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def works(community_a, make_staff):
    """A permit issued for 6-2-901 with a ¥2,000 deposit held; the desk clerk keeps the
    counter too."""
    unit = UnitFactory(community=community_a, building__number="6", entrance=2, number="901")
    owner = PersonFactory(community=community_a, name="林国栋")
    UnitRelationFactory(
        community=community_a, unit=unit, person=owner, role="owner", start_date=dt.date(2020, 1, 1)
    )
    desk = make_staff(community_a, "CSR", username="desk_a")
    Membership.objects.create(community=community_a, user=desk, post="CSH")
    today = timezone.localdate()
    permit = decoration.apply_permit(
        community=community_a,
        unit=unit,
        applicant_name="林国栋",
        applicant_phone="13911112222",
        contractor="美家装饰",
        contractor_leader="王师傅",
        contractor_phone="13722223333",
        scope="客厅铺木地板",
        start_date=today,
        end_date=today + dt.timedelta(days=30),
        actor=desk,
    )
    decoration.approve_permit(permit, actor=desk)
    permit = decoration.issue_permit(
        permit, actor=desk, deposit=D("2000.00"), channel="cash", idempotency_key=uuid.uuid4().hex
    )
    return permit, desk


@pytest.mark.django_db
def test_occ03_a_violation_gets_a_notice_with_a_deadline_and_is_put_right(
    works, make_staff, community_a, login, rendered_pdfs
):
    """OCC-03: the guard on patrol finds the façade altered: a notice ZX…-ZG01 with its
    deadline (printable); a violation without a deadline is refused; the notice is put right
    on the follow-up round."""
    permit, _desk = works
    guard = login(make_staff(community_a, "SEC"))
    refused = guard.post(
        f"/api/v1/decoration-permits/{permit.pk}/inspect/",
        {"violation": "true", "findings": "擅自拆改阳台窗户"},
    )
    assert refused.status_code == 400 and "deadline" in refused.json()["error"]["fields"]
    deadline = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    made = guard.post(
        f"/api/v1/decoration-permits/{permit.pk}/inspect/",
        {
            "violation": "true",
            "findings": "擅自拆改阳台窗户",
            "deadline": deadline,
            "photo": jpeg(),
        },
    )
    assert made.status_code == 201, made.content
    assert made.json()["notice_number"] == f"{permit.number}-ZG01" and made.json()["open"]
    inspection = DecorationInspection.objects.get()
    notice = guard.get(reverse("occupancy:decorationinspection_notice", args=[inspection.pk]))
    assert notice.status_code == 200 and "装修整改通知书" in rendered_pdfs[0]
    assert "擅自拆改阳台窗户" in rendered_pdfs[0]
    photo = guard.get(reverse("occupancy:decorationinspection_photo", args=[inspection.pk]))
    assert photo.status_code == 200
    done = guard.post(inspection.get_absolute_url(), {"action": "rectified", "note": "已恢复原窗"})
    assert done.status_code == 302
    inspection.refresh_from_db()
    assert not inspection.open and inspection.rectified_note == "已恢复原窗"


@pytest.mark.django_db
def test_occ03_completion_waits_for_open_notices(works):
    permit, desk = works
    decoration.inspect_permit(
        permit,
        actor=desk,
        violation=True,
        findings="垃圾堆放楼道",
        deadline=timezone.localdate() + dt.timedelta(days=1),
    )
    with translation.override("zh-hans"), pytest.raises(Exception) as refused:
        decoration.complete_permit(permit, actor=desk, note="验收合格")
    assert "尚未整改" in str(refused.value) and permit.number in str(refused.value)


@pytest.mark.django_db
def test_occ03_the_deposit_is_refunded_less_deductions_and_ties_out_in_billing(
    works, community_a, make_staff, login
):
    """OCC-03: the completion check keeps ¥300 back for a damaged corridor wall; the cashier
    asks finance for the refund; finance approves and pays out ¥1,700: the deposit is settled
    with 1,700 refunded and 300 deducted, exactly its 2,000."""
    permit, desk = works
    client = login(desk)
    too_much = client.post(
        f"/api/v1/decoration-permits/{permit.pk}/complete/",
        {"note": "验收合格", "deductions": [{"reason": "楼道墙面损坏", "amount": "2500.00"}]},
        content_type="application/json",
    )
    assert too_much.status_code == 400 and "deductions" in too_much.json()["error"]["fields"]
    completed = client.post(
        f"/api/v1/decoration-permits/{permit.pk}/complete/",
        {
            "note": "验收合格，楼道墙面有损坏",
            "deductions": [{"reason": "楼道墙面修复", "amount": "300"}],
        },
        content_type="application/json",
    )
    assert completed.status_code == 200 and completed.json()["status"] == "completed"
    requested = client.post(
        f"/api/v1/decoration-permits/{permit.pk}/refund/", content_type="application/json"
    )
    assert requested.status_code == 200, requested.content
    refund = Refund.objects.get()
    assert refund.amount == D("1700.00") and refund.deposit == permit.deposit
    twice = client.post(
        f"/api/v1/decoration-permits/{permit.pk}/refund/", content_type="application/json"
    )
    assert twice.status_code == 400 and Refund.objects.count() == 1
    finance = make_staff(community_a, "FIN")
    decide_refund(refund, approve=True, actor=finance)
    pay_out_refund(refund, actor=desk, channel="transfer", reference="TR-001")  # not the approver
    deposit = Deposit.objects.get()
    assert deposit.status == "settled"
    assert deposit.refunded == D("1700.00") and deposit.deducted == D("300.00")
    assert deposit.refunded + deposit.deducted == deposit.amount
    page = client.get(permit.get_absolute_url(), headers=ZH).content.decode()
    assert "楼道墙面修复" in page


@pytest.mark.django_db
def test_occ03_patrols_only_while_the_works_are_under_way(works, community_a, csr_a, login):
    permit, desk = works
    decoration.complete_permit(permit, actor=desk, note="验收合格")
    response = login(csr_a).post(
        f"/api/v1/decoration-permits/{permit.pk}/inspect/", {"violation": "false"}
    )
    assert response.status_code == 400 and response.json()["error"]["code"] == "wrong_status"
    assert not DecorationInspection.objects.exists()
