"""Arrears work: collection visits, the dunning log, the month's arrears statistics."""

from decimal import Decimal

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel
from wuye.core.money import MONEY

from ..choices import AppointmentOutcome, ContactMethod, ContactResult
from .fees import NOT_NEGATIVE


class CollectionAppointment(ScopedModel):
    """A door-to-door collection visit (CSH-6): who goes when, and what came of it."""

    unit = models.ForeignKey(
        "estate.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="collection_visits",
    )
    scheduled_for = models.DateTimeField(_("scheduled for"))
    assignee = models.ForeignKey(
        "org.User", verbose_name=_("assigned to"), on_delete=models.PROTECT, related_name="+"
    )
    contact = models.CharField(_("contact"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    outcome = models.CharField(
        _("outcome"),
        max_length=10,
        choices=AppointmentOutcome.choices,
        default=AppointmentOutcome.PLANNED,
    )
    outcome_note = models.CharField(_("what happened"), max_length=200, blank=True)
    promised_date = models.DateField(_("promised payment date"), null=True, blank=True)

    class Meta:
        verbose_name = _("collection visit")
        verbose_name_plural = _("collection visits")
        ordering = ["scheduled_for"]

    def __str__(self):
        return f"{self.unit} {self.scheduled_for:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("billing:collectionappointment_detail", args=[self.pk])


class DunningContact(ScopedModel):
    """One entry of the dunning log (催缴记录, BIL-14): who was reminded how, what they said,
    and any promise to pay — with what the unit owed at that moment. Reminder SMS add their
    own entries."""

    unit = models.ForeignKey(
        "estate.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="dunning_contacts",
    )
    contacted_at = models.DateTimeField(_("contacted at"), default=timezone.now)
    method = models.CharField(_("method"), max_length=10, choices=ContactMethod.choices)
    person = models.CharField(_("spoke to"), max_length=100, blank=True)
    result = models.CharField(_("result"), max_length=12, choices=ContactResult.choices)
    promised_date = models.DateField(_("promised payment date"), null=True, blank=True)
    promised_amount = models.DecimalField(
        _("promised amount"), null=True, blank=True, validators=NOT_NEGATIVE, **MONEY
    )
    owed = models.DecimalField(_("owed then"), default=Decimal("0"), editable=False, **MONEY)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("dunning contact")
        verbose_name_plural = _("dunning log")
        ordering = ["-contacted_at"]
        indexes = [models.Index(fields=["community", "unit", "contacted_at"])]

    def __str__(self):
        return f"{self.unit} {self.get_method_display()} {self.contacted_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("billing:dunningcontact_detail", args=[self.pk])


class ArrearsSnapshot(ScopedModel):
    """The month's arrears statistics (欠费统计), kept as they stood on its last day (BIL-14):
    totals by aging bucket and by building, so the trend can be read back later."""

    month = models.DateField(_("month"))
    as_of = models.DateField(_("as of"))
    total = models.DecimalField(_("total owed"), max_digits=14, decimal_places=2)
    units = models.PositiveIntegerField(_("units owing"))
    bills = models.PositiveIntegerField(_("overdue bills"))
    buckets = models.JSONField(_("by days overdue"), default=list)
    by_building = models.JSONField(_("by building"), default=list)

    class Meta:
        verbose_name = _("arrears snapshot")
        verbose_name_plural = _("arrears snapshots")
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "month"], name="billing_arrears_snapshot_one_per_month"
            )
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} ¥{self.total}"
