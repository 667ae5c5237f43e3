"""A work order's life (SRV-01..03): registering it from any channel, dispatching and
reassigning, the assignee's accept / arrive / complete, pausing and resuming its clocks,
escalating, cancelling, closing, notes and reopening."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TypedDict, Unpack

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.access import actor_can, require
from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.core.money import q2
from wuye.core.numbering import next_number
from wuye.core.photos import clean_photos
from wuye.estate.models import Facility, Person, Unit, UnitRelation
from wuye.org.models import Community, Department, Membership, User

from .. import sla
from ..billing import bill_paid_order
from ..choices import OrderAction, OrderKind, OrderStatus, VisitStatus
from ..escalation import escalate_by_hand, escalate_major
from ..limits import hours_for, policy_for, set_dues
from ..models import Category, Escalation, ReturnVisit, WorkOrder, WorkOrderEvent
from ..notify import notify_after_commit, tell_reporter_after_commit
from .assignees import suggest_department
from .uploads import attachment_name, clean_attachments
from .visits import needs_visit, queue_visit
from .workflow import (
    check_assignee,
    locked,
    log_event,
    move,
    reopen,
    require_assignee,
)

# --- Registering ------------------------------------------------------------------------------


def find_reporter(community: Community, phone: str | None) -> tuple[Person | None, list[Unit]]:
    """The resident calling from this phone, with his current units (hotline intake)."""
    phone = "".join(ch for ch in (phone or "") if ch.isdigit())
    if len(phone) < 7:
        return None, []
    person = Person.objects.filter(community=community, phone=phone).first()
    if person is None:
        return None, []
    units = [
        r.unit
        for r in UnitRelation.objects.filter(community=community, person=person)
        .current()
        .select_related("unit")
    ]
    return person, units


class OrderFields(TypedDict, total=False):
    """What an order is registered with (the intake form's fields)."""

    kind: str
    channel: str
    category: Category | None
    priority: str
    unit: Unit | None
    place: str
    facility: Facility | None
    reporter: Person | None
    reporter_name: str
    reporter_phone: str
    description: str
    is_major: bool
    is_paid: bool
    under_warranty: bool
    attachments: Iterable[File] | None


@transaction.atomic
def register_order(
    *,
    community: Community,
    actor: User,
    photos: Iterable[File] | None = (),
    **fields: Unpack[OrderFields],
) -> WorkOrder:
    """Register an order from any channel, with photos of the matter; its time limits start
    now. A major complaint goes to the manager at once (MGR-6)."""
    require(actor, community, "service.order.change", _("You cannot register work orders."))
    photos = clean_photos(photos)
    attachments = clean_attachments(fields.pop("attachments", None))
    if fields.get("is_paid") and not fields.get("unit"):
        raise DomainError(_("A paid service is charged to a unit: give the unit."), field="unit")
    if not (fields.get("description") or "").strip():
        raise DomainError(_("Describe the matter."), field="description")
    if not (fields.get("unit") or fields.get("place") or fields.get("facility")):
        raise DomainError(_("Give the unit or the public place."), field="place")
    category = fields.get("category")
    if category is not None and category.community_id != community.pk:
        raise DomainError(_("Choose a category of this service center."), field="category")
    if fields.get("is_major") and fields.get("kind") != OrderKind.COMPLAINT:
        raise DomainError(_("Only a complaint can be marked major."), field="is_major")
    order = WorkOrder(community=community, created_by=actor, **fields)
    reporter = order.reporter if order.reporter_id else None
    if reporter is not None and not order.reporter_name:
        order.reporter_name = reporter.name
        order.reporter_phone = order.reporter_phone or reporter.phone
    order.number = next_number(community, "work_order", prefix="GD", width=6)
    now = timezone.now()
    order.created_at = now
    set_dues(order, now)
    order.save()
    log_event(order, OrderAction.REGISTER, actor=actor)
    for image in photos:
        order.photos.create(community=community, stage="report", image=image, created_by=actor)
    for upload in attachments:
        order.attachments.create(
            community=community, file=upload, name=attachment_name(upload), created_by=actor
        )
    if order.channel != "patrol":
        tell_reporter_after_commit(
            order,
            _("We have your matter as order %(number)s and will deal with it by %(due)s.")
            % {
                "number": order.number,
                "due": timezone.localtime(order.completion_due).strftime("%m-%d %H:%M"),
            },
        )
    if order.is_major:
        escalate_major(order)
    return order


# --- Dispatch and work --------------------------------------------------------------------------


@transaction.atomic
def dispatch_order(
    order: WorkOrder,
    *,
    assignee: User,
    actor: User,
    department: Department | None = None,
    note: str = "",
) -> WorkOrder:
    order = locked(order)
    require(actor, order.community, "service.order.dispatch", _("You cannot dispatch orders."))
    check_assignee(order, assignee)
    action = OrderAction.DISPATCH if order.status == OrderStatus.REGISTERED else None
    if action is None:
        raise DomainError(_("Only a registered order is dispatched; reassign it instead."))
    order.assignee = assignee
    order.department = department or _department_of(assignee, order) or suggest_department(order)
    order.dispatched_at = timezone.now()
    move(order, OrderAction.DISPATCH, actor=actor, note=note, assignee=assignee)
    notify_after_commit(
        order, _("New work order %(number)s for you") % {"number": order.number}, [assignee]
    )
    return order


@transaction.atomic
def reassign_order(order: WorkOrder, *, assignee: User, actor: User, note: str = "") -> WorkOrder:
    order = locked(order)
    require(actor, order.community, "service.order.dispatch", _("You cannot dispatch orders."))
    check_assignee(order, assignee)
    if assignee.pk == order.assignee_id:
        raise DomainError(_("The order is already with this person."), field="assignee")
    if not (note or "").strip():
        raise DomainError(_("Say why the order is reassigned."), field="note")
    order.assignee = assignee
    order.department = _department_of(assignee, order) or order.department
    order.dispatched_at = timezone.now()
    order.accepted_at = order.arrived_at = None
    move(order, OrderAction.REASSIGN, actor=actor, note=note, assignee=assignee)
    notify_after_commit(
        order, _("Work order %(number)s passed to you") % {"number": order.number}, [assignee]
    )
    return order


def _department_of(user: User, order: WorkOrder) -> Department | None:
    membership = (
        Membership.objects.filter(community=order.community, user=user, is_active=True)
        .select_related("department")
        .first()
    )
    return membership.department if membership else None


@transaction.atomic
def return_order(order: WorkOrder, *, actor: User, note: str) -> WorkOrder:
    """The assignee gives the order back to the dispatcher (wrong trade, not his zone…)."""
    order = locked(order)
    require_assignee(order, actor)
    if not (note or "").strip():
        raise DomainError(_("Say why the order is returned."), field="note")
    order.assignee = None
    order.accepted_at = None
    move(order, OrderAction.RETURN, actor=actor, note=note)
    return order


@transaction.atomic
def accept_order(order: WorkOrder, *, actor: User) -> WorkOrder:
    order = locked(order)
    require_assignee(order, actor)
    order.accepted_at = timezone.now()
    if order.first_accepted_at is None:  # the KPI's time to accept (SRV-06)
        order.first_accepted_at = order.accepted_at
    return move(order, OrderAction.ACCEPT, actor=actor)


@transaction.atomic
def arrive_order(order: WorkOrder, *, actor: User) -> WorkOrder:
    order = locked(order)
    require_assignee(order, actor)
    order.arrived_at = timezone.now()
    return move(order, OrderAction.ARRIVE, actor=actor)


@transaction.atomic
def complete_order(
    order: WorkOrder,
    *,
    actor: User,
    result: str,
    materials: str = "",
    material_cost: Decimal | None = None,
    labour_cost: Decimal | None = None,
    photos: Iterable[File] | None = (),
) -> WorkOrder:
    """The work is done: what was done, materials and labour (charged on a paid order), photos
    of the finished work. A return visit is queued; orders that need none are closed."""
    order = locked(order)
    require_assignee(order, actor)
    photos = clean_photos(photos)
    if not (result or "").strip():
        raise DomainError(_("Say what was done."), field="result")
    material_cost = q2(material_cost or 0)
    labour_cost = q2(labour_cost or 0)
    if material_cost < 0 or labour_cost < 0:
        raise DomainError(_("Charges cannot be negative."), field="material_cost")
    if (material_cost or labour_cost) and not order.is_paid:
        raise DomainError(
            _("Only a paid service order charges materials or labour."), field="material_cost"
        )
    order.result = result.strip()
    order.materials = (materials or "").strip()[:300]
    order.material_cost, order.labour_cost = material_cost, labour_cost
    order.completed_at = timezone.now()
    if order.first_completed_at is None:
        order.first_completed_at = order.completed_at
        order.completed_on_time = (
            order.completion_due is None or order.completed_at <= order.completion_due
        )
    move(order, OrderAction.COMPLETE, actor=actor)
    for image in photos:
        order.photos.create(community=order.community, stage="done", image=image, created_by=actor)
    if order.is_paid and material_cost + labour_cost > Decimal(0):
        bill_paid_order(order, actor=actor)
    if needs_visit(order):
        queue_visit(order)
    else:
        order.closed_at = timezone.now()
        move(order, OrderAction.CLOSE, actor=actor, note=_("No return visit needed"))
    people = [order.created_by] if order.created_by_id != actor.pk else []
    notify_after_commit(
        order, _("Work order %(number)s completed") % {"number": order.number}, people
    )
    tell_reporter_after_commit(
        order,
        _("Your matter (order %(number)s) has been dealt with: %(result)s")
        % {"number": order.number, "result": order.result[:40]},
    )
    return order


@transaction.atomic
def pause_order(order: WorkOrder, *, actor: User, note: str) -> WorkOrder:
    """Stop the clocks (waiting for parts, the owner away…) with the reason."""
    order = locked(order)
    require(actor, order.community, "service.order.dispatch", _("You cannot pause orders."))
    if not (note or "").strip():
        raise DomainError(_("Say why the order is paused."), field="note")
    order.paused_from = order.status
    order.paused_at = timezone.now()
    return move(order, OrderAction.PAUSE, actor=actor, note=note)


@transaction.atomic
def resume_order(order: WorkOrder, *, actor: User, note: str = "") -> WorkOrder:
    """Restart the clocks: pending due times move on by the time the order stood still."""
    order = locked(order)
    require(actor, order.community, "service.order.dispatch", _("You cannot resume orders."))
    if order.status == OrderStatus.PAUSED and order.paused_at is not None:
        hours = hours_for(policy_for(order.community))
        stood = sla.minutes_between(order.paused_at, timezone.now(), order.calendar, hours)
        order.paused_minutes += stood
        for name, met in (
            ("response_due", "accepted_at"),
            ("arrival_due", "arrived_at"),
            ("completion_due", "completed_at"),
        ):
            due = getattr(order, name)
            # A limit already met stays where it was: it is history, not a pending clock.
            if due is not None and getattr(order, met) is None:
                setattr(order, name, sla.add_minutes(due, stood, order.calendar, hours))
    move(order, OrderAction.RESUME, actor=actor, note=note)
    order.paused_from, order.paused_at = "", None
    order.save(update_fields=["paused_from", "paused_at", "updated_at"])
    return order


@transaction.atomic
def escalate_order(order: WorkOrder, *, actor: User, reason: str) -> Escalation:
    """Escalate an open order by hand to the next level of the chain, with the reason."""
    order = locked(order)
    require(actor, order.community, "service.order.escalate", _("You cannot escalate orders."))
    return escalate_by_hand(order, actor=actor, reason=reason)


@transaction.atomic
def cancel_order(order: WorkOrder, *, actor: User, note: str) -> WorkOrder:
    """A duplicate or a mistake: cancelled with the reason, never deleted."""
    order = locked(order)
    require(actor, order.community, "service.order.dispatch", _("You cannot cancel orders."))
    if not (note or "").strip():
        raise DomainError(_("Say why the order is cancelled."), field="note")
    if order.counted_in_kpis:
        # It counts in the month's figures (on time or not, visited, satisfied): a reopened
        # order is finished or closed, never cancelled out of them.
        raise DomainError(
            _(
                "This order was completed once and counts in the service figures; it cannot be cancelled. Complete or close it instead."
            )
        )
    return move(order, OrderAction.CANCEL, actor=actor, note=note)


@transaction.atomic
def close_order(order: WorkOrder, *, actor: User, note: str = "") -> WorkOrder:
    order = locked(order)
    require(actor, order.community, "service.visit.change", _("You cannot close orders."))
    if ReturnVisit.objects.filter(order=order, status=VisitStatus.DUE).exists():
        raise DomainError(_("The return visit of this order is still to be made."))
    order.closed_at = timezone.now()
    return move(order, OrderAction.CLOSE, actor=actor, note=note)


@transaction.atomic
def add_note(order: WorkOrder, *, actor: User, note: str) -> WorkOrderEvent:
    """A note on the timeline, by the assignee or someone who registers and works orders."""
    if order.assignee_id != actor.pk and not actor_can(
        actor, order.community, "service.order.change"
    ):
        raise PermissionDeniedError(_("You cannot add notes to this order."))
    if not (note or "").strip():
        raise DomainError(_("Write the note."), field="note")
    return log_event(order, OrderAction.NOTE, actor=actor, note=note)


@transaction.atomic
def reopen_order(order: WorkOrder, *, actor: User, note: str) -> WorkOrder:
    """Reopen a completed or closed order (the owner calls again about the same matter)."""
    order = locked(order)
    require(actor, order.community, "service.order.dispatch", _("You cannot reopen orders."))
    if not (note or "").strip():
        raise DomainError(_("Say why the order is reopened."), field="note")
    # The visit waiting for this completion is void: the next completion queues a new one.
    ReturnVisit.objects.filter(
        order=order, status__in=(VisitStatus.DUE, VisitStatus.UNREACHABLE)
    ).update(status=VisitStatus.VOID, comment=_("Void: the order was reopened"))
    return reopen(order, actor=actor, note=note)
