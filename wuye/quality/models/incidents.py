"""Emergencies (QUA-08, MGR-10): an incident with the steps of its kind's SOP and their timers,
and a timeline of who did what when — who was told, by bell and by SMS — until it is closed
with its report."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel

from ..choices import INCIDENT_BADGES, IncidentKind, IncidentStatus


class Incident(ScopedModel):
    number = models.CharField(_("number"), max_length=20, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=IncidentKind.choices)
    title = models.CharField(_("what happened"), max_length=100)
    location = models.CharField(_("location"), max_length=100)
    building = models.ForeignKey(
        "estate.Building",
        verbose_name=_("building"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    facility = models.ForeignKey(
        "estate.Facility",
        verbose_name=_("facility"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    occurred_at = models.DateTimeField(_("reported at"))
    status = models.CharField(
        _("status"), max_length=8, choices=IncidentStatus.choices, default=IncidentStatus.OPEN
    )
    cause = models.TextField(_("cause"), blank=True)
    handling = models.TextField(_("how it was handled"), blank=True)
    result = models.TextField(_("result and lessons"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        "org.User",
        verbose_name=_("closed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("emergency")
        verbose_name_plural = _("emergencies")
        ordering = ["-occurred_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["community", "number"], name="quality_incident_number"),
            models.CheckConstraint(
                condition=Q(status=IncidentStatus.OPEN) | Q(closed_at__isnull=False),
                name="quality_incident_closed_at",
            ),
        ]
        indexes = [models.Index(fields=["community", "status"])]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("quality:incident_detail", args=[self.pk])

    @property
    def badge(self) -> str:
        return INCIDENT_BADGES[IncidentStatus(self.status)]


class IncidentStep(ScopedModel):
    """A step of the incident's SOP; a timed one is due a number of minutes after the report,
    and an alert goes out once when it passes undone."""

    incident = models.ForeignKey(
        Incident, verbose_name=_("emergency"), on_delete=models.CASCADE, related_name="steps"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    code = models.CharField(_("code"), max_length=20)
    text = models.CharField(_("step"), max_length=100)
    due_at = models.DateTimeField(_("due by"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        "org.User",
        verbose_name=_("done by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    alerted_at = models.DateTimeField(_("late alert sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("SOP step")
        verbose_name_plural = _("SOP steps")
        ordering = ["incident", "position"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "code"], name="quality_step_once")
        ]
        indexes = [models.Index(fields=["done_at", "alerted_at", "due_at"])]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return reverse("quality:incident_detail", args=[self.incident_id])

    @property
    def late(self) -> bool:
        """Done after its limit."""
        return bool(self.due_at and self.done_at and self.done_at > self.due_at)


class IncidentLog(ScopedModel):
    """One line of the timeline: who did what when, who was told and how."""

    incident = models.ForeignKey(
        Incident, verbose_name=_("emergency"), on_delete=models.CASCADE, related_name="log"
    )
    at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        "org.User",
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.CharField(_("what"), max_length=500)

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline")
        ordering = ["incident", "at", "id"]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return reverse("quality:incident_detail", args=[self.incident_id])
