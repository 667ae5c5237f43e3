"""BIL-08/BIL-09 refunds paid out: only approved ones, once; cash leaves the cashier's drawer
and counts in the daily closing (BIL-12); a transfer needs its reference; page and API."""

import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from wuye.billing import closing
from wuye.billing.models import Refund
from wuye.billing.services.approvals import decide_refund, pay_out_refund, request_refund
from wuye.billing.services.counter import collect_payment
from wuye.billing.tests.factories import monthly_fee
from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.estate.tests.factories import UnitFactory

D = Decimal


@pytest.fixture
def fin(community_a, make_staff):
    return make_staff(community_a, "FIN")


@pytest.fixture
def approved(community_a, csh_a, fin):
    home = UnitFactory(community=community_a)
    monthly_fee(community_a)
    collect_payment(
        unit=home,
        amount=D("300"),
        channel="cash",
        cashier=csh_a,
        idempotency_key=uuid.uuid4().hex,
        purpose="top_up",
    )
    refund = request_refund(
        unit=home, kind="prepayment", amount=D("120"), reason="业主搬离", actor=csh_a
    )
    return decide_refund(refund, approve=True, actor=fin)


@pytest.mark.django_db
def test_cash_payout_counts_against_the_drawer_in_the_closing(
    community_a, csh_a, fin, make_staff, approved
):
    """BIL-12: took 300 in cash, paid 120 back in cash → the drawer should hold 180."""
    with pytest.raises(PermissionDeniedError):
        pay_out_refund(approved, actor=make_staff(community_a, "CSR"), channel="cash")
    pay_out_refund(approved, actor=csh_a, channel="cash")
    refund = Refund.objects.get()
    assert refund.paid_out_by == csh_a and refund.payout_date is not None
    with pytest.raises(DomainError):
        pay_out_refund(refund, actor=csh_a, channel="cash")  # once only
    assert closing.cash_paid_out(community_a, csh_a, refund.payout_date) == D("120.00")
    closed = closing.submit_closing(
        community=community_a,
        cashier=csh_a,
        day=refund.payout_date,
        counted_cash=D("180.00"),
        actor=csh_a,
    )
    assert closed.system_cash == D("180.00") and closed.cash_paid_out == D("120.00")
    assert closed.difference == D("0.00")


@pytest.mark.django_db
def test_no_cash_payout_on_a_closed_day_and_transfers_need_a_reference(
    community_a, csh_a, fin, approved
):
    closing.submit_closing(
        community=community_a,
        cashier=csh_a,
        day=timezone.localdate(),
        counted_cash=D("300.00"),
        actor=csh_a,
    )
    with pytest.raises(DomainError):
        pay_out_refund(approved, actor=csh_a, channel="cash")
    with pytest.raises(PermissionDeniedError):  # four eyes: not the one who approved it
        pay_out_refund(approved, actor=fin, channel="transfer", reference="BK1")
    with pytest.raises(DomainError):  # the money left the wallet at approval
        pay_out_refund(approved, actor=csh_a, channel="prepayment", reference="x")
    with pytest.raises(DomainError) as error:
        pay_out_refund(approved, actor=csh_a, channel="transfer", reference=" ")
    assert error.value.field == "reference"
    assert Refund.objects.get().paid_out_at is None
    pay_out_refund(approved, actor=csh_a, channel="transfer", reference="BK20261120001")
    refund = Refund.objects.get()
    assert refund.payout_reference == "BK20261120001" and refund.payout_date is None


@pytest.mark.django_db
def test_a_requested_refund_cannot_be_paid_out(community_a, csh_a, fin):
    home = UnitFactory(community=community_a)
    monthly_fee(community_a)
    collect_payment(
        unit=home,
        amount=D("50"),
        channel="cash",
        cashier=csh_a,
        idempotency_key=uuid.uuid4().hex,
        purpose="top_up",
    )
    refund = request_refund(
        unit=home, kind="prepayment", amount=D("50"), reason="退款", actor=csh_a
    )
    with pytest.raises(DomainError):
        pay_out_refund(refund, actor=fin, channel="transfer", reference="X1")


@pytest.mark.django_db
def test_payout_from_the_page_and_the_api(community_a, csh_a, fin, login, approved):
    page = login(fin).get(reverse("billing:refund_detail", args=[approved.pk])).content.decode()
    assert 'data-testid="pay-out"' not in page  # the approver does not pay it out himself
    page = login(csh_a).get(reverse("billing:refund_detail", args=[approved.pk])).content.decode()
    assert 'data-testid="pay-out"' in page and 'data-testid="approval-status"' in page
    response = login(csh_a).post(
        reverse("billing:refund_detail", args=[approved.pk]),
        {"action": "pay_out", "channel": "transfer", "reference": ""},
    )
    assert response.status_code == 400 and Refund.objects.get().paid_out_at is None
    client = login(csh_a)
    response = client.post(
        f"/api/v1/refunds/{approved.pk}/pay-out/",
        {"channel": "cash"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["paid_out_at"] and response.json()["paid_out_by"] == csh_a.pk
    again = client.post(
        f"/api/v1/refunds/{approved.pk}/pay-out/",
        {"channel": "cash"},
        content_type="application/json",
    )
    assert again.status_code == 400
    listed = client.get("/api/v1/refunds/", {"paid_out": "true"}).json()
    assert [r["id"] for r in listed["results"]] == [approved.pk]
