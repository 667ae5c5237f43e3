"""Facility bookings and operation logs (COM-07, QC-9): a facility of the registry (swimming
pool, tennis court, function room) opened for booking in slots of its opening hours, so many
bookings a slot, at a price billed through billing where it is charged; and its daily log —
opening hours and, for a pool, the water-quality readings against their limits."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel

from ..choices import BOOKING_BADGES, BookingStatus


class BookableFacility(ScopedModel):
    facility = models.ForeignKey(
        "estate.Facility",
        verbose_name=_("facility"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot (minutes)"), default=60, validators=[MinValueValidator(15), MaxValueValidator(480)]
    )
    capacity = models.PositiveSmallIntegerField(
        _("bookings per slot"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("1 for a court or a room; lanes or places for a pool"),
    )
    price = models.DecimalField(
        _("price per slot"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0.00"))],
        help_text=_("0: free"),
    )
    days_ahead = models.PositiveSmallIntegerField(
        _("bookable days ahead"), default=7, validators=[MinValueValidator(1)]
    )
    rules = models.TextField(_("rules"), blank=True)
    is_active = models.BooleanField(_("taking bookings"), default=True)

    class Meta:
        verbose_name = _("bookable facility")
        verbose_name_plural = _("bookable facilities")
        ordering = ["community_id", "facility__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "facility"], name="community_bookable_once"
            ),
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="community_bookable_hours"
            ),
            models.CheckConstraint(condition=Q(price__gte=0), name="community_bookable_price"),
        ]

    def __str__(self):
        return str(self.facility.name)

    def get_absolute_url(self):
        return reverse("community:bookablefacility_detail", args=[self.pk])


class Booking(ScopedModel):
    bookable = models.ForeignKey(
        BookableFacility,
        verbose_name=_("facility"),
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    day = models.DateField(_("day"))
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"))
    unit = models.ForeignKey(
        "estate.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    name = models.CharField(_("booked by"), max_length=50)
    phone = models.CharField(_("mobile phone"), max_length=11)
    people = models.PositiveSmallIntegerField(_("people"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    bill = models.ForeignKey(
        "billing.Bill",
        verbose_name=_("bill"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    cancel_reason = models.CharField(_("why cancelled"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["-day", "starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="community_booking_slot"
            ),
        ]
        indexes = [models.Index(fields=["bookable", "day", "starts_at", "status"])]

    def __str__(self):
        return f"{self.bookable} {self.day} {self.starts_at:%H:%M}"

    def get_absolute_url(self):
        return reverse("community:booking_detail", args=[self.pk])

    @property
    def badge(self) -> str:
        return BOOKING_BADGES[BookingStatus(self.status)]


class FacilityLog(ScopedModel):
    """One entry of a facility's operation log: when it opened and closed, the visitors, and
    for a pool the water readings (those out of their limits are flagged)."""

    bookable = models.ForeignKey(
        BookableFacility,
        verbose_name=_("facility"),
        on_delete=models.PROTECT,
        related_name="logs",
    )
    measured_at = models.DateTimeField(_("time"))
    opened_at = models.TimeField(_("opened at"), null=True, blank=True)
    closed_at = models.TimeField(_("closed at"), null=True, blank=True)
    visitors = models.PositiveIntegerField(_("visitors"), null=True, blank=True)
    ph = models.DecimalField(_("pH"), max_digits=4, decimal_places=2, null=True, blank=True)
    chlorine = models.DecimalField(
        _("free chlorine (mg/L)"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    temperature = models.DecimalField(
        _("water temperature (℃)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    turbidity = models.DecimalField(
        _("turbidity (NTU)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    out_of_limits = models.CharField(_("out of limits"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("operation log entry")
        verbose_name_plural = _("operation log")
        ordering = ["-measured_at", "-id"]

    def __str__(self):
        return f"{self.bookable} {self.measured_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("community:facilitylog_detail", args=[self.pk])
