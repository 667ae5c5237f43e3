"""Check-ins (QUA-01): a task's walk checks in at each checkpoint of its route — by the QR code
scanned or typed — and records each checklist item; a failed item is a finding, put right
through a rectification work order (联络单) in customer service."""

from typing import ClassVar

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedManager, ScopedModel, ScopedQuerySet

from ..choices import FindingStatus
from .plans import ChecklistItem, Checkpoint, InspectionTask


class CheckIn(ScopedModel):
    """A task's visit of one checkpoint; out of the route's order or out of the task's window
    it is marked so, never refused."""

    task = models.ForeignKey(
        InspectionTask, verbose_name=_("task"), on_delete=models.CASCADE, related_name="check_ins"
    )
    checkpoint = models.ForeignKey(
        Checkpoint, verbose_name=_("checkpoint"), on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked in at"))
    out_of_order = models.BooleanField(_("out of the route's order"), default=False)
    out_of_window = models.BooleanField(_("outside the task's window"), default=False)
    note = models.CharField(_("note"), max_length=200, blank=True)
    photo = models.ImageField(
        _("photo"), upload_to="quality/checkins/%Y/%m/", null=True, blank=True
    )

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["task", "checked_at"]
        constraints = [
            models.UniqueConstraint(fields=["task", "checkpoint"], name="quality_checkin_once")
        ]

    def __str__(self):
        return f"{self.checkpoint_id} {self.checked_at:%Y-%m-%d %H:%M}"


class ItemResult(ScopedModel):
    check_in = models.ForeignKey(
        CheckIn, verbose_name=_("check-in"), on_delete=models.CASCADE, related_name="results"
    )
    item = models.ForeignKey(
        ChecklistItem, verbose_name=_("checklist item"), on_delete=models.PROTECT, related_name="+"
    )
    passed = models.BooleanField(_("passed"))
    value = models.DecimalField(_("value"), max_digits=10, decimal_places=2, null=True, blank=True)
    remark = models.CharField(_("remark"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("item result")
        verbose_name_plural = _("item results")
        ordering = ["check_in", "item__position"]
        constraints = [
            models.UniqueConstraint(fields=["check_in", "item"], name="quality_result_once")
        ]

    def __str__(self):
        return f"{self.item_id} {'✓' if self.passed else '✗'}"


class FindingQuerySet(ScopedQuerySet):
    def overdue(self, now=None):
        """Findings not yet put right whose rectification order is past its completion limit."""
        return self.filter(
            status=FindingStatus.OPEN, work_order__completion_due__lt=now or timezone.now()
        )


FindingManager = ScopedManager.from_queryset(FindingQuerySet)


class Finding(ScopedModel):
    """A failed item, put right through its rectification work order; closing the order
    closes the finding."""

    result = models.OneToOneField(
        ItemResult, verbose_name=_("result"), on_delete=models.PROTECT, related_name="finding"
    )
    checkpoint = models.ForeignKey(
        Checkpoint, verbose_name=_("checkpoint"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.CharField(_("finding"), max_length=300)
    status = models.CharField(
        _("status"), max_length=8, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    work_order = models.OneToOneField(
        "service.WorkOrder",
        verbose_name=_("rectification order"),
        on_delete=models.PROTECT,
        related_name="quality_finding",
    )
    closed_at = models.DateTimeField(_("put right at"), null=True, blank=True)

    objects: ClassVar = FindingManager()

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.description

    def get_absolute_url(self):
        return reverse("quality:finding_detail", args=[self.pk])
