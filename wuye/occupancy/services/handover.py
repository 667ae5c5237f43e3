"""Handover acceptance (承接查验, OCC-01, MGR-2): started with the standard checklist by system,
inspected in rounds, each defect forwarded to the developer as a work order under warranty
(customer service's warranty tracking, SRV-10) and re-inspected until fixed, signed with the
list of defects still open."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.core.numbering import next_number
from wuye.core.photos import clean_photos
from wuye.estate.models import Building, Vendor
from wuye.service.models import WarrantyClaim
from wuye.service.services import close_warranty, forward_to_warranty, register_order

from ..choices import (
    HANDOVER_CHECKLIST,
    CheckResult,
    DefectSeverity,
    DefectStatus,
    HandoverStatus,
    HandoverSystem,
)
from ..models import Handover, HandoverCheck, HandoverDefect, HandoverRound
from .records import check_in_center, locked, record_change


@transaction.atomic
def start_handover(
    *,
    community: Any,
    name: str,
    buildings: list[Building],
    developer: Vendor,
    started_on: dt.date | None = None,
    note: str = "",
    actor: Any,
) -> Handover:
    """Start a handover of one building or a phase, with the standard checklist."""
    buildings = list(buildings)
    if not buildings:
        raise DomainError(_("Choose the buildings handed over."), field="buildings")
    foreign = _("Choose records of this service center.")
    check_in_center(community, *buildings, field="buildings", message=foreign)
    check_in_center(community, developer, field="developer", message=foreign)
    handover = Handover.objects.create(
        community_id=getattr(community, "pk", community),
        number=next_number(community, "handover", prefix="CJ", width=4),
        name=name.strip(),
        developer=developer,
        started_on=started_on or timezone.localdate(),
        note=note.strip(),
        created_by=actor,
    )
    handover.buildings.set(buildings)
    position = 0
    checks = []
    for system, items in HANDOVER_CHECKLIST.items():
        for item in items:
            position += 1
            checks.append(
                HandoverCheck(
                    community=handover.community,
                    handover=handover,
                    system=system,
                    position=position,
                    item=item,
                    created_by=actor,
                )
            )
    HandoverCheck.objects.bulk_create(checks)
    record_event(
        verb="handover.started",
        actor=actor,
        community=handover.community,
        target=handover,
        message=_("Handover %(number)s started: %(name)s")
        % {"number": handover.number, "name": handover.name},
    )
    return handover


def _locked(handover: Handover) -> Handover:
    return locked(
        Handover,
        handover.pk,
        related=("community", "developer"),
        statuses=(HandoverStatus.INSPECTING,),
        refusal=_("The handover is %(status)s: this cannot be done now."),
    )


def latest_round(handover: Handover) -> HandoverRound | None:
    return handover.rounds.order_by("-sequence").first()


@transaction.atomic
def record_round(
    handover: Handover,
    *,
    actor: Any,
    inspected_on: dt.date,
    inspectors: str,
    results: dict[int, str],
    note: str = "",
) -> HandoverRound:
    """An inspection round: the items it checked and their results (items it did not check
    keep their earlier result). A failed item is recorded as a defect of its own."""
    handover = _locked(handover)
    if inspected_on > timezone.localdate():
        raise DomainError(_("The round cannot be in the future."), field="inspected_on")
    if inspected_on < handover.started_on:
        raise DomainError(
            _("The round cannot be before the handover started (%(day)s).")
            % {"day": handover.started_on},
            field="inspected_on",
        )
    checks = {check.pk: check for check in handover.checks.all()}
    unknown = [pk for pk in results if pk not in checks]
    if unknown or any(r not in (CheckResult.PASSED, CheckResult.FAILED) for r in results.values()):
        raise DomainError(_("Give each item checked a result: passed or failed."), field="results")
    if not results:
        raise DomainError(_("Check at least one item in the round."), field="results")
    sequence = (handover.rounds.aggregate(last=Max("sequence"))["last"] or 0) + 1
    round_ = HandoverRound.objects.create(
        community=handover.community,
        handover=handover,
        sequence=sequence,
        inspected_on=inspected_on,
        inspectors=inspectors.strip(),
        note=note.strip(),
        created_by=actor,
    )
    for pk, result in results.items():
        check = checks[pk]
        check.result, check.checked_in = result, round_
    HandoverCheck.objects.bulk_update([checks[pk] for pk in results], ["result", "checked_in"])
    failed = sum(1 for result in results.values() if result == CheckResult.FAILED)
    record_event(
        verb="handover.round",
        actor=actor,
        community=handover.community,
        target=handover,
        message=_("Round %(n)d of %(number)s: %(checked)d items checked, %(failed)d failed")
        % {"n": sequence, "number": handover.number, "checked": len(results), "failed": failed},
    )
    return round_


@transaction.atomic
def record_defect(
    handover: Handover,
    *,
    actor: Any,
    system: str,
    location: str,
    description: str,
    severity: str,
    due_date: dt.date,
    building: Building | None = None,
    photo: list[File] | None = None,
) -> HandoverDefect:
    """A defect found in the latest round, forwarded at once to the developer: a repair work
    order under the developer's warranty, with the photo, due by `due_date`."""
    handover = _locked(handover)
    round_ = latest_round(handover)
    if round_ is None:
        raise DomainError(_("Record the inspection round first."), code="no_round")
    photos = clean_photos(photo, field="photo")
    if len(photos) > 1:
        raise DomainError(_("Take at most one photo."), field="photo")
    if building is not None and not handover.buildings.filter(pk=building.pk).exists():
        raise DomainError(_("The building is not part of this handover."), field="building")
    if due_date < timezone.localdate():
        raise DomainError(_("The due date cannot be in the past."), field="due_date")
    where = f"{building.number}栋 {location.strip()}" if building else location.strip()
    order = register_order(
        community=handover.community,
        actor=actor,
        kind="repair",
        channel="patrol",
        priority="urgent" if severity == DefectSeverity.CRITICAL else "normal",
        place=where[:100],
        description=_("Handover %(number)s, %(system)s: %(defect)s")
        % {
            "number": handover.number,
            "system": HandoverSystem(system).label,
            "defect": description.strip(),
        },
        under_warranty=True,
        photos=photos,
    )
    forward_to_warranty(order, vendor=handover.developer, due_date=due_date, actor=actor)
    defect = HandoverDefect.objects.create(
        community=handover.community,
        handover=handover,
        found_in=round_,
        system=system,
        building=building,
        location=location.strip(),
        description=description.strip(),
        severity=severity,
        photo=photos[0] if photos else None,
        due_date=due_date,
        work_order=order,
        created_by=actor,
    )
    record_event(
        verb="handover.defect",
        actor=actor,
        community=handover.community,
        target=defect,
        message=_("Defect at %(where)s forwarded to %(developer)s as %(order)s")
        % {"where": where, "developer": handover.developer.name, "order": order.number},
    )
    return defect


@transaction.atomic
def recheck_defect(
    defect: HandoverDefect, *, actor: Any, fixed: bool, note: str = ""
) -> HandoverDefect:
    """Re-inspect a defect in the latest round: fixed closes it (and confirms the developer's
    repair on the warranty claim); not fixed keeps it open with the note."""
    defect = locked(
        HandoverDefect,
        defect.pk,
        related=("handover", "community"),
        statuses=(DefectStatus.OPEN,),
        refusal=_("The defect is %(status)s: this cannot be done now."),
    )
    handover = _locked(defect.handover)
    round_ = latest_round(handover)
    assert round_ is not None  # a defect is found in a round
    if round_.pk == defect.found_in_id:
        raise DomainError(
            _("Re-inspect in a later round: record the re-inspection round first."),
            code="no_round",
        )
    if not fixed and not note.strip():
        raise DomainError(_("Say what is still wrong."), field="note")
    defect.recheck_note = note.strip()
    if fixed:
        defect.status = DefectStatus.FIXED
        defect.fixed_in = round_
        claim = WarrantyClaim.objects.filter(order_id=defect.work_order_id).first()
        if claim is not None and claim.closed_at is None:
            close_warranty(claim, actor=actor, confirmed=True, reply=note.strip())
    message = (
        _("Defect at %(where)s fixed (round %(n)d)")
        if fixed
        else _("Defect at %(where)s not fixed yet (round %(n)d)")
    ) % {"where": defect.location, "n": round_.sequence}
    return record_change(defect, "handover.rechecked", message, actor=actor)


@transaction.atomic
def accept_handover(
    handover: Handover,
    *,
    actor: Any,
    accepted_on: dt.date,
    developer_signatory: str,
    our_signatory: str,
    conclusion: str = "",
) -> Handover:
    """Sign the acceptance. Every item must have been checked; defects still open are listed
    in the record and followed under the warranty."""
    handover = _locked(handover)
    pending = handover.checks.filter(result=CheckResult.PENDING).count()
    if pending:
        raise DomainError(
            _("%(count)d checklist items have not been checked yet.") % {"count": pending},
            code="unchecked",
        )
    if accepted_on > timezone.localdate() or accepted_on < handover.started_on:
        raise DomainError(
            _("The acceptance day must be between the start and today."), field="accepted_on"
        )
    handover.status = HandoverStatus.ACCEPTED
    handover.accepted_on = accepted_on
    handover.developer_signatory = developer_signatory.strip()
    handover.our_signatory = our_signatory.strip()
    handover.conclusion = conclusion.strip()
    open_defects = handover.defects.filter(status=DefectStatus.OPEN).count()
    message = _("Handover %(number)s accepted with %(open)d defects open") % {
        "number": handover.number,
        "open": open_defects,
    }
    return record_change(handover, "handover.accepted", message, actor=actor)
