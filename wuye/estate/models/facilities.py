"""Vendors and subcontractors, and the facilities and equipment they look after."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel

from ..choices import FacilityKind, FacilityStatus, VendorCategory
from .units import Building


class Vendor(ScopedModel):
    """A vendor or subcontractor (电梯维保、垃圾清运、绿化外包…) with its contract period."""

    name = models.CharField(_("name"), max_length=100)
    category = models.CharField(_("category"), max_length=12, choices=VendorCategory.choices)
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    contract_start = models.DateField(_("contract start"), null=True, blank=True)
    contract_end = models.DateField(_("contract end"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("vendor")
        verbose_name_plural = _("vendors")
        ordering = ["community_id", "category", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="estate_vendor_unique_name"),
            models.CheckConstraint(
                condition=Q(contract_end__isnull=True)
                | Q(contract_start__isnull=True)
                | Q(contract_end__gte=F("contract_start")),
                name="estate_vendor_contract_dates",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("estate:vendor_detail", args=[self.pk])


class Facility(ScopedModel):
    """A facility or piece of equipment (elevator, pump, fire system, street light…)."""

    kind = models.CharField(_("kind"), max_length=12, choices=FacilityKind.choices)
    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=100)
    building = models.ForeignKey(
        Building,
        verbose_name=_("building"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facilities",
    )
    location = models.CharField(_("location"), max_length=100, blank=True)
    custodian = models.ForeignKey(
        "org.Department",
        verbose_name=_("custodian department"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    vendor = models.ForeignKey(
        Vendor,
        verbose_name=_("maintenance vendor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facilities",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=FacilityStatus.choices, default=FacilityStatus.NORMAL
    )
    registration_number = models.CharField(
        _("registration number"),
        max_length=50,
        blank=True,
        help_text=_("Elevators: the special-equipment registration number"),
    )
    next_inspection = models.DateField(_("next statutory inspection"), null=True, blank=True)
    installed_on = models.DateField(_("installed on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["community_id", "kind", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "code"], name="estate_facility_unique_code"
            )
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("estate:facility_detail", args=[self.pk])
