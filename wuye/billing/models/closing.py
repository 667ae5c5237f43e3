"""The cashier's daily closing."""

from decimal import Decimal
from typing import ClassVar

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedManager, ScopedModel, ScopedQuerySet
from wuye.core.money import MONEY

from ..choices import ClosingStatus
from .fees import NOT_NEGATIVE


class DailyClosingQuerySet(ScopedQuerySet):
    def for_access(self, access):
        """The community's closings; a cashier and nothing else sees only his own days."""
        queryset = super().for_access(access)
        if access is not None and access.holds_only({"CSH"}):
            queryset = queryset.filter(cashier=access.user)
        return queryset


DailyClosingManager = ScopedManager.from_queryset(DailyClosingQuerySet)


class DailyClosing(ScopedModel):
    """A cashier's day closed (日清日结): system totals by channel against the cash counted.

    Submitted, the day is locked for that cashier (no payments or voids dated that day);
    finance confirms it, or returns it with a reason to be corrected and submitted again."""

    objects: ClassVar = DailyClosingManager()

    cashier = models.ForeignKey(
        "org.User", verbose_name=_("cashier"), on_delete=models.PROTECT, related_name="+"
    )
    business_date = models.DateField(_("business day"))
    status = models.CharField(
        _("status"), max_length=10, choices=ClosingStatus.choices, default=ClosingStatus.SUBMITTED
    )
    totals = models.JSONField(_("system totals by channel"), default=dict)
    payment_count = models.PositiveIntegerField(_("payments"), default=0)
    # Cash expected in the drawer: cash taken less refunds paid out in cash that day.
    system_cash = models.DecimalField(_("cash by the system"), **MONEY)
    cash_paid_out = models.DecimalField(
        _("refunds paid out in cash"), default=Decimal("0"), **MONEY
    )
    counted_cash = models.DecimalField(_("cash counted"), validators=NOT_NEGATIVE, **MONEY)
    difference = models.DecimalField(_("difference"), **MONEY)
    explanation = models.CharField(_("explanation of the difference"), max_length=300, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"))
    confirmed_by = models.ForeignKey(
        "org.User",
        verbose_name=_("confirmed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    return_reason = models.CharField(_("reason for returning"), max_length=200, blank=True)
    bank_amount = models.DecimalField(_("cash handed to the bank"), null=True, blank=True, **MONEY)
    bank_reference = models.CharField(_("bank slip number"), max_length=64, blank=True)
    bank_date = models.DateField(_("handed to the bank on"), null=True, blank=True)

    class Meta:
        verbose_name = _("daily closing")
        verbose_name_plural = _("daily closings")
        ordering = ["-business_date", "cashier"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "cashier", "business_date"], name="billing_closing_one_per_day"
            )
        ]

    def __str__(self):
        return f"{self.cashier} {self.business_date}"

    def get_absolute_url(self):
        return reverse("billing:dailyclosing_detail", args=[self.pk])
