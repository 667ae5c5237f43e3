"""Return visits (回访) after completion (SRV-04)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel

from ..choices import VisitStatus
from .orders import WorkOrder


class ReturnVisit(ScopedModel):
    """A return visit (回访) after completion: contact result, satisfaction 1–5 and comment; an
    unsatisfied visit reopens the order."""

    order = models.ForeignKey(
        WorkOrder, verbose_name=_("work order"), on_delete=models.CASCADE, related_name="visits"
    )
    due_date = models.DateField(_("visit by"))
    status = models.CharField(
        _("status"), max_length=12, choices=VisitStatus.choices, default=VisitStatus.DUE
    )
    visited_by = models.ForeignKey(
        "org.User",
        verbose_name=_("visited by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    visited_at = models.DateTimeField(_("visited at"), null=True, blank=True)
    score = models.PositiveSmallIntegerField(
        _("satisfaction (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    reopened_order = models.BooleanField(_("reopened the order"), default=False)

    class Meta:
        verbose_name = _("return visit")
        verbose_name_plural = _("return visits")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["community", "status", "due_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                name="service_visit_score_1_5",
            )
        ]

    SATISFIED_FROM = 4  # 4 or 5 of 5 counts as satisfied (满意率)

    def __str__(self):
        return f"{self.order} {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("service:returnvisit_detail", args=[self.pk])

    @property
    def satisfied(self):
        return self.score is not None and self.score >= self.SATISFIED_FROM
