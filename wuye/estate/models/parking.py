"""Parking areas, parking spaces and residents' vehicles."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel

from ..choices import SpaceKind
from .people import Person
from .units import AREA, POSITIVE, Unit


class ParkingArea(ScopedModel):
    """A parking area (地面停车场, 地下车库…)."""

    name = models.CharField(_("name"), max_length=50)
    underground = models.BooleanField(_("underground"), default=False)
    location = models.CharField(_("location"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("parking area")
        verbose_name_plural = _("parking areas")
        ordering = ["community_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "name"], name="estate_parkingarea_unique_name"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("estate:parkingarea_detail", args=[self.pk])


class ParkingSpace(ScopedModel):
    """A parking space, with its kind (产权/租赁/公共/人防) and the unit or person it belongs to."""

    area = models.ForeignKey(
        ParkingArea, verbose_name=_("parking area"), on_delete=models.PROTECT, related_name="spaces"
    )
    number = models.CharField(_("space number"), max_length=16)
    kind = models.CharField(
        _("kind"), max_length=10, choices=SpaceKind.choices, default=SpaceKind.LEASED
    )
    size = models.DecimalField(_("area (m²)"), null=True, blank=True, validators=POSITIVE, **AREA)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="parking_spaces",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("holder"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="parking_spaces",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("parking space")
        verbose_name_plural = _("parking spaces")
        ordering = ["community_id", "area", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "area", "number"], name="estate_space_unique_number"
            )
        ]

    def __str__(self):
        return f"{self.area.name}{self.number}"

    def get_absolute_url(self):
        return reverse("estate:parkingspace_detail", args=[self.pk])


class Vehicle(ScopedModel):
    """A resident's vehicle; the plate is stored normalized (upper-case, no spaces)."""

    plate = models.CharField(_("plate number"), max_length=10)
    brand = models.CharField(_("brand and model"), max_length=50, blank=True)
    colour = models.CharField(_("colour"), max_length=20, blank=True)
    person = models.ForeignKey(
        Person, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="vehicles"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vehicles",
    )
    space = models.ForeignKey(
        ParkingSpace,
        verbose_name=_("parking space"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vehicles",
    )
    is_active = models.BooleanField(_("registered"), default=True)

    class Meta:
        verbose_name = _("vehicle")
        verbose_name_plural = _("vehicles")
        ordering = ["community_id", "plate"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "plate"], name="estate_vehicle_unique_plate"
            )
        ]

    def __str__(self):
        return self.plate

    def get_absolute_url(self):
        return reverse("estate:vehicle_detail", args=[self.pk])
