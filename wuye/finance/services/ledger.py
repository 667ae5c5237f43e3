"""The month's ledger 日清月结 (FIN-02) and its reconciliation 对账 (FIN-06), read from billing's
rows by set-based queries — finance writes none of them.

Receivables 应收 are what the bills still owe: each month they grow by what was billed, and
shrink by what was waived, cancelled and collected (settled by payments, including those from
prepayment; a void's reversal counts back). Arrears 欠收 are the receivables of bills already
due at the month's end. Prepaid 预收 is the units' prepayment balances with their movements.
Every movement is dated when it was written: a bill line when it was issued, a payment's
settlement when it was taken, a void when it was voided, a cancellation when it was made.

Each closing balance is computed two independent ways (`reconcile`): from the movements (the
opening balance plus the month's movements) and from the records' own state (what lines and
bills say they still owe, the wallets' balances, now) less what has moved since the month
ended. They differ only when a record's kept figure disagrees with its movements.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, F, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.billing.choices import (
    BillStatus,
    PayerKind,
    PaymentPurpose,
    PaymentStatus,
    WalletEntryKind,
)
from wuye.billing.models import Allocation, Bill, BillLine, FeeItem, Payment, Wallet, WalletEntry
from wuye.core.money import ZERO, q2

from ..choices import MonthStatus
from ..models import MonthClose

Key = tuple[int, str]  # (fee item id, payer kind)
Sums = dict[Key, Decimal]

MOVEMENTS = ("billed", "waived", "cancelled", "collected")
MONEY_FIELD = DecimalField(max_digits=14, decimal_places=2)
PREPAID_IN = (WalletEntryKind.TOP_UP, WalletEntryKind.OVERPAYMENT)
WAIVER_KEY = "waiver"  # the billing key of a waiver's negative line begins so


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def previous_month(month: dt.date) -> dt.date:
    return (month.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The month as [start, end) in the service center's time zone."""
    start = dt.datetime.combine(month_start(month), dt.time())
    end = dt.datetime.combine(next_month(month), dt.time())
    return timezone.make_aware(start), timezone.make_aware(end)


def _range(prefix: str, start, end) -> Q:
    query = Q()
    if start is not None:
        query &= Q(**{f"{prefix}__gte": start})
    if end is not None:
        query &= Q(**{f"{prefix}__lt": end})
    return query


def _by_item(queryset, item: str, totals: dict) -> dict[str, dict[int, Decimal]]:
    rows = queryset.order_by().values_list(item).annotate(**totals)
    sums: dict[str, dict[int, Decimal]] = {name: {} for name in totals}
    for item_id, *values in rows:
        for name, value in zip(totals, values, strict=True):
            sums[name][item_id] = q2(value)  # SQLite sums decimals as floats
    return sums


def _grouped(community_id: int, queryset, item: str, **totals) -> dict[str, Sums]:
    """Each of `totals` (aggregates of `queryset`, rows with a `bill`) by fee item and payer
    kind, without joining every bill: all rows by fee item, then again only the rows of the
    developer's bills (few) — the rest are the residents'."""
    everything = _by_item(queryset, item, totals)
    developers = Bill.objects.filter(community_id=community_id, payer_kind=PayerKind.DEVELOPER)
    developer = _by_item(queryset.filter(bill__in=developers.values("pk")), item, totals)
    sums: dict[str, Sums] = {name: defaultdict(lambda: ZERO) for name in totals}
    for name in totals:
        for item_id, value in everything[name].items():
            sums[name][(item_id, PayerKind.RESIDENT)] += value
        for item_id, value in developer[name].items():
            sums[name][(item_id, PayerKind.DEVELOPER)] += value
            sums[name][(item_id, PayerKind.RESIDENT)] -= value
    return sums


def movements(community_id: int, start, end) -> dict[str, Sums]:
    """Each movement of the receivables written in [start, end) (None: open-ended), by fee item
    and payer kind."""
    lines = BillLine.objects.filter(community_id=community_id)
    written = lines.filter(_range("created_at", start, end))
    allocations = Allocation.objects.filter(
        Q(community_id=community_id) & _range("created_at", start, end)
    )
    waiver = Q(billing_key__startswith=WAIVER_KEY)
    moves = _grouped(
        community_id,
        written,
        "fee_item_id",
        billed=Sum("amount", filter=~waiver),
        waived=Sum("amount", filter=waiver),
    )
    # A waiver's line is negative: the waived amount is its opposite.
    moves["waived"] = {key: -value for key, value in moves["waived"].items()}
    cancelled = lines.filter(Q(cancelled=True) & _range("cancelled_at", start, end))
    moves |= _grouped(community_id, cancelled, "fee_item_id", cancelled=Sum("amount"))
    moves |= _grouped(community_id, allocations, "line__fee_item_id", collected=Sum("amount"))
    return moves


def net(moves: dict[str, Sums]) -> Sums:
    """What the movements add to the receivables, by key."""
    total: Sums = defaultdict(lambda: ZERO)
    for key, value in moves["billed"].items():
        total[key] += value
    for name in ("waived", "cancelled", "collected"):
        for key, value in moves[name].items():
            total[key] -= value
    return total


def owing_now(community_id: int) -> Sums:
    """What the lines say they still owe today (amount less paid), by key."""
    lines = BillLine.objects.filter(community_id=community_id, cancelled=False).exclude(
        paid=F("amount")
    )
    return _grouped(community_id, lines, "fee_item_id", owed=Sum(F("amount") - F("paid")))["owed"]


def bills_owing_now(community_id: int) -> dict[str, Decimal]:
    """What the bills say they still owe today (total less paid), by payer kind."""
    rows = (
        Bill.objects.filter(community_id=community_id, paid__lt=F("total"))
        .exclude(status=BillStatus.CANCELLED)
        .order_by()
        .values_list("payer_kind")
        .annotate(total=Sum(F("total") - F("paid")))
    )
    return {payer: q2(total) for payer, total in rows}


def _add(*parts: Sums, signs: Iterable[int] | None = None) -> Sums:
    total: Sums = defaultdict(lambda: ZERO)
    for part, sign in zip(parts, signs or [1] * len(parts), strict=True):
        for key, value in part.items():
            total[key] += sign * value
    return total


def _sum(expression, condition: Q):
    return Coalesce(Sum(expression, filter=condition), Value(ZERO), output_field=MONEY_FIELD)


def not_due(community_id: int, end_day: dt.date, end) -> tuple[Decimal, Decimal]:
    """What bills not yet due on `end_day` (a month's last day) owed at `end` (the month's
    end), both ways: by their movements before `end`, and by their lines' state now less their
    movements since. The receivables less this are the arrears (欠收). Read from those bills
    (few: the month's own, at most), not from every line and settlement."""
    bills = Bill.objects.filter(community_id=community_id, due_date__gt=end_day).order_by()
    before, after = Q(lines__created_at__lt=end), Q(lines__created_at__gte=end)
    cancelled_before = Q(lines__cancelled=True, lines__cancelled_at__lt=end)
    lines = bills.aggregate(
        history=_sum("lines__amount", before & ~cancelled_before),
        state=_sum(F("lines__amount") - F("lines__paid"), Q(lines__cancelled=False)),
        written_after=_sum("lines__amount", after),
        cancelled_after=_sum(
            "lines__amount", Q(lines__cancelled=True, lines__cancelled_at__gte=end)
        ),
    )
    settled = bills.aggregate(
        before=_sum("allocations__amount", Q(allocations__created_at__lt=end)),
        after=_sum("allocations__amount", Q(allocations__created_at__gte=end)),
    )
    moved_after = lines["written_after"] - lines["cancelled_after"] - settled["after"]
    return (
        q2(lines["history"] - settled["before"]),
        q2(lines["state"] - moved_after),
    )


@dataclass
class Ledger:
    """One month of one community, by fee item and payer kind."""

    month: dt.date
    opening: Sums
    moves: dict[str, Sums]
    closing: Sums
    arrears_opening: Decimal
    arrears_closing: Decimal
    prepaid: dict[str, Decimal]
    opening_from_close: bool
    # What the bills not yet due at the month's end owed then, by their records (`not_due`).
    not_due_by_records: Decimal = ZERO
    fee_items: dict[int, str] = field(default_factory=dict)

    def rows(self) -> list[dict]:
        """Per fee item and payer kind, in the order of the fee items' codes."""
        keys = set(self.opening) | set(self.closing)
        for sums in self.moves.values():
            keys |= set(sums)
        payer_names = dict(PayerKind.choices)
        rows = []
        for key in sorted(keys, key=lambda k: (self.fee_items.get(k[0], ""), k[1])):
            row = {
                "fee_item": self.fee_items.get(key[0], key[0]),
                "payer_kind": key[1],
                "payer": payer_names.get(key[1], key[1]),
                "opening": q2(self.opening.get(key, ZERO)),
                **{name: q2(self.moves[name].get(key, ZERO)) for name in MOVEMENTS},
                "closing": q2(self.closing.get(key, ZERO)),
            }
            if any(row[name] for name in ("opening", *MOVEMENTS, "closing")):
                rows.append(row)
        return rows

    def totals(self) -> dict[str, Decimal]:
        rows = self.rows()
        return {
            name: q2(sum((row[name] for row in rows), ZERO))
            for name in ("opening", *MOVEMENTS, "closing")
        }

    def by_payer(self) -> dict[str, dict[str, Decimal]]:
        out: dict[str, dict[str, Decimal]] = {}
        for row in self.rows():
            part = out.setdefault(
                row["payer_kind"], dict.fromkeys(("opening", *MOVEMENTS, "closing"), ZERO)
            )
            for name in part:
                part[name] += row[name]
        return out

    def figures(self) -> dict:
        """What a close keeps: the closing balances the next month opens with."""
        return {
            "receivable": [
                [item, payer, str(value)] for (item, payer), value in self.closing.items() if value
            ],
            "arrears": str(self.arrears_closing),
            "prepaid": str(self.prepaid["closing"]),
        }


def _closed(community_id: int, month: dt.date) -> MonthClose | None:
    return MonthClose.objects.filter(
        community_id=community_id, month=month, status=MonthStatus.CLOSED
    ).first()


def _opening(community_id: int, month: dt.date, start) -> tuple[Sums, Decimal, Decimal, bool]:
    """The balances the month opens with: the previous month's close when it is closed, else
    every movement before the month (receivables, arrears, prepaid)."""
    close = _closed(community_id, previous_month(month))
    if close is not None and close.figures:
        figures = close.figures
        opening: Sums = defaultdict(lambda: ZERO)
        for item, payer, value in figures["receivable"]:
            opening[(int(item), payer)] = Decimal(value)
        return opening, Decimal(figures["arrears"]), Decimal(figures["prepaid"]), True
    opening = net(movements(community_id, None, start))
    last_day = month - dt.timedelta(days=1)
    arrears = q2(sum(opening.values(), ZERO) - not_due(community_id, last_day, start)[0])
    prepaid = q2(
        WalletEntry.objects.filter(community_id=community_id, created_at__lt=start)
        .order_by()
        .aggregate(total=Sum("amount"))["total"]
    )
    return opening, arrears, prepaid, False


def prepaid_moves(community_id: int, start, end) -> dict[str, Decimal]:
    rows = (
        WalletEntry.objects.filter(Q(community_id=community_id) & _range("created_at", start, end))
        .order_by()
        .values_list("kind")
        .annotate(total=Sum("amount"))
    )
    by_kind = {kind: q2(total) for kind, total in rows}
    return {
        "in": q2(sum((by_kind.get(kind, ZERO) for kind in PREPAID_IN), ZERO)),
        "offset": -by_kind.get(WalletEntryKind.OFFSET, ZERO),
        "refunded": -by_kind.get(WalletEntryKind.REFUND, ZERO),
        "reversed": -by_kind.get(WalletEntryKind.REVERSAL, ZERO),
    }


def ledger(community, month: dt.date) -> Ledger:
    """The month's ledger of one community (FIN-02)."""
    community_id = getattr(community, "pk", community)
    month = month_start(month)
    start, end = bounds(month)
    opening, arrears_opening, prepaid_opening, from_close = _opening(community_id, month, start)
    moves = movements(community_id, start, end)
    closing = _add(opening, net(moves))
    last_day = next_month(month) - dt.timedelta(days=1)
    not_due_now = not_due(community_id, last_day, end)
    arrears_closing = q2(sum(closing.values(), ZERO) - not_due_now[0])
    prepaid = prepaid_moves(community_id, start, end)
    prepaid["opening"] = prepaid_opening
    prepaid["closing"] = q2(
        prepaid_opening
        + prepaid["in"]
        - prepaid["offset"]
        - prepaid["refunded"]
        - prepaid["reversed"]
    )
    items = dict(FeeItem.objects.filter(community_id=community_id).values_list("pk", "name"))
    return Ledger(
        month=month,
        opening=opening,
        moves=moves,
        closing=closing,
        arrears_opening=arrears_opening,
        arrears_closing=arrears_closing,
        prepaid=prepaid,
        opening_from_close=from_close,
        not_due_by_records=not_due_now[1],
        fee_items=items,
    )


# --- Reconciliation 对账 (FIN-06) -------------------------------------------------------


@dataclass
class Check:
    label: str
    by_movements: Decimal
    by_records: Decimal

    @property
    def difference(self) -> Decimal:
        return q2(self.by_movements - self.by_records)


@dataclass
class Reconciliation:
    ledger: Ledger
    checks: list[Check]
    records: list[dict]

    @property
    def balanced(self) -> bool:
        return not any(check.difference for check in self.checks)


def _collected_by_payments(community_id: int, month: dt.date, start, end) -> Decimal:
    """What payments settled in the month as the payments themselves say: taken in the month
    (amount less what was kept as prepayment), less those voided in the month."""
    settles = Q(purpose__in=(PaymentPurpose.BILLS, PaymentPurpose.OFFSET))
    payments = Payment.objects.filter(Q(community_id=community_id) & settles)
    amount = Sum(F("amount") - F("to_prepayment"))
    taken = payments.filter(
        business_date__gte=month, business_date__lt=next_month(month)
    ).aggregate(total=amount)["total"]
    voided = payments.filter(
        Q(status=PaymentStatus.VOIDED) & _range("voided_at", start, end)
    ).aggregate(total=amount)["total"]
    return q2(q2(taken) - q2(voided))


def _payer_name(payer: str) -> str:
    return str(dict(PayerKind.choices).get(payer, payer))


def reconcile(community, month: dt.date) -> Reconciliation:
    """Every closing figure of the month two ways, side by side (FIN-06)."""
    community_id = getattr(community, "pk", community)
    book = ledger(community_id, month)
    start, end = bounds(book.month)
    later = net(movements(community_id, end, None))
    by_lines = _add(owing_now(community_id), later, signs=(1, -1))
    checks = []
    keys = set(book.closing) | set(by_lines)
    for key in sorted(keys, key=lambda k: (book.fee_items.get(k[0], ""), k[1])):
        ours, theirs = q2(book.closing.get(key, ZERO)), q2(by_lines.get(key, ZERO))
        if ours or theirs:
            label = _("Receivable at month end: %(item)s · %(payer)s") % {
                "item": book.fee_items.get(key[0], key[0]),
                "payer": _payer_name(key[1]),
            }
            checks.append(Check(label, ours, theirs))
    bills_now = bills_owing_now(community_id)
    ours_by_payer: dict[str, Decimal] = defaultdict(lambda: ZERO)
    later_by_payer: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for (_item, payer), value in book.closing.items():
        ours_by_payer[payer] += value
    for (_item, payer), value in later.items():
        later_by_payer[payer] += value
    for payer in sorted(set(ours_by_payer) | set(bills_now)):
        theirs = q2(bills_now.get(payer, ZERO) - later_by_payer[payer])
        if q2(ours_by_payer[payer]) or theirs:
            label = _("Receivable at month end by the bills: %(payer)s") % {
                "payer": _payer_name(payer)
            }
            checks.append(Check(label, q2(ours_by_payer[payer]), theirs))
    arrears_records = q2(sum(by_lines.values(), ZERO) - book.not_due_by_records)
    checks.append(Check(_("Arrears at month end"), book.arrears_closing, arrears_records))
    wallets = q2(
        Wallet.objects.filter(community_id=community_id).aggregate(total=Sum("balance"))["total"]
    )
    entries_later = q2(
        WalletEntry.objects.filter(community_id=community_id, created_at__gte=end)
        .order_by()
        .aggregate(total=Sum("amount"))["total"]
    )
    checks.append(
        Check(_("Prepaid at month end"), book.prepaid["closing"], q2(wallets - entries_later))
    )
    checks.append(
        Check(
            _("Collected in the month (settlements against payments)"),
            q2(sum(book.moves["collected"].values(), ZERO)),
            _collected_by_payments(community_id, book.month, start, end),
        )
    )
    balanced = not any(check.difference for check in checks)
    return Reconciliation(
        book, checks, [] if balanced else records_behind(community_id, book.month)
    )


RECORDS_SHOWN = 50


def _record(kind, obj, kept, moved) -> dict:
    return {
        "kind": kind,
        "record": str(obj),
        "url": obj.get_absolute_url(),
        "kept": q2(kept),
        "movements": q2(moved),
    }


def records_behind(community_id: int, month: dt.date) -> list[dict]:
    """The records whose kept figure disagrees with their movements (at most 50 of each kind):
    a line or bill whose paid is not its settlements, a bill whose total is not its lines, a
    wallet whose balance is not its movements, a payment of the month not settled as taken."""
    records = []
    zero = Value(ZERO, output_field=MONEY_FIELD)
    lines = (
        BillLine.objects.filter(community_id=community_id)
        .annotate(settled=Coalesce(Sum("allocations__amount"), zero))
        .exclude(paid=F("settled"))
        .select_related("bill", "fee_item")
        .order_by("pk")[:RECORDS_SHOWN]
    )
    for line in lines:
        records.append(_record(_("Bill line: paid vs settlements"), line, line.paid, line.settled))
    bills = (
        Bill.objects.filter(community_id=community_id)
        .exclude(status=BillStatus.CANCELLED)
        .annotate(
            lines_total=Coalesce(Sum("lines__amount", filter=Q(lines__cancelled=False)), zero),
            lines_paid=Coalesce(Sum("lines__paid"), zero),
        )
        .filter(~Q(total=F("lines_total")) | ~Q(paid=F("lines_paid")))
        .order_by("pk")[:RECORDS_SHOWN]
    )
    for bill in bills:
        if q2(bill.total) != q2(bill.lines_total):
            records.append(
                _record(_("Bill: total vs its lines"), bill, bill.total, bill.lines_total)
            )
        else:
            records.append(_record(_("Bill: paid vs its lines"), bill, bill.paid, bill.lines_paid))
    wallets = (
        Wallet.objects.filter(community_id=community_id)
        .annotate(moved=Coalesce(Sum("unit__wallet_entries__amount"), zero))
        .exclude(balance=F("moved"))
        .select_related("unit")
        .order_by("pk")[:RECORDS_SHOWN]
    )
    for wallet in wallets:
        records.append(
            _record(_("Prepayment: balance vs movements"), wallet, wallet.balance, wallet.moved)
        )
    payments = (
        Payment.objects.filter(
            community_id=community_id,
            purpose__in=(PaymentPurpose.BILLS, PaymentPurpose.OFFSET),
            business_date__gte=month,
            business_date__lt=next_month(month),
        )
        .annotate(
            settled=Coalesce(
                Sum("allocations__amount", filter=Q(allocations__reversal=False)), zero
            ),
            taken=F("amount") - F("to_prepayment"),
        )
        .exclude(settled=F("taken"))
        .order_by("pk")[:RECORDS_SHOWN]
    )
    for payment in payments:
        records.append(
            _record(_("Payment: taken vs settled"), payment, payment.taken, payment.settled)
        )
    return records
