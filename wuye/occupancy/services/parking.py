"""Parking agreements (车位租赁、使用协议, OCC-06, CSD-7): signed for whole months, billed to the
unit through billing (all at signing when prepaid, month by month otherwise), reminded before
they expire. A space has at most one agreement on any day: the space's row is locked while an
agreement is signed, and the database refuses an overlap whatever writes it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import partial
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.billing.engine import add_months, period_end
from wuye.billing.services.oneoff import bill_space_periods, cancel_unpaid_bills
from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.core.money import q2
from wuye.core.notifications import notify_users
from wuye.core.numbering import next_number
from wuye.estate.models import ParkingSpace, Unit
from wuye.org.models import Membership

from ..choices import AGREEMENT_FEES, AgreementBilling, AgreementKind, AgreementStatus
from ..models import ParkingAgreement
from ..models.parking import LONGEST_TERM
from .people import check_unit_person

REMIND_DAYS = 30  # an agreement ending within this many days is reminded (once)
REMINDED_POSTS = ("CSR", "CSS")


def _key(agreement: ParkingAgreement) -> str:
    return f"pa{agreement.pk}"


def months_of(agreement: ParkingAgreement) -> list[tuple[dt.date, dt.date]]:
    """The agreement's months: each from the start's day of the month to the day before it."""
    return [
        (add_months(agreement.start_date, i), period_end(agreement.start_date, i + 1))
        for i in range(agreement.months)
    ]


def _bill(agreement: ParkingAgreement, months: list[tuple[dt.date, dt.date]], *, actor: Any):
    code, name = AGREEMENT_FEES[AgreementKind(agreement.kind)]
    label = _("%(space)s %(kind)s") % {"space": agreement.space, "kind": name}
    return bill_space_periods(
        agreement.space,
        unit=agreement.unit,
        payer_name=agreement.party_name,
        item_code=code,
        item_name=name,
        periods=[
            (
                start,
                end,
                agreement.monthly_price,
                f"{label} {start:%Y-%m-%d}～{end:%Y-%m-%d} ¥{agreement.monthly_price}/月",
            )
            for start, end in months
        ],
        key=_key(agreement),
        note=_("Parking agreement %(number)s") % {"number": agreement.number},
        actor=actor,
    )


def overlapping(space: ParkingSpace, start: dt.date, end: dt.date):
    """The space's agreements (not cancelled) on any day from start to end."""
    return (
        ParkingAgreement.objects.filter(space=space, start_date__lte=end, end_date__gte=start)
        .exclude(status=AgreementStatus.CANCELLED)
        .order_by("start_date")
    )


def _overlap_error(space: ParkingSpace, other: ParkingAgreement | None) -> DomainError:
    if other is None:
        return DomainError(
            _("Parking space %(space)s has another agreement in this period.") % {"space": space},
            field="start_date",
            code="overlap",
        )
    return DomainError(
        _(
            "Parking space %(space)s already has agreement %(number)s from %(start)s to %(end)s: "
            "a space has one agreement at a time."
        )
        % {
            "space": space,
            "number": other.number,
            "start": other.start_date,
            "end": other.end_date,
        },
        field="start_date",
        code="overlap",
    )


@transaction.atomic
def sign_agreement(
    *,
    community: Any,
    kind: str,
    space: ParkingSpace,
    unit: Unit,
    party_name: str,
    start_date: dt.date,
    months: int,
    monthly_price: Decimal,
    billing: str,
    party_phone: str = "",
    plates: list[str] | None = None,
    actor: Any,
) -> ParkingAgreement:
    """Sign a lease or usage agreement for a space and bill it (OCC-06)."""
    community_id = getattr(community, "pk", community)
    if space.community_id != community_id:
        raise DomainError(_("The parking space is not in this service center."), field="space")
    if unit.community_id != community_id:
        raise DomainError(_("The unit is not in this service center."), field="unit")
    if not 1 <= months <= LONGEST_TERM:
        raise DomainError(
            _("The term is 1 to %(most)s months.") % {"most": LONGEST_TERM}, field="months"
        )
    monthly_price = q2(monthly_price)
    if monthly_price <= 0:
        raise DomainError(_("The price must be more than zero."), field="monthly_price")
    check_unit_person(unit, party_name, field="party_name")
    end_date = period_end(start_date, months)
    # One signing per space at a time: the space's row is the lock, the constraint the proof.
    space = (
        ParkingSpace.objects.select_for_update(of=("self",)).select_related("area").get(pk=space.pk)
    )
    other = overlapping(space, start_date, end_date).first()
    if other is not None:
        raise _overlap_error(space, other)
    try:
        with transaction.atomic():
            agreement = ParkingAgreement.objects.create(
                community=unit.community,
                number=next_number(unit.community_id, "parking_agreement", prefix="CW", width=6),
                kind=kind,
                space=space,
                unit=unit,
                party_name=party_name.strip(),
                party_phone=party_phone,
                plates="、".join(plates or []),
                start_date=start_date,
                months=months,
                end_date=end_date,
                monthly_price=monthly_price,
                billing=billing,
                created_by=actor,
            )
    except IntegrityError as exc:  # another transaction's agreement, committed meanwhile
        if "occupancy_agreement_no_overlap" not in str(exc):
            raise
        raise _overlap_error(space, None) from exc
    all_months = months_of(agreement)
    if billing == AgreementBilling.PREPAID:
        _bill(agreement, all_months, actor=actor)
    else:
        _bill(agreement, all_months[:1], actor=actor)
    record_event(
        verb="parking_agreement.signed",
        actor=actor,
        community=agreement.community,
        target=agreement,
        message=_("Parking agreement %(number)s signed: %(space)s, %(start)s to %(end)s")
        % {
            "number": agreement.number,
            "space": space,
            "start": agreement.start_date,
            "end": agreement.end_date,
        },
    )
    return agreement


@transaction.atomic
def cancel_agreement(agreement: ParkingAgreement, *, actor: Any, reason: str) -> ParkingAgreement:
    """Withdraw an agreement signed in error, while none of its bills is paid: its bills are
    cancelled through billing and the space is free again for the period."""
    if not reason.strip():
        raise DomainError(_("Say why the agreement is cancelled."), field="reason")
    agreement = (
        ParkingAgreement.objects.select_for_update(of=("self",))
        .select_related("community", "space__area")
        .get(pk=agreement.pk)
    )
    if agreement.status == AgreementStatus.CANCELLED:
        raise DomainError(_("The agreement is cancelled already."), code="wrong_status")
    try:
        cancel_unpaid_bills(
            agreement.community, key_prefix=f"{_key(agreement)}:", reason=reason, actor=actor
        )
    except DomainError as exc:
        raise DomainError(
            _("Fees of this agreement have been paid: it can no longer be cancelled."),
            code="paid",
        ) from exc
    agreement.status = AgreementStatus.CANCELLED
    agreement.cancel_reason = reason.strip()
    agreement.save()
    record_event(
        verb="parking_agreement.cancelled",
        actor=actor,
        community=agreement.community,
        target=agreement,
        message=_("Parking agreement %(number)s cancelled: %(reason)s")
        % {"number": agreement.number, "reason": agreement.cancel_reason},
    )
    return agreement


def bill_due_months(community: Any, *, today: dt.date | None = None) -> int:
    """Bill each month-by-month agreement's months that have begun (a day's job; a month billed
    already is skipped, so running it twice bills nothing more). Returns the bills issued."""
    today = today or timezone.localdate()
    issued = 0
    agreements = ParkingAgreement.objects.filter(
        community=community,
        status=AgreementStatus.SIGNED,
        billing=AgreementBilling.MONTHLY,
        start_date__lte=today,
        end_date__gte=today - dt.timedelta(days=92),  # months a stopped worker left unbilled
    ).select_related("space__area", "unit__community")
    for agreement in agreements:
        begun = [m for m in months_of(agreement) if m[0] <= today]
        with transaction.atomic():
            issued += _bill(agreement, begun, actor=None) is not None
    return issued


def remind_expiring(community: Any, *, today: dt.date | None = None) -> int:
    """Tell the service desk (CSR, CSS) once about each agreement ending within 30 days, so the
    party is asked to renew or to free the space. Returns the agreements reminded."""
    today = today or timezone.localdate()
    due = list(
        ParkingAgreement.objects.filter(
            community=community,
            status=AgreementStatus.SIGNED,
            end_date__gte=today,
            end_date__lte=today + dt.timedelta(days=REMIND_DAYS),
            reminded_on__isnull=True,
        ).select_related("space__area")
    )
    if not due:
        return 0
    staff = [
        m.user
        for m in Membership.objects.filter(
            community=community, post__in=REMINDED_POSTS, is_active=True, user__is_active=True
        ).select_related("user")
    ]
    reminded = 0
    for agreement in due:
        with transaction.atomic():
            claimed = ParkingAgreement.objects.filter(
                pk=agreement.pk, reminded_on__isnull=True
            ).update(reminded_on=today)
            if not claimed:
                continue  # another worker reminded it
            text = _(
                "Parking agreement %(number)s (%(space)s, %(party)s) ends on %(end)s: "
                "ask about renewal."
            ) % {
                "number": agreement.number,
                "space": agreement.space,
                "party": agreement.party_name,
                "end": agreement.end_date,
            }
            url = reverse("occupancy:parkingagreement_detail", args=[agreement.pk])
            transaction.on_commit(partial(notify_users, community, staff, text, url))
            reminded += 1
    return reminded
