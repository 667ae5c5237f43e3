"""Equipment maintenance (QUA-05): maintenance plans for the registry's facilities (elevators,
pumps, fire systems, generators, gates) with their interval and subcontractor, the records of
each maintenance with parts and photos, and the statutory inspection certificates (年检) with
their expiry."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel
from wuye.core.money import MONEY

from ..choices import CertificateKind, IntervalUnit


class MaintenancePlan(ScopedModel):
    """How often a facility is maintained and by whom; `next_due` moves on with each record."""

    facility = models.ForeignKey(
        "estate.Facility",
        verbose_name=_("facility"),
        on_delete=models.PROTECT,
        related_name="maintenance_plans",
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("e.g. 半月保养, 季度保养"))
    interval = models.PositiveSmallIntegerField(
        _("every"), validators=[MinValueValidator(1)], help_text=_("e.g. 15 days, 3 months")
    )
    interval_unit = models.CharField(
        _("interval unit"), max_length=6, choices=IntervalUnit.choices, default=IntervalUnit.MONTHS
    )
    contractor = models.ForeignKey(
        "estate.Vendor",
        verbose_name=_("subcontractor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    work = models.TextField(_("work content"), blank=True, help_text=_("One item per line"))
    next_due = models.DateField(_("next due"))
    last_done_on = models.DateField(_("last done on"), null=True, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("maintenance plan")
        verbose_name_plural = _("maintenance plans")
        ordering = ["next_due", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "facility", "name"], name="quality_maintenance_plan_name"
            ),
            models.CheckConstraint(condition=Q(interval__gte=1), name="quality_plan_interval"),
        ]
        indexes = [models.Index(fields=["community", "is_active", "next_due"])]

    def __str__(self):
        return f"{self.facility} {self.name}"

    def get_absolute_url(self):
        return reverse("quality:maintenanceplan_detail", args=[self.pk])


class MaintenanceRecord(ScopedModel):
    """One maintenance done: when, by whom, what was done, the parts replaced, the photo."""

    plan = models.ForeignKey(
        MaintenancePlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="records"
    )
    facility = models.ForeignKey(
        "estate.Facility", verbose_name=_("facility"), on_delete=models.PROTECT, related_name="+"
    )
    done_on = models.DateField(_("done on"))
    contractor = models.ForeignKey(
        "estate.Vendor",
        verbose_name=_("subcontractor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    technician = models.CharField(_("technician"), max_length=50)
    work = models.TextField(_("work done"))
    parts = models.TextField(_("parts replaced"), blank=True, help_text=_("One part per line"))
    cost = models.DecimalField(_("cost"), **MONEY, null=True, blank=True)
    photo = models.ImageField(
        _("photo"), upload_to="quality/maintenance/%Y/%m/", null=True, blank=True
    )
    next_due = models.DateField(_("next due"))

    class Meta:
        verbose_name = _("maintenance record")
        verbose_name_plural = _("maintenance records")
        ordering = ["-done_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cost__isnull=True) | Q(cost__gte=0), name="quality_record_cost"
            ),
            models.CheckConstraint(
                condition=Q(next_due__gt=models.F("done_on")), name="quality_record_next_due"
            ),
        ]

    def __str__(self):
        return f"{self.done_on:%Y-%m-%d} {self.technician}"

    def get_absolute_url(self):
        return reverse("quality:maintenancerecord_detail", args=[self.pk])


class Certificate(ScopedModel):
    """A statutory inspection certificate (年检合格证、检测报告) of a facility, with its expiry;
    alerts go out 30 and 7 days before it and on the day."""

    facility = models.ForeignKey(
        "estate.Facility",
        verbose_name=_("facility"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=CertificateKind.choices)
    number = models.CharField(_("certificate number"), max_length=50)
    issuer = models.CharField(_("issued by"), max_length=100)
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("valid until"))
    document = models.FileField(
        _("scan"), upload_to="quality/certificates/%Y/", null=True, blank=True
    )
    # The fewest days before expiry an alert has gone out at (30, 7, 0): each goes out once.
    alerted_days = models.SmallIntegerField(_("alerted"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("inspection certificate")
        verbose_name_plural = _("inspection certificates")
        ordering = ["expires_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "kind", "number"], name="quality_certificate_number"
            ),
            models.CheckConstraint(
                condition=Q(expires_on__gt=models.F("issued_on")),
                name="quality_certificate_validity",
            ),
        ]
        indexes = [models.Index(fields=["community", "expires_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"

    def get_absolute_url(self):
        return reverse("quality:certificate_detail", args=[self.pk])
