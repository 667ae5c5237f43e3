"""The escalation chain of time limits (SRV-03), run by a periodic task:

1. shortly before a limit: the assignee is reminded;
2. at the limit: the dispatcher and the customer-service supervisor are told;
3. at twice the limit: the manager is told.
A major complaint (重大投诉) goes to the manager at once and stays on the manager's list until
it is closed (MGR-6). Each step is taken once per limit and per round (a reopened order starts
a new round), and is recorded as an `Escalation` and on the order's timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.errors import DomainError
from wuye.org.models import Community, User

from . import sla
from .choices import OPEN_STATUSES, Deadline, EscalationLevel, OrderAction, OrderStatus
from .limits import hours_for, policy_for
from .models import Escalation, WorkOrder, WorkOrderEvent
from .notify import notify_after_commit, supervisors

DEADLINE_FIELDS = {
    Deadline.RESPONSE: ("response_due", "accepted_at"),
    Deadline.ARRIVAL: ("arrival_due", "arrived_at"),
    Deadline.COMPLETION: ("completion_due", "completed_at"),
}


class Run:
    """What one pass over a community needs once: the steps already taken (so they are skipped
    without a query), the recipients by post, and the working hours."""

    def __init__(self, community: Community, orders: Iterable[WorkOrder] = ()) -> None:
        self.community = community
        policy = policy_for(community)
        self.hours = hours_for(policy)
        self.remind_before = dt.timedelta(minutes=policy.remind_before_minutes)
        ids = {o.pk for o in orders}
        self.taken = {
            row
            for row in Escalation.objects.filter(
                community=community, order__status__in=OPEN_STATUSES
            ).values_list("order_id", "level", "deadline", "round", "assignee_key")
            if row[0] in ids
        }
        self._people: dict[tuple[str, ...], list[User]] = {}

    def people(self, posts: tuple[str, ...]) -> list[User]:
        if posts not in self._people:
            self._people[posts] = supervisors(self.community, posts)
        return self._people[posts]


def _record(
    order: WorkOrder,
    level: EscalationLevel,
    deadline: str,
    people: Sequence[User | None] | Callable[[], Sequence[User]],
    note: str,
    run: Run | None = None,
    *,
    actor: User | None = None,
    reason: str = "",
) -> Escalation | None:
    """Take one step once: a step already taken (another worker, a rerun) does nothing. A
    reminder is once per assignee: after a reassignment the new assignee is reminded too."""
    assignee_key = (order.assignee_id or 0) if level == EscalationLevel.REMINDER else 0
    key = (order.pk, level, deadline, order.reopened, assignee_key)
    if run is not None and key in run.taken:
        return None
    recipients = [p for p in (people() if callable(people) else people) if p is not None]
    try:
        with transaction.atomic():
            escalation = Escalation.objects.create(
                community=order.community,
                order=order,
                level=level,
                deadline=deadline,
                round=order.reopened,
                assignee_key=assignee_key,
                notified="、".join(p.name or p.username for p in recipients)[:300],
                reason=reason[:300],
                escalated_by=actor,
            )
    except IntegrityError:
        return None
    if run is not None:
        run.taken.add(key)
    WorkOrderEvent.objects.create(
        community=order.community,
        order=order,
        # A reminder before a limit is not an escalation: the timeline says which it was.
        action=OrderAction.REMIND if level == EscalationLevel.REMINDER else OrderAction.ESCALATE,
        from_status=order.status,
        to_status=order.status,
        note=f"{EscalationLevel(level).label}：{note}"[:500],
        created_by=actor,
    )
    notify_after_commit(order, note, recipients)
    return escalation


# Escalating by hand goes one step up the chain from the highest step taken in this round.
NEXT_BY_HAND: dict[str | None, EscalationLevel] = {
    None: EscalationLevel.BREACH,
    EscalationLevel.REMINDER: EscalationLevel.BREACH,
    EscalationLevel.BREACH: EscalationLevel.MANAGER,
}
_RANK = [
    EscalationLevel.REMINDER,
    EscalationLevel.BREACH,
    EscalationLevel.MANAGER,
    EscalationLevel.MAJOR,
]


def next_level_by_hand(order: WorkOrder) -> EscalationLevel | None:
    """The level a hand escalation of this order would reach now (None: the manager already
    has it)."""
    taken = set(
        Escalation.objects.filter(order=order, round=order.reopened).values_list("level", flat=True)
    )
    highest = max(taken, key=lambda level: _RANK.index(EscalationLevel(level)), default=None)
    return NEXT_BY_HAND.get(highest)


def escalate_by_hand(order: WorkOrder, *, actor: User, reason: str) -> Escalation:
    """A CSR, CSS or dispatcher reports an order upward with the reason (seed CSR-2, CSS-3):
    the next level of the chain — the dispatcher and CS supervisor, then the manager (and
    whoever acts for him) — is told at once, whatever the clock says."""
    if not (reason or "").strip():
        raise DomainError(_("Say why the order is escalated."), field="reason")
    if not order.is_open:
        raise DomainError(_("Only an open order is escalated."))
    level = next_level_by_hand(order)
    if level is None:
        raise DomainError(_("The manager has this order already; follow it up with him."))
    posts = ("DSP", "CSS") if level == EscalationLevel.BREACH else ("MGR",)
    step = _record(
        order,
        level,
        "",
        supervisors(order.community, posts),
        _("%(number)s escalated by %(person)s: %(reason)s")
        % {
            "number": order.number,
            "person": actor.name or actor.username,
            "reason": reason.strip(),
        },
        actor=actor,
        reason=reason.strip(),
    )
    if step is None:  # the same step at the same moment by someone else
        raise DomainError(_("This order was just escalated; reload the page."))
    return step


def escalate_major(order: WorkOrder) -> Escalation | None:
    return _record(
        order,
        EscalationLevel.MAJOR,
        "",
        supervisors(order.community, ("MGR",)),
        _("Major complaint %(number)s") % {"number": order.number},
    )


def _twice(order: WorkOrder, due: dt.datetime, hours: sla.Hours) -> dt.datetime:
    """The moment twice the limit has run (clock time spent paused not counted)."""
    start = order.clock_started_at or order.created_at
    limit = sla.minutes_between(start, due, order.calendar, hours) - order.paused_minutes
    return sla.add_minutes(due, max(limit, 0), order.calendar, hours)


def check_order(order: WorkOrder, now: dt.datetime, run: Run) -> list[Escalation]:
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
            manager_key = (order.pk, EscalationLevel.MANAGER, deadline, order.reopened, 0)
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


def check_deadlines(community: Community, now: dt.datetime | None = None) -> list[Escalation]:
    """One pass over a community's open orders (the periodic task calls this)."""
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


def _due_before(moment: dt.datetime) -> Q:
    return (
        Q(response_due__lte=moment, accepted_at__isnull=True)
        | Q(arrival_due__lte=moment, arrived_at__isnull=True)
        | Q(completion_due__lte=moment)
    )
