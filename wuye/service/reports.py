"""Customer-service statistics (SRV-05, SRV-06): the weekly report of complaints and
suggestions and the KPIs, computed from the orders registered in a period.

- 处理率 (handling rate) = orders handled (completed) ÷ orders received (cancelled ones excluded)
- 及时率 (on-time rate) = completed by the completion limit ÷ completed
- 回访率 (return-visit rate) = orders visited back ÷ orders completed
- 满意率 (satisfaction rate) = satisfied visits (4 or 5 of 5) ÷ orders visited back
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.utils import timezone

from wuye.core.money import rate

from .choices import OrderChannel, OrderKind, OrderStatus, VisitStatus
from .models import ReturnVisit, WorkOrder


def week_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Monday 00:00 to the next Monday 00:00 (local time) of the week holding `day`."""
    monday = day - dt.timedelta(days=day.weekday())
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(monday, dt.time.min, tzinfo=tz)
    return start, start + dt.timedelta(days=7)


def received(source, start, end, kinds=None):
    """Orders of `source` (the orders the caller may read) received in [start, end)."""
    orders = source.filter(created_at__gte=start, created_at__lt=end).exclude(
        status=OrderStatus.CANCELLED
    )
    return orders.filter(kind__in=kinds) if kinds else orders


def kpis(orders) -> dict:
    """The four rates over a set of received orders, with their counts. An order counts as
    handled from its first completion, on time if that first completion met its limit (a later
    reopening changes neither), and satisfied by its latest return visit."""
    counts = orders.aggregate(
        received=Count("id"),
        handled=Count("id", filter=Q(first_completed_at__isnull=False)),
        on_time=Count("id", filter=Q(first_completed_at__isnull=False, completed_on_time=True)),
    )
    completed = orders.filter(first_completed_at__isnull=False)
    visited = completed.filter(visits__status=VisitStatus.DONE).distinct()
    counts.update(
        completed=counts["handled"],
        visited=visited.count(),
        satisfied=visited.filter(satisfaction__gte=ReturnVisit.SATISFIED_FROM).count(),
    )
    counts.update(
        handling_rate=rate(counts["handled"], counts["received"]),
        on_time_rate=rate(counts["on_time"], counts["completed"]),
        visit_rate=rate(counts["visited"], counts["completed"]),
        satisfaction_rate=rate(counts["satisfied"], counts["visited"]),
    )
    return counts


def _minutes(value) -> int | None:
    return None if value is None else round(value.total_seconds() / 60)


def durations(orders) -> dict:
    """Average minutes from registration to acceptance and to completion."""
    figures = orders.aggregate(
        response=Avg(
            # The first acceptance: a reassignment or a reopening does not make it look slower
            # or faster than it was (SRV-06).
            ExpressionWrapper(
                F("first_accepted_at") - F("created_at"), output_field=DurationField()
            ),
            filter=Q(first_accepted_at__isnull=False),
        ),
        completion=Avg(
            ExpressionWrapper(
                F("first_completed_at") - F("created_at"), output_field=DurationField()
            ),
            filter=Q(first_completed_at__isnull=False),
        ),
    )
    return {key: _minutes(value) for key, value in figures.items()}


def _counted(orders, field, labels=None) -> list[dict]:
    rows = orders.values(field).annotate(n=Count("id")).order_by("-n", field)
    return [
        {"label": (labels or {}).get(row[field], row[field]) or "—", "count": row["n"]}
        for row in rows
    ]


def recurring(orders, minimum=2) -> list[dict]:
    """The same problem at the same place more than once in the period (重复发生问题)."""
    places: Counter[tuple] = Counter()
    names = {}
    for category_id, path, unit_code, place in orders.values_list(
        "category_id", "category__name", "unit__code", "place"
    ):
        key = (category_id, unit_code or place)
        places[key] += 1
        names[key] = (path or "—", unit_code or place or "—")
    return [
        {"category": names[key][0], "where": names[key][1], "count": n}
        for key, n in places.most_common()
        if n >= minimum
    ]


def change(now, before) -> int | None:
    if now is None or before is None:
        return None
    return now - before


def weekly_report(community, day: dt.date, *, source=None) -> dict:
    """The week's complaints and suggestions (SRV-05) with the KPIs of all orders and the
    change from the previous week. `source`: the orders the page's caller may read (default:
    the community's, for a job)."""
    if source is None:
        source = WorkOrder.objects.filter(community=community)
    start, end = week_bounds(day)
    focus = [OrderKind.COMPLAINT, OrderKind.SUGGESTION]
    orders = received(source, start, end, focus)
    previous = received(source, start - dt.timedelta(days=7), start, focus)
    all_orders = received(source, start, end)
    this_kpis, last_kpis = kpis(orders), kpis(previous)
    return {
        "start": start.date(),
        "end": (end - dt.timedelta(days=1)).date(),
        "kpis": this_kpis,
        "previous": last_kpis,
        "all_kpis": kpis(all_orders),
        "changes": {
            key: change(this_kpis[key], last_kpis[key])
            for key in ("received", "handled", "on_time", "visited", "satisfied")
        },
        "durations": durations(orders),
        "by_kind": _counted(orders, "kind", dict(OrderKind.choices)),
        "by_category": _counted(orders, "category__name"),
        "by_zone": _counted(orders, "unit__building__zone__name"),
        "by_channel": _counted(orders, "channel", dict(OrderChannel.choices)),
        "recurring": recurring(orders),
        "open": orders.filter(completed_at__isnull=True).select_related("unit", "facility")[:50],
    }
