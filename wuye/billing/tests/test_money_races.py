"""BIL-05..09, BIL-12: money under concurrency and the invariants the database keeps.

The races run on PostgreSQL with real threads, many trials, and must show zero violations; the
invariants (paid ≤ total, balance ≥ 0, no month billed twice) are proven on both databases by
writing past the services and watching the database refuse.
"""

import datetime as dt
import threading
import uuid
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, connections, transaction
from django.db.models import Sum

from wuye.billing import closing
from wuye.billing.choices import RunStatus
from wuye.billing.models import (
    Bill,
    BillingPolicy,
    BillingRun,
    BillLine,
    DailyClosing,
    FeeItem,
    Payment,
    Refund,
    Wallet,
)
from wuye.billing.services import issuing
from wuye.billing.services.approvals import decide_refund, request_refund
from wuye.billing.services.counter import collect_payment, void_payment
from wuye.billing.services.issuing import RunBusyError, due_date_for, execute_run
from wuye.billing.services.ledger import wallet_balance
from wuye.billing.services.runs import confirm_run, preview_run
from wuye.billing.tests.factories import (
    BillFactory,
    BillLineFactory,
    FeeItemFactory,
    FeeStandardFactory,
    monthly_fee,
)
from wuye.core.errors import ConflictError, DomainError
from wuye.core.money import q2
from wuye.estate.tests.factories import BuildingFactory, UnitFactory

D = Decimal
TRIALS = 20
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL"
)


def key():
    return uuid.uuid4().hex


def at_once(*targets):
    """Run the targets in threads released together; returns (results, errors)."""
    barrier = threading.Barrier(len(targets))
    results, errors = [None] * len(targets), []

    def run(index, target):
        try:
            barrier.wait(timeout=10)
            results[index] = target()
        except (DomainError, IntegrityError) as exc:  # refused: the outcome under test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, target)) for i, target in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def owing_unit(community, total="150.00"):
    home = UnitFactory(community=community)
    fee = monthly_fee(community)
    bill = BillFactory(community=community, unit=home, total=D(total))
    BillLineFactory(
        community=community,
        bill=bill,
        fee_item=fee,
        amount=D(total),
        billing_key=f"t{home.pk}:{key()[:8]}",
    )
    return home, bill


# --- Payments -----------------------------------------------------------------------------------


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_payments_with_different_keys_never_collect_a_bill_twice(community_a, make_staff):
    """BIL-07 race: two cashiers take 150.00 for the same 150.00 bill at the same moment with
    different keys — in every trial one payment settles the bill and the other is refused;
    the bill is never paid more than its total."""
    cashiers = [make_staff(community_a, "CSH", username=f"race_csh_{i}") for i in range(2)]
    for _trial in range(TRIALS):
        home, bill = owing_unit(community_a)
        results, errors = at_once(
            *(
                lambda c=c: collect_payment(
                    unit=home, amount=D("150.00"), channel="cash", cashier=c, idempotency_key=key()
                )
                for c in cashiers
            )
        )
        bill.refresh_from_db()
        assert bill.paid == D("150.00")
        assert len([r for r in results if r is not None]) == 1 and len(errors) == 1
        line = bill.lines.get()
        assert line.paid == D("150.00")
        posted = Payment.objects.filter(unit=home, status="posted")
        assert posted.aggregate(s=Sum("amount"))["s"] == D("150.00")


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_payment_and_the_closing_at_once_never_lose_the_payment(community_a, csh_a):
    """BIL-12 race: a payment committed while the cashier closes his day is either in the
    closing's totals or refused — never posted into a locked day unseen."""
    for trial in range(TRIALS):
        home, _bill = owing_unit(community_a)
        today = dt.date.today()
        DailyClosing.objects.filter(cashier=csh_a).delete()
        Payment.objects.filter(cashier=csh_a, status="posted").update(status="voided")
        results, errors = at_once(
            lambda home=home: collect_payment(
                unit=home, amount=D("150.00"), channel="cash", cashier=csh_a, idempotency_key=key()
            ),
            lambda: closing.submit_closing(
                community=community_a,
                cashier=csh_a,
                day=today,
                counted_cash=D("0"),
                explanation="盘点",
                actor=csh_a,
            ),
        )
        day = DailyClosing.objects.get(cashier=csh_a, business_date=today)
        posted = Payment.objects.filter(cashier=csh_a, business_date=today, status="posted")
        assert day.payment_count == posted.count(), f"trial {trial}: a payment missed the closing"
        assert D(day.totals.get("cash", "0")) == (posted.aggregate(s=Sum("amount"))["s"] or D("0"))


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_one_key_sent_twice_at_once_is_one_payment_and_another_body_is_refused(community_a, csh_a):
    """BIL-06 race: the same key with the same body from four threads → one payment; the same
    key with a different body afterwards → refused (conflict), nothing collected."""
    for _trial in range(5):
        home, bill = owing_unit(community_a)
        same = key()
        body = {"unit": home, "amount": D("100"), "channel": "cash", "idempotency_key": same}
        results, errors = at_once(
            *(lambda: collect_payment(cashier=csh_a, **body) for _ in range(4))
        )
        assert not errors, errors
        assert len({r.pk for r in results}) == 1
        with pytest.raises(ConflictError):
            collect_payment(cashier=csh_a, **{**body, "amount": D("50")})
        bill.refresh_from_db()
        assert bill.paid == D("100.00") and Payment.objects.filter(unit=home).count() == 1


@pytest.mark.django_db
def test_a_reused_key_with_another_request_is_refused(community_a, csh_a):
    """BIL-06: a key replayed with the same request returns the first payment (replayed);
    with another amount, unit or channel it is refused and nothing is collected."""
    home, bill = owing_unit(community_a)
    other, _ = owing_unit(community_a)
    same = key()
    first = collect_payment(
        unit=home, amount=D("100"), channel="cash", cashier=csh_a, idempotency_key=same
    )
    assert first.replayed is False
    again = collect_payment(
        unit=home, amount=D("100.00"), channel="cash", cashier=csh_a, idempotency_key=same
    )
    assert again.pk == first.pk and again.replayed is True
    for changed in ({"amount": D("150")}, {"unit": other}, {"channel": "wechat"}):
        with pytest.raises(ConflictError):
            collect_payment(
                **{
                    "unit": home,
                    "amount": D("100"),
                    "channel": "cash",
                    "cashier": csh_a,
                    "idempotency_key": same,
                    **changed,
                }
            )
    bill.refresh_from_db()
    assert bill.paid == D("100.00") and Payment.objects.count() == 1


@pytest.mark.django_db
def test_an_overpayment_kept_as_prepayment_respects_the_limit(community_a, csh_a):
    """BIL-08: money beyond the bills kept as prepayment counts against the prepayment limit
    (12 months of the unit's fee by default) like a top-up; within it, it is kept."""
    home, bill = owing_unit(community_a)  # 89.50 m² × 2.50 = 223.75 a month → limit 2,685.00
    with pytest.raises(DomainError) as refused:
        collect_payment(
            unit=home,
            amount=D("150.00") + D("2685.01"),
            channel="cash",
            cashier=csh_a,
            idempotency_key=key(),
            keep_overpayment=True,
        )
    assert "2685.00" in str(refused.value.message)
    bill.refresh_from_db()
    assert bill.paid == 0 and wallet_balance(home) == 0
    collect_payment(
        unit=home,
        amount=D("150.00") + D("2685.00"),
        channel="cash",
        cashier=csh_a,
        idempotency_key=key(),
        keep_overpayment=True,
    )
    assert wallet_balance(home) == D("2685.00")


@pytest.mark.django_db
def test_a_unit_without_any_fee_cannot_hold_prepayment(community_a, csh_a):
    """BIL-08: with no bill and no fee item that applies, there is nothing to pay ahead."""
    home = UnitFactory(community=community_a)
    with pytest.raises(DomainError):
        collect_payment(
            unit=home,
            amount=D("100"),
            channel="cash",
            cashier=csh_a,
            idempotency_key=key(),
            purpose="top_up",
        )
    assert wallet_balance(home) == 0


# --- Prepayment refunds -------------------------------------------------------------------------


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_prepayment_refunds_at_once_never_take_the_balance_below_zero(
    community_a, csh_a, make_staff
):
    """BIL-08 race: two refunds of the whole balance asked and approved at the same moment —
    one is paid, the other refused; the balance is never negative."""
    fin = make_staff(community_a, "FIN", username="race_fin")
    clerks = [make_staff(community_a, "CSH", username=f"race_clerk_{i}") for i in range(2)]
    for _trial in range(TRIALS):
        home, _bill = owing_unit(community_a)
        collect_payment(
            unit=home,
            amount=D("160.00"),
            channel="cash",
            cashier=csh_a,
            idempotency_key=key(),
            keep_overpayment=True,
        )
        assert wallet_balance(home) == D("10.00")

        def ask_and_approve(clerk):
            refund = request_refund(
                unit=home, kind="prepayment", amount=D("10.00"), reason="退预存", actor=clerk
            )
            return decide_refund(refund, approve=True, actor=fin)

        results, errors = at_once(*(lambda c=c: ask_and_approve(c) for c in clerks))
        assert Refund.objects.filter(unit=home, status="approved").count() == 1
        assert Wallet.objects.get(unit=home).balance == D("0.00")
        assert wallet_balance(home) == D("0.00")

    # Two requests already waiting (made before this rule): approving both at once pays one.
    home, _bill = owing_unit(community_a)
    collect_payment(
        unit=home,
        amount=D("160.00"),
        channel="cash",
        cashier=csh_a,
        idempotency_key=key(),
        keep_overpayment=True,
    )
    waiting = [
        Refund.objects.create(
            community=community_a,
            kind="prepayment",
            unit=home,
            amount=D("10.00"),
            reason="旧申请",
            created_by=clerks[i],
        )
        for i in range(2)
    ]
    results, errors = at_once(
        *(lambda r=r: decide_refund(r, approve=True, actor=fin) for r in waiting)
    )
    assert len(errors) == 1 and Wallet.objects.get(unit=home).balance == D("0.00")


# --- Database invariants (both databases) -------------------------------------------------------


@pytest.mark.django_db
def test_the_database_refuses_a_bill_or_line_paid_beyond_its_total(community_a):
    """BIL-07: CHECK 0 ≤ paid ≤ total on bills and lines, whatever code writes them."""
    _home, bill = owing_unit(community_a)
    line = bill.lines.get()
    for model, pk, value in (
        (Bill, bill.pk, D("150.01")),
        (Bill, bill.pk, D("-0.01")),
        (BillLine, line.pk, D("150.01")),
        (BillLine, line.pk, D("-0.01")),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            model.objects.filter(pk=pk).update(paid=value)
    Bill.objects.filter(pk=bill.pk).update(paid=D("150.00"))
    BillLine.objects.filter(pk=line.pk).update(paid=D("150.00"))


@pytest.mark.django_db
def test_the_database_refuses_a_negative_prepayment_balance(community_a):
    """BIL-08: CHECK balance ≥ 0 on the unit's wallet."""
    home = UnitFactory(community=community_a)
    wallet = Wallet.objects.create(community=community_a, unit=home, balance=D("5.00"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Wallet.objects.filter(pk=wallet.pk).update(balance=D("-0.01"))


@pytest.mark.django_db
def test_paid_on_lines_and_bills_follows_allocations_through_payment_and_void(community_a, csh_a):
    """BIL-07: a line's and a bill's paid equal the sum of their allocations after collecting,
    a part payment and a void (one helper keeps them)."""
    home, bill = owing_unit(community_a, total="0.30")
    first = collect_payment(
        unit=home, amount=D("0.10"), channel="cash", cashier=csh_a, idempotency_key=key()
    )
    collect_payment(
        unit=home, amount=D("0.20"), channel="cash", cashier=csh_a, idempotency_key=key()
    )
    void_payment(first, reason="重收", actor=csh_a)
    line = bill.lines.get()
    bill.refresh_from_db()
    allocated = line.allocations.aggregate(s=Sum("amount"))["s"]
    assert line.paid == bill.paid == D("0.20") == q2(allocated)


# --- Billing runs -------------------------------------------------------------------------------


@pytest.fixture
def estate(community_a):
    building = BuildingFactory(community=community_a, number="9")
    units = [
        UnitFactory(
            community=community_a,
            building=building,
            number=f"{n:02d}01",
            handover_date=dt.date(2020, 1, 1),
        )
        for n in range(1, 8)
    ]
    item = FeeItemFactory(community=community_a, code="WYF", calculation="area")
    FeeStandardFactory(community=community_a, fee_item=item, unit_price=D("2.00"))
    BillingPolicy.objects.get_or_create(community=community_a)
    return units, item


def _run(community, actor, period, months, items):
    run = preview_run(
        community=community, period=period, months=months, fee_items=items, actor=actor
    )
    return confirm_run(run, actor=actor, enqueue=False)


@pytest.mark.django_db
def test_no_month_is_billed_twice_whatever_the_run_lengths(community_a, mgr_a, estate):
    """BIL-05: with a quarter billed, a month inside it bills nothing; and the database itself
    refuses a line covering a billed month for the same unit, item and payer."""
    units, item = estate
    execute_run(_run(community_a, mgr_a, dt.date(2026, 10, 1), 3, [item]))
    month = execute_run(_run(community_a, mgr_a, dt.date(2026, 11, 1), 1, [item]))
    assert month.lines_created == 0 and month.lines_skipped == len(units)
    line = BillLine.objects.filter(bill__unit=units[0]).get()
    assert line.coverage == f"u{units[0].pk}:f{item.pk}:r"

    def december():  # the quarter's last month again, written past the services
        BillLine.objects.create(
            community=community_a,
            bill=line.bill,
            fee_item=item,
            period=dt.date(2026, 12, 1),
            period_end=dt.date(2026, 12, 31),
            quantity=1,
            unit_price=1,
            amount=1,
            formula="x",
            billing_key=f"u{units[0].pk}:f{item.pk}:202612:r",
            coverage=line.coverage,
        )

    with pytest.raises(IntegrityError), transaction.atomic():
        december()
    # A cancelled line gives its months back.
    BillLine.objects.filter(pk=line.pk).update(cancelled=True)
    december()


@pytest.mark.django_db
def test_the_no_month_twice_guard_is_installed(db):
    """BIL-05: the exclusion constraint (PostgreSQL) or triggers (SQLite) exist — a later
    migration that rebuilds the table must keep them."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_constraint WHERE conname = 'billing_line_no_month_twice'"
            )
            assert cursor.fetchone()[0] == 1
        else:
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'billing_line_no_month_twice_%'"
            )
            assert cursor.fetchone()[0] == 2


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_quarter_run_and_an_overlapping_month_run_at_once_bill_each_month_once(
    community_a, mgr_a, estate
):
    """BIL-05 race: a quarter run (Oct–Dec) and a month run (Nov) executed at the same moment:
    one issues, the other waits its turn (busy) and then bills nothing twice."""
    units, item = estate
    for trial in range(8):
        start = dt.date(2027 + trial // 4, 1 + 3 * (trial % 4), 1)
        quarter = _run(community_a, mgr_a, start, 3, [item])
        month = _run(community_a, mgr_a, start.replace(month=start.month + 1), 1, [item])
        results, errors = at_once(
            lambda q=quarter: execute_run(q),
            lambda m=month: execute_run(m),
        )
        for run in (quarter, month):
            run.refresh_from_db()
            if run.status != RunStatus.DONE:  # it was busy: the worker runs it again later
                execute_run(run)
        for unit in units:
            lines = BillLine.objects.filter(
                bill__unit=unit,
                cancelled=False,
                period__lte=start.replace(month=start.month + 1),
                period_end__gte=start.replace(month=start.month + 1),
            )
            assert lines.count() == 1, f"trial {trial}: unit {unit} billed twice"


@pytest.mark.django_db
def test_a_run_commits_in_chunks_and_resumes_after_a_crash(community_a, mgr_a, estate, monkeypatch):
    """BIL-05: a run issues its bills a chunk at a time with its progress; when it fails in
    the middle, what it issued stays, and running it again carries on without billing twice."""
    units, item = estate
    run = _run(community_a, mgr_a, dt.date(2026, 10, 1), 1, [item])
    real_chunk = issuing._issue_chunk
    calls = {"chunks": 0}

    def failing_chunk(*args, **kwargs):
        calls["chunks"] += 1
        if calls["chunks"] == 3:
            raise RuntimeError("worker lost")
        return real_chunk(*args, **kwargs)

    monkeypatch.setattr(issuing, "_issue_chunk", failing_chunk)
    with pytest.raises(RuntimeError):
        execute_run(run, chunk=2)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and run.progress_total == len(units)
    assert run.bills_created == run.progress_done == 4 == Bill.objects.filter(run=run).count()
    monkeypatch.setattr(issuing, "_issue_chunk", real_chunk)
    confirm_run(run, actor=mgr_a, enqueue=False)
    run = execute_run(run, chunk=2)
    assert run.status == RunStatus.DONE
    assert run.bills_created == run.progress_done == run.progress_total == len(units)
    assert run.lines_created == len(units) and run.lines_skipped == 0
    assert Bill.objects.filter(run=run).count() == len(units)
    assert run.total_amount == Bill.objects.filter(run=run).aggregate(s=Sum("total"))["s"]


@pytest.mark.django_db
def test_a_stalled_run_is_resumed_and_a_live_one_is_left_alone(community_a, mgr_a, estate):
    """BIL-05: a run marked running whose progress has not moved for ten minutes (its worker
    died) is resumed by the next attempt; one that is moving is not touched twice."""
    units, item = estate
    run = _run(community_a, mgr_a, dt.date(2026, 10, 1), 1, [item])
    BillingRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, lease="old")
    with pytest.raises(RunBusyError):
        execute_run(run)
    BillingRun.objects.filter(pk=run.pk).update(updated_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    run = execute_run(run)
    assert run.status == RunStatus.DONE and run.bills_created == len(units)


@pytest.mark.django_db
def test_a_late_issued_bill_is_due_the_payment_term_after_issue(community_a, mgr_a, estate):
    """BIL-05/BIL-13: October billed in December is not born overdue: it is due ten days
    (the policy's payment term) after it is issued; on time, the due day stands."""
    units, item = estate
    policy = BillingPolicy.objects.get(community=community_a)
    assert due_date_for(policy, dt.date(2026, 10, 1), dt.date(2026, 12, 6)) == dt.date(2026, 12, 16)
    assert due_date_for(policy, dt.date(2026, 10, 1), dt.date(2026, 10, 1)) == dt.date(2026, 10, 15)
    assert due_date_for(policy, dt.date(2026, 10, 1), dt.date(2026, 10, 8)) == dt.date(2026, 10, 18)
    run = execute_run(_run(community_a, mgr_a, dt.date(2026, 10, 1), 1, [item]))
    from django.utils import timezone

    for bill in Bill.objects.filter(run=run):
        assert bill.due_date >= timezone.localdate() + dt.timedelta(days=10)


@pytest.mark.django_db
def test_fee_items_have_no_handling_fee_to_set(community_a):
    """BIL-17: no fee item carries a handling fee (a rate that was never applied is gone):
    a pass-through item's line is usage × the utility's price, nothing added."""
    assert "handling_fee_rate" not in {f.name for f in FeeItem._meta.get_fields()}


@pytest.mark.django_db
def test_a_run_that_waited_for_another_is_started_by_the_periodic_pass(community_a, mgr_a, estate):
    """BIL-05: a run refused as busy stays queued; the five-minute pass starts it (and any run
    whose worker died), so no confirmed run is forgotten."""
    from wuye.billing.tasks import resume_billing_runs

    units, item = estate
    first = _run(community_a, mgr_a, dt.date(2026, 10, 1), 1, [item])
    second = _run(community_a, mgr_a, dt.date(2026, 11, 1), 1, [item])
    BillingRun.objects.filter(pk=first.pk).update(status=RunStatus.RUNNING)
    with pytest.raises(RunBusyError):
        execute_run(second)
    second.refresh_from_db()
    assert second.status == RunStatus.QUEUED
    old = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    BillingRun.objects.filter(pk__in=[first.pk, second.pk]).update(confirmed_at=old, updated_at=old)
    assert resume_billing_runs.call() == 2
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == second.status == RunStatus.DONE
    assert Bill.objects.filter(run__in=[first, second]).count() == 2 * len(units)
