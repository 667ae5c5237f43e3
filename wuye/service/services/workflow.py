"""The work order's state machine, shared by every service that moves an order: one
transition map (`choices.TRANSITIONS`), every move a timeline event, the order's row locked
and the actor's permission checked first."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.access import actor_can
from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.org.models import Membership, User

from ..choices import TRANSITIONS, OrderAction
from ..limits import set_dues
from ..models import DutyLog, WorkOrder, WorkOrderEvent
from ..notify import notify_after_commit, supervisors
from ..signals import order_closed


def log_event(
    order: WorkOrder,
    action: str,
    *,
    actor: User | None,
    from_status: str = "",
    note: str = "",
    assignee: User | None = None,
) -> WorkOrderEvent:
    """One line on the order's timeline (its status after the change is the line's "to")."""
    return WorkOrderEvent.objects.create(
        community=order.community,
        order=order,
        action=action,
        from_status=from_status,
        to_status=order.status,
        assignee=assignee,
        note=(note or "")[:500],
        created_by=actor,
    )


def move(
    order: WorkOrder, action: str, *, actor: User, note: str = "", assignee: User | None = None
) -> WorkOrder:
    """Apply one action of the transition map (anything else is refused) and log it."""
    sources, target = TRANSITIONS[action]
    if order.status not in sources:
        raise DomainError(
            _("An order that is “%(status)s” cannot be “%(action)s”.")
            % {
                "status": order.get_status_display(),
                "action": OrderAction(action).label,
            }
        )
    before = order.status
    order.status = target or order.paused_from
    order.save()
    log_event(order, action, actor=actor, from_status=before, note=note, assignee=assignee)
    if action == OrderAction.CLOSE:
        order_closed.send(sender=WorkOrder, order=order, actor=actor)
    return order


def locked(order: WorkOrder) -> WorkOrder:
    """The order read again with its row locked until the transaction ends."""
    # Lock the order's own row only: PostgreSQL cannot lock the nullable side of a join.
    return (
        WorkOrder.objects.select_for_update(of=("self",))
        .select_related("community", "category")
        .get(pk=order.pk)
    )


def require_assignee(order: WorkOrder, actor: User) -> None:
    """The assignee works his order; a dispatcher may record it on his behalf (radio calls)."""
    if order.assignee_id != actor.pk and not actor_can(
        actor, order.community, "service.order.dispatch"
    ):
        raise PermissionDeniedError(_("Only the assignee works this order."))


def check_assignee(record: WorkOrder | DutyLog, assignee: User) -> None:
    """An order or a shift is given only to an active member of its community's staff."""
    if not Membership.objects.filter(
        community=record.community, user=assignee, is_active=True
    ).exists():
        raise DomainError(_("Choose a member of this service center's staff."), field="assignee")


def reopen(order: WorkOrder, *, actor: User, note: str) -> WorkOrder:
    """Reopen a completed or closed order the caller has locked: back to its assignee with new
    time limits; the assignee and the CS supervisors are told."""
    now = timezone.now()
    order.reopened += 1
    order.dispatched_at = now
    order.accepted_at = order.arrived_at = order.completed_at = order.closed_at = None
    set_dues(order, now)
    move(order, OrderAction.REOPEN, actor=actor, note=note, assignee=order.assignee)
    people: list[User | None] = [order.assignee, *supervisors(order.community)]
    notify_after_commit(
        order,
        _("Work order %(number)s reopened: %(note)s") % {"number": order.number, "note": note},
        people,
    )
    return order
