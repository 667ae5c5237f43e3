"""The developer's account 开发商往来 (FIN-02): what the developer owes for the units it still
holds (unsold, not yet handed over) and the fees of their handover months, what it has paid,
and how long what it owes has been due — the statement finance sends to the developer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Case, Count, DecimalField, F, Min, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from wuye.billing.choices import BillStatus, PayerKind
from wuye.billing.models import Allocation, Bill
from wuye.billing.reports import BUCKETS
from wuye.core.money import ZERO, q2

MONEY = DecimalField(max_digits=14, decimal_places=2)


def _owed_between(as_of: dt.date, low: int, high: int | None):
    condition = Q(due_date__lte=as_of - dt.timedelta(days=low))
    if high is not None:
        condition &= Q(due_date__gte=as_of - dt.timedelta(days=high))
    return Coalesce(
        Sum(
            Case(When(condition, then=F("total") - F("paid")), default=Value(0), output_field=MONEY)
        ),
        Value(0),
        output_field=MONEY,
    )


def developer_account(community, *, as_of: dt.date | None = None) -> dict:
    """Per unit: billed, paid, owed, of it not yet due, and the overdue part by days past due
    (the arrears report's buckets); the developer's payments; the totals."""
    as_of = as_of or timezone.localdate()
    bills = Bill.objects.filter(community=community, payer_kind=PayerKind.DEVELOPER).exclude(
        status=BillStatus.CANCELLED
    )
    buckets = {
        f"b{index}": _owed_between(as_of, max(low, 1), high)
        for index, (low, high, _label) in enumerate(BUCKETS)
    }
    rows = (
        bills.order_by()
        .values("unit", "unit__code")
        .annotate(
            billed=Sum("total"),
            paid_sum=Sum("paid"),
            bill_count=Count("id"),
            oldest=Min("due_date", filter=Q(paid__lt=F("total"))),
            not_due=Coalesce(
                Sum(
                    Case(
                        When(due_date__gte=as_of, then=F("total") - F("paid")),
                        default=Value(0),
                        output_field=MONEY,
                    )
                ),
                Value(0),
                output_field=MONEY,
            ),
            **buckets,
        )
        .order_by("unit__code")
    )
    units = []
    for found in rows:
        row: dict[str, Any] = dict(found)  # the buckets' names are built
        billed, paid = q2(row["billed"]), q2(row["paid_sum"])
        units.append(
            {
                "unit_id": row["unit"],
                "code": row["unit__code"] or "—",
                "bills": row["bill_count"],
                "billed": billed,
                "paid": paid,
                "owed": billed - paid,
                "not_due": q2(row["not_due"]),
                "buckets": [q2(row[f"b{i}"]) for i in range(len(BUCKETS))],
                "oldest": row["oldest"],
            }
        )
    payments = list(
        Allocation.objects.filter(community=community, bill__payer_kind=PayerKind.DEVELOPER)
        .order_by()
        .values("payment", "payment__business_date", "payment__reference", "payment__channel")
        .annotate(amount=Sum("amount"))
        .filter(~Q(amount=0))
        .order_by("payment__business_date", "payment")
    )
    totals: dict[str, Any] = {
        name: q2(sum((unit[name] for unit in units), ZERO))
        for name in ("billed", "paid", "owed", "not_due")
    }
    totals["buckets"] = [
        q2(sum((unit["buckets"][i] for unit in units), ZERO)) for i in range(len(BUCKETS))
    ]
    return {
        "as_of": as_of,
        "units": units,
        "payments": [
            {
                "payment_id": row["payment"],
                "date": row["payment__business_date"],
                "reference": row["payment__reference"],
                "channel": row["payment__channel"],
                "amount": q2(row["amount"]),
            }
            for row in payments
        ],
        "totals": totals,
        "labels": [label for _low, _high, label in BUCKETS],
    }
