"""Value-added services (OCC-07, CSD-8): agency listings — a unit let or sold for its owner,
its viewings, the deal closed with the agency fee billed to the unit — and the paid service
catalog, whose orders are billed at the catalog price through billing and done as work orders
by customer service."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.billing.services.oneoff import bill_one_off, cancel_unpaid_bills, one_off_item
from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.core.money import q2
from wuye.core.numbering import next_number
from wuye.core.photos import clean_photos
from wuye.estate.choices import RelationRole
from wuye.estate.models import Unit
from wuye.service.choices import OrderStatus
from wuye.service.services import cancel_order, register_order

from ..choices import ListingKind, ListingStatus, ServiceOrderChannel, ServiceOrderStatus
from ..models import Listing, ListingPhoto, ListingViewing, PaidService, ServiceOrder
from .people import check_unit_person
from .records import check_in_center, locked, record_change

AGENCY_FEE_ITEM = ("DLF", "代理服务费")
SERVICE_FEE_ITEM = ("YCFW", "有偿服务费")
MOST_PHOTOS = 6


@transaction.atomic
def list_unit(
    *,
    community: Any,
    unit: Unit,
    kind: str,
    owner_name: str,
    owner_phone: str,
    asking_price: Decimal,
    description: str = "",
    photos: list[File] | None = None,
    actor: Any,
) -> Listing:
    """List a unit for rent or sale on its owner's behalf, with photos."""
    check_in_center(community, unit)
    check_unit_person(unit, owner_name, field="owner_name", role=RelationRole.OWNER)
    if q2(asking_price) <= 0:
        raise DomainError(_("Give the asking price."), field="asking_price")
    files = clean_photos(photos, field="photos")
    if len(files) > MOST_PHOTOS:
        raise DomainError(_("At most %(count)d photos.") % {"count": MOST_PHOTOS}, field="photos")
    try:
        with transaction.atomic():
            listing = Listing.objects.create(
                community=unit.community,
                number=next_number(unit.community_id, "listing", prefix="DL", width=5),
                unit=unit,
                kind=kind,
                owner_name=owner_name.strip(),
                owner_phone=owner_phone,
                asking_price=q2(asking_price),
                description=description.strip(),
                created_by=actor,
            )
    except IntegrityError as exc:  # occupancy_listing_one_open_per_unit
        raise DomainError(
            _("%(unit)s is already listed %(kind)s.")
            % {"unit": unit.code, "kind": ListingKind(kind).label},
            field="unit",
            code="duplicate",
        ) from exc
    for image in files:
        ListingPhoto.objects.create(
            community=listing.community, listing=listing, image=image, created_by=actor
        )
    record_event(
        verb="listing.listed",
        actor=actor,
        community=listing.community,
        target=listing,
        message=_("%(unit)s listed %(kind)s at %(price)s")
        % {"unit": unit.code, "kind": ListingKind(kind).label, "price": listing.asking_price},
    )
    return listing


def _listed(listing: Listing) -> Listing:
    return locked(
        Listing,
        listing.pk,
        related=("community", "unit"),
        statuses=(ListingStatus.LISTED,),
        refusal=_("The listing is %(status)s: this cannot be done now."),
    )


@transaction.atomic
def record_viewing(
    listing: Listing,
    *,
    actor: Any,
    viewed_at: dt.datetime,
    visitor_name: str,
    visitor_phone: str,
    feedback: str = "",
) -> ListingViewing:
    listing = _listed(listing)
    if viewed_at > timezone.now() + dt.timedelta(minutes=5):
        raise DomainError(_("Record a viewing once it has taken place."), field="viewed_at")
    viewing = ListingViewing.objects.create(
        community=listing.community,
        listing=listing,
        viewed_at=viewed_at,
        visitor_name=visitor_name.strip(),
        visitor_phone=visitor_phone,
        feedback=feedback.strip(),
        created_by=actor,
    )
    record_event(
        verb="listing.viewed",
        actor=actor,
        community=listing.community,
        target=listing,
        message=_("%(visitor)s viewed %(unit)s")
        % {"visitor": viewing.visitor_name, "unit": listing.unit.code},
    )
    return viewing


@transaction.atomic
def close_deal(
    listing: Listing,
    *,
    actor: Any,
    deal_price: Decimal,
    deal_on: dt.date,
    counterparty: str,
    agency_fee: Decimal = Decimal(0),
    note: str = "",
) -> Listing:
    """The unit is let or sold: the deal is recorded and the agency fee billed to the unit,
    paid at the counter like any bill."""
    listing = _listed(listing)
    if q2(deal_price) <= 0:
        raise DomainError(_("Give the deal price."), field="deal_price")
    fee = q2(agency_fee or 0)
    if fee < 0:
        raise DomainError(_("The fee cannot be negative."), field="agency_fee")
    if deal_on > timezone.localdate() or deal_on < timezone.localtime(listing.created_at).date():
        raise DomainError(_("The deal day must be between the listing and today."), field="deal_on")
    if fee > 0:
        code, name = AGENCY_FEE_ITEM
        listing.fee_bill = bill_one_off(
            listing.unit,
            lines=[(f"{name} {listing.number}（{ListingKind(listing.kind).label}）", fee)],
            key=f"dl{listing.pk}",
            note=_("Agency listing %(number)s") % {"number": listing.number},
            item=one_off_item(listing.community, code, name, actor=actor),
            actor=actor,
        )
    listing.status = ListingStatus.CLOSED
    listing.deal_price, listing.deal_on = q2(deal_price), deal_on
    listing.counterparty, listing.agency_fee = counterparty.strip(), fee
    listing.closing_note = note.strip()
    message = _("Deal on %(unit)s closed at %(price)s, agency fee %(fee)s") % {
        "unit": listing.unit.code,
        "price": listing.deal_price,
        "fee": fee,
    }
    return record_change(listing, "listing.closed", message, actor=actor)


@transaction.atomic
def withdraw_listing(listing: Listing, *, actor: Any, reason: str) -> Listing:
    if not reason.strip():
        raise DomainError(_("Say why the listing is withdrawn."), field="reason")
    listing = _listed(listing)
    listing.status = ListingStatus.WITHDRAWN
    listing.closing_note = reason.strip()[:200]
    message = _("Listing %(number)s withdrawn: %(reason)s") % {
        "number": listing.number,
        "reason": listing.closing_note,
    }
    return record_change(listing, "listing.withdrawn", message, actor=actor)


@transaction.atomic
def order_service(
    *,
    community: Any,
    unit: Unit,
    service: PaidService,
    quantity: Decimal,
    contact_name: str,
    contact_phone: str,
    wanted_on: dt.date,
    channel: str = ServiceOrderChannel.COUNTER,
    note: str = "",
    actor: Any,
) -> ServiceOrder:
    """Order a paid service for a unit: billed at the catalog price (paid at the counter) and
    handed to customer service as a work order."""
    check_in_center(community, unit)
    if service.community_id != unit.community_id or not service.is_active:
        raise DomainError(_("Choose a service the catalog offers."), field="service")
    if quantity <= 0:
        raise DomainError(_("Give the quantity."), field="quantity")
    if wanted_on < timezone.localdate():
        raise DomainError(_("The day cannot be in the past."), field="wanted_on")
    amount = q2(service.price * quantity)
    number = next_number(unit.community_id, "service_order", prefix="ZF", width=6)
    what = f"{service.name} {quantity.normalize():f} {service.per} × {service.price} 元"
    work_order = register_order(
        community=unit.community,
        actor=actor,
        kind="request",
        channel="portal" if channel == ServiceOrderChannel.PORTAL else "front_desk",
        unit=unit,
        reporter_name=contact_name.strip(),
        reporter_phone=contact_phone,
        description=_("Paid service %(number)s: %(what)s, on %(day)s. %(note)s")
        % {"number": number, "what": what, "day": wanted_on, "note": note.strip()},
    )
    code, name = SERVICE_FEE_ITEM
    order = ServiceOrder(
        community=unit.community,
        number=number,
        unit=unit,
        service=service,
        quantity=quantity,
        unit_price=service.price,
        amount=amount,
        contact_name=contact_name.strip(),
        contact_phone=contact_phone,
        wanted_on=wanted_on,
        channel=channel,
        note=note.strip(),
        work_order=work_order,
        created_by=actor,
    )
    order.bill = bill_one_off(
        unit,
        lines=[(f"{what}（{number}）", amount)],
        key=f"zf{number}",
        note=_("Paid service %(number)s") % {"number": number},
        item=one_off_item(unit.community, code, name, actor=actor),
        actor=actor,
    )
    order.save()
    record_event(
        verb="service_order.placed",
        actor=actor,
        community=order.community,
        target=order,
        message=_("%(what)s ordered for %(unit)s: %(amount)s")
        % {"what": what, "unit": unit.code, "amount": amount},
    )
    return order


@transaction.atomic
def cancel_service_order(order: ServiceOrder, *, actor: Any, reason: str) -> ServiceOrder:
    """Cancel an order not yet paid: its bill and its work order are cancelled with it (a paid
    order is refunded through billing first)."""
    if not reason.strip():
        raise DomainError(_("Say why the order is cancelled."), field="reason")
    order = locked(
        ServiceOrder,
        order.pk,
        related=("community", "work_order"),
        statuses=(ServiceOrderStatus.ORDERED,),
        refusal=_("The order is %(status)s: this cannot be done now."),
    )
    done = (OrderStatus.COMPLETED, OrderStatus.VISITED, OrderStatus.CLOSED)
    if order.work_order.status in done:
        raise DomainError(_("The service has been done: it can no longer be cancelled."))
    try:
        cancel_unpaid_bills(
            order.community, key_prefix=f"zf{order.number}:", reason=reason, actor=actor
        )
    except DomainError as exc:
        raise DomainError(
            _("The order has been paid: refund it through billing before cancelling."),
            code="paid",
        ) from exc
    if order.work_order.status != OrderStatus.CANCELLED:
        cancel_order(order.work_order, actor=actor, note=reason)
    order.status = ServiceOrderStatus.CANCELLED
    order.note = reason.strip()[:200]
    message = _("Paid service order %(number)s cancelled: %(reason)s") % {
        "number": order.number,
        "reason": order.note,
    }
    return record_change(order, "service_order.cancelled", message, actor=actor)
