"""BIL-08 prepayments, BIL-09 deposits, BIL-10 waivers: every money movement has its record,
refunds and waivers need approval by the right post, nothing is edited in place."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from wuye.billing.models import (
    Bill,
    BillingPolicy,
    BillLine,
    Deposit,
    Payment,
    Refund,
    Waiver,
    WalletEntry,
)
from wuye.billing.services.approvals import (
    decide_refund,
    decide_waiver,
    request_refund,
    request_waiver,
)
from wuye.billing.services.counter import collect_payment, void_payment
from wuye.billing.services.ledger import open_lines, wallet_balance
from wuye.billing.services.runs import confirm_run, preview_run
from wuye.billing.services.wallet import collect_deposit, offset_from_wallet
from wuye.billing.tests.factories import (
    BillFactory,
    BillLineFactory,
    FeeItemFactory,
    FeeStandardFactory,
    monthly_fee,
)
from wuye.core.errors import DomainError
from wuye.estate.tests.factories import BuildingFactory, UnitFactory

D = Decimal


def key():
    return uuid.uuid4().hex


@pytest.fixture
def home(community_a):
    monthly_fee(community_a)  # 2.50 a m² a month: 12 months of it may be paid ahead
    return UnitFactory(community=community_a)


@pytest.fixture
def fin(community_a, make_staff):
    return make_staff(community_a, "FIN")


@pytest.mark.django_db
def test_top_up_is_a_receipted_payment_into_the_wallet(home, csh_a):
    """BIL-08: a top-up issues a receipt and adds to the unit's prepayment ledger."""
    payment = collect_payment(
        unit=home,
        amount=D("500"),
        channel="wechat",
        cashier=csh_a,
        idempotency_key=key(),
        purpose="top_up",
    )
    assert payment.receipt.number and payment.to_prepayment == D("500.00")
    assert wallet_balance(home) == D("500.00")
    assert WalletEntry.objects.get().kind == "top_up"


@pytest.mark.django_db
def test_top_up_is_capped_by_the_policy(community_a, home, csh_a):
    """BIL-08: at most 12 months (default) of the unit's monthly fee may be paid ahead — before
    its first billing run, the fee its area would be charged (89.50 m² × 2.50 = 223.75 a month,
    so 2,685.00); after a run, its last run bill per month."""
    BillFactory(community=community_a, unit=home, total=D("200.00"))  # a one-off bill: no basis
    with pytest.raises(DomainError):
        collect_payment(
            unit=home,
            amount=D("2685.01"),
            channel="cash",
            cashier=csh_a,
            idempotency_key=key(),
            purpose="top_up",
        )
    collect_payment(
        unit=home,
        amount=D("2685.00"),
        channel="cash",
        cashier=csh_a,
        idempotency_key=key(),
        purpose="top_up",
    )
    assert wallet_balance(home) == D("2685.00")


@pytest.mark.django_db
def test_new_bills_are_offset_from_prepayment_after_a_run(
    community_a, home, csh_a, django_capture_on_commit_callbacks
):
    """BIL-08: with the policy switch on, a run's new bills are paid from the wallet at once."""
    building = BuildingFactory(community=community_a)
    unit = UnitFactory(
        community=community_a,
        building=building,
        status="occupied",
        handover_date=dt.date(2020, 1, 1),
        gross_area=D("80"),
        inner_area=D("70"),
    )
    BillingPolicy.objects.create(community=community_a, auto_offset_prepayment=True)
    fee = FeeItemFactory(community=community_a, calculation="area")
    FeeStandardFactory(community=community_a, fee_item=fee, unit_price=D("2.50"))  # 200.00 a month
    collect_payment(
        unit=unit,
        amount=D("150"),
        channel="cash",
        cashier=csh_a,
        idempotency_key=key(),
        purpose="top_up",
    )
    with django_capture_on_commit_callbacks(execute=True):
        run = preview_run(
            community=community_a,
            period=dt.date(2026, 10, 1),
            months=1,
            fee_items=[fee],
            actor=csh_a,
        )
        confirm_run(run, actor=csh_a)
    bill = Bill.objects.get(unit=unit)
    assert bill.paid == D("150.00") and bill.outstanding == D("50.00")
    assert wallet_balance(unit) == D("0.00")
    offset = Payment.objects.get(purpose="offset")
    assert offset.channel == "prepayment" and not hasattr(offset, "receipt_set")


@pytest.mark.django_db
def test_voiding_an_offset_gives_the_prepayment_back(community_a, home, csh_a, fin):
    """BIL-08: an offset has no receipt; voiding it reopens the bill and restores the wallet."""
    bill = BillFactory(community=community_a, unit=home, total=D("200.00"))
    BillLineFactory(community=community_a, bill=bill, amount=D("200.00"), billing_key="o-test")
    collect_payment(
        unit=home,
        amount=D("80"),
        channel="cash",
        cashier=csh_a,
        idempotency_key=key(),
        purpose="top_up",
    )
    offset = offset_from_wallet(home, actor=csh_a)
    assert offset.amount == D("80.00") and wallet_balance(home) == D("0.00")
    void_payment(offset, reason="误抵扣", actor=fin)
    bill.refresh_from_db()
    assert bill.paid == D("0.00")
    assert wallet_balance(home) == D("80.00")
    assert Payment.objects.get(pk=offset.pk).display_number == f"#{offset.pk}"


@pytest.mark.django_db
def test_prepayment_refund_needs_finance_approval(home, csh_a, fin):
    """BIL-08: money paid ahead is refundable (物业服务纠纷解释 §3), after finance approves."""
    collect_payment(
        unit=home,
        amount=D("300"),
        channel="cash",
        cashier=csh_a,
        idempotency_key=key(),
        purpose="top_up",
    )
    with pytest.raises(DomainError):
        request_refund(unit=home, kind="prepayment", amount=D("400"), reason="搬离", actor=csh_a)
    refund = request_refund(
        unit=home, kind="prepayment", amount=D("300"), reason="业主搬离，退预存", actor=csh_a
    )
    assert wallet_balance(home) == D("300.00")  # nothing leaves before approval
    with pytest.raises(DomainError):
        decide_refund(refund, approve=True, actor=csh_a)
    decide_refund(refund, approve=True, note="已转账", actor=fin)
    assert wallet_balance(home) == D("0.00")
    assert Refund.objects.get().status == "approved"


@pytest.mark.django_db
def test_deposit_is_held_then_refunded_with_deductions(home, csh_a, fin):
    """BIL-09: a decoration deposit is collected, held, and refunded less reasoned deductions."""
    deposit = collect_deposit(
        unit=home,
        amount=D("2000"),
        purpose_text="装修押金",
        channel="cash",
        cashier=csh_a,
        idempotency_key=key(),
        payer_name="张业主",
    )
    assert deposit.status == "held" and deposit.payment.receipt.number
    with pytest.raises(DomainError):
        request_refund(
            unit=home,
            kind="deposit",
            deposit=deposit,
            reason="完工",
            actor=csh_a,
            deductions=[{"reason": "", "amount": "100"}],
        )
    refund = request_refund(
        unit=home,
        kind="deposit",
        deposit=deposit,
        reason="装修完工验收合格",
        actor=csh_a,
        deductions=[{"reason": "公共楼道墙面损坏修复", "amount": "350"}],
    )
    assert refund.amount == D("1650.00")
    deposit.refresh_from_db()
    assert deposit.status == "refund_requested"
    decide_refund(refund, approve=True, actor=fin)
    deposit.refresh_from_db()
    assert (deposit.status, deposit.refunded, deposit.deducted) == (
        "settled",
        D("1650.00"),
        D("350.00"),
    )


@pytest.mark.django_db
def test_a_rejected_deposit_refund_keeps_the_deposit_held(home, csh_a, fin):
    deposit = collect_deposit(
        unit=home,
        amount=D("1000"),
        purpose_text="装修押金",
        channel="cash",
        cashier=csh_a,
        idempotency_key=key(),
    )
    refund = request_refund(unit=home, kind="deposit", deposit=deposit, reason="完工", actor=csh_a)
    decide_refund(refund, approve=False, note="尚未验收", actor=fin)
    deposit.refresh_from_db()
    assert deposit.status == "held"


@pytest.mark.django_db
def test_waiver_is_approved_by_the_manager_as_a_negative_line(community_a, home, csh_a, mgr_a):
    """BIL-10: request → MGR approval → a separate negative line with the reason; what is owed drops."""
    bill = BillFactory(community=community_a, unit=home, total=D("200.00"))
    line = BillLineFactory(
        community=community_a, bill=bill, amount=D("200.00"), billing_key="w-test"
    )
    with pytest.raises(DomainError):
        request_waiver(line=line, amount=D("250"), reason="x", actor=csh_a)
    waiver = request_waiver(line=line, amount=D("50"), reason="停水三天，协商减免", actor=csh_a)
    with pytest.raises(DomainError):
        decide_waiver(waiver, approve=True, actor=csh_a)
    decide_waiver(waiver, approve=True, actor=mgr_a)
    bill.refresh_from_db()
    assert bill.total == D("150.00")
    negative = BillLine.objects.get(bill=bill, amount__lt=0)
    assert negative.amount == D("-50.00") and "停水三天" in negative.formula
    assert sum(line.owed for line in open_lines(home)) == D("150.00")
    assert Waiver.objects.get().status == "approved"


@pytest.mark.django_db
def test_approved_waivers_never_take_a_line_below_zero(community_a, home, csh_a, mgr_a):
    """BIL-10: approved and pending waivers both count against what may still be waived."""
    bill = BillFactory(community=community_a, unit=home, total=D("100.00"))
    line = BillLineFactory(community=community_a, bill=bill, amount=D("100.00"), billing_key="w2")
    first = request_waiver(line=line, amount=D("80"), reason="一", actor=csh_a)
    decide_waiver(first, approve=True, actor=mgr_a)
    with pytest.raises(DomainError):
        request_waiver(line=line, amount=D("80"), reason="二", actor=csh_a)
    second = request_waiver(line=line, amount=D("20"), reason="二", actor=csh_a)
    third = Waiver.objects.create(
        community=community_a, bill=bill, line=line, amount=D("20"), reason="三", created_by=csh_a
    )
    decide_waiver(second, approve=True, actor=mgr_a)
    with pytest.raises(DomainError):
        decide_waiver(third, approve=True, actor=mgr_a)
    bill.refresh_from_db()
    assert bill.total == D("0.00")


@pytest.mark.django_db
def test_counter_and_approval_pages(community_a, home, csh_a, fin, mgr_a, login):
    """BIL-08..10: top-up and deposit from the counter; approvals on their pages by the right posts."""
    client = login(csh_a)
    counter = client.get(reverse("billing:counter"), {"unit": home.pk})
    keys = counter.context["top_up_key"], counter.context["deposit_key"]
    response = client.post(
        reverse("billing:counter_top_up"),
        {
            "unit": home.pk,
            "idempotency_key": keys[0],
            "purpose": "top_up",
            "amount": "120",
            "channel": "cash",
        },
    )
    assert response.status_code == 302 and wallet_balance(home) == D("120.00")
    client.post(
        reverse("billing:counter_deposit"),
        {
            "unit": home.pk,
            "idempotency_key": keys[1],
            "amount": "800",
            "channel": "pos",
            "purpose": "deposit",
            "deposit_purpose": "装修押金",
        },
    )
    deposit = Deposit.objects.get()
    response = client.post(
        reverse("billing:deposit_detail", args=[deposit.pk]),
        {
            "action": "refund",
            "reason": "完工",
            "deductions-0-reason": "垃圾清运",
            "deductions-0-amount": "50",
        },
    )
    refund = Refund.objects.get()
    assert response["Location"] == refund.get_absolute_url() and refund.amount == D("750.00")
    assert (
        login(csh_a).get(refund.get_absolute_url()).content.decode().count('data-testid="approve"')
        == 0
    )
    assert 'data-testid="approve"' in login(fin).get(refund.get_absolute_url()).content.decode()
    login(fin).post(
        refund.get_absolute_url(), {"action": "decide", "approve": "true", "note": "已退"}
    )
    assert Refund.objects.get().status == "approved"
    bill = BillFactory(community=community_a, unit=home, total=D("100.00"))
    line = BillLineFactory(
        community=community_a, bill=bill, amount=D("100.00"), billing_key="w-page"
    )
    client.post(
        reverse("billing:bill_waiver", args=[bill.pk]),
        {"line": line.pk, "amount": "20", "reason": "电梯停运"},
    )
    waiver = Waiver.objects.get()
    assert 'data-testid="approve"' in login(mgr_a).get(waiver.get_absolute_url()).content.decode()
    login(mgr_a).post(waiver.get_absolute_url(), {"action": "decide", "approve": "true"})
    assert Bill.objects.get(pk=bill.pk).total == D("80.00")
