"""Outage notices 停水停电通知 (COM-03): what stops (water, power, gas), for which buildings,
from when to when and why; announced by SMS to the residents and as an announcement."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel

from ..choices import OutageKind


class Outage(ScopedModel):
    kind = models.CharField(_("what stops"), max_length=8, choices=OutageKind.choices)
    buildings = models.ManyToManyField(
        "estate.Building", verbose_name=_("buildings"), related_name="+"
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    reason = models.CharField(_("reason"), max_length=100)
    campaign = models.ForeignKey(
        "community.Campaign",
        verbose_name=_("SMS campaign"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    announcement = models.ForeignKey(
        "community.Announcement",
        verbose_name=_("announcement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("outage notice")
        verbose_name_plural = _("outage notices")
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="community_outage_ends_after"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.starts_at:%m-%d}"

    def get_absolute_url(self):
        return reverse("community:outage_detail", args=[self.pk])
