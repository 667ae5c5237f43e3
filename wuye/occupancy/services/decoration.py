"""Decoration (装修, OCC-03, CSR-5): applied for by one of the unit's people with the contractor,
reviewed (risky works flagged), issued once the deposit is held through billing (fees billed to
the unit), workers registered with their passes. One open decoration per unit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.billing.choices import RefundKind
from wuye.billing.services.approvals import clean_deductions, request_refund
from wuye.billing.services.oneoff import bill_one_off, one_off_item
from wuye.billing.services.wallet import collect_deposit
from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.core.money import q2
from wuye.core.numbering import next_number
from wuye.core.photos import clean_drawings, clean_photos
from wuye.estate.models import Unit

from ..choices import OPEN_PERMIT_STATUSES, PermitStatus
from ..models import DecorationDrawing, DecorationInspection, DecorationPermit, DecorationWorker
from ..models.decoration import LONGEST_WORKS
from .people import check_unit_person
from .records import check_in_center, locked, record_change

FEE_ITEM = ("ZXGL", "装修管理费")  # the item decoration fees are billed under
MOST_DRAWINGS = 10


def _locked(permit: DecorationPermit, *statuses: str) -> DecorationPermit:
    return locked(
        DecorationPermit,
        permit.pk,
        related=("community", "unit__community", "deposit__payment"),
        statuses=statuses,
        refusal=_("The permit is %(status)s: this cannot be done now."),
    )


@transaction.atomic
def apply_permit(
    *,
    community: Any,
    unit: Unit,
    applicant_name: str,
    applicant_phone: str,
    contractor: str,
    contractor_leader: str,
    contractor_phone: str,
    scope: str,
    start_date: dt.date,
    end_date: dt.date,
    load_bearing: bool = False,
    facade: bool = False,
    wet_area_plumbing: bool = False,
    drawings: list[File] | None = None,
    actor: Any,
) -> DecorationPermit:
    """Register a decoration application for the unit (one open decoration per unit), with
    the drawings of the works (PDFs or photos)."""
    check_in_center(community, unit)
    if end_date < start_date:
        raise DomainError(_("The works cannot end before they start."), field="end_date")
    if (end_date - start_date).days > LONGEST_WORKS:
        raise DomainError(
            _("A permit runs for at most %(days)s days.") % {"days": LONGEST_WORKS},
            field="end_date",
        )
    if not scope.strip():
        raise DomainError(_("Describe the works."), field="scope")
    check_unit_person(unit, applicant_name, field="applicant_name")
    files = clean_drawings(drawings)
    if len(files) > MOST_DRAWINGS:
        raise DomainError(
            _("At most %(count)d drawings.") % {"count": MOST_DRAWINGS}, field="drawings"
        )
    open_one = DecorationPermit.objects.filter(unit=unit, status__in=OPEN_PERMIT_STATUSES).first()
    if open_one is not None:
        raise DomainError(
            _("%(unit)s already has decoration %(number)s (%(status)s).")
            % {
                "unit": unit.code,
                "number": open_one.number,
                "status": open_one.get_status_display(),
            },
            field="unit",
        )
    try:
        with transaction.atomic():
            permit = DecorationPermit.objects.create(
                community=unit.community,
                number=next_number(unit.community_id, "decoration", prefix="ZX", width=6),
                unit=unit,
                applicant_name=applicant_name.strip(),
                applicant_phone=applicant_phone,
                contractor=contractor.strip(),
                contractor_leader=contractor_leader.strip(),
                contractor_phone=contractor_phone,
                scope=scope.strip(),
                start_date=start_date,
                end_date=end_date,
                load_bearing=load_bearing,
                facade=facade,
                wet_area_plumbing=wet_area_plumbing,
                created_by=actor,
            )
    except IntegrityError as exc:  # another application for the unit, committed meanwhile
        if "occupancy_permit_one_open_per_unit" not in str(exc):
            raise
        raise DomainError(
            _("%(unit)s already has a decoration under way.") % {"unit": unit.code}, field="unit"
        ) from exc
    for upload in files:
        DecorationDrawing.objects.create(
            community=permit.community,
            permit=permit,
            file=upload,
            name=(upload.name or "")[-120:],
            created_by=actor,
        )
    record_event(
        verb="decoration.applied",
        actor=actor,
        community=permit.community,
        target=permit,
        message=_("Decoration %(number)s applied for: %(unit)s, %(start)s to %(end)s")
        % {"number": permit.number, "unit": unit.code, "start": start_date, "end": end_date},
    )
    return permit


@transaction.atomic
def approve_permit(permit: DecorationPermit, *, actor: Any, note: str = "") -> DecorationPermit:
    """Approve after review; risky works (load-bearing walls, façade, wet-area plumbing) need
    the reviewer's note on what was checked or required."""
    permit = _locked(permit, PermitStatus.APPLIED)
    if permit.flagged and not note.strip():
        raise DomainError(
            _("This application flags %(works)s: note what was checked or required.")
            % {"works": "、".join(permit.flagged)},
            field="note",
        )
    permit.status = PermitStatus.APPROVED
    permit.review_note = note.strip()
    permit.reviewed_by, permit.reviewed_at = actor, timezone.now()
    message = _("Decoration %(number)s approved") % {"number": permit.number}
    return record_change(permit, "decoration.approved", message, actor=actor)


@transaction.atomic
def reject_permit(permit: DecorationPermit, *, actor: Any, note: str) -> DecorationPermit:
    permit = _locked(permit, PermitStatus.APPLIED, PermitStatus.APPROVED)
    if not note.strip():
        raise DomainError(_("Say why the application is rejected."), field="note")
    permit.status = PermitStatus.REJECTED
    permit.review_note = note.strip()
    permit.reviewed_by, permit.reviewed_at = actor, timezone.now()
    message = _("Decoration %(number)s rejected: %(note)s") % {
        "number": permit.number,
        "note": permit.review_note,
    }
    return record_change(permit, "decoration.rejected", message, actor=actor)


@transaction.atomic
def issue_permit(
    permit: DecorationPermit,
    *,
    actor: Any,
    deposit: Decimal,
    channel: str,
    idempotency_key: str,
    management_fee: Decimal | None = None,
    reference: str = "",
) -> DecorationPermit:
    """Take the deposit at the counter (a receipt, the money held in billing) and issue the
    permit; a management fee is billed to the unit. The same submission again (its key)
    answers the permit already issued."""
    permit = _locked(permit)
    if (
        permit.status == PermitStatus.ISSUED
        and permit.deposit is not None
        and permit.deposit.payment.idempotency_key == idempotency_key.strip()
    ):
        return permit  # a retried submission: issued already by it
    if permit.status != PermitStatus.APPROVED:
        raise DomainError(
            _("The permit is %(status)s: this cannot be done now.")
            % {"status": permit.get_status_display()},
            code="wrong_status",
        )
    amount = q2(deposit)
    if amount <= 0:
        raise DomainError(_("The deposit must be more than zero."), field="deposit")
    held = collect_deposit(
        unit=permit.unit,
        amount=amount,
        purpose_text=_("Decoration deposit %(number)s") % {"number": permit.number},
        channel=channel,
        cashier=actor,
        idempotency_key=idempotency_key,
        payer_name=permit.applicant_name,
        reference=reference,
    )
    fee = q2(management_fee or 0)
    if fee > 0:
        code, name = FEE_ITEM
        bill_one_off(
            permit.unit,
            lines=[(f"{name} {permit.number}", fee)],
            key=f"zx{permit.pk}",
            note=_("Decoration %(number)s") % {"number": permit.number},
            item=one_off_item(permit.community, code, name, actor=actor),
            actor=actor,
        )
    permit.status = PermitStatus.ISSUED
    permit.deposit = held
    permit.issued_at = timezone.now()
    message = _("Decoration permit %(number)s issued; deposit %(amount)s held") % {
        "number": permit.number,
        "amount": amount,
    }
    return record_change(permit, "decoration.issued", message, actor=actor)


@transaction.atomic
def add_worker(
    permit: DecorationPermit,
    *,
    actor: Any,
    name: str,
    id_number: str,
    phone: str,
    trade: str = "",
) -> DecorationWorker:
    """Register a worker of the contractor on an approved or issued permit, with a pass."""
    permit = _locked(permit, PermitStatus.APPROVED, PermitStatus.ISSUED)
    if permit.workers.filter(id_number=id_number).exists():
        raise DomainError(
            _("This worker is already on the permit."), field="id_number", code="duplicate"
        )
    sequence = permit.workers.count() + 1
    worker = DecorationWorker.objects.create(
        community=permit.community,
        permit=permit,
        name=name.strip(),
        id_number=id_number,
        phone=phone,
        trade=trade.strip(),
        pass_number=f"{permit.number}-{sequence:02d}",
        created_by=actor,
    )
    record_event(
        verb="decoration.worker_added",
        actor=actor,
        community=permit.community,
        target=permit,
        message=_("Worker %(name)s added to decoration %(number)s")
        % {"name": worker.name, "number": permit.number},
    )
    return worker


@transaction.atomic
def inspect_permit(
    permit: DecorationPermit,
    *,
    actor: Any,
    violation: bool,
    findings: str = "",
    photo: list[File] | None = None,
    deadline: dt.date | None = None,
) -> DecorationInspection:
    """A patrol's round at a unit under decoration (on a phone). A violation needs what was
    found and a deadline: it becomes a rectification notice to print and follow."""
    permit = _locked(permit, PermitStatus.ISSUED)
    photos = clean_photos(photo, field="photo")
    if len(photos) > 1:
        raise DomainError(_("Take at most one photo."), field="photo")
    findings = findings.strip()
    notice = ""
    if violation:
        if not findings:
            raise DomainError(_("Describe the violation."), field="findings")
        if deadline is None:
            raise DomainError(_("Give the deadline to put it right."), field="deadline")
        if deadline < timezone.localdate():
            raise DomainError(_("The deadline cannot be in the past."), field="deadline")
        count = permit.inspections.filter(violation=True).count()
        notice = f"{permit.number}-ZG{count + 1:02d}"
    else:
        deadline = None
    inspection = DecorationInspection.objects.create(
        community=permit.community,
        permit=permit,
        violation=violation,
        findings=findings,
        photo=photos[0] if photos else None,
        notice_number=notice,
        deadline=deadline,
        created_by=actor,
    )
    if violation:
        message = _("Rectification notice %(notice)s for %(unit)s: %(findings)s, by %(day)s") % {
            "notice": notice,
            "unit": permit.unit.code,
            "findings": findings,
            "day": deadline,
        }
    else:
        message = _("Decoration %(number)s patrolled: in order") % {"number": permit.number}
    record_event(
        verb="decoration.inspected",
        actor=actor,
        community=permit.community,
        target=permit,
        message=message,
    )
    return inspection


@transaction.atomic
def mark_rectified(
    inspection: DecorationInspection, *, actor: Any, note: str
) -> DecorationInspection:
    """The violation was put right (seen on a follow-up round)."""
    inspection = (
        DecorationInspection.objects.select_for_update(of=("self",))
        .select_related("community", "permit")
        .get(pk=inspection.pk)
    )
    if not inspection.open:
        raise DomainError(_("There is nothing open to put right."), code="wrong_status")
    if not note.strip():
        raise DomainError(_("Say how it was put right."), field="note")
    inspection.rectified_at = timezone.now()
    inspection.rectified_note = note.strip()
    inspection.save()
    record_event(
        verb="decoration.rectified",
        actor=actor,
        community=inspection.community,
        target=inspection.permit,
        message=_("Notice %(notice)s put right: %(note)s")
        % {"notice": inspection.notice_number, "note": inspection.rectified_note},
    )
    return inspection


@transaction.atomic
def complete_permit(
    permit: DecorationPermit,
    *,
    actor: Any,
    note: str,
    deductions: list[dict[str, Any]] | None = None,
    completed_on: dt.date | None = None,
) -> DecorationPermit:
    """The completion check: every notice put right first; what is kept back from the deposit
    (damage to common parts, waste left behind…) is recorded with its reason, at most the
    deposit."""
    permit = _locked(permit, PermitStatus.ISSUED)
    open_notices = [i.notice_number for i in permit.inspections.all() if i.open]
    if open_notices:
        raise DomainError(
            _("Notices not yet put right: %(notices)s.") % {"notices": "、".join(open_notices)},
            code="open_notices",
        )
    if not note.strip():
        raise DomainError(_("Note the result of the completion check."), field="note")
    assert permit.deposit is not None  # issued permits hold their deposit (a constraint)
    kept, total = clean_deductions(deductions, permit.deposit.amount)
    permit.status = PermitStatus.COMPLETED
    permit.completed_on = completed_on or timezone.localdate()
    permit.completion_note = note.strip()
    permit.deductions = kept
    message = _("Decoration %(number)s completed; %(kept)s kept back from the deposit") % {
        "number": permit.number,
        "kept": q2(total),
    }
    return record_change(permit, "decoration.completed", message, actor=actor)


@transaction.atomic
def request_deposit_refund(permit: DecorationPermit, *, actor: Any) -> DecorationPermit:
    """Ask finance to pay the deposit back less the deductions of the completion check,
    through billing's refunds (finance approves and pays out there)."""
    permit = _locked(permit, PermitStatus.COMPLETED)
    if permit.refund_id is not None:
        raise DomainError(_("The deposit refund was requested already."), code="wrong_status")
    assert permit.deposit is not None
    permit.refund = request_refund(
        unit=permit.unit,
        kind=RefundKind.DEPOSIT,
        reason=_("Decoration %(number)s completed on %(day)s")
        % {"number": permit.number, "day": permit.completed_on},
        actor=actor,
        deposit=permit.deposit,
        deductions=permit.deductions,
    )
    message = _("Deposit refund of decoration %(number)s requested") % {"number": permit.number}
    return record_change(permit, "decoration.refund_requested", message, actor=actor)
