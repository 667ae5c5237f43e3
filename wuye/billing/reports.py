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
from collections import defaultdict
from decimal import Decimal

from django.db.models import Case, Count, DecimalField, F, Min, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from wuye.core.money import ZERO, q2

from .choices import BillStatus, PayerKind
from .engine import period_end
from .models import Allocation, Bill, BillLine

BUCKETS = [
    (0, 30, "0–30"),
    (31, 90, "31–90"),
    (91, 180, "91–180"),
    (181, 365, "181–365"),
    (366, None, ">365"),
]
LIMITATION_YEARS = 3  # 民法典 §188: three years from when the creditor could claim
GROUPS = {"building": "unit__building__number", "zone": "unit__building__zone__name"}
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
    result.sort(key=lambda r: -r["total"])
    return result, [label for _low, _high, label in BUCKETS]


def arrears_by_unit(queryset, *, as_of=None):
    """Units owing money: how much, how many bills, since when; claims near limitation flagged."""
    as_of = as_of or timezone.localdate()
    limit = as_of.replace(year=as_of.year - LIMITATION_YEARS)
    rows = (
        overdue_bills(queryset, as_of)
        .order_by()
        .values("unit", "unit__code", "unit__building__zone__name")
        .annotate(
            owed_sum=Sum(F("total") - F("paid")), bill_count=Count("id"), oldest=Min("due_date")
        )
    )
    result = [
        {
            "unit_id": row["unit"],
            "code": row["unit__code"],
            "zone": row["unit__building__zone__name"] or "—",
            "owed": q2(row["owed_sum"]),
            "bills": row["bill_count"],
            "oldest_due": row["oldest"],
            "days": (as_of - row["oldest"]).days,
            "limitation": row["oldest"] < limit,
        }
        for row in rows
    ]
    result.sort(key=lambda r: (-r["days"], -r["owed"]))
    return result


def _rate(part, whole):
    return (Decimal(part) / Decimal(whole) * 100).quantize(Decimal("0.01")) if whole else None


def _sum_by(queryset, value, field):
    """{group: Decimal} of `value` summed per `field` (or one "" group)."""
    if field is None:
        return {"": q2(queryset.aggregate(v=value)["v"])}
    return {
        row[field] or "—": q2(row["v"])
        for row in queryset.order_by().values(field).annotate(v=value)
    }


def collection_rates(community, period: dt.date, *, months=1, group_by=None):
    """Rows of receivable, collected, 当期收缴率, earlier arrears, recovered, 清欠率, households
    and 户收费率 — for the whole community or per building / zone; per fee item the current rate."""
    start = period.replace(day=1)
    end = period_end(start, months)
    start_at = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    end_at = timezone.make_aware(dt.datetime.combine(end, dt.time.max))
    if group_by == "fee_item":
        return _rates_by_fee_item(community, start, end, end_at)
    field = GROUPS.get(group_by)
    bill_field = f"bill__{field}" if field else None
    bills = Bill.objects.filter(community=community, payer_kind=PayerKind.RESIDENT).exclude(
        status=BillStatus.CANCELLED
    )
    current = bills.filter(period_start__gte=start, period_start__lte=end)
    earlier = bills.filter(period_start__lt=start)
    allocations = Allocation.objects.filter(community=community)
    receivable = _sum_by(current, Sum("total"), field)
    collected = _sum_by(
        allocations.filter(bill__in=current, created_at__lte=end_at), Sum("amount"), bill_field
    )
    earlier_total = _sum_by(earlier, Sum("total"), field)
    paid_before = _sum_by(
        allocations.filter(bill__in=earlier, created_at__lt=start_at), Sum("amount"), bill_field
    )
    recovered = _sum_by(
        allocations.filter(bill__in=earlier, created_at__gte=start_at, created_at__lte=end_at),
        Sum("amount"),
        bill_field,
    )
    paid_units, billed_units = _households(current, allocations, end_at, field)
    rows = []
    for group in sorted(set(receivable) | set(earlier_total)):
        due, got = receivable.get(group, ZERO), collected.get(group, ZERO)
        before = earlier_total.get(group, ZERO) - paid_before.get(group, ZERO)
        back = recovered.get(group, ZERO)
        billed, paid = billed_units.get(group, 0), paid_units.get(group, 0)
        rows.append(
            {
                "group": group,
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


def _households(current, allocations, end_at, field):
    paid_by_unit = {
        row["bill__unit"]: q2(row["v"])
        for row in allocations.filter(bill__in=current, created_at__lte=end_at)
        .order_by()
        .values("bill__unit")
        .annotate(v=Sum("amount"))
    }
    billed, paid = defaultdict(int), defaultdict(int)
    columns = ["unit", field] if field else ["unit"]
    for row in current.order_by().values(*columns).annotate(due=Sum("total")):
        group = (row[field] or "—") if field else ""
        billed[group] += 1
        if paid_by_unit.get(row["unit"], ZERO) >= q2(row["due"]):
            paid[group] += 1
    return paid, billed


def _rates_by_fee_item(community, start, end, end_at):
    lines = BillLine.objects.filter(
        community=community, cancelled=False, bill__payer_kind=PayerKind.RESIDENT
    ).exclude(bill__status=BillStatus.CANCELLED)
    current = lines.filter(period__gte=start, period__lte=end)
    receivable = _sum_by(current, Sum("amount"), "fee_item__name")
    collected = _sum_by(
        Allocation.objects.filter(line__in=current, created_at__lte=end_at),
        Sum("amount"),
        "line__fee_item__name",
    )
    return [
        {
            "group": name,
            "receivable": due,
            "collected": collected.get(name, ZERO),
            "collection_rate": _rate(collected.get(name, ZERO), due),
        }
        for name, due in sorted(receivable.items())
    ]
