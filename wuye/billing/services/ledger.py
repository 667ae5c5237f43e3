"""What a unit owes and holds, the prepayment limit, and the locks every money decision takes first.

Concurrency: every decision about a unit's money first locks the unit's row (`lock_unit`),
then the cashier's day (`closing.lock_day`), then the bills it reads; the prepayment `Wallet`
is read and changed only under the unit's lock. The database refuses what must never happen
(paid ≤ total on bills and lines, a negative prepayment balance, a key used twice). On SQLite
the IMMEDIATE transaction serialises writers as a whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.db import connection
from django.db.models import F, OuterRef, Subquery, Sum
from django.db.models.functions import Round
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.bulk import insert_rows
from wuye.core.errors import DomainError
from wuye.core.money import ZERO, q2
from wuye.core.periods import check_period_open
from wuye.core.prepared import Prepared
from wuye.estate.models import Unit

from .. import engine
from ..choices import ApprovalStatus, AreaBasis, BillStatus, Calculation
from ..models import Allocation, Bill, BillLine, FeeItem, Waiver, Wallet, WalletEntry
from .standards import policy_for


def open_lines(unit, *, bill_ids=None):
    """The unit's unpaid bill lines, oldest first, with what each still owes (BIL-07), with
    their bills and fee items (for pages; a payment uses `owing_lines`, in the same order)."""
    waived = (
        Waiver.objects.filter(line=OuterRef("pk"), status=ApprovalStatus.APPROVED)
        .order_by()
        .values("line")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    lines = (
        BillLine.objects.filter(
            bill__unit=unit, bill__status=BillStatus.OPEN, cancelled=False, amount__gt=0
        )
        .select_related("bill", "fee_item")
        .annotate(waived=Subquery(waived))
        .order_by("bill__period_start", "bill__due_date", "bill__number", "fee_item__code", "id")
    )
    if bill_ids is not None:
        lines = lines.filter(bill_id__in=bill_ids)
    result = []
    for line in lines:
        owed = line.amount - line.paid - q2(line.waived or 0)
        if owed > 0:
            line.owed = owed
            result.append(line)
    return result


def owed_by_unit(unit_ids) -> dict[int, Decimal]:
    """What each unit still owes on its open bills (as `open_lines` counts it), in
    two grouped queries instead of one per unit."""
    lines = BillLine.objects.filter(
        bill__unit_id__in=unit_ids, bill__status=BillStatus.OPEN, cancelled=False, amount__gt=0
    )
    owed = {
        row["bill__unit_id"]: row["due"]
        for row in lines.order_by()
        .values("bill__unit_id")
        .annotate(due=Sum(F("amount") - F("paid")))
    }
    for row in (
        Waiver.objects.filter(line__in=lines, status=ApprovalStatus.APPROVED)
        .order_by()
        .values("line__bill__unit_id")
        .annotate(total=Sum("amount"))
    ):
        unit_id = row["line__bill__unit_id"]
        owed[unit_id] = owed.get(unit_id, 0) - row["total"]
    # SQLite sums in floating point: quantize.
    return {unit_id: q2(value) for unit_id, value in owed.items()}


def wallet_balance(unit) -> Decimal:
    """The unit's prepayment balance (kept on its wallet row)."""
    balance = Wallet.objects.filter(unit=unit).values_list("balance", flat=True).first()
    return q2(balance)


def cents(expression):
    """Money arithmetic in SQL, rounded to the cent: SQLite adds decimals as floating point
    (200.00 − 199.99 − 0.01 is not quite zero there), and the CHECK constraints compare exactly."""
    return Round(expression, 2)


def row_locks() -> bool:
    """Whether the database locks rows (PostgreSQL). SQLite does not: there every writing
    transaction begins IMMEDIATE and holds the database's one write lock until it ends, which
    serialises money decisions as a whole — a row lock would be a plain read for nothing."""
    return connection.features.has_select_for_update


def check_posting(community, *days) -> None:
    """Refuse a money posting dated today — and on `days`: the months a run bills, the day of
    the payment a void reverses — when its month is closed (FIN-06). Called inside the
    posting's transaction before anything is written; the refusal is the closer's message."""
    check_period_open(community, timezone.localdate(), *days)


def run_months(run) -> list:
    """The first day of each month a billing run bills."""
    first = run.period.replace(day=1)
    return [engine.add_months(first, n) for n in range(max(run.months, 1))]


def lock_unit(unit) -> None:
    """Lock the unit's row for the rest of the transaction: every decision about the unit's
    money (collect, void, offset, refund, waiver) takes this lock first, so two of them never
    decide on the same open bills or prepayment at once. FOR NO KEY UPDATE: rows referring to
    the unit (a new bill, a payment) are not held up by it."""

    if not row_locks():
        return
    Unit.objects.select_for_update(no_key=True).filter(pk=unit.pk).order_by().values_list(
        "pk", flat=True
    ).first()


def unit_wallet(unit) -> Wallet:
    """The unit's prepayment wallet, made on first use. Call it under `lock_unit`: the lock
    keeps its balance from changing, and keeps two first uses from both making one."""
    wallet = Wallet.objects.filter(unit=unit).order_by().first()
    if wallet is None:
        wallet = Wallet.objects.create(community_id=unit.community_id, unit=unit)
    return wallet


def move_wallet(
    wallet: Wallet, amount: Decimal, *, kind, actor, payment=None, note=""
) -> WalletEntry:
    """The one way prepayment changes: a movement and the balance, under the unit's lock
    (`lock_unit`). The database refuses a balance below zero."""
    Wallet.objects.filter(pk=wallet.pk).update(balance=cents(F("balance") + amount))
    wallet.balance = q2(wallet.balance + amount)
    return WalletEntry.objects.create(
        community_id=wallet.community_id,
        unit_id=wallet.unit_id,
        kind=kind,
        amount=amount,
        payment=payment,
        created_by=actor,
        note=note[:200],
    )


def settle(payment, parts, *, actor, reversal=False, at=None) -> dict[int, Decimal]:
    """Record what a payment puts on each line (negative parts with reversal=True), and keep
    the lines' and bills' `paid` with them: the one place `paid` changes. Returns bill → sum.
    The allocations go in as plain rows and `paid` moves by plain UPDATEs: a payment is a
    handful of statements whose SQL is the same every time, not a query built per payment.
    `at`: when the settlement happened — the payment's received_at, a void's voided_at — so
    the finance ledger dates it in the same month as the payment does (FIN-06)."""
    rows = []
    touched: dict[int, Decimal] = {}  # bill id → paid now
    for line, part in parts:
        rows.append((payment.pk, line.bill_id, line.pk, part))
        touched[line.bill_id] = touched.get(line.bill_id, ZERO) + part
    insert_rows(
        Allocation,
        ["payment_id", "bill_id", "line_id", "amount"],
        rows,
        constants={
            "community_id": payment.community_id,
            "reversal": reversal,
            "created_by_id": getattr(actor, "pk", None),
            **({"created_at": at, "updated_at": at} if at is not None else {}),
        },
    )
    _add_paid(BillLine, [(line_id, part) for _payment, _bill, line_id, part in rows])
    _add_paid(Bill, list(touched.items()))
    return touched


def _add_paid(model, parts: list[tuple[int, Decimal]]) -> None:
    """`paid` += part on each row, rounded to the cent (SQLite adds decimals as floating
    point, and the CHECK constraints — paid within the total — compare exactly)."""
    if not parts:
        return
    quote = connection.ops.quote_name
    sql = (
        f"UPDATE {quote(model._meta.db_table)} SET paid = ROUND(paid + %s, 2) "  # noqa: S608
        f"WHERE {quote(model._meta.pk.column)} = %s"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(part, pk) for pk, part in parts])


def lock_open_bills(unit, bill_ids=None) -> dict[int, tuple]:
    """Lock the unit's open bills (the ones a payment may settle) in a fixed order; returns
    each bill's place in the order of settlement (oldest first), for `owing_lines`."""
    if bill_ids is None:
        rows = _OPEN_BILLS.rows(unit.pk)
    else:
        rows = _open_bills(unit.pk).filter(pk__in=bill_ids)
    return {pk: (start, due, number) for pk, start, due, number in rows}


def _open_bills(unit_id):
    return (
        Bill.objects.select_for_update()
        .filter(unit_id=unit_id, status=BillStatus.OPEN)
        .order_by("pk")
        .values_list("pk", "period_start", "due_date", "number")
    )


# The reads every payment makes, their SQL built once (`core.prepared`).
_OPEN_BILLS = Prepared(_open_bills)


_OWING_LINES = Prepared(
    lambda bill_ids: (
        BillLine.objects.filter(bill_id__in=bill_ids, cancelled=False, amount__gt=0)
        .order_by()
        .values_list("pk", "bill_id", "amount", "paid", "fee_item__code")
    )
)


_APPROVED_WAIVERS = Prepared(
    lambda bill_ids: (
        Waiver.objects.filter(bill_id__in=bill_ids, status=ApprovalStatus.APPROVED)
        .order_by()
        .values_list("line_id", "amount")
    )
)


@dataclass(slots=True)
class OwingLine:
    """A bill line as a payment settles it: what it still owes (see `open_lines`)."""

    pk: int
    bill_id: int
    owed: Decimal


def owing_lines(bill_order: dict[int, tuple]) -> list[OwingLine]:
    """The lines of these locked bills that still owe, in `open_lines`' order (oldest bill
    first, then fee item code): three plain queries, no joins to compile on every payment."""
    if not bill_order:
        return []
    bill_ids = tuple(bill_order)
    rows = _OWING_LINES.rows(bill_ids)
    waived: dict[int, Decimal] = {}
    for line_id, amount in _APPROVED_WAIVERS.rows(bill_ids):
        waived[line_id] = waived.get(line_id, ZERO) + amount
    owing = []
    for pk, bill_id, amount, paid, code in rows:
        owed = amount - paid - waived.get(pk, ZERO)
        if owed > 0:
            owing.append(((*bill_order[bill_id], code, pk), OwingLine(pk, bill_id, owed)))
    owing.sort(key=lambda pair: pair[0])
    return [line for _key, line in owing]


def lock_bills(bill_ids) -> None:
    if not row_locks():
        return
    list(
        Bill.objects.select_for_update()
        .filter(pk__in=sorted(bill_ids))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


class Owing(Protocol):
    owed: Decimal  # set on each line by `open_lines`


def allocate[L: Owing](amount: Decimal, lines: Iterable[L]) -> list[tuple[L, Decimal]]:
    """Oldest first: each line gets what it owes until the money runs out (pure; BIL-07)."""
    remaining = amount
    plan: list[tuple[L, Decimal]] = []
    for line in lines:
        if remaining <= 0:
            break
        part = min(line.owed, remaining)
        plan.append((line, part))
        remaining -= part
    return plan


# --- Prepayments, deposits, refunds, waivers (BIL-08..10) --------------------------------------------


def monthly_fee(unit) -> Decimal:
    """What the unit usually pays a month: its last run's bill spread over the run's months;
    before its first run, what its area and per-unit fee items would charge a month; failing
    both, its largest bill. A unit with none of these has no fee to pay ahead."""
    last = (
        Bill.objects.filter(unit=unit, space__isnull=True, payer_kind="resident", run__isnull=False)
        .exclude(status=BillStatus.CANCELLED)
        .select_related("run")
        .order_by("-period_start", "-id")
        .first()
    )
    if last is not None and last.run is not None and last.total > 0:
        return last.total / last.run.months

    estimate = ZERO
    today = timezone.localdate()
    items = FeeItem.objects.filter(
        community_id=unit.community_id,
        is_active=True,
        calculation__in=(Calculation.AREA, Calculation.FIXED_UNIT),
    ).prefetch_related("standards")
    for item in items:
        if not item.applies_to_use(unit.use):
            continue
        standard = engine.standard_for(item.standards.all(), today)
        if standard is None:
            continue
        if item.calculation == Calculation.AREA:
            area = unit.gross_area if item.area_basis == AreaBasis.GROSS else unit.inner_area
            estimate += standard.unit_price * (area or ZERO)
        else:
            estimate += standard.unit_price
    if estimate > 0:
        return estimate
    # No fee items either (a one-off arrangement): its largest bill stands for a month.
    largest = (
        Bill.objects.filter(unit=unit, space__isnull=True, total__gt=0)
        .exclude(status=BillStatus.CANCELLED)
        .order_by("-total")
        .values_list("total", flat=True)
        .first()
    )
    return largest or ZERO


def check_prepayment_limit(unit, amount, *, balance=None):
    """Prepayment is capped at the policy's months (default 12) of the unit's monthly fee; a
    unit with no fee at all cannot hold prepayment. Call it under the unit's lock."""

    months = policy_for(unit.community).prepayment_limit_months
    limit = q2(monthly_fee(unit) * months)
    balance = wallet_balance(unit) if balance is None else balance
    if balance + amount > limit:
        raise DomainError(
            _(
                "Prepayment is limited to %(limit)s for this unit (%(months)d months of its fees); it holds %(balance)s now."
            )
            % {"limit": limit, "months": months, "balance": balance},
            field="amount",
        )
