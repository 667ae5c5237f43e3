"""Defects under the developer's warranty (SRV-10) and the front desk's reception records that
lead to orders (SRV-08)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.access import require
from wuye.core.errors import DomainError
from wuye.estate.models import Vendor
from wuye.org.models import User

from ..choices import OrderAction, WarrantyStatus
from ..models import ReceptionLog, WarrantyClaim, WorkOrder
from .workflow import locked, log_event


@transaction.atomic
def forward_to_warranty(
    order: WorkOrder, *, vendor: Vendor, due_date: dt.date, actor: User
) -> WarrantyClaim:
    """Forward an order under the developer's warranty to the developer or its contractor."""
    order = locked(order)
    require(actor, order.community, "service.order.dispatch", _("You cannot forward orders."))
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
    log_event(
        order,
        OrderAction.NOTE,
        actor=actor,
        note=_("Forwarded under warranty to %(vendor)s, due %(date)s")
        % {"vendor": vendor.name, "date": due_date},
    )
    return claim


@transaction.atomic
def close_warranty(
    claim: WarrantyClaim, *, actor: User, confirmed: bool, reply: str = ""
) -> WarrantyClaim:
    """Record the developer's repair as confirmed (or the claim as rejected)."""
    require(actor, claim.community, "service.order.dispatch", _("You cannot close claims."))
    if claim.status != WarrantyStatus.FORWARDED:
        raise DomainError(_("This claim has already been closed."))
    if not confirmed and not (reply or "").strip():
        raise DomainError(_("Give the developer's reason for rejecting it."), field="reply")
    claim.status = WarrantyStatus.CONFIRMED if confirmed else WarrantyStatus.REJECTED
    claim.reply = (reply or "").strip()[:300]
    claim.closed_at, claim.closed_by = timezone.now(), actor
    claim.save()
    log_event(
        claim.order,
        OrderAction.NOTE,
        actor=actor,
        note=f"{claim.get_status_display()} {claim.reply}".strip(),
    )
    return claim


@transaction.atomic
def link_reception(reception: ReceptionLog, order: WorkOrder, *, actor: User) -> ReceptionLog:
    """The reception record of a front-desk visit points to the order it led to (SRV-08)."""
    require(
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
