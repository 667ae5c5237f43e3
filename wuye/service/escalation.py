"""The escalation chain of time limits (SRV-03), run by a periodic task:

1. shortly before a limit: the assignee is reminded;
2. at the limit: the dispatcher and the customer-service supervisor are told;
3. at twice the limit: the manager is told.
A major complaint (重大投诉) goes to the manager at once and stays on the manager's list until
it is closed (MGR-6). Each step is taken once per limit and per round (a reopened order starts
a new round), and is recorded as an `Escalation` and on the order's timeline."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import sla
from .choices import Deadline, EscalationLevel, OrderAction, OrderStatus
from .models import Escalation, WorkOrder, WorkOrderEvent

DEADLINE_FIELDS = {
    Deadline.RESPONSE: ("response_due", "accepted_at"),
    Deadline.ARRIVAL: ("arrival_due", "arrived_at"),
    Deadline.COMPLETION: ("completion_due", "completed_at"),
}


def _people(community, posts):
    from .services import _supervisors

    return _supervisors(community, posts)


def _record(order, level, deadline, people, note) -> Escalation | None:
    """Take one step once: a second attempt (another worker, a rerun) does nothing."""
    from .services import _notify

    try:
        with transaction.atomic():
            escalation = Escalation.objects.create(
                community=order.community,
                order=order,
                level=level,
                deadline=deadline,
                round=order.reopened,
                notified="、".join(p.name or p.username for p in people)[:300],
            )
    except IntegrityError:
        return None
    WorkOrderEvent.objects.create(
        community=order.community,
        order=order,
        action=OrderAction.ESCALATE,
        from_status=order.status,
        to_status=order.status,
        note=f"{EscalationLevel(level).label}：{note}"[:500],
    )
    _notify(order, note, people)
    return escalation


def escalate_major(order) -> Escalation | None:
    return _record(
        order,
        EscalationLevel.MAJOR,
        "",
        _people(order.community, ("MGR",)),
        _("Major complaint %(number)s") % {"number": order.number},
    )


def _twice(order, due: dt.datetime) -> dt.datetime:
    """The moment twice the limit has run (clock time spent paused not counted)."""
    from .services import hours_for, policy_for

    hours = hours_for(policy_for(order.community))
    start = order.clock_started_at or order.created_at
    limit = sla.minutes_between(start, due, order.calendar, hours) - order.paused_minutes
    return sla.add_minutes(due, max(limit, 0), order.calendar, hours)


def check_order(order, now: dt.datetime, remind_before: dt.timedelta) -> list[Escalation]:
    """Take the steps of the chain this order has reached by `now`."""
    if order.status == OrderStatus.PAUSED or not order.is_open:
        return []
    taken = []
    for deadline, (due_field, met_field) in DEADLINE_FIELDS.items():
        due = getattr(order, due_field)
        if due is None or getattr(order, met_field) is not None:
            continue
        label = Deadline(deadline).label
        if now >= due - remind_before and order.assignee_id:
            step = _record(
                order,
                EscalationLevel.REMINDER,
                deadline,
                [order.assignee],
                _("%(number)s: %(limit)s due at %(due)s")
                % {
                    "number": order.number,
                    "limit": label,
                    "due": timezone.localtime(due).strftime("%m-%d %H:%M"),
                },
            )
            taken.append(step)
        if now >= due:
            taken.append(
                _record(
                    order,
                    EscalationLevel.BREACH,
                    deadline,
                    _people(order.community, ("DSP", "CSS")),
                    _("%(number)s is overdue (%(limit)s)")
                    % {"number": order.number, "limit": label},
                )
            )
            if now >= _twice(order, due):
                taken.append(
                    _record(
                        order,
                        EscalationLevel.MANAGER,
                        deadline,
                        _people(order.community, ("MGR",)),
                        _("%(number)s is past twice its limit (%(limit)s)")
                        % {"number": order.number, "limit": label},
                    )
                )
    return [step for step in taken if step is not None]


def check_deadlines(community, now=None) -> list[Escalation]:
    """One pass over a community's open orders (the periodic task calls this)."""
    from .services import policy_for

    now = now or timezone.now()
    remind_before = dt.timedelta(minutes=policy_for(community).remind_before_minutes)
    horizon = now + remind_before
    orders = (
        WorkOrder.objects.filter(community=community)
        .open()
        .exclude(status=OrderStatus.PAUSED)
        .filter(_due_before(horizon))
        .select_related("community", "assignee")
    )
    taken = []
    for order in orders:
        with transaction.atomic():
            taken += check_order(order, now, remind_before)
    return taken


def _due_before(moment):
    return (
        Q(response_due__lte=moment, accepted_at__isnull=True)
        | Q(arrival_due__lte=moment, arrived_at__isnull=True)
        | Q(completion_due__lte=moment)
    )
