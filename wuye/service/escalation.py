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
from .choices import OPEN_STATUSES, Deadline, EscalationLevel, OrderAction, OrderStatus
from .models import Escalation, WorkOrder, WorkOrderEvent

DEADLINE_FIELDS = {
    Deadline.RESPONSE: ("response_due", "accepted_at"),
    Deadline.ARRIVAL: ("arrival_due", "arrived_at"),
    Deadline.COMPLETION: ("completion_due", "completed_at"),
}


class Run:
    """What one pass over a community needs once: the steps already taken (so they are skipped
    without a query), the recipients by post, and the working hours."""

    def __init__(self, community, orders=()):
        from .services import hours_for, policy_for

        self.community = community
        policy = policy_for(community)
        self.hours = hours_for(policy)
        self.remind_before = dt.timedelta(minutes=policy.remind_before_minutes)
        ids = {o.pk for o in orders}
        self.taken = {
            row
            for row in Escalation.objects.filter(
                community=community, order__status__in=OPEN_STATUSES
            ).values_list("order_id", "level", "deadline", "round")
            if row[0] in ids
        }
        self._people = {}

    def people(self, posts):
        from .services import _supervisors

        if posts not in self._people:
            self._people[posts] = _supervisors(self.community, posts)
        return self._people[posts]


def _record(order, level, deadline, people, note, run=None) -> Escalation | None:
    """Take one step once: a step already taken (another worker, a rerun) does nothing."""
    from .services import _notify

    key = (order.pk, level, deadline, order.reopened)
    if run is not None and key in run.taken:
        return None
    if callable(people):
        people = people()
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
    if run is not None:
        run.taken.add(key)
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
    from .services import _supervisors

    return _record(
        order,
        EscalationLevel.MAJOR,
        "",
        _supervisors(order.community, ("MGR",)),
        _("Major complaint %(number)s") % {"number": order.number},
    )


def _twice(order, due: dt.datetime, hours) -> dt.datetime:
    """The moment twice the limit has run (clock time spent paused not counted)."""
    start = order.clock_started_at or order.created_at
    limit = sla.minutes_between(start, due, order.calendar, hours) - order.paused_minutes
    return sla.add_minutes(due, max(limit, 0), order.calendar, hours)


def check_order(order, now: dt.datetime, run: Run) -> list[Escalation]:
    """Take the steps of the chain this order has reached by `now`."""
    if order.status == OrderStatus.PAUSED or not order.is_open:
        return []
    taken = []
    for deadline, (due_field, met_field) in DEADLINE_FIELDS.items():
        due = getattr(order, due_field)
        if due is None or getattr(order, met_field) is not None:
            continue
        label = Deadline(deadline).label
        if now >= due - run.remind_before and order.assignee_id:
            taken.append(
                _record(
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
                    run,
                )
            )
        if now >= due:
            taken.append(
                _record(
                    order,
                    EscalationLevel.BREACH,
                    deadline,
                    lambda: run.people(("DSP", "CSS")),
                    _("%(number)s is overdue (%(limit)s)")
                    % {"number": order.number, "limit": label},
                    run,
                )
            )
            manager_key = (order.pk, EscalationLevel.MANAGER, deadline, order.reopened)
            if manager_key not in run.taken and now >= _twice(order, due, run.hours):
                taken.append(
                    _record(
                        order,
                        EscalationLevel.MANAGER,
                        deadline,
                        lambda: run.people(("MGR",)),
                        _("%(number)s is past twice its limit (%(limit)s)")
                        % {"number": order.number, "limit": label},
                        run,
                    )
                )
    return [step for step in taken if step is not None]


def check_deadlines(community, now=None) -> list[Escalation]:
    """One pass over a community's open orders (the periodic task calls this)."""
    from .services import policy_for

    now = now or timezone.now()
    remind_before = dt.timedelta(minutes=policy_for(community).remind_before_minutes)
    orders = list(
        WorkOrder.objects.filter(community=community)
        .open()
        .exclude(status=OrderStatus.PAUSED)
        .filter(_due_before(now + remind_before))
        .select_related("community", "assignee")
    )
    run = Run(community, orders)
    taken = []
    for order in orders:
        with transaction.atomic():
            taken += check_order(order, now, run)
    return taken


def _due_before(moment):
    return (
        Q(response_due__lte=moment, accepted_at__isnull=True)
        | Q(arrival_due__lte=moment, arrived_at__isnull=True)
        | Q(completion_due__lte=moment)
    )
