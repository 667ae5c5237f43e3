"""Duty logs and the handover between shifts (SRV-07): taking a desk's shift, writing it,
settling its matters, handing over, acknowledging (the open matters move on) and the
supervisors' review marks."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.access import require
from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.org.models import Community, User

from ..choices import DutyStatus, ReviewMark, Shift
from ..models import DutyItem, DutyLog, DutyReview
from .workflow import check_assignee


def next_shift(date: dt.date, shift: str) -> tuple[dt.date, Shift]:
    """The shift after this one: a day's night, then the next day."""
    if shift == Shift.DAY:
        return date, Shift.NIGHT
    return date + dt.timedelta(days=1), Shift.DAY


@transaction.atomic
def open_duty_log(
    *, community: Community, desk: str, date: dt.date, shift: str, actor: User
) -> DutyLog:
    """Take a desk's shift: its log, created for the person on duty if not there yet."""
    require(actor, community, "service.duty.change", _("You cannot keep the duty log."))
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


def _own_log(log: DutyLog, actor: User) -> None:
    if log.on_duty_id != actor.pk:
        raise PermissionDeniedError(_("Only the person on duty writes this log."))
    if log.status != DutyStatus.ON_DUTY:
        raise DomainError(_("This shift has been handed over; write in the next shift's log."))


@transaction.atomic
def write_duty_log(
    log: DutyLog, *, actor: User, notes: str | None = None, item: str | None = None
) -> DutyLog:
    """Add to the shift's notes and/or open a matter to follow up."""
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
def settle_duty_item(item: DutyItem, *, actor: User, note: str) -> DutyItem:
    """A matter of the shift settled, with how."""
    _own_log(item.log, actor)
    if not (note or "").strip():
        raise DomainError(_("Say how the matter was settled."), field="note")
    item.done, item.done_note = True, note.strip()[:300]
    item.save(update_fields=["done", "done_note", "updated_at"])
    return item


@transaction.atomic
def hand_over(log: DutyLog, *, to_user: User, actor: User) -> DutyLog:
    """The person on duty hands the shift over; the incoming person must acknowledge it."""
    _own_log(log, actor)
    if to_user.pk == actor.pk:
        raise DomainError(_("Hand the shift over to the next person on duty."), field="to_user")
    check_assignee(log, to_user)
    log.status = DutyStatus.HANDED_OVER
    log.handed_to, log.handed_at = to_user, timezone.now()
    log.save(update_fields=["status", "handed_to", "handed_at", "updated_at"])
    return log


@transaction.atomic
def acknowledge_handover(log: DutyLog, *, actor: User) -> DutyLog:
    """The incoming person takes over: the open matters move to his shift's log."""
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
def review_duty_log(log: DutyLog, *, actor: User, mark: str, comment: str = "") -> DutyReview:
    """A CS supervisor's or quality specialist's mark on a shift's log."""
    require(actor, log.community, "service.duty.review", _("You cannot review duty logs."))
    if mark not in ReviewMark.values:
        raise DomainError(_("Choose a mark."), field="mark")
    if mark == ReviewMark.ISSUE and not (comment or "").strip():
        raise DomainError(_("Say what needs correcting."), field="comment")
    return DutyReview.objects.create(
        community=log.community, log=log, mark=mark, comment=comment.strip(), created_by=actor
    )
