"""Duty logs with their open matters and review marks (SRV-07), and the front desk's reception
log (SRV-08)."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel

from ..choices import DutyStatus, ReviewMark, Shift, VisitPurpose
from .orders import WorkOrder


class DutyLog(ScopedModel):
    """A desk's duty log for one shift (值班记录): what happened, the open items, the handover to
    the next shift and its acknowledgement, and the supervisors' review marks (SRV-07)."""

    desk = models.CharField(_("desk"), max_length=30, help_text=_("e.g. 客服前台, 监控中心"))
    date = models.DateField(_("date"))
    shift = models.CharField(_("shift"), max_length=8, choices=Shift.choices)
    on_duty = models.ForeignKey(
        "org.User", verbose_name=_("on duty"), on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(_("what happened"), max_length=5000, blank=True)
    status = models.CharField(
        _("status"), max_length=14, choices=DutyStatus.choices, default=DutyStatus.ON_DUTY
    )
    handed_to = models.ForeignKey(
        "org.User",
        verbose_name=_("handed over to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    handed_at = models.DateTimeField(_("handed over at"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)

    class Meta:
        verbose_name = _("duty log")
        verbose_name_plural = _("duty logs")
        ordering = ["-date", "-shift", "desk"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "desk", "date", "shift"], name="service_duty_once"
            )
        ]

    def __str__(self):
        return f"{self.desk} {self.date} {self.get_shift_display()}"

    def get_absolute_url(self):
        return reverse("service:dutylog_detail", args=[self.pk])


class DutyItem(ScopedModel):
    """An open matter of a shift; left open at handover it is carried to the next shift."""

    log = models.ForeignKey(
        DutyLog, verbose_name=_("duty log"), on_delete=models.CASCADE, related_name="items"
    )
    text = models.CharField(_("matter"), max_length=300)
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("carried from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    done = models.BooleanField(_("settled"), default=False)
    done_note = models.CharField(_("how it was settled"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("duty item")
        verbose_name_plural = _("duty items")
        ordering = ["done", "created_at"]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return self.log.get_absolute_url()


class DutyReview(ScopedModel):
    """A customer-service supervisor's or quality specialist's mark on a duty log."""

    log = models.ForeignKey(
        DutyLog, verbose_name=_("duty log"), on_delete=models.CASCADE, related_name="reviews"
    )
    mark = models.CharField(_("mark"), max_length=8, choices=ReviewMark.choices)
    comment = models.CharField(_("comment"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("duty-log review")
        verbose_name_plural = _("duty-log reviews")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.log} {self.get_mark_display()}"

    def get_absolute_url(self):
        return self.log.get_absolute_url()


class ReceptionLog(ScopedModel):
    """A visitor or inquiry at the front desk (来访登记, SRV-08): who came, why, who handled it,
    what came of it, and the work order it led to."""

    visited_at = models.DateTimeField(_("time"), default=timezone.now)
    visitor = models.CharField(_("visitor"), max_length=50)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    unit = models.ForeignKey(
        "estate.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    purpose = models.CharField(_("purpose"), max_length=10, choices=VisitPurpose.choices)
    matter = models.CharField(_("matter"), max_length=300)
    handled_by = models.ForeignKey(
        "org.User", verbose_name=_("handled by"), on_delete=models.PROTECT, related_name="+"
    )
    result = models.CharField(_("result"), max_length=300, blank=True)
    order = models.ForeignKey(
        WorkOrder,
        verbose_name=_("work order"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("reception record")
        verbose_name_plural = _("reception log")
        ordering = ["-visited_at"]
        indexes = [models.Index(fields=["community", "visited_at"])]

    def __str__(self):
        return f"{self.visitor} {self.visited_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("service:receptionlog_detail", args=[self.pk])
