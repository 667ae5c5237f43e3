"""Disclosure to owners 公示 (FIN-11, MGR-8): a period's fee standards, the owners' public income
(公共收益, kept apart from the company's income) and the spending, with the maintenance fund's
use; drafted by finance, approved and published by the manager, then never changed."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel

from ..choices import DisclosureStatus


class Disclosure(ScopedModel):
    title = models.CharField(_("title"), max_length=80)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    maintenance_fund = models.TextField(
        _("maintenance fund use"),
        max_length=2000,
        blank=True,
        help_text=_("Each use of the special maintenance fund in the period (专项维修资金)"),
    )
    note = models.TextField(_("note to the owners"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DisclosureStatus.choices,
        default=DisclosureStatus.DRAFT,
        editable=False,
    )
    # The figures as they were published: the published notice never changes with the books.
    figures = models.JSONField(_("figures published"), default=dict, editable=False)
    published_by = models.ForeignKey(
        "org.User",
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("disclosure to owners")
        verbose_name_plural = _("disclosures to owners")
        ordering = ["-period_end", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="finance_disclosure_period"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="finance_disclosure_published",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("finance:disclosure_detail", args=[self.pk])
