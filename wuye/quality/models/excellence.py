"""The excellent-community evaluation (QUA-11, AST-7): a year's preparation against the
standard's items, each assessed and with its evidence attached, and the readiness score."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel

from ..choices import ExcellenceLevel


class ExcellenceReview(ScopedModel):
    year = models.PositiveSmallIntegerField(_("year"))
    level = models.CharField(_("level"), max_length=10, choices=ExcellenceLevel.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("excellent-community evaluation")
        verbose_name_plural = _("excellent-community evaluations")
        ordering = ["-year", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "year", "level"], name="quality_excellence_once"
            )
        ]

    def __str__(self):
        return f"{self.year} {self.get_level_display()}"

    def get_absolute_url(self):
        return reverse("quality:excellencereview_detail", args=[self.pk])


class ExcellenceItem(ScopedModel):
    """One item of the standard: the points it is worth, the points the service center
    expects to be given, and the evidence."""

    review = models.ForeignKey(
        ExcellenceReview,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    section = models.CharField(_("section"), max_length=30)
    code = models.CharField(_("code"), max_length=10)
    text = models.CharField(_("item"), max_length=200)
    points = models.PositiveSmallIntegerField(_("points"))
    awarded = models.DecimalField(
        _("points expected"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("evaluation item")
        verbose_name_plural = _("evaluation items")
        ordering = ["review", "code"]
        constraints = [
            models.UniqueConstraint(fields=["review", "code"], name="quality_excellence_item"),
            models.CheckConstraint(
                condition=Q(awarded__isnull=True) | Q(awarded__gte=0),
                name="quality_excellence_awarded",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.text}"

    def get_absolute_url(self):
        return reverse("quality:excellencereview_detail", args=[self.review_id])


class ExcellenceEvidence(ScopedModel):
    item = models.ForeignKey(
        ExcellenceItem,
        verbose_name=_("evaluation item"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    title = models.CharField(_("title"), max_length=100)
    document = models.FileField(_("file"), upload_to="quality/excellence/%Y/")

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["item", "id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("quality:excellencereview_detail", args=[self.item.review_id])
