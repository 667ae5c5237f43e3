"""Month-end close 月结 (FIN-06): a community's month closed by the finance office, with the
ledger as it stood; money postings dated in a closed month are refused (`core.periods`)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel

from ..choices import MONTH_BADGES, MonthStatus


class MonthClose(ScopedModel):
    """One month of one service center, closed (and perhaps reopened and closed again): one row
    per month, its course in the audit log."""

    month = models.DateField(_("month"), help_text=_("The first day of the month"))
    status = models.CharField(
        _("status"), max_length=10, choices=MonthStatus.choices, default=MonthStatus.CLOSED
    )
    closed_by = models.ForeignKey(
        "org.User", verbose_name=_("closed by"), on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"))
    # The ledger when the month was closed: the next month opens with these balances.
    figures = models.JSONField(_("closing balances"), default=dict, editable=False)
    reopened_by = models.ForeignKey(
        "org.User",
        verbose_name=_("reopened by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    reopen_reason = models.CharField(_("reason for reopening"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("month close")
        verbose_name_plural = _("month closes")
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["community", "month"], name="finance_month_once"),
            models.CheckConstraint(
                condition=Q(status=MonthStatus.CLOSED) | ~Q(reopen_reason=""),
                name="finance_month_reopen_reason",
            ),
        ]

    def __str__(self):
        return f"{self.month:%Y-%m}"

    def get_absolute_url(self):
        return reverse("finance:ledger", args=[self.month.year, self.month.month])

    @property
    def badge(self) -> str:
        return MONTH_BADGES[MonthStatus(self.status)]
