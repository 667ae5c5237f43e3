"""Budgets 预算 (FIN-08, MGR-5): a community's annual budget by line and month, in versions — a
draft finance prepares (from Excel), the manager approves; a revision is a new version, the one
it replaces kept as it was."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel
from wuye.core.money import MONEY

from ..choices import BUDGET_BADGES, BudgetKind, BudgetStatus

MONTHS = [f"m{n:02d}" for n in range(1, 13)]


class Budget(ScopedModel):
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"), editable=False)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=BudgetStatus.choices,
        default=BudgetStatus.DRAFT,
        editable=False,
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    approved_by = models.ForeignKey(
        "org.User",
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["-year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "year", "version"], name="finance_budget_version"
            ),
            # One version of a year is in force; one is being drafted.
            models.UniqueConstraint(
                fields=["community", "year"],
                condition=Q(status="approved"),
                name="finance_budget_one_in_force",
            ),
            models.UniqueConstraint(
                fields=["community", "year"],
                condition=Q(status="draft"),
                name="finance_budget_one_draft",
            ),
        ]

    def __str__(self):
        return f"{self.year} V{self.version}"

    def get_absolute_url(self):
        return reverse("finance:budget_detail", args=[self.pk])

    @property
    def badge(self) -> str:
        return BUDGET_BADGES[BudgetStatus(self.status)]


class BudgetLine(ScopedModel):
    """One line of a budget: twelve monthly amounts; an income line counts the fee items mapped
    to it as its actuals, an expense line its category's paid claims."""

    budget = models.ForeignKey(
        Budget, verbose_name=_("budget"), on_delete=models.CASCADE, related_name="lines"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=BudgetKind.choices)
    name = models.CharField(_("item"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    category = models.ForeignKey(
        "finance.ExpenseCategory",
        verbose_name=_("expense category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    fee_items = models.ManyToManyField(
        "billing.FeeItem", verbose_name=_("fee items"), blank=True, related_name="+"
    )
    m01 = models.DecimalField(_("budget for January"), default=Decimal("0"), **MONEY)
    m02 = models.DecimalField(_("budget for February"), default=Decimal("0"), **MONEY)
    m03 = models.DecimalField(_("budget for March"), default=Decimal("0"), **MONEY)
    m04 = models.DecimalField(_("budget for April"), default=Decimal("0"), **MONEY)
    m05 = models.DecimalField(_("budget for May"), default=Decimal("0"), **MONEY)
    m06 = models.DecimalField(_("budget for June"), default=Decimal("0"), **MONEY)
    m07 = models.DecimalField(_("budget for July"), default=Decimal("0"), **MONEY)
    m08 = models.DecimalField(_("budget for August"), default=Decimal("0"), **MONEY)
    m09 = models.DecimalField(_("budget for September"), default=Decimal("0"), **MONEY)
    m10 = models.DecimalField(_("budget for October"), default=Decimal("0"), **MONEY)
    m11 = models.DecimalField(_("budget for November"), default=Decimal("0"), **MONEY)
    m12 = models.DecimalField(_("budget for December"), default=Decimal("0"), **MONEY)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["-kind", "position", "id"]  # income first
        constraints = [
            models.UniqueConstraint(fields=["budget", "kind", "name"], name="finance_budget_line"),
            models.CheckConstraint(
                condition=Q(m01__gte=0)
                & Q(m02__gte=0)
                & Q(m03__gte=0)
                & Q(m04__gte=0)
                & Q(m05__gte=0)
                & Q(m06__gte=0)
                & Q(m07__gte=0)
                & Q(m08__gte=0)
                & Q(m09__gte=0)
                & Q(m10__gte=0)
                & Q(m11__gte=0)
                & Q(m12__gte=0),
                name="finance_budget_not_negative",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def months(self) -> list[Decimal]:
        return [getattr(self, name) for name in MONTHS]

    @property
    def total(self) -> Decimal:
        return sum(self.months, Decimal("0"))
