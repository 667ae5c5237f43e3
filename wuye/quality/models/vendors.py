"""Subcontractor evaluation (QUA-07, CSD-9): each month each subcontract (cleaning, security,
elevator, greening, waste) is scored against its scorecard; deductions are tied to the findings
of the month's checks and inspections that justify them; the evaluation sheet is printed for
both sides to sign."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel

from ..choices import EVALUATION_BADGES, EvaluationStatus


class VendorEvaluation(ScopedModel):
    vendor = models.ForeignKey(
        "estate.Vendor",
        verbose_name=_("subcontractor"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    month = models.DateField(_("month"))
    standard = models.ForeignKey(
        "quality.CheckStandard",
        verbose_name=_("scorecard"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EvaluationStatus.choices,
        default=EvaluationStatus.SCORING,
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True, blank=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("subcontractor evaluation")
        verbose_name_plural = _("subcontractor evaluations")
        ordering = ["-month", "vendor"]
        constraints = [
            models.UniqueConstraint(fields=["vendor", "month"], name="quality_vendor_month_once"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                name="quality_vendor_score_range",
            ),
        ]

    def __str__(self):
        return f"{self.vendor} {self.month:%Y-%m}"

    def get_absolute_url(self):
        return reverse("quality:vendorevaluation_detail", args=[self.pk])

    @property
    def badge(self) -> str:
        return EVALUATION_BADGES[EvaluationStatus(self.status)]


class EvaluationDeduction(ScopedModel):
    """Points taken off one item of the scorecard, for a reason — the finding behind it when
    there is one."""

    evaluation = models.ForeignKey(
        VendorEvaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="deductions",
    )
    item = models.ForeignKey(
        "quality.StandardItem",
        verbose_name=_("scorecard item"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    points = models.DecimalField(_("points deducted"), max_digits=5, decimal_places=1)
    reason = models.CharField(_("reason"), max_length=300)
    check_entry = models.ForeignKey(
        "quality.CheckEntry",
        verbose_name=_("check finding"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vendor_deductions",
    )
    finding = models.ForeignKey(
        "quality.Finding",
        verbose_name=_("inspection finding"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vendor_deductions",
    )

    class Meta:
        verbose_name = _("deduction")
        verbose_name_plural = _("deductions")
        ordering = ["evaluation", "item__position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(points__gt=0), name="quality_deduction_positive"),
            models.CheckConstraint(
                condition=Q(check_entry__isnull=True) | Q(finding__isnull=True),
                name="quality_deduction_one_source",
            ),
        ]

    def __str__(self):
        return f"{self.item_id} -{self.points}"

    def get_absolute_url(self):
        return reverse("quality:vendorevaluation_detail", args=[self.evaluation_id])
