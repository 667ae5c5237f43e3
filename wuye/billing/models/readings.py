"""Meter readings (BIL-03)."""

from decimal import Decimal

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel

from ..choices import READING_BADGES, ReadingStatus


def describe_anomaly(anomaly) -> str:
    """An anomaly code with its figure, in the current language."""
    if isinstance(anomaly, str):
        return anomaly
    value = anomaly.get("value", "")
    texts = {
        "negative": _("negative usage (%(value)s)"),
        "spike": _("more than 3× the recent average (%(value)s)"),
        "replaced": _("meter replaced this month"),
    }
    text = texts.get(anomaly.get("code"), _("check this reading"))
    return str(text) % {"value": value} if "%(value)s" in str(text) else str(text)


class MeterReading(ScopedModel):
    """A meter's reading for a billing period; anomalies must be confirmed before billing."""

    meter = models.ForeignKey(
        "estate.Meter", verbose_name=_("meter"), on_delete=models.PROTECT, related_name="readings"
    )
    period = models.DateField(_("period"), help_text=_("First day of the month read"))
    previous_reading = models.DecimalField(_("previous reading"), max_digits=12, decimal_places=2)
    current_reading = models.DecimalField(_("current reading"), max_digits=12, decimal_places=2)
    read_on = models.DateField(_("read on"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReadingStatus.choices, default=ReadingStatus.OK
    )
    anomalies = models.JSONField(_("anomalies"), default=list, blank=True)
    confirmed_by = models.ForeignKey(
        "org.User",
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("meter reading")
        verbose_name_plural = _("meter readings")
        ordering = ["community_id", "-period", "meter"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "meter", "period"], name="billing_reading_unique_period"
            ),
        ]

    def __str__(self):
        return f"{self.meter.serial} {self.period:%Y-%m}"

    def get_absolute_url(self):
        return reverse("billing:meterreading_detail", args=[self.pk])

    @property
    def usage(self) -> Decimal:
        return self.current_reading - self.previous_reading

    @property
    def anomaly_texts(self) -> list[str]:
        return [describe_anomaly(a) for a in self.anomalies]

    @property
    def badge(self) -> str:
        return READING_BADGES[ReadingStatus(self.status)]
