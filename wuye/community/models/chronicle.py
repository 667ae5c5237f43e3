"""The chronicle of major events 大事记 (COM-08, QC-10) and the visit-reception calendar
(QC-11): what happened in the community worth keeping (honours, inspections passed, works,
incidents, events), and the visits received — inspections by authorities, peers, the press —
planned and recorded."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel

from ..choices import VISIT_BADGES, ChronicleCategory, VisitKind, VisitStatus


def chronicle_photo_path(instance: ChronicleEntry, filename: str) -> str:
    return f"chronicle/{instance.community_id}/{filename}"


class ChronicleEntry(ScopedModel):
    occurred_on = models.DateField(_("date"))
    category = models.CharField(
        _("category"),
        max_length=10,
        choices=ChronicleCategory.choices,
        default=ChronicleCategory.EVENT,
    )
    title = models.CharField(_("title"), max_length=100)
    description = models.TextField(_("what happened"), blank=True)
    photo = models.ImageField(_("photo"), upload_to=chronicle_photo_path, blank=True)

    class Meta:
        verbose_name = _("chronicle entry")
        verbose_name_plural = _("chronicle")
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["community", "occurred_on"])]

    def __str__(self):
        return f"{self.occurred_on} {self.title}"

    def get_absolute_url(self):
        return reverse("community:chronicleentry_detail", args=[self.pk])


class Visit(ScopedModel):
    """A visit received: who comes, when, why, who receives them, and how it went."""

    visit_at = models.DateTimeField(_("when"))
    kind = models.CharField(_("kind"), max_length=10, choices=VisitKind.choices)
    visitor = models.CharField(_("visitors"), max_length=100, help_text=_("e.g. 区住建局物业科"))
    people = models.PositiveSmallIntegerField(_("number of people"), default=1)
    purpose = models.CharField(_("purpose"), max_length=200)
    host = models.ForeignKey(
        "org.User",
        verbose_name=_("received by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    route = models.CharField(_("route and places shown"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=VisitStatus.choices, default=VisitStatus.PLANNED
    )
    outcome = models.TextField(_("outcome and remarks"), blank=True)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-visit_at", "-id"]
        indexes = [models.Index(fields=["community", "visit_at"])]

    def __str__(self):
        return f"{self.visit_at:%Y-%m-%d} {self.visitor}"

    def get_absolute_url(self):
        return reverse("community:visit_detail", args=[self.pk])

    @property
    def badge(self) -> str:
        return VISIT_BADGES[VisitStatus(self.status)]
