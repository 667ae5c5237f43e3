"""Release passes (放行条, OCC-04, DSP-8): apply, decide, let out once at the gate.

Arrears are never a reason to refuse a pass: nothing here reads what the unit owes (its pages
show it, for the conversation at the desk, and never block)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wuye.core.audit import record_event
from wuye.core.errors import ConflictError, DomainError
from wuye.core.numbering import next_number
from wuye.estate.models import Unit

from ..choices import ApplicantRole, PassReason, PassStatus
from ..models import ReleasePass
from .people import check_unit_person
from .records import check_in_center, locked, record_change

NUMBER_PREFIX = "FX"
NUMBER_WIDTH = 6
LONGEST_VALIDITY = dt.timedelta(days=7)


def normalize_code(code: str) -> str:
    """A pass number as typed or scanned at the gate: “fx2026000123”, “2026000123”, or just
    the sequence “123” of this year."""
    text = "".join(str(code).split()).upper()
    if text.startswith(NUMBER_PREFIX):
        text = text[len(NUMBER_PREFIX) :]
    if not (text.isascii() and text.isdigit()) or not 0 < len(text) <= 4 + NUMBER_WIDTH:
        return ""
    if len(text) <= NUMBER_WIDTH:
        text = f"{timezone.localdate().year}{int(text):0{NUMBER_WIDTH}d}"
    return f"{NUMBER_PREFIX}{text}"


def find_pass(queryset, code: str) -> ReleasePass | None:
    """The pass a typed or scanned code names among `queryset` (the caller's readable passes)."""
    number = normalize_code(code)
    if not number:
        return None
    return queryset.filter(number=number).select_related("unit", "used_by").first()


def needs_owner_confirmation(release_pass: ReleasePass) -> bool:
    """A tenant (or family member) moving out, or anyone not registered at the unit, needs the
    owner's confirmation recorded before the pass is approved."""
    role = release_pass.applicant_role
    return role == ApplicantRole.OTHER or (
        role != ApplicantRole.OWNER and release_pass.reason == PassReason.MOVE_OUT
    )


@transaction.atomic
def request_pass(
    *,
    community: Any,
    unit: Unit,
    applicant_name: str,
    applicant_role: str,
    reason: str,
    items: str,
    item_count: int,
    valid_from: dt.date,
    valid_until: dt.date,
    applicant_phone: str = "",
    vehicle_plate: str = "",
    actor: Any,
) -> ReleasePass:
    """Apply for a pass (at the desk, for the unit's people)."""
    check_in_center(community, unit)
    if valid_until < valid_from:
        raise DomainError(_("The pass cannot end before it starts."), field="valid_until")
    if valid_until - valid_from > LONGEST_VALIDITY:
        raise DomainError(_("A pass is valid for at most 7 days."), field="valid_until")
    if valid_until < timezone.localdate():
        raise DomainError(_("The pass would already have expired."), field="valid_until")
    if not items.strip():
        raise DomainError(_("List the items, one per line."), field="items")
    if applicant_role != ApplicantRole.OTHER:
        check_unit_person(unit, applicant_name, field="applicant_name", role=applicant_role)
    release_pass = ReleasePass.objects.create(
        community=unit.community,
        number=next_number(
            unit.community_id, "release_pass", prefix=NUMBER_PREFIX, width=NUMBER_WIDTH
        ),
        unit=unit,
        applicant_name=applicant_name.strip(),
        applicant_phone=applicant_phone,
        applicant_role=applicant_role,
        reason=reason,
        items=items.strip(),
        item_count=item_count,
        vehicle_plate=vehicle_plate,
        valid_from=valid_from,
        valid_until=valid_until,
        created_by=actor,
    )
    record_event(
        verb="pass.requested",
        actor=actor,
        community=release_pass.community,
        target=release_pass,
        message=_("Release pass %(number)s applied for: %(unit)s")
        % {"number": release_pass.number, "unit": unit.code},
    )
    return release_pass


def _locked(release_pass: ReleasePass, *statuses: str) -> ReleasePass:
    return locked(
        ReleasePass,
        release_pass.pk,
        related=("unit", "community"),
        statuses=statuses,
        refusal=_("The pass is %(status)s: this cannot be done now."),
    )


def _decide(release_pass: ReleasePass, status: str, *, actor: Any, note: str) -> None:
    release_pass.status = status
    release_pass.decided_by, release_pass.decided_at = actor, timezone.now()
    release_pass.decision_note = note.strip()


@transaction.atomic
def approve_pass(
    release_pass: ReleasePass, *, actor: Any, owner_confirmation: str = "", note: str = ""
) -> ReleasePass:
    """Approve a pass after checking the applicant against the unit's people."""
    release_pass = _locked(release_pass, PassStatus.REQUESTED)
    owner_confirmation = owner_confirmation.strip()
    if needs_owner_confirmation(release_pass) and not owner_confirmation:
        raise DomainError(
            _(
                "The applicant is not the owner: record who confirmed for the owner, and how "
                "(e.g. 业主张三电话确认)."
            ),
            field="owner_confirmation",
        )
    _decide(release_pass, PassStatus.APPROVED, actor=actor, note=note)
    release_pass.owner_confirmation = owner_confirmation
    message = _("Release pass %(number)s approved") % {"number": release_pass.number}
    return record_change(release_pass, "pass.approved", message, actor=actor)


@transaction.atomic
def reject_pass(release_pass: ReleasePass, *, actor: Any, note: str) -> ReleasePass:
    release_pass = _locked(release_pass, PassStatus.REQUESTED)
    if not note.strip():
        raise DomainError(_("Say why the pass is rejected."), field="note")
    _decide(release_pass, PassStatus.REJECTED, actor=actor, note=note)
    message = _("Release pass %(number)s rejected: %(note)s") % {
        "number": release_pass.number,
        "note": release_pass.decision_note,
    }
    return record_change(release_pass, "pass.rejected", message, actor=actor)


@transaction.atomic
def cancel_pass(release_pass: ReleasePass, *, actor: Any, note: str = "") -> ReleasePass:
    """Withdraw a pass not yet used (the applicant changed plans)."""
    release_pass = _locked(release_pass, PassStatus.REQUESTED, PassStatus.APPROVED)
    release_pass.status = PassStatus.CANCELLED
    release_pass.decision_note = note.strip() or release_pass.decision_note
    message = _("Release pass %(number)s cancelled") % {"number": release_pass.number}
    return record_change(release_pass, "pass.cancelled", message, actor=actor)


def used_message(release_pass: ReleasePass) -> str:
    values = {
        "time": date_format(timezone.localtime(release_pass.used_at), "Y-m-d H:i"),
        "who": release_pass.used_by,
        "gate": release_pass.gate,
    }
    if release_pass.gate:
        return (
            _("This pass was let out at %(time)s by %(who)s at %(gate)s: it cannot be used again.")
            % values
        )
    return _("This pass was let out at %(time)s by %(who)s: it cannot be used again.") % values


def gate_problem(release_pass: ReleasePass) -> tuple[str, str] | None:
    """Why the items may not go out on this pass today, as (code, message); None when they
    may. The gate page shows it before the guard taps; `verify_pass` refuses with it."""
    if release_pass.status == PassStatus.USED:
        return "already_used", used_message(release_pass)
    if release_pass.status != PassStatus.APPROVED:
        return "not_approved", _("The pass is %(status)s: do not let the items out.") % {
            "status": release_pass.get_status_display()
        }
    if not release_pass.valid_from <= timezone.localdate() <= release_pass.valid_until:
        return "not_valid_today", _(
            "The pass is valid from %(start)s to %(end)s, not today: do not let the items out."
        ) % {"start": release_pass.valid_from, "end": release_pass.valid_until}
    return None


@transaction.atomic
def verify_pass(release_pass: ReleasePass, *, actor: Any, gate: str = "") -> ReleasePass:
    """Let the items out at the gate: the pass is used once. A second scan is refused with
    when and by whom it was used; two guards scanning at once queue on the row lock, and the
    second is refused the same way."""
    release_pass = (
        ReleasePass.objects.select_for_update(of=("self",))
        .select_related("used_by", "community")
        .get(pk=release_pass.pk)
    )
    problem = gate_problem(release_pass)
    if problem is not None:
        code, message = problem
        if code == "already_used":
            raise ConflictError(message, code=code)
        raise DomainError(message, code=code)
    release_pass.status = PassStatus.USED
    release_pass.used_at, release_pass.used_by = timezone.now(), actor
    release_pass.gate = gate.strip()
    message = _("Release pass %(number)s let out at the gate %(gate)s") % {
        "number": release_pass.number,
        "gate": release_pass.gate,
    }
    return record_change(release_pass, "pass.used", message, actor=actor)
