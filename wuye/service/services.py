"""Customer-service writes: registering work orders, dispatching and working them through the
one transition map, time limits and their clocks, return visits (SRV-01..04).

Every change of an order is one `WorkOrderEvent` on its timeline, written here; messages to
people go out only after the transaction commits."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.access import actor_can
from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.core.numbering import next_number

from . import sla
from .choices import (
    TRANSITIONS,
    OrderAction,
    OrderKind,
    OrderStatus,
    VisitStatus,
)
from .models import (
    ReturnVisit,
    ServicePolicy,
    TimeLimit,
    WorkOrder,
    WorkOrderEvent,
)


def policy_for(community) -> ServicePolicy:
    """The community's customer-service settings; the defaults until edited."""
    return ServicePolicy.objects.filter(community=community).first() or ServicePolicy(
        community=community
    )


@transaction.atomic
def save_policy(form, *, actor, community) -> ServicePolicy:
    from wuye.core.audit import record_event

    policy = form.save(commit=False)
    policy.community = community
    if policy.pk is None:
        policy.created_by = actor
    policy.save()
    record_event(
        verb="service.policy_saved",
        actor=actor,
        community=community,
        target=policy,
        message=_("Customer-service settings saved"),
        data={"fields": sorted(form.changed_data)},
    )
    return policy


def grade_table(grade: str) -> list[dict]:
    """The national grade's default limits by kind and priority, for the settings page."""
    rows = []
    for kind in (OrderKind.REPAIR, OrderKind.COMPLAINT, OrderKind.REQUEST):
        for priority in ("urgent", "normal"):
            limits = sla.default_limits(grade, kind, priority)
            rows.append(
                {
                    "kind": OrderKind(kind).label,
                    "priority": priority,
                    "response": limits.response,
                    "arrival": limits.arrival,
                    "completion": limits.completion,
                }
            )
    return rows


def hours_for(policy: ServicePolicy) -> sla.Hours:
    return sla.Hours(policy.work_starts, policy.work_ends, policy.community.company_id)


def limits_for(community, category, kind: str, priority: str) -> sla.Limits:
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


def _set_dues(order: WorkOrder, start: dt.datetime) -> None:
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


def _event(order, action, *, actor, from_status="", note="", assignee=None) -> WorkOrderEvent:
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


def _move(order: WorkOrder, action: str, *, actor, note="", assignee=None) -> WorkOrder:
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
    _event(order, action, actor=actor, from_status=before, note=note, assignee=assignee)
    return order


def _locked(order) -> WorkOrder:
    # Lock the order's own row only: PostgreSQL cannot lock the nullable side of a join.
    return (
        WorkOrder.objects.select_for_update(of=("self",))
        .select_related("community", "category")
        .get(pk=order.pk)
    )


def _require(actor, community, code, message):
    if not actor_can(actor, community, code):
        raise PermissionDeniedError(message)


def _require_assignee(order, actor):
    """The assignee works his order; a dispatcher may record it on his behalf (radio calls)."""
    if order.assignee_id != actor.pk and not actor_can(
        actor, order.community, "service.order.dispatch"
    ):
        raise PermissionDeniedError(_("Only the assignee works this order."))


def _notify(order, text, users) -> None:
    from .notify import notify

    users = [u for u in users if u is not None]
    if users:
        # robust: a failing SMS provider never turns a saved order into an error page.
        transaction.on_commit(lambda: notify(order, text, users), robust=True)


PHOTO_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
MAX_PHOTO_BYTES = 10 * 1024 * 1024


def clean_photos(files) -> list:
    """Every uploaded file must be a real picture (JPEG, PNG or WebP, at most 10 MB): anything
    else is refused before the order changes, so nothing but images is ever served back."""

    files = list(files or [])
    for upload in files:
        name = getattr(upload, "name", "") or ""
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if not (
            extension in PHOTO_TYPES
            and upload.size <= MAX_PHOTO_BYTES
            and _picture_kind(upload) == PHOTO_TYPES[extension]
        ):
            raise DomainError(
                _("“%(name)s” is not a photo (JPEG, PNG or WebP up to 10 MB).") % {"name": name},
                field="photos",
            )
    return files


def _picture_kind(upload) -> str | None:
    """The picture's real type read by Pillow (image/png…), or None if it is not a picture."""
    from PIL import Image, UnidentifiedImageError

    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.verify()
            kind = (image.format or "").lower()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    finally:
        upload.seek(0)
    return f"image/{kind}"


# Documents an order may carry, by extension, with the bytes such a file starts with.
ATTACHMENT_TYPES = {
    "pdf": ("application/pdf", b"%PDF"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK",
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
}
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


def clean_attachments(files) -> list:
    """Every document must be a PDF, Word or Excel file of at most 20 MB."""
    files = list(files or [])
    for upload in files:
        name = getattr(upload, "name", "") or ""
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        kind = ATTACHMENT_TYPES.get(extension)
        upload.seek(0)
        head = upload.read(4)
        upload.seek(0)
        if kind is None or upload.size > MAX_ATTACHMENT_BYTES or not head.startswith(kind[1]):
            raise DomainError(
                _("“%(name)s” is not a PDF, Word or Excel file up to 20 MB.") % {"name": name},
                field="attachments",
            )
    return files


@transaction.atomic
def attach_files(order, files, *, actor) -> int:
    """Attach documents to an order (checked first: nothing is saved if one is refused)."""
    from .models import WorkOrderAttachment

    if order.assignee_id != actor.pk and not actor_can(
        actor, order.community, "service.order.change"
    ):
        raise PermissionDeniedError(_("You cannot add files to this order."))
    files = clean_attachments(files)
    for upload in files:
        WorkOrderAttachment.objects.create(
            community=order.community,
            order=order,
            file=upload,
            name=upload.name[-120:],
            created_by=actor,
        )
    return len(files)


def _tell_reporter(order, text) -> None:
    from .notify import tell_reporter

    transaction.on_commit(lambda: tell_reporter(order, text), robust=True)


# --- Registering ------------------------------------------------------------------------------


def find_reporter(community, phone: str):
    """The resident calling from this phone, with his current units (hotline intake)."""
    from wuye.estate.models import Person, UnitRelation

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


@transaction.atomic
def register_order(*, community, actor, photos=(), **fields) -> WorkOrder:
    """Register an order from any channel, with photos of the matter; its time limits start
    now. A major complaint goes to the manager at once (MGR-6)."""
    _require(actor, community, "service.order.change", _("You cannot register work orders."))
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
    _set_dues(order, now)
    order.save()
    _event(order, OrderAction.REGISTER, actor=actor)
    for image in photos:
        order.photos.create(community=community, stage="report", image=image, created_by=actor)
    for upload in attachments:
        order.attachments.create(
            community=community, file=upload, name=upload.name[-120:], created_by=actor
        )
    if order.channel != "patrol":
        _tell_reporter(
            order,
            _("We have your matter as order %(number)s and will deal with it by %(due)s.")
            % {
                "number": order.number,
                "due": timezone.localtime(order.completion_due).strftime("%m-%d %H:%M"),
            },
        )
    if order.is_major:
        from .escalation import escalate_major

        escalate_major(order)
    return order


# --- Dispatch and work --------------------------------------------------------------------------


def suggest_department(order):
    """The category's department (or its nearest ancestor's)."""
    node = order.category
    while node is not None:
        if node.department_id:
            return node.department
        node = node.parent
    return None


@transaction.atomic
def dispatch_order(order, *, assignee, actor, department=None, note="") -> WorkOrder:
    order = _locked(order)
    _require(actor, order.community, "service.order.dispatch", _("You cannot dispatch orders."))
    _check_assignee(order, assignee)
    action = OrderAction.DISPATCH if order.status == OrderStatus.REGISTERED else None
    if action is None:
        raise DomainError(_("Only a registered order is dispatched; reassign it instead."))
    order.assignee = assignee
    order.department = department or _department_of(assignee, order) or suggest_department(order)
    order.dispatched_at = timezone.now()
    _move(order, OrderAction.DISPATCH, actor=actor, note=note, assignee=assignee)
    _notify(order, _("New work order %(number)s for you") % {"number": order.number}, [assignee])
    return order


@transaction.atomic
def reassign_order(order, *, assignee, actor, note="") -> WorkOrder:
    order = _locked(order)
    _require(actor, order.community, "service.order.dispatch", _("You cannot dispatch orders."))
    _check_assignee(order, assignee)
    if assignee.pk == order.assignee_id:
        raise DomainError(_("The order is already with this person."), field="assignee")
    if not (note or "").strip():
        raise DomainError(_("Say why the order is reassigned."), field="note")
    order.assignee = assignee
    order.department = _department_of(assignee, order) or order.department
    order.dispatched_at = timezone.now()
    order.accepted_at = order.arrived_at = None
    _move(order, OrderAction.REASSIGN, actor=actor, note=note, assignee=assignee)
    _notify(order, _("Work order %(number)s passed to you") % {"number": order.number}, [assignee])
    return order


def _check_assignee(order, assignee):
    from wuye.org.models import Membership

    if not Membership.objects.filter(
        community=order.community, user=assignee, is_active=True
    ).exists():
        raise DomainError(_("Choose a member of this service center's staff."), field="assignee")


def _department_of(user, order):
    from wuye.org.models import Membership

    membership = (
        Membership.objects.filter(community=order.community, user=user, is_active=True)
        .select_related("department")
        .first()
    )
    return membership.department if membership else None


@transaction.atomic
def return_order(order, *, actor, note) -> WorkOrder:
    """The assignee gives the order back to the dispatcher (wrong trade, not his zone…)."""
    order = _locked(order)
    _require_assignee(order, actor)
    if not (note or "").strip():
        raise DomainError(_("Say why the order is returned."), field="note")
    order.assignee = None
    order.accepted_at = None
    _move(order, OrderAction.RETURN, actor=actor, note=note)
    return order


@transaction.atomic
def accept_order(order, *, actor) -> WorkOrder:
    order = _locked(order)
    _require_assignee(order, actor)
    order.accepted_at = timezone.now()
    if order.first_accepted_at is None:  # the KPI's time to accept (SRV-06)
        order.first_accepted_at = order.accepted_at
    return _move(order, OrderAction.ACCEPT, actor=actor)


@transaction.atomic
def arrive_order(order, *, actor) -> WorkOrder:
    order = _locked(order)
    _require_assignee(order, actor)
    order.arrived_at = timezone.now()
    return _move(order, OrderAction.ARRIVE, actor=actor)


@transaction.atomic
def complete_order(
    order, *, actor, result, materials="", material_cost=None, labour_cost=None, photos=()
) -> WorkOrder:
    """The work is done: what was done, materials and labour (charged on a paid order), photos
    of the finished work. A return visit is queued; orders that need none are closed."""
    from decimal import Decimal

    from wuye.core.money import q2

    order = _locked(order)
    _require_assignee(order, actor)
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
    _move(order, OrderAction.COMPLETE, actor=actor)
    for image in photos:
        order.photos.create(community=order.community, stage="done", image=image, created_by=actor)
    if order.is_paid and material_cost + labour_cost > Decimal(0):
        from .billing import bill_paid_order

        bill_paid_order(order, actor=actor)
    if needs_visit(order):
        queue_visit(order)
    else:
        order.closed_at = timezone.now()
        _move(order, OrderAction.CLOSE, actor=actor, note=_("No return visit needed"))
    people = [order.created_by] if order.created_by_id != actor.pk else []
    _notify(order, _("Work order %(number)s completed") % {"number": order.number}, people)
    _tell_reporter(
        order,
        _("Your matter (order %(number)s) has been dealt with: %(result)s")
        % {"number": order.number, "result": order.result[:40]},
    )
    return order


def needs_visit(order) -> bool:
    """All complaints; repairs by the configured share (100% by default) — SRV-04."""
    if order.kind == OrderKind.COMPLAINT:
        return True
    if order.kind != OrderKind.REPAIR:
        return False
    percent = policy_for(order.community).repair_visit_percent
    return percent >= 100 or (order.pk * 37) % 100 < percent  # an even spread over orders


def queue_visit(order) -> ReturnVisit:
    policy = policy_for(order.community)
    safety = order.category is not None and order.category.is_safety
    days = policy.safety_visit_within_days if safety else policy.visit_within_days
    return ReturnVisit.objects.create(
        community=order.community,
        order=order,
        due_date=timezone.localdate() + dt.timedelta(days=days),
    )


@transaction.atomic
def pause_order(order, *, actor, note) -> WorkOrder:
    """Stop the clocks (waiting for parts, the owner away…) with the reason."""
    order = _locked(order)
    _require(actor, order.community, "service.order.dispatch", _("You cannot pause orders."))
    if not (note or "").strip():
        raise DomainError(_("Say why the order is paused."), field="note")
    order.paused_from = order.status
    order.paused_at = timezone.now()
    return _move(order, OrderAction.PAUSE, actor=actor, note=note)


@transaction.atomic
def resume_order(order, *, actor, note="") -> WorkOrder:
    """Restart the clocks: pending due times move on by the time the order stood still."""
    order = _locked(order)
    _require(actor, order.community, "service.order.dispatch", _("You cannot resume orders."))
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
    _move(order, OrderAction.RESUME, actor=actor, note=note)
    order.paused_from, order.paused_at = "", None
    order.save(update_fields=["paused_from", "paused_at", "updated_at"])
    return order


@transaction.atomic
def escalate_order(order, *, actor, reason):
    """Escalate an open order by hand to the next level of the chain, with the reason."""
    from .escalation import escalate_by_hand

    order = _locked(order)
    _require(actor, order.community, "service.order.escalate", _("You cannot escalate orders."))
    return escalate_by_hand(order, actor=actor, reason=reason)


@transaction.atomic
def cancel_order(order, *, actor, note) -> WorkOrder:
    """A duplicate or a mistake: cancelled with the reason, never deleted."""
    order = _locked(order)
    _require(actor, order.community, "service.order.dispatch", _("You cannot cancel orders."))
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
    return _move(order, OrderAction.CANCEL, actor=actor, note=note)


@transaction.atomic
def close_order(order, *, actor, note="") -> WorkOrder:
    order = _locked(order)
    _require(actor, order.community, "service.visit.change", _("You cannot close orders."))
    if ReturnVisit.objects.filter(order=order, status=VisitStatus.DUE).exists():
        raise DomainError(_("The return visit of this order is still to be made."))
    order.closed_at = timezone.now()
    return _move(order, OrderAction.CLOSE, actor=actor, note=note)


@transaction.atomic
def add_note(order, *, actor, note) -> WorkOrderEvent:
    """A note on the timeline, by the assignee or someone who registers and works orders."""
    if order.assignee_id != actor.pk and not actor_can(
        actor, order.community, "service.order.change"
    ):
        raise PermissionDeniedError(_("You cannot add notes to this order."))
    if not (note or "").strip():
        raise DomainError(_("Write the note."), field="note")
    return _event(order, OrderAction.NOTE, actor=actor, note=note)


# --- Return visits (SRV-04) ---------------------------------------------------------------------


@transaction.atomic
def record_visit(visit, *, actor, reached: bool, score=None, comment="") -> ReturnVisit:
    """The visit's result: reached with a score 1–5, or not reached. A score under 4 reopens
    the order (back to its assignee, with new time limits) and links the visit to it."""
    visit = ReturnVisit.objects.select_for_update().select_related("order").get(pk=visit.pk)
    _require(actor, visit.community, "service.visit.change", _("You cannot record visits."))
    order = _locked(visit.order)
    if visit.status == VisitStatus.DONE:
        raise DomainError(_("This visit has already been recorded."))
    if visit.status == VisitStatus.VOID or order.status != OrderStatus.COMPLETED:
        raise DomainError(
            _("This visit is no longer open: the order was reopened or closed meanwhile.")
        )
    visit.visited_by, visit.visited_at = actor, timezone.now()
    visit.comment = (comment or "").strip()[:500]
    if not reached:
        visit.status = VisitStatus.UNREACHABLE
        visit.save()
        _event(order, OrderAction.NOTE, actor=actor, note=_("Return visit: could not reach"))
        return visit
    if score is None or not 1 <= int(score) <= 5:
        raise DomainError(_("Give the satisfaction score from 1 to 5."), field="score")
    visit.score = int(score)
    visit.status = VisitStatus.DONE
    order.satisfaction = visit.score
    _move(
        order,
        OrderAction.VISIT,
        actor=actor,
        note=_("Satisfaction %(score)d/5 %(comment)s")
        % {"score": visit.score, "comment": visit.comment},
    )
    if visit.satisfied:
        order.closed_at = timezone.now()
        _move(order, OrderAction.CLOSE, actor=actor)
    else:
        visit.reopened_order = True
        _reopen(order, actor=actor, note=visit.comment or _("Unsatisfied at the return visit"))
    visit.save()
    return visit


def _reopen(order, *, actor, note) -> WorkOrder:
    now = timezone.now()
    order.reopened += 1
    order.dispatched_at = now
    order.accepted_at = order.arrived_at = order.completed_at = order.closed_at = None
    _set_dues(order, now)
    _move(order, OrderAction.REOPEN, actor=actor, note=note, assignee=order.assignee)
    people = [order.assignee] + _supervisors(order.community)
    _notify(
        order,
        _("Work order %(number)s reopened: %(note)s") % {"number": order.number, "note": note},
        people,
    )
    return order


@transaction.atomic
def reopen_order(order, *, actor, note) -> WorkOrder:
    """Reopen a completed or closed order (the owner calls again about the same matter)."""
    order = _locked(order)
    _require(actor, order.community, "service.order.dispatch", _("You cannot reopen orders."))
    if not (note or "").strip():
        raise DomainError(_("Say why the order is reopened."), field="note")
    # The visit waiting for this completion is void: the next completion queues a new one.
    ReturnVisit.objects.filter(
        order=order, status__in=(VisitStatus.DUE, VisitStatus.UNREACHABLE)
    ).update(status=VisitStatus.VOID, comment=_("Void: the order was reopened"))
    return _reopen(order, actor=actor, note=note)


def _supervisors(community, posts=("CSS",)):
    """Who holds these posts in the community; for the manager's post also whoever acts for
    him by a delegation in effect today (the absent manager still gets it, to read when back)."""
    from wuye.org.models import Delegation, User

    holders = Q(
        memberships__community=community,
        memberships__post__in=posts,
        memberships__is_active=True,
    )
    if "MGR" in posts:
        holders |= Q(
            pk__in=Delegation.objects.in_effect().filter(community=community).values("delegate_id")
        )
    return list(User.objects.filter(holders, is_active=True).distinct().order_by("pk"))


def suggest_assignees(order, limit: int = 5) -> list[dict]:
    """Who could take the order, by the rules (SRV-02): the zone's customer-service
    representative for complaints, requests and inquiries in a unit, and the staff of the
    category's department — each with their open orders, the least loaded first."""
    from wuye.org.models import Membership

    load = workload(order.community)
    picks: dict[int, dict] = {}
    zone = order.unit.building.zone if order.unit_id and order.unit.building.zone_id else None
    if zone is not None and order.kind != OrderKind.REPAIR:
        members = Membership.objects.filter(
            community=order.community, post="CSR", is_active=True, zones=zone
        ).select_related("user")
        for m in members:
            picks.setdefault(
                m.user_id,
                {"user": m.user, "reason": _("CSR of %(zone)s") % {"zone": zone.name}},
            )
    department = suggest_department(order)
    if department is not None:
        members = Membership.objects.filter(
            community=order.community, department=department, is_active=True
        ).select_related("user")
        for m in members:
            picks.setdefault(m.user_id, {"user": m.user, "reason": str(department)})
    rows = [{**pick, "open": load.get(pk, 0)} for pk, pick in picks.items()]
    rows.sort(key=lambda row: (row["open"], row["user"].name or row["user"].username))
    return rows[:limit]


def assignee_groups(community) -> list[tuple[str, list[dict]]]:
    """Who can be given an order, by department (SRV-02): each person with the post and the
    open orders they hold, the least loaded first; staff of no department come last. A person
    in two departments is listed in each."""
    from wuye.org.models import Membership

    load = workload(community)
    groups: dict[str, list[dict]] = {}
    memberships = (
        Membership.objects.filter(community=community, is_active=True, user__is_active=True)
        .select_related("user", "department")
        .order_by("department__name", "user__name", "user__username")
    )
    for m in memberships:
        group = groups.setdefault(m.department.name if m.department is not None else "", [])
        if any(row["user"].pk == m.user_id for row in group):
            continue
        group.append({"user": m.user, "post": m.get_post_display(), "open": load.get(m.user_id, 0)})
    for rows in groups.values():
        rows.sort(key=lambda row: row["open"])  # stable: by name within the same load
    named = sorted((name, rows) for name, rows in groups.items() if name)
    return [*named, *([(str(_("No department")), groups[""])] if "" in groups else [])]


def workload(community) -> dict[int, int]:
    """Open orders per assignee (dispatch suggestions)."""
    from django.db.models import Count

    rows = (
        WorkOrder.objects.filter(community=community, assignee__isnull=False)
        .open()
        .values("assignee")
        .annotate(n=Count("id"))
    )
    return {row["assignee"]: row["n"] for row in rows}


# --- FAQ knowledge base (SRV-09) -------------------------------------------------------------------


@transaction.atomic
def save_article(form, *, actor, community):
    """Save an FAQ article; an edit keeps the previous text as a revision (its history)."""
    from wuye.core.audit import record_event
    from wuye.core.pinyin import pinyin_and_initials

    from .models import ArticleRevision, KnowledgeArticle

    article = form.save(commit=False)
    creating = article.pk is None
    if creating:
        article.community, article.created_by = community, actor
    else:
        before = KnowledgeArticle.objects.select_for_update().get(pk=article.pk)
        ArticleRevision.objects.create(
            community=community,
            article=before,
            revision=before.revision,
            title=before.title,
            question=before.question,
            answer=before.answer,
            tags=before.tags,
            created_by=actor,  # the revision row records who replaced this text, and when
        )
        article.revision = before.revision + 1
    article.pinyin, article.initials = pinyin_and_initials(article.title)
    article.save()
    record_event(
        verb="faq.saved",
        actor=actor,
        community=community,
        target=article,
        message=_("FAQ article saved (revision %(n)d)") % {"n": article.revision},
    )
    return article


def suggest_articles(community, text: str, limit: int = 3):
    """FAQ articles for what the caller is asking (the intake screen): keywords found in the
    text count most, then two-character pieces of the title."""
    from .models import KnowledgeArticle

    text = (text or "").strip()
    if len(text) < 2:
        return []
    scored = []
    for article in KnowledgeArticle.objects.filter(community=community, is_published=True)[:1000]:
        score = sum(3 for word in article.keywords if word and word in text)
        title = article.title
        score += sum(1 for i in range(len(title) - 1) if title[i : i + 2] in text)
        if score:
            scored.append((score, article.title, article))
    scored.sort(key=lambda row: (-row[0], row[1]))
    return [article for _score, _title, article in scored[:limit]]


# --- Duty log and handover (SRV-07) -----------------------------------------------------------------


def next_shift(date, shift):
    from .choices import Shift

    if shift == Shift.DAY:
        return date, Shift.NIGHT
    return date + dt.timedelta(days=1), Shift.DAY


@transaction.atomic
def open_duty_log(*, community, desk, date, shift, actor):
    """Take a desk's shift: its log, created for the person on duty if not there yet."""
    from .models import DutyLog

    _require(actor, community, "service.duty.change", _("You cannot keep the duty log."))
    desk = (desk or "").strip()
    if not desk:
        raise DomainError(_("Name the desk."), field="desk")
    log, _created = DutyLog.objects.get_or_create(
        community=community,
        desk=desk,
        date=date,
        shift=shift,
        defaults={"on_duty": actor, "created_by": actor},
    )
    return log


def _own_log(log, actor):
    from .choices import DutyStatus

    if log.on_duty_id != actor.pk:
        raise PermissionDeniedError(_("Only the person on duty writes this log."))
    if log.status != DutyStatus.ON_DUTY:
        raise DomainError(_("This shift has been handed over; write in the next shift's log."))


@transaction.atomic
def write_duty_log(log, *, actor, notes=None, item=None):
    """Add to the shift's notes and/or open a matter to follow up."""
    from .models import DutyItem

    _own_log(log, actor)
    if notes is not None:
        log.notes = notes.strip()[:5000]
        log.save(update_fields=["notes", "updated_at"])
    if item and item.strip():
        DutyItem.objects.create(
            community=log.community, log=log, text=item.strip()[:300], created_by=actor
        )
    return log


@transaction.atomic
def settle_duty_item(item, *, actor, note):
    _own_log(item.log, actor)
    if not (note or "").strip():
        raise DomainError(_("Say how the matter was settled."), field="note")
    item.done, item.done_note = True, note.strip()[:300]
    item.save(update_fields=["done", "done_note", "updated_at"])
    return item


@transaction.atomic
def hand_over(log, *, to_user, actor):
    """The person on duty hands the shift over; the incoming person must acknowledge it."""
    from .choices import DutyStatus

    _own_log(log, actor)
    if to_user.pk == actor.pk:
        raise DomainError(_("Hand the shift over to the next person on duty."), field="to_user")
    _check_assignee(log, to_user)
    log.status = DutyStatus.HANDED_OVER
    log.handed_to, log.handed_at = to_user, timezone.now()
    log.save(update_fields=["status", "handed_to", "handed_at", "updated_at"])
    return log


@transaction.atomic
def acknowledge_handover(log, *, actor):
    """The incoming person takes over: the open matters move to his shift's log."""
    from .choices import DutyStatus
    from .models import DutyItem, DutyLog

    log = DutyLog.objects.select_for_update().get(pk=log.pk)
    if log.status != DutyStatus.HANDED_OVER or log.handed_to_id != actor.pk:
        raise PermissionDeniedError(_("Only the person it was handed to acknowledges it."))
    log.status, log.acknowledged_at = DutyStatus.ACKNOWLEDGED, timezone.now()
    log.save(update_fields=["status", "acknowledged_at", "updated_at"])
    date, shift = next_shift(log.date, log.shift)
    following, _created = DutyLog.objects.get_or_create(
        community=log.community,
        desk=log.desk,
        date=date,
        shift=shift,
        defaults={"on_duty": actor, "created_by": actor},
    )
    for item in log.items.filter(done=False):
        DutyItem.objects.create(
            community=log.community,
            log=following,
            text=item.text,
            carried_from=item,
            created_by=actor,
        )
    return following


@transaction.atomic
def review_duty_log(log, *, actor, mark, comment=""):
    """A CS supervisor's or quality specialist's mark on a shift's log."""
    from .choices import ReviewMark
    from .models import DutyReview

    _require(actor, log.community, "service.duty.review", _("You cannot review duty logs."))
    if mark not in ReviewMark.values:
        raise DomainError(_("Choose a mark."), field="mark")
    if mark == ReviewMark.ISSUE and not (comment or "").strip():
        raise DomainError(_("Say what needs correcting."), field="comment")
    return DutyReview.objects.create(
        community=log.community, log=log, mark=mark, comment=comment.strip(), created_by=actor
    )


# --- Warranty defects (SRV-10) ---------------------------------------------------------------------


@transaction.atomic
def forward_to_warranty(order, *, vendor, due_date, actor):
    """Forward an order under the developer's warranty to the developer or its contractor."""
    from .models import WarrantyClaim

    order = _locked(order)
    _require(actor, order.community, "service.order.dispatch", _("You cannot forward orders."))
    if not order.under_warranty:
        raise DomainError(_("Only an order under the developer's warranty is forwarded."))
    if vendor.community_id != order.community_id:
        raise DomainError(_("Choose a developer or contractor of this service center."))
    if due_date < timezone.localdate():
        raise DomainError(_("The due date cannot be in the past."), field="due_date")
    if WarrantyClaim.objects.filter(order=order).exists():
        raise DomainError(_("This order has already been forwarded."))
    claim = WarrantyClaim.objects.create(
        community=order.community, order=order, vendor=vendor, due_date=due_date, created_by=actor
    )
    _event(
        order,
        OrderAction.NOTE,
        actor=actor,
        note=_("Forwarded under warranty to %(vendor)s, due %(date)s")
        % {"vendor": vendor.name, "date": due_date},
    )
    return claim


@transaction.atomic
def close_warranty(claim, *, actor, confirmed: bool, reply=""):
    """Record the developer's repair as confirmed (or the claim as rejected)."""
    from .choices import WarrantyStatus

    _require(actor, claim.community, "service.order.dispatch", _("You cannot close claims."))
    if claim.status != WarrantyStatus.FORWARDED:
        raise DomainError(_("This claim has already been closed."))
    if not confirmed and not (reply or "").strip():
        raise DomainError(_("Give the developer's reason for rejecting it."), field="reply")
    claim.status = WarrantyStatus.CONFIRMED if confirmed else WarrantyStatus.REJECTED
    claim.reply = (reply or "").strip()[:300]
    claim.closed_at, claim.closed_by = timezone.now(), actor
    claim.save()
    _event(
        claim.order,
        OrderAction.NOTE,
        actor=actor,
        note=f"{claim.get_status_display()} {claim.reply}".strip(),
    )
    return claim


@transaction.atomic
def link_reception(reception, order, *, actor):
    """The reception record of a front-desk visit points to the order it led to (SRV-08)."""
    _require(
        actor,
        reception.community,
        "service.reception.change",
        _("You cannot change the reception log."),
    )
    if reception.community_id != order.community_id:
        raise DomainError(_("Choose a work order of this service center."))
    reception.order = order
    reception.save(update_fields=["order", "updated_at"])
    return reception
