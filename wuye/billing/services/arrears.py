"""The month's arrears statistics."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.audit import record_event
from wuye.core.money import q2

from .. import engine, reports
from ..models import ArrearsSnapshot, Bill


@transaction.atomic
def take_arrears_snapshot(community, *, as_of=None, actor=None) -> ArrearsSnapshot:
    """Keep the month's arrears statistics: what is owed now, aged as of `as_of` (default today).
    Taken again in the same month, the snapshot is brought up to date; the task takes it late on
    the month's last day, after which it is the month's record (BIL-14)."""

    as_of = as_of or timezone.localdate()
    bills = Bill.objects.filter(community=community)
    by_building, labels = reports.aging(bills, as_of=as_of, group_by="building")
    units = reports.arrears_by_unit(bills, as_of=as_of)
    buckets = [
        {"label": label, "amount": str(q2(sum((row["buckets"][i] for row in by_building), q2(0))))}
        for i, label in enumerate(labels)
    ]
    snapshot, _created = ArrearsSnapshot.objects.update_or_create(
        community=community,
        month=engine.month_start(as_of),
        defaults={
            "as_of": as_of,
            "total": q2(sum((row["total"] for row in by_building), q2(0))),
            "units": len(units),
            "bills": reports.overdue_bills(bills, as_of).count(),
            "buckets": buckets,
            "by_building": [
                {
                    "group": row["group"],
                    "buckets": [str(v) for v in row["buckets"]],
                    "total": str(row["total"]),
                }
                for row in by_building
            ],
            "created_by": actor,
        },
    )
    record_event(
        verb="arrears.snapshot",
        actor=actor,
        community=community,
        target=snapshot,
        message=_("Arrears of %(month)s: %(total)s yuan, %(units)d units")
        % {"month": f"{snapshot.month:%Y-%m}", "total": snapshot.total, "units": snapshot.units},
    )
    return snapshot
