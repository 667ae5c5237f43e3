"""Municipal service requests (OCC-08, CSD-10): registered at the desk for the unit's people,
forwarded to the utility, recorded when opened. The utility's fee is billed to the unit at the
utility's price under a pass-through fee item (代收代缴, no handling fee), collected at the
counter like any bill."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.billing.services.oneoff import bill_one_off, cancel_unpaid_bills, one_off_item
from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.core.money import q2
from wuye.core.numbering import next_number
from wuye.estate.models import Unit

from ..choices import RequestStatus, UtilityService
from ..models import MunicipalRequest
from .people import check_unit_person
from .records import check_in_center, locked, record_change

FEE_ITEM = ("DSFW", "市政服务代收费")  # the pass-through item utilities' fees are billed under


def _key(request: MunicipalRequest) -> str:
    return f"sz{request.pk}"


@transaction.atomic
def register_request(
    *,
    community: Any,
    unit: Unit,
    applicant_name: str,
    applicant_phone: str,
    service: str,
    provider: str,
    utility_fee: Decimal = Decimal(0),
    note: str = "",
    actor: Any,
) -> MunicipalRequest:
    """Register a request for one of the unit's people; a utility's fee is billed at once."""
    check_in_center(community, unit)
    check_unit_person(unit, applicant_name, field="applicant_name")
    fee = q2(utility_fee or 0)
    if fee < 0:
        raise DomainError(_("The fee cannot be negative."), field="utility_fee")
    request = MunicipalRequest.objects.create(
        community=unit.community,
        number=next_number(unit.community_id, "municipal_request", prefix="SZ", width=6),
        unit=unit,
        applicant_name=applicant_name.strip(),
        applicant_phone=applicant_phone,
        service=service,
        provider=provider.strip(),
        utility_fee=fee,
        note=note.strip(),
        created_by=actor,
    )
    label = UtilityService(service).label
    if fee > 0:
        code, name = FEE_ITEM
        bill_one_off(
            unit,
            lines=[(f"{label}（{request.provider}）代收 {request.number}", fee)],
            key=_key(request),
            note=_("Municipal service request %(number)s") % {"number": request.number},
            item=one_off_item(unit.community, code, name, actor=actor, pass_through=True),
            actor=actor,
        )
    record_event(
        verb="municipal.registered",
        actor=actor,
        community=request.community,
        target=request,
        message=_("Municipal service request %(number)s: %(service)s for %(unit)s")
        % {"number": request.number, "service": label, "unit": unit.code},
    )
    return request


def _locked(request: MunicipalRequest, *statuses: str) -> MunicipalRequest:
    return locked(
        MunicipalRequest,
        request.pk,
        related=("community", "unit"),
        statuses=statuses,
        refusal=_("The request is %(status)s: this cannot be done now."),
    )


@transaction.atomic
def forward_request(
    request: MunicipalRequest,
    *,
    actor: Any,
    forwarded_on: dt.date | None = None,
    utility_reference: str = "",
) -> MunicipalRequest:
    request = _locked(request, RequestStatus.REGISTERED)
    request.status = RequestStatus.FORWARDED
    request.forwarded_on = forwarded_on or timezone.localdate()
    request.utility_reference = utility_reference.strip()
    message = _("Request %(number)s forwarded to %(provider)s") % {
        "number": request.number,
        "provider": request.provider,
    }
    return record_change(request, "municipal.forwarded", message, actor=actor)


@transaction.atomic
def complete_request(
    request: MunicipalRequest, *, actor: Any, done_on: dt.date | None = None, result: str = ""
) -> MunicipalRequest:
    request = _locked(request, RequestStatus.FORWARDED)
    done_on = done_on or timezone.localdate()
    if request.forwarded_on and done_on < request.forwarded_on:
        raise DomainError(
            _("It cannot be opened before it was forwarded (%(day)s).")
            % {"day": request.forwarded_on},
            field="done_on",
        )
    request.status = RequestStatus.DONE
    request.done_on = done_on
    request.result = result.strip()
    message = _("Request %(number)s opened") % {"number": request.number}
    return record_change(request, "municipal.done", message, actor=actor)


@transaction.atomic
def cancel_request(request: MunicipalRequest, *, actor: Any, reason: str) -> MunicipalRequest:
    """Withdraw a request not yet opened; its fee's bill is cancelled while unpaid (a paid fee
    is refunded through billing first)."""
    if not reason.strip():
        raise DomainError(_("Say why the request is cancelled."), field="reason")
    request = _locked(request, RequestStatus.REGISTERED, RequestStatus.FORWARDED)
    try:
        cancel_unpaid_bills(
            request.community, key_prefix=f"{_key(request)}:", reason=reason, actor=actor
        )
    except DomainError as exc:
        raise DomainError(
            _("The utility's fee has been paid: refund it through billing before cancelling."),
            code="paid",
        ) from exc
    request.status = RequestStatus.CANCELLED
    request.result = reason.strip()
    message = _("Request %(number)s cancelled: %(reason)s") % {
        "number": request.number,
        "reason": request.result,
    }
    return record_change(request, "municipal.cancelled", message, actor=actor)
