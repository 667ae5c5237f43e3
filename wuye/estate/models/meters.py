"""Water, electricity and gas meters, and the swap of one meter for another."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel

from ..choices import MeterKind, MeterScope
from .units import POSITIVE, Building, Unit


class Meter(ScopedModel):
    """A water, electricity or gas meter of a unit, a building or the whole community."""

    kind = models.CharField(_("meter type"), max_length=12, choices=MeterKind.choices)
    scope = models.CharField(
        _("scope"), max_length=10, choices=MeterScope.choices, default=MeterScope.UNIT
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meters",
    )
    building = models.ForeignKey(
        Building,
        verbose_name=_("building"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meters",
    )
    serial = models.CharField(_("serial number"), max_length=40)
    multiplier = models.DecimalField(
        _("multiplier"), max_digits=8, decimal_places=2, default=Decimal("1"), validators=POSITIVE
    )
    initial_reading = models.DecimalField(
        _("initial reading"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    installed_on = models.DateField(_("installed on"), null=True, blank=True)
    location = models.CharField(_("location"), max_length=100, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("meter")
        verbose_name_plural = _("meters")
        ordering = ["community_id", "kind", "serial"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "kind", "serial"], name="estate_meter_unique_serial"
            ),
            models.CheckConstraint(
                condition=(
                    Q(scope="unit", unit__isnull=False)
                    | Q(scope="building", building__isnull=False, unit__isnull=True)
                    | Q(scope="community", building__isnull=True, unit__isnull=True)
                ),
                name="estate_meter_scope_matches_target",
            ),
            models.CheckConstraint(
                condition=Q(initial_reading__gte=0), name="estate_meter_initial_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.serial}"

    def get_absolute_url(self):
        return reverse("estate:meter_detail", args=[self.pk])

    @property
    def target(self):
        return self.unit or self.building or self.community


class MeterReplacement(ScopedModel):
    """A meter swapped for a new one: the old meter's final reading and the new one's start."""

    old_meter = models.OneToOneField(
        Meter, verbose_name=_("old meter"), on_delete=models.PROTECT, related_name="replacement"
    )
    new_meter = models.OneToOneField(
        Meter, verbose_name=_("new meter"), on_delete=models.PROTECT, related_name="replaces"
    )
    replaced_on = models.DateField(_("replaced on"))
    old_final_reading = models.DecimalField(
        _("old meter final reading"), max_digits=12, decimal_places=2
    )
    new_initial_reading = models.DecimalField(
        _("new meter initial reading"), max_digits=12, decimal_places=2
    )
    reason = models.CharField(_("reason"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("meter replacement")
        verbose_name_plural = _("meter replacements")
        ordering = ["-replaced_on"]

    def __str__(self):
        return f"{self.old_meter.serial} → {self.new_meter.serial}"

    def get_absolute_url(self):
        return self.new_meter.get_absolute_url()
