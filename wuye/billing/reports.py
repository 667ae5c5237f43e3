"""Arrears and collection rates (BIL-14, BIL-15), computed with aggregates in the database.

Definitions (stated on the pages too):
- 当期收缴率 = collected by the period's end on the period's bills ÷ the period's receivable.
- 清欠率 = earlier arrears recovered during the period ÷ earlier arrears at the period's start.
- 户收费率 = units whose bills of the period are fully paid by its end ÷ units billed in it.
Money paid ahead counts only once it settles a bill (an offset); a prepayment balance never
does. Developer bills are not resident collection and are left out.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection, transaction
from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from wuye.core.access import Access
from wuye.core.money import ZERO, q2
from wuye.core.text import natural_key
from wuye.estate.models import Building, Unit
from wuye.org.models import Zone

from .choices import BillStatus, Channel, DepositStatus, PayerKind, PaymentStatus
from .engine import period_end
from .models import Allocation, Bill, BillLine, DailyClosing, Deposit, Payment, WalletEntry
from .services.ledger import wallet_balance

BUCKETS = [
    (0, 30, "0–30"),
    (31, 90, "31–90"),
    (91, 180, "91–180"),
    (181, 365, "181–365"),
    (366, None, ">365"),
]
LIMITATION_YEARS = 3  # 民法典 §188: three years from when the creditor could claim
GROUPS = {"building": "unit__building__number", "zone": "unit__building__zone__name"}
# The rates group by id (one join fewer over every bill) and name the groups afterwards.
GROUP_IDS = {"building": "unit__building", "zone": "unit__building__zone"}
MONEY = DecimalField(max_digits=14, decimal_places=2)


def overdue_bills(queryset, as_of):
    """Residents' open bills past their due date that still owe something."""
    return (
        queryset.filter(status=BillStatus.OPEN, payer_kind=PayerKind.RESIDENT, due_date__lt=as_of)
        .annotate(owed=F("total") - F("paid"))
        .filter(owed__gt=0)
    )


def aging(queryset, *, as_of=None, group_by="building"):
    """Arrears per building or zone in aging buckets (days past the due date)."""
    as_of = as_of or timezone.localdate()
    field = GROUPS[group_by]
    sums = {}
    for index, (low, high, _label) in enumerate(BUCKETS):
        condition = Q(due_date__lte=as_of - dt.timedelta(days=low))
        if high is not None:
            condition &= Q(due_date__gte=as_of - dt.timedelta(days=high))
        sums[f"b{index}"] = Coalesce(
            Sum(
                Case(
                    When(condition, then=F("total") - F("paid")),
                    default=Value(0),
                    output_field=MONEY,
                )
            ),
            Value(0),
            output_field=MONEY,
        )
    rows = (
        overdue_bills(queryset, as_of)
        .order_by()
        .values(field)
        .annotate(owed_sum=Sum(F("total") - F("paid")), **sums)
    )
    result = [
        {
            "group": row[field] or "—",
            "buckets": [q2(row[f"b{i}"]) for i in range(len(BUCKETS))],
            "total": q2(row["owed_sum"]),
        }
        for row in rows
    ]
    result.sort(key=lambda r: r["total"], reverse=True)  # stable: ties keep their order
    return result, [label for _low, _high, label in BUCKETS]


def arrears_by_unit(queryset, *, as_of=None):
    """Units owing money: how much, how many bills, since when; claims near limitation flagged."""
    as_of = as_of or timezone.localdate()
    limit = as_of.replace(year=as_of.year - LIMITATION_YEARS)
    rows = (
        overdue_bills(queryset, as_of)
        .order_by()
        .values("unit")  # one row per unit: its code and zone below add nothing to the groups
        .annotate(
            owed_sum=Sum(F("total") - F("paid")), bill_count=Count("id"), oldest=Min("due_date")
        )
        # Tuples, not dicts: a large center has thousands of units in arrears.
        .values_list(
            "unit", "unit__code", "unit__building__zone__name", "owed_sum", "bill_count", "oldest"
        )
    )
    result = [
        {
            "unit_id": unit_id,
            "code": code,
            "zone": zone or "—",
            "owed": q2(owed),
            "bills": bills,
            "oldest_due": oldest,
            "days": (as_of - oldest).days,
            "limitation": oldest < limit,
        }
        for unit_id, code, zone, owed, bills, oldest in rows
    ]
    result.sort(key=lambda r: (-r["days"], -r["owed"]))
    return result


def latest_billed_period(community, today=None) -> dt.date | None:
    """The latest month (up to this one) with residents' bills: where collection-rate pages
    open, rather than on a month not billed yet."""
    today = today or timezone.localdate()
    return (
        Bill.objects.filter(community=community, payer_kind=PayerKind.RESIDENT)
        .exclude(status=BillStatus.CANCELLED)
        .filter(period_start__lte=today)
        .aggregate(latest=Max("period_start"))["latest"]
    )


def _rate(part, whole):
    """A percentage to two decimals, half up: 1 of 32 is 3.125% → 3.13% (not banker's 3.12)."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def collection_rates(community, period: dt.date, *, months=1, group_by=None):
    """Rows of receivable, collected, 当期收缴率, earlier arrears, recovered, 清欠率, households
    and 户收费率 — for the whole community or per building / zone; per fee item the current rate."""
    with _report_session():
        return _collection_rates(community, period, months=months, group_by=group_by)


@contextmanager
def _report_session():
    """PostgreSQL compiles a query to machine code (JIT) when its estimated cost is high, as
    these reports' are: compiling took longer (over a second) than running them, so JIT is off.
    The default 4 MB of working memory sends the sort behind a count of distinct units to disk
    and the late payments' hash to batches: 64 MB keeps them in memory. Both hold for the
    report's own transaction only. SQLite has neither setting, and a transaction there would
    take the write lock (IMMEDIATE), so nothing is done."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        cursor.execute("SET LOCAL work_mem = '64MB'")
        yield


def _collection_rates(community, period, *, months, group_by):
    start = period.replace(day=1)
    end = period_end(start, months)
    start_at = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    end_at = timezone.make_aware(dt.datetime.combine(end, dt.time.max))
    if group_by == "fee_item":
        return _rates_by_fee_item(community, start, end, end_at)
    field = GROUP_IDS.get(group_by)
    bill_field = f"bill__{field}" if field else None
    label = _group_labels(community, group_by)
    resident = Q(payer_kind=PayerKind.RESIDENT) & ~Q(status=BillStatus.CANCELLED)
    current_q, earlier_q = Q(period_start__gte=start), Q(period_start__lt=start)
    # History is never re-read: a bill's `paid` is what is settled today, so the state at the
    # period's start and end is today's figure less what was allocated after that moment —
    # and only the allocations since the period's start are scanned (index on created_at).
    bills = Bill.objects.filter(resident, community=community)
    current = bills.filter(current_q, period_start__lte=end)
    # Earlier bills still owing today: the partial index on unpaid bills (migration 0011)
    # holds every column this reads, so the settled bills of past years are never visited.
    owing_sums = _sums_by(
        bills.filter(earlier_q, paid__lt=F("total")),
        field,
        owed_now=Sum(F("total") - F("paid")),
    )
    recent = Allocation.objects.filter(
        community=community,
        created_at__gte=start_at,
        bill__payer_kind=PayerKind.RESIDENT,
        bill__period_start__lte=end,
    ).exclude(bill__status=BillStatus.CANCELLED)
    earlier_bill = Q(bill__period_start__lt=start)
    late = Q(bill__period_start__gte=start) & Q(created_at__gt=end_at)
    recent_sums = _sums_by(
        recent,
        bill_field,
        paid_after_end=Sum("amount", filter=late),
        reversed_after_end=Count("pk", filter=late & Q(amount__lt=0)),
        recovered=Sum("amount", filter=earlier_bill & Q(created_at__lte=end_at)),
        paid_since_start=Sum("amount", filter=earlier_bill),
    )
    current_sums = _current_sums(current, field, community, end_at)
    if any(row["reversed_after_end"] for row in recent_sums.values()):
        # A reversal after the end may leave a bill more settled then than its (since
        # lowered) total: count the units by their sums instead.
        exact = _unpaid_households(current, end_at, field)
        for group, row in current_sums.items():
            row["unpaid"] = exact.get(group, 0)
    rows = []
    groups = set(current_sums) | set(owing_sums) | set(recent_sums)
    if not field:
        groups = {""}
    for group in sorted(groups, key=lambda group: natural_key(label(group))):
        bill_row, recent_row = current_sums.get(group, {}), recent_sums.get(group, {})
        due = bill_row.get("receivable", ZERO)
        got = bill_row.get("paid_now", ZERO) - recent_row.get("paid_after_end", ZERO)
        before = owing_sums.get(group, {}).get("owed_now", ZERO) + recent_row.get(
            "paid_since_start", ZERO
        )
        back = recent_row.get("recovered", ZERO)
        billed = bill_row.get("billed", 0)
        paid = billed - bill_row.get("unpaid", 0)
        rows.append(
            {
                "group": label(group),
                "receivable": due,
                "collected": got,
                "collection_rate": _rate(got, due),
                "prior_arrears": before,
                "recovered": back,
                "recovery_rate": _rate(back, before),
                "households": billed,
                "households_paid": paid,
                "household_rate": _rate(paid, billed),
            }
        )
    return rows


def _group_labels(community, group_by):
    """A function from a group's id (or "" / "—") to the name shown for it."""

    if group_by == "building":
        names = dict(Building.objects.filter(community=community).values_list("pk", "number"))
    elif group_by == "zone":
        names = dict(Zone.objects.filter(community=community).values_list("pk", "name"))
    else:
        return lambda group: group
    return lambda group: names.get(group, "—")


def _sums_by(queryset, field, **aggregates):
    """{group: {name: Decimal}} of several sums per `field` (or one "" group) in one query."""
    if field is None:
        row = queryset.aggregate(**aggregates)
        return {"": {name: _figure(row[name]) for name in aggregates}}
    return {
        row[field] or "—": {name: _figure(row[name]) for name in aggregates}
        for row in queryset.order_by().values(field).annotate(**aggregates)
    }


def _figure(value):
    """A count stays an int; a sum (None when nothing matched) becomes money."""
    return value if isinstance(value, int) else q2(value)


def _current_sums(current, field, community, end_at):
    """{group: receivable, paid now, units billed, units unpaid at the end} in one scan of the
    period's bills.

    A bill's settled amount at the end is `paid` less what was allocated to it after the end.
    While nothing allocated after the end was a reversal (the caller checks, and counts exactly
    otherwise), every such allocation is a payment: a bill was short at the end when it is
    short now or received a payment since. A unit is unpaid when one of its bills was."""
    # Only this period's bills: the set stays as small as the period however far back it is
    # (all allocations since an earlier month's end would be most of the table), and the
    # database reads it once, as one hash, rather than once for every bill.
    paid_after_end = Allocation.objects.filter(
        community=community, created_at__gt=end_at, amount__gt=0, bill__in=current.values("pk")
    ).values("bill")
    short_at_end = Q(paid__lt=F("total")) | Q(pk__in=paid_after_end)
    return _sums_by(
        current,
        field,
        receivable=Sum("total"),
        paid_now=Sum("paid"),
        billed=Count("unit", distinct=True),
        unpaid=Count("unit", distinct=True, filter=short_at_end),
    )


def _allocated_after(end_at):
    """What was allocated to the outer bill after `end_at`, as a subquery (its own
    allocations, by the index on the bill)."""
    return (
        Allocation.objects.filter(bill=OuterRef("pk"), created_at__gt=end_at)
        .order_by()
        .values("bill")
        .annotate(v=Sum("amount"))
        .values("v")
    )


def _unpaid_households(current, end_at, field):
    """{group: units whose bills of the period were not fully paid by its end}, counted in the
    database: a bill's settled amount at the end is `paid` less what was allocated after it."""
    settled = Sum(
        F("paid")
        - Coalesce(
            Subquery(_allocated_after(end_at), output_field=MONEY), Value(0), output_field=MONEY
        )
    )
    unpaid = (
        current.filter(unit__isnull=False)  # households are units; a space's own bill is not one
        .order_by()
        .values("unit")
        .annotate(due=Sum("total"), settled=settled)
        .filter(settled__lt=F("due"))
    )
    if not field:
        return {"": unpaid.count()}

    unit_field = field.removeprefix("unit__")
    return {
        row[unit_field] or "—": row["n"]
        for row in Unit.objects.filter(pk__in=unpaid.values("unit"))
        .order_by()
        .values(unit_field)
        .annotate(n=Count("id"))
    }


def _rates_by_fee_item(community, start, end, end_at):
    """The period's lines per fee item: what they ask for and what was allocated to them by the
    period's end, summed in one scan of the lines (index on their period, migration 0011)."""
    collected = (
        Allocation.objects.filter(line=OuterRef("pk"), created_at__lte=end_at)
        .order_by()
        .values("line")
        .annotate(v=Sum("amount"))
        .values("v")
    )
    current = BillLine.objects.filter(
        community=community,
        cancelled=False,
        bill__payer_kind=PayerKind.RESIDENT,
        period__gte=start,
        period__lte=end,
    ).exclude(bill__status=BillStatus.CANCELLED)
    sums = _sums_by(
        current,
        "fee_item__name",
        v=Sum("amount"),
        got=Sum(Subquery(collected, output_field=MONEY)),
    )
    rows = []
    for name, row in sorted(sums.items()):
        due, got = row["v"], row["got"]
        rows.append(
            {
                "group": name,
                "receivable": due,
                "collected": got,
                "collection_rate": _rate(got, due),
            }
        )
    return rows


def daily_report(access: Access, day: dt.date) -> dict:
    """收费日报: one day's collections by cashier, channel and fee item, the prepayments kept,
    the voids and the cashiers' closings."""
    posted = (
        Payment.objects.for_access(access)
        .filter(business_date=day, status=PaymentStatus.POSTED)
        .exclude(channel=Channel.PREPAYMENT)
    )
    by_cashier = []
    for row in (
        posted.order_by()
        .values("cashier__username", "cashier__name", "channel")
        .annotate(total=Sum("amount"), n=Count("id"))
    ):
        by_cashier.append(
            {
                "cashier": row["cashier__name"] or row["cashier__username"],
                "channel": Channel(row["channel"]).label,
                "count": row["n"],
                "total": q2(row["total"]),
            }
        )
    by_item = [
        {"item": row["line__fee_item__name"], "total": q2(row["total"])}
        for row in Allocation.objects.for_access(access)
        .filter(payment__business_date=day, payment__status=PaymentStatus.POSTED)
        .order_by()
        .values("line__fee_item__name")
        .annotate(total=Sum("amount"))
        .order_by("line__fee_item__name")
    ]
    prepaid = q2(posted.aggregate(total=Sum("to_prepayment"))["total"])
    total = q2(posted.aggregate(total=Sum("amount"))["total"])
    voided = (
        Payment.objects.for_access(access)
        .filter(business_date=day, status=PaymentStatus.VOIDED)
        .count()
    )
    closings = (
        DailyClosing.objects.for_access(access).filter(business_date=day).select_related("cashier")
    )
    return {
        "day": day,
        "by_cashier": by_cashier,
        "by_item": by_item,
        "prepaid": prepaid,
        "total": total,
        "voided": voided,
        "closings": closings,
        "community": access.community,
    }


def statement(unit: Unit, access: Access) -> dict:
    """Bills, payments, prepayment and deposits of one unit, with the balance owed."""

    bills = list(
        Bill.objects.for_access(access)
        .filter(unit=unit)
        .exclude(status=BillStatus.CANCELLED)
        .order_by("period_start", "number")
    )
    payments_list = list(
        Payment.objects.for_access(access)
        .filter(unit=unit)
        .select_related("receipt", "cashier")
        .order_by("received_at")
    )
    wallet = list(
        WalletEntry.objects.for_access(access).filter(unit=unit).order_by("created_at", "id")
    )
    deposits = list(Deposit.objects.for_access(access).filter(unit=unit))
    return {
        "unit": unit,
        "bills": bills,
        "payments": payments_list,
        "wallet": wallet,
        "deposits": deposits,
        "billed": q2(sum((b.total for b in bills), Decimal("0"))),
        "paid": q2(sum((b.paid for b in bills), Decimal("0"))),
        "owed": q2(sum((b.outstanding for b in bills), Decimal("0"))),
        "wallet_balance": wallet_balance(unit),
        "held": q2(
            sum((d.amount for d in deposits if d.status != DepositStatus.SETTLED), Decimal("0"))
        ),
        "today": timezone.localdate(),
        "community": access.community,
    }
