"""Facility bookings and operation logs (COM-07, QC-9). A booking takes one slot of the
facility's opening hours, decided under the facility's row lock (so two desks never sell the
last place twice); where the facility charges, the slot is billed to the unit through billing
(`bill_one_off`, keyed by the booking: a retry bills nothing twice) and paid at the counter;
cancelling an unpaid booking cancels its bill, a paid one needs a refund first. The operation
log flags pool readings outside the limits of CJ/T 244-2016 (pH 7.0–7.8, free chlorine
0.3–1.0 mg/L, turbidity ≤ 0.5 NTU, water 23–30 ℃) and tells the manager and engineering."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.billing.services.oneoff import bill_one_off, cancel_unpaid_bills, one_off_item
from wuye.core.access import require
from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.core.notifications import notify_users
from wuye.core.validators import MOBILE_RE
from wuye.org.models import Membership

from ..choices import BookingStatus
from ..models import BookableFacility, Booking, FacilityLog

BOOKING_ITEM = ("BOOKING", "场地预订费")
# (field, label, low, high): CJ/T 244-2016 游泳池水质标准.
LIMITS = (
    ("ph", "pH", Decimal("7.0"), Decimal("7.8")),
    ("chlorine", "游离性余氯", Decimal("0.3"), Decimal("1.0")),
    ("turbidity", "浑浊度", None, Decimal("0.5")),
    ("temperature", "水温", Decimal("23"), Decimal("30")),
)
TOLD_POSTS = ("MGR", "TECH")


def slots(bookable: BookableFacility) -> list[tuple[dt.time, dt.time]]:
    """The facility's slots in a day: (from, until), each `slot_minutes` long."""
    day = dt.date(2000, 1, 1)
    start = dt.datetime.combine(day, bookable.opens_at)
    close = dt.datetime.combine(day, bookable.closes_at)
    step = dt.timedelta(minutes=bookable.slot_minutes)
    found = []
    while start + step <= close:
        found.append((start.time(), (start + step).time()))
        start += step
    return found


def taken(bookable: BookableFacility, day: dt.date) -> dict[dt.time, int]:
    """Bookings per slot start on a day (cancelled ones give their place back)."""
    counts: dict[dt.time, int] = {}
    for start in (
        bookable.bookings.filter(day=day)
        .exclude(status=BookingStatus.CANCELLED)
        .values_list("starts_at", flat=True)
    ):
        counts[start] = counts.get(start, 0) + 1
    return counts


@transaction.atomic
def book(
    bookable: BookableFacility,
    *,
    actor: Any,
    day: dt.date,
    starts_at: dt.time,
    name: str,
    phone: str,
    unit: Any = None,
    people: int = 1,
) -> Booking:
    """Book one slot; billed to the unit where the facility charges."""
    bookable = (
        BookableFacility.objects.select_for_update(of=("self",))
        .select_related("community", "facility")
        .get(pk=bookable.pk)
    )
    if actor is not None:
        require(
            actor, bookable.community, "community.booking.change", _("You may not take bookings.")
        )
    if not bookable.is_active:
        raise DomainError(_("%(facility)s takes no bookings now.") % {"facility": bookable})
    today = timezone.localdate()
    if day < today or day > today + dt.timedelta(days=bookable.days_ahead):
        raise DomainError(
            _("Bookings are taken from today to %(days)d days ahead.")
            % {"days": bookable.days_ahead},
            field="day",
        )
    slot = dict(slots(bookable)).get(starts_at)
    if slot is None:
        raise DomainError(_("Choose one of the facility's slots."), field="starts_at")
    if day == today and starts_at <= timezone.localtime().time():
        raise DomainError(_("That slot has begun."), field="starts_at")
    phone = phone.strip()
    if not MOBILE_RE.match(phone):
        raise DomainError(_("Not a mobile number."), field="phone")
    if not 1 <= people <= 50:
        raise DomainError(_("1 to 50 people."), field="people")
    if bookable.price > 0 and unit is None:
        raise DomainError(_("A charged booking is billed to a unit: give the unit."), field="unit")
    if taken(bookable, day).get(starts_at, 0) >= bookable.capacity:
        raise DomainError(_("That slot is fully booked."), field="starts_at")
    booking = Booking.objects.create(
        community_id=bookable.community_id,
        bookable=bookable,
        day=day,
        starts_at=starts_at,
        ends_at=slot,
        unit=unit,
        name=name.strip(),
        phone=phone,
        people=people,
        created_by=actor,
    )
    if bookable.price > 0:
        code, item_name = BOOKING_ITEM
        booking.bill = bill_one_off(
            unit,
            lines=[(f"{bookable} {day:%m-%d} {starts_at:%H:%M}–{slot:%H:%M}", bookable.price)],
            key=f"bk{booking.pk}",
            note=_("Booking of %(facility)s") % {"facility": bookable},
            actor=actor,
            item=one_off_item(bookable.community, code, item_name, actor=actor),
        )
        booking.save(update_fields=["bill", "updated_at"])
    return booking


def _lock(booking: Booking) -> Booking:
    return (
        Booking.objects.select_for_update(of=("self",))
        .select_related("bookable__community", "bill")
        .get(pk=booking.pk)
    )


@transaction.atomic
def cancel_booking(booking: Booking, *, actor: Any, reason: str) -> Booking:
    """Cancel a booking; its unpaid bill is cancelled with it (a paid one is refunded first)."""
    booking = _lock(booking)
    community = booking.bookable.community
    require(actor, community, "community.booking.change", _("You may not take bookings."))
    if booking.status != BookingStatus.BOOKED:
        raise DomainError(_("Only a booking still to come is cancelled."))
    if not reason.strip():
        raise DomainError(_("Say why it is cancelled."), field="reason")
    if booking.bill is not None:
        if booking.bill.paid > 0:
            raise DomainError(
                _("Bill %(number)s is paid: refund it at the counter first.")
                % {"number": booking.bill.number}
            )
        cancel_unpaid_bills(
            community, key_prefix=f"bk{booking.pk}:", reason=reason.strip(), actor=actor
        )
    booking.status, booking.cancel_reason = BookingStatus.CANCELLED, reason.strip()[:200]
    booking.save(update_fields=["status", "cancel_reason", "updated_at"])
    return booking


@transaction.atomic
def mark_used(booking: Booking, *, actor: Any) -> Booking:
    return _close(booking, actor, BookingStatus.USED)


@transaction.atomic
def mark_no_show(booking: Booking, *, actor: Any) -> Booking:
    return _close(booking, actor, BookingStatus.NO_SHOW)


def _close(booking: Booking, actor: Any, status: str) -> Booking:
    booking = _lock(booking)
    require(
        actor,
        booking.bookable.community,
        "community.booking.change",
        _("You may not take bookings."),
    )
    if booking.status != BookingStatus.BOOKED:
        raise DomainError(_("Only a booking still to come is marked."))
    if booking.day > timezone.localdate():
        raise DomainError(_("Its day has not come."))
    booking.status = status
    booking.save(update_fields=["status", "updated_at"])
    return booking


def out_of_limits(readings: dict[str, Decimal | None]) -> list[str]:
    """The readings outside their limits, in words ("pH 8.20（7.0–7.8）")."""
    found = []
    for name, label, low, high in LIMITS:
        value = readings.get(name)
        if value is None:
            continue
        if (low is not None and value < low) or (high is not None and value > high):
            span = f"{low}–{high}" if low is not None else f"≤{high}"
            found.append(f"{label} {value}（{span}）")
    return found


@transaction.atomic
def record_log(
    bookable: BookableFacility,
    *,
    actor: Any,
    measured_at: dt.datetime | None = None,
    opened_at: dt.time | None = None,
    closed_at: dt.time | None = None,
    visitors: int | None = None,
    ph: Decimal | None = None,
    chlorine: Decimal | None = None,
    temperature: Decimal | None = None,
    turbidity: Decimal | None = None,
    note: str = "",
) -> FacilityLog:
    community = bookable.community
    require(actor, community, "community.booking.log", _("You may not keep the operation log."))
    now = timezone.now()
    measured_at = measured_at or now
    if measured_at > now + dt.timedelta(minutes=5):
        raise DomainError(_("A reading is not in the future."), field="measured_at")
    if opened_at and closed_at and closed_at <= opened_at:
        raise DomainError(_("It closes after it opens."), field="closed_at")
    flagged = out_of_limits(
        {"ph": ph, "chlorine": chlorine, "turbidity": turbidity, "temperature": temperature}
    )
    log = FacilityLog.objects.create(
        community=community,
        bookable=bookable,
        measured_at=measured_at,
        opened_at=opened_at,
        closed_at=closed_at,
        visitors=visitors,
        ph=ph,
        chlorine=chlorine,
        temperature=temperature,
        turbidity=turbidity,
        out_of_limits="；".join(flagged)[:200],
        note=note.strip(),
        created_by=actor,
    )
    if flagged:
        users = [
            m.user
            for m in Membership.objects.filter(
                community=community, post__in=TOLD_POSTS, is_active=True
            ).select_related("user")
        ]
        notify_users(
            community,
            users,
            _("%(facility)s water out of limits: %(what)s")
            % {"facility": bookable, "what": "；".join(flagged)},
            url=log.get_absolute_url(),
        )
        record_event(
            verb="facility.out_of_limits",
            actor=actor,
            community=community,
            target=log,
            message="；".join(flagged),
        )
    return log
