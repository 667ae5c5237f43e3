"""Return visits (SRV-04): which completed orders are visited back, when, and what a visit's
result does to the order (closed when satisfied, reopened when not)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.access import require
from wuye.core.errors import DomainError
from wuye.org.models import User

from ..choices import OrderAction, OrderKind, OrderStatus, VisitStatus
from ..limits import policy_for
from ..models import ReturnVisit, WorkOrder
from .workflow import locked, log_event, move, reopen


def needs_visit(order: WorkOrder) -> bool:
    """All complaints; repairs by the configured share (100% by default) — SRV-04."""
    if order.kind == OrderKind.COMPLAINT:
        return True
    if order.kind != OrderKind.REPAIR:
        return False
    percent = policy_for(order.community).repair_visit_percent
    return percent >= 100 or (order.pk * 37) % 100 < percent  # an even spread over orders


def queue_visit(order: WorkOrder) -> ReturnVisit:
    """The visit due for a completed order, within the policy's window (shorter for safety)."""
    policy = policy_for(order.community)
    safety = order.category is not None and order.category.is_safety
    days = policy.safety_visit_within_days if safety else policy.visit_within_days
    return ReturnVisit.objects.create(
        community=order.community,
        order=order,
        due_date=timezone.localdate() + dt.timedelta(days=days),
    )


@transaction.atomic
def record_visit(
    visit: ReturnVisit,
    *,
    actor: User,
    reached: bool,
    score: int | None = None,
    comment: str = "",
) -> ReturnVisit:
    """The visit's result: reached with a score 1–5, or not reached. A score under 4 reopens
    the order (back to its assignee, with new time limits) and links the visit to it."""
    visit = ReturnVisit.objects.select_for_update().select_related("order").get(pk=visit.pk)
    require(actor, visit.community, "service.visit.change", _("You cannot record visits."))
    order = locked(visit.order)
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
        log_event(order, OrderAction.NOTE, actor=actor, note=_("Return visit: could not reach"))
        return visit
    if score is None or not 1 <= int(score) <= 5:
        raise DomainError(_("Give the satisfaction score from 1 to 5."), field="score")
    visit.score = int(score)
    visit.status = VisitStatus.DONE
    order.satisfaction = visit.score
    move(
        order,
        OrderAction.VISIT,
        actor=actor,
        note=_("Satisfaction %(score)d/5 %(comment)s")
        % {"score": visit.score, "comment": visit.comment},
    )
    if visit.satisfied:
        order.closed_at = timezone.now()
        move(order, OrderAction.CLOSE, actor=actor)
    else:
        visit.reopened_order = True
        reopen(order, actor=actor, note=visit.comment or _("Unsatisfied at the return visit"))
    visit.save()
    return visit
