"""BIL-06..08, BIL-11: the cashier counter — allocation, idempotency, receipts, voids."""

import datetime as dt
import threading
import uuid
from decimal import Decimal

import pytest
import time_machine
from django.db import connection, connections
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wuye.billing.models import Bill, Payment, Receipt
from wuye.billing.services.counter import collect_payment, mark_printed, void_payment
from wuye.billing.services.ledger import lock_open_bills, open_lines, owing_lines, wallet_balance
from wuye.billing.tests.factories import BillFactory, BillLineFactory, FeeItemFactory
from wuye.core.errors import DomainError
from wuye.estate.tests.factories import UnitFactory

D = Decimal


def key():
    return uuid.uuid4().hex


@pytest.fixture
def home(community_a):
    return UnitFactory(community=community_a)


@pytest.fixture
def bills(community_a, home):
    """Three months of property fees for one unit: Aug 200.00, Sep 200.00, Oct 200.00 + 10.00 garbage."""
    fee = FeeItemFactory(community=community_a, code="WYF", name="物业服务费")
    garbage = FeeItemFactory(
        community=community_a, code="LJF", name="垃圾清运费", calculation="fixed_unit"
    )
    made = []
    for month in (8, 9, 10):
        start = dt.date(2026, month, 1)
        bill = BillFactory(
            community=community_a,
            unit=home,
            period_start=start,
            period_end=start.replace(day=28),
            due_date=start.replace(day=15),
            total=D("210.00") if month == 10 else D("200.00"),
        )
        BillLineFactory(
            community=community_a,
            bill=bill,
            fee_item=fee,
            period=start,
            period_end=start.replace(day=28),
            amount=D("200.00"),
            billing_key=f"u{home.pk}:f{fee.pk}:2026{month:02d}:r",
        )
        if month == 10:
            BillLineFactory(
                community=community_a,
                bill=bill,
                fee_item=garbage,
                period=start,
                period_end=start.replace(day=28),
                amount=D("10.00"),
                billing_key=f"u{home.pk}:f{garbage.pk}:2026{month:02d}:r",
            )
        made.append(bill)
    return made


def collect(home, cashier, **kwargs):
    kwargs.setdefault("channel", "cash")
    kwargs.setdefault("idempotency_key", key())
    return collect_payment(unit=home, cashier=cashier, **kwargs)


@pytest.mark.django_db
def test_a_part_payment_settles_the_oldest_bill_first(home, bills, csh_a):
    """BIL-07: 300.00 pays August in full and 100.00 of September; October is untouched."""
    collect(home, csh_a, amount=D("300"))
    paid = [Bill.objects.get(pk=b.pk).paid for b in bills]
    assert paid == [D("200.00"), D("100.00"), D("0.00")]


@pytest.mark.django_db
def test_a_payment_settles_lines_in_the_order_the_counter_shows(home, bills, csh_a):
    """BIL-07: what a payment settles (its lean `_owing_lines`) is `open_lines` — the counter's
    list — line for line and cent for cent: oldest bill first, a waiver taken off its line, a
    part-paid line with only its rest, a cancelled line left out."""
    from wuye.billing.models import BillLine, Waiver

    october = BillLine.objects.filter(bill=bills[2]).order_by("fee_item__code")
    garbage, fee = october[0], october[1]
    Waiver.objects.create(
        community=home.community,
        bill=bills[2],
        line=fee,
        amount=D("20.00"),
        reason="维修期间减免",
        status="approved",
    )
    collect(home, csh_a, amount=D("150"))  # part of August
    BillLine.objects.filter(bill=bills[1]).update(cancelled=True)
    shown = [(line.pk, line.owed) for line in open_lines(home)]
    settled = [(line.pk, line.owed) for line in owing_lines(lock_open_bills(home))]
    assert settled == shown
    assert shown == [
        (BillLine.objects.get(bill=bills[0]).pk, D("50.00")),
        (garbage.pk, D("10.00")),
        (fee.pk, D("180.00")),
    ]
    assert [
        (line.pk, line.owed) for line in owing_lines(lock_open_bills(home, [bills[2].pk]))
    ] == shown[1:]


@pytest.mark.django_db
def test_the_payer_may_choose_which_bills(home, bills, csh_a):
    """BIL-07: “unless the payer chooses”: paying October only leaves August and September open."""
    payment = collect(home, csh_a, bill_ids=[bills[2].pk])
    assert payment.amount == D("210.00")
    assert [Bill.objects.get(pk=b.pk).paid for b in bills] == [D("0"), D("0"), D("210.00")]


@pytest.mark.django_db
def test_one_payment_settles_several_bills_and_gives_change(home, bills, csh_a):
    """BIL-06: all due (610.00) in cash from 700.00: change 90.00, every bill paid."""
    payment = collect(home, csh_a, tendered=D("700"))
    assert payment.amount == D("610.00") and payment.change == D("90.00")
    assert all(Bill.objects.get(pk=b.pk).outstanding == 0 for b in bills)
    assert payment.allocations.count() == 4


@pytest.mark.django_db
def test_resubmitting_the_same_key_is_one_payment(home, bills, csh_a):
    """BIL-06: a double click, a retry or a resent request produces one payment."""
    same = key()
    first = collect(home, csh_a, amount=D("100"), idempotency_key=same)
    second = collect(home, csh_a, amount=D("100"), idempotency_key=same)
    assert first.pk == second.pk
    assert Payment.objects.count() == 1 and Bill.objects.get(pk=bills[0].pk).paid == D("100.00")


@pytest.mark.django_db
def test_overpayment_needs_the_cashiers_word_to_become_prepayment(home, bills, csh_a):
    """BIL-08: more than owed is refused, unless the cashier keeps the rest as prepayment."""
    with pytest.raises(DomainError):
        collect(home, csh_a, amount=D("1000"))
    assert not Payment.objects.exists()
    payment = collect(home, csh_a, amount=D("1000"), keep_overpayment=True)
    assert payment.to_prepayment == D("390.00")
    assert wallet_balance(home) == D("390.00")


@pytest.mark.django_db
def test_receipts_are_numbered_without_gaps_and_a_void_keeps_its_number(home, bills, csh_a):
    """BIL-11: sequential numbers; voiding needs a reason, reverses the money, keeps the number."""
    first = collect(home, csh_a, amount=D("50"))
    second = collect(home, csh_a, amount=D("50"))
    numbers = [first.receipt.number, second.receipt.number]
    assert int(numbers[1][-6:]) == int(numbers[0][-6:]) + 1
    with pytest.raises(DomainError):
        void_payment(first, reason=" ", actor=csh_a)
    void_payment(first, reason="收错房号", actor=csh_a)
    first.refresh_from_db()
    assert first.status == "voided" and Receipt.objects.filter(number=numbers[0]).exists()
    assert Bill.objects.get(pk=bills[0].pk).paid == D("50.00")  # only the second payment remains
    third = collect(home, csh_a, amount=D("10"))
    assert int(third.receipt.number[-6:]) == int(numbers[1][-6:]) + 1


@pytest.mark.django_db
def test_a_cashier_voids_only_his_own_payments_of_the_same_day(
    community_a, home, bills, csh_a, make_staff
):
    """BIL-11: later voids and other cashiers' payments need the finance administrator."""
    other_cashier = make_staff(community_a, "CSH", username="csh_other")
    fin = make_staff(community_a, "FIN")
    with time_machine.travel(dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC), tick=False):
        payment = collect(home, csh_a, amount=D("100"))
    with pytest.raises(DomainError):
        void_payment(payment, reason="次日更正", actor=csh_a)
    with pytest.raises(DomainError):
        void_payment(payment, reason="代为作废", actor=other_cashier)
    void_payment(payment, reason="财务批准作废", actor=fin)
    payment.refresh_from_db()
    assert payment.status == "voided" and payment.voided_by == fin


@pytest.mark.django_db
def test_voiding_twice_is_refused(home, bills, csh_a):
    payment = collect(home, csh_a, amount=D("100"))
    void_payment(payment, reason="错收", actor=csh_a)
    with pytest.raises(DomainError):
        void_payment(payment, reason="再作废", actor=csh_a)


@pytest.mark.django_db
def test_receipt_pdf_and_copies(home, bills, csh_a, login):
    """BIL-11: a PDF in two sizes; printing is a POST and the second print is a 副本 (copy);
    opening the PDF (a preview) counts nothing."""
    payment = collect(home, csh_a, amount=D("210"))
    receipt = payment.receipt
    client = login(csh_a)
    url = reverse("billing:receipt_pdf", args=[receipt.pk])
    preview = client.get(url)
    assert preview["Content-Type"] == "application/pdf" and preview.content.startswith(b"%PDF")
    receipt.refresh_from_db()
    assert receipt.prints == 0
    first = client.post(url, {"size": "half"})
    thermal = client.post(url, {"size": "thermal"})
    assert client.get(first["Location"]).content.startswith(b"%PDF")
    assert client.get(thermal["Location"]).content.startswith(b"%PDF")
    receipt.refresh_from_db()
    assert receipt.prints == 2
    assert mark_printed(receipt) is True
    page = client.get(receipt.get_absolute_url()).content.decode()
    assert (
        "人民币贰佰壹拾元整" in page
        and receipt.number in page
        and receipt.verification_code in page
    )


@pytest.mark.django_db
def test_the_counter_page_collects_and_shows_the_receipt(home, bills, csh_a, login):
    """BIL-06: find the unit by its spoken number, collect all due in cash, land on the receipt."""
    client = login(csh_a)
    page = client.get(reverse("billing:counter"), {"q": home.code})
    body = page.content.decode()
    assert "¥610.00" in body and 'name="idempotency_key"' in body
    form_key = page.context["form"].initial["idempotency_key"]
    data = {
        "unit": home.pk,
        "idempotency_key": form_key,
        "bill_ids": [b.pk for b in bills],
        "channel": "cash",
        "tendered": "620",
    }
    response = client.post(reverse("billing:counter"), data)
    assert response.status_code == 302
    again = client.post(reverse("billing:counter"), data)  # the browser resends
    assert again.status_code == 302 and again["Location"] == response["Location"]
    assert Payment.objects.count() == 1 and Payment.objects.get().change == D("10.00")
    receipt = client.get(response["Location"]).content.decode()
    assert "找零 ¥10.00" in receipt


@pytest.mark.django_db
def test_the_counter_refuses_a_cashier_of_another_community(
    community_b, home, bills, make_staff, login
):
    """PLT-01: a unit of community A cannot be collected from community B."""
    client = login(make_staff(community_b, "CSH"))
    response = client.post(
        reverse("billing:counter"), {"unit": home.pk, "idempotency_key": key(), "channel": "cash"}
    )
    assert response.status_code == 404
    assert not Payment.objects.exists()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    amounts=st.lists(
        st.decimals(min_value=D("0.01"), max_value=D("400"), places=2), min_size=1, max_size=5
    )
)
@pytest.mark.django_db
def test_allocation_never_exceeds_what_is_owed_and_survives_void_and_repay(
    amounts, home, bills, csh_a
):
    """BIL-07 property: bills never get more than they owe; a void + re-pay ends where it began."""
    for bill in Bill.objects.filter(pk__in=[b.pk for b in bills]):
        assert bill.paid >= 0
    made = []
    for amount in amounts:
        owed = sum(line.owed for line in open_lines(home))
        if owed == 0:
            break
        made.append(collect(home, csh_a, amount=min(amount, owed)))
    for bill in Bill.objects.filter(pk__in=[b.pk for b in bills]):
        assert D(0) <= bill.paid <= bill.total
    before = {b.pk: b.paid for b in Bill.objects.filter(pk__in=[b.pk for b in bills])}
    if made:
        last = made[-1]
        void_payment(last, reason="重收", actor=csh_a)
        collect(home, csh_a, amount=last.amount)
        after = {b.pk: b.paid for b in Bill.objects.filter(pk__in=[b.pk for b in bills])}
        assert after == before
    for payment in Payment.objects.filter(status="posted"):
        void_payment(payment, reason="复位", actor=csh_a)
    assert all(b.paid == 0 for b in Bill.objects.filter(pk__in=[b.pk for b in bills]))


def _in_threads(count, target):
    errors = []

    def run(index):
        try:
            target(index)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_with_one_key_make_one_payment(home, bills, csh_a):
    """BIL-06 on PostgreSQL: four simultaneous posts of one key → one payment."""
    same = key()
    errors = _in_threads(4, lambda i: collect(home, csh_a, amount=D("100"), idempotency_key=same))
    assert not errors, errors
    assert Payment.objects.count() == 1 and Bill.objects.get(pk=bills[0].pk).paid == D("100.00")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_cashiers_get_unique_gapless_receipt_numbers(
    community_a, home, bills, make_staff
):
    """BIL-11 on PostgreSQL: six cashiers at once get six consecutive, different numbers."""
    cashiers = [make_staff(community_a, "CSH", username=f"csh_{i}") for i in range(6)]
    errors = _in_threads(6, lambda i: collect(home, cashiers[i], amount=D("10")))
    assert not errors, errors
    numbers = sorted(int(n[-6:]) for n in Receipt.objects.values_list("number", flat=True))
    assert numbers == list(range(numbers[0], numbers[0] + 6))
