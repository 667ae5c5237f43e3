"""A community's customer-service settings and the time limits that follow from them (SRV-03):
read by the order services when they start an order's clocks and by the escalation run."""

from __future__ import annotations

import datetime as dt

from wuye.org.models import Community

from . import sla
from .choices import OrderKind
from .models import Category, ServicePolicy, TimeLimit, WorkOrder


def policy_for(community: Community) -> ServicePolicy:
    """The community's customer-service settings; the defaults until edited."""
    return ServicePolicy.objects.filter(community=community).first() or ServicePolicy(
        community=community
    )


def hours_for(policy: ServicePolicy) -> sla.Hours:
    return sla.Hours(policy.work_starts, policy.work_ends, policy.community.company_id)


def limits_for(
    community: Community, category: Category | None, kind: str, priority: str
) -> sla.Limits:
    """The limits of a category (or its nearest ancestor that has them), else the community's
    default for the priority, else the national service grade's."""
    node = category
    while node is not None:
        limit = TimeLimit.objects.filter(category=node, priority=priority).first()
        if limit is not None:
            return sla.Limits(
                limit.response_minutes,
                limit.arrival_minutes,
                limit.completion_minutes,
                limit.calendar,
            )
        node = node.parent
    limit = TimeLimit.objects.filter(
        community=community, category__isnull=True, priority=priority
    ).first()
    if limit is not None:
        return sla.Limits(
            limit.response_minutes, limit.arrival_minutes, limit.completion_minutes, limit.calendar
        )
    return sla.default_limits(community.service_grade, kind, priority)


def set_dues(order: WorkOrder, start: dt.datetime) -> None:
    """Start the order's clocks at `start`: its due times by its limits (not saved here)."""
    limits = limits_for(order.community, order.category, order.kind, order.priority)
    hours = hours_for(policy_for(order.community))
    order.calendar = limits.calendar
    order.clock_started_at = start
    order.paused_minutes = 0
    order.response_due = sla.add_minutes(start, limits.response, limits.calendar, hours)
    order.arrival_due = (
        sla.add_minutes(start, limits.arrival, limits.calendar, hours)
        if limits.arrival is not None
        else None
    )
    order.completion_due = sla.add_minutes(start, limits.completion, limits.calendar, hours)
    if order.kind == OrderKind.COMPLAINT:
        # A complaint is dealt with within the community's hours (24 by default) on the clock,
        # whatever its category's working-hours limit says: the tighter limit wins.
        cap = start + dt.timedelta(hours=policy_for(order.community).complaint_hours)
        order.completion_due = min(order.completion_due, cap)
