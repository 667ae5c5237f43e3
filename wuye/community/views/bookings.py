"""Facility bookings and operation logs (COM-07): a facility's day of slots with the bookings
and the booking form, its log with the readings out of limits flagged; the bookings list."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from wuye.core.commands import CommandPageMixin
from wuye.core.views import (
    ObjectDetailView,
    ObjectListView,
    ScopedObjectMixin,
    crud_views,
)

from .. import filtersets, forms, tables
from ..choices import BookingStatus
from ..commands import BOOKABLE_COMMANDS, BOOKING_COMMANDS
from ..models import BookableFacility, Booking, FacilityLog
from ..services.bookings import slots

(
    BookableFacilityListView,
    _detail,
    BookableFacilityEditView,
    BookableFacilityDeleteView,
) = crud_views(
    BookableFacility,
    "community.booking",
    filterset=filtersets.BookableFacilityFilterSet,
    table=tables.BookableFacilityTable,
    form=forms.BookableFacilityForm,
    related=("facility",),
)


class BookableFacilityDetailView(CommandPageMixin, ObjectDetailView):
    """A facility's slots of a day (?day=), each with its bookings and places left; the
    booking form; the latest log entries."""

    model = BookableFacility
    perm_prefix = "community.booking"
    url_base = "community:bookablefacility"
    related = ("facility",)
    commands = BOOKABLE_COMMANDS
    template_name = "community/bookablefacility_detail.html"
    page_forms = {"book": "booking_form", "record_log": "log_form"}
    detail_fields = [
        "facility",
        "opens_at",
        "closes_at",
        "slot_minutes",
        "capacity",
        "price",
        "days_ahead",
        "rules",
        "is_active",
    ]

    def day(self) -> dt.date:
        text = self.request.GET.get("day", "")
        today = timezone.localdate()
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            return today
        return day if abs((day - today).days) <= 366 else today

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bookable = self.object
        day = self.day()
        bookings: dict[dt.time, list[Booking]] = {}
        for booking in (
            bookable.bookings.filter(day=day)
            .exclude(status=BookingStatus.CANCELLED)
            .order_by("starts_at", "id")
        ):
            bookings.setdefault(booking.starts_at, []).append(booking)
        context["day"] = day
        context["previous"], context["following"] = (
            day - dt.timedelta(days=1),
            day + dt.timedelta(days=1),
        )
        context["slots"] = [
            (start, end, bookings.get(start, []), bookable.capacity - len(bookings.get(start, [])))
            for start, end in slots(bookable)
        ]
        context["logs"] = bookable.logs.order_by("-measured_at")[:10]
        if self.access.has("community.booking.change"):
            context.setdefault(
                "booking_form",
                forms.BookingForm(target=bookable, access=self.access, initial={"day": day}),
            )
        if self.access.has("community.booking.log"):
            context.setdefault("log_form", forms.FacilityLogForm(target=bookable))
        return context


class BookingMixin(ScopedObjectMixin):
    model = Booking
    perm_prefix = "community.booking"
    url_base = "community:booking"
    related = ("bookable__facility", "unit", "bill")
    page_actions: tuple[str, ...] = ("view",)


class BookingListView(BookingMixin, ObjectListView):
    filterset_class = filtersets.BookingFilterSet
    table_class = tables.BookingTable


class BookingDetailView(CommandPageMixin, BookingMixin, ObjectDetailView):
    commands = BOOKING_COMMANDS
    template_name = "community/booking_detail.html"
    page_forms = {"cancel_booking": "cancel_form"}
    detail_fields = [
        "bookable",
        "day",
        "starts_at",
        "ends_at",
        "name",
        "phone",
        "unit",
        "people",
        "status",
        "bill",
        "cancel_reason",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        booking = self.object
        allowed = self.access.has("community.booking.change")
        context["open"] = allowed and booking.status == BookingStatus.BOOKED
        if context["open"]:
            context.setdefault("cancel_form", forms.CancelBookingForm(target=booking))
        return context


class FacilityLogListView(ObjectListView):
    model = FacilityLog
    perm_prefix = "community.booking"
    url_base = "community:facilitylog"
    related = ("bookable__facility",)
    page_actions: tuple[str, ...] = ("view",)
    filterset_class = filtersets.FacilityLogFilterSet
    table_class = tables.FacilityLogTable


class FacilityLogDetailView(ObjectDetailView):
    model = FacilityLog
    perm_prefix = "community.booking"
    url_base = "community:facilitylog"
    related = ("bookable__facility",)
    page_actions: tuple[str, ...] = ("view",)
    detail_fields = [
        "bookable",
        "measured_at",
        "opened_at",
        "closed_at",
        "visitors",
        "ph",
        "chlorine",
        "temperature",
        "turbidity",
        "out_of_limits",
        "note",
        "created_by",
    ]
