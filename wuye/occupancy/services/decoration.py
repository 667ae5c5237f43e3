"""Decoration (装修, OCC-03, CSR-5): applied for by one of the unit's people with the contractor,
reviewed (risky works flagged), issued once the deposit is held through billing (fees billed to
the unit), workers registered with their passes. One open decoration per unit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.billing.services.oneoff import bill_one_off, one_off_item
from wuye.billing.services.wallet import collect_deposit
from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.core.money import q2
from wuye.core.numbering import next_number
from wuye.estate.models import Unit

from ..choices import OPEN_PERMIT_STATUSES, PermitStatus
from ..models import DecorationPermit, DecorationWorker
from ..models.decoration import LONGEST_WORKS
from .people import check_unit_person

FEE_ITEM = ("ZXGL", "装修管理费")  # the item decoration fees are billed under


def _locked(permit: DecorationPermit, *statuses: str) -> DecorationPermit:
    permit = (
        DecorationPermit.objects.select_for_update(of=("self",))
        .select_related("community", "unit__community", "deposit__payment")
        .get(pk=permit.pk)
    )
    if statuses and permit.status not in statuses:
        raise DomainError(
            _("The permit is %(status)s: this cannot be done now.")
            % {"status": permit.get_status_display()},
            code="wrong_status",
        )
    return permit


def _record(permit: DecorationPermit, verb: str, message: str, *, actor: Any) -> DecorationPermit:
    permit.save()
    record_event(verb=verb, actor=actor, community=permit.community, target=permit, message=message)
    return permit


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
    actor: Any,
) -> DecorationPermit:
    """Register a decoration application for the unit (one open decoration per unit)."""
    if unit.community_id != getattr(community, "pk", community):
        raise DomainError(_("The unit is not in this service center."), field="unit")
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
    return _record(permit, "decoration.approved", message, actor=actor)


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
    return _record(permit, "decoration.rejected", message, actor=actor)


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
    return _record(permit, "decoration.issued", message, actor=actor)


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
