"""Contracts 合同 (FIN-09): income contracts (advertising, leases, use of common areas) and
expense contracts (subcontracted cleaning, security, elevators, greening) with their payment
schedule; each instalment is a receivable or a payable, settled by a journal entry."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel
from wuye.core.money import MONEY

from ..choices import (
    CONTRACT_BADGES,
    ContractCategory,
    ContractKind,
    ContractStatus,
    InstalmentStatus,
    PaymentSchedule,
)


class Contract(ScopedModel):
    number = models.CharField(_("number"), max_length=20, editable=False)
    kind = models.CharField(_("kind"), max_length=8, choices=ContractKind.choices)
    category = models.CharField(_("category"), max_length=16, choices=ContractCategory.choices)
    title = models.CharField(_("title"), max_length=100)
    vendor = models.ForeignKey(
        "estate.Vendor", verbose_name=_("counter-party"), on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    amount = models.DecimalField(_("contract amount"), **MONEY)
    schedule = models.CharField(
        _("payment schedule"), max_length=12, choices=PaymentSchedule.choices
    )
    public_income = models.BooleanField(
        _("owners' public income"),
        default=False,
        help_text=_("Income from the common parts belongs to the owners (公共收益), kept apart"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ContractStatus.choices,
        default=ContractStatus.ACTIVE,
        editable=False,
    )
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True, editable=False)
    termination_reason = models.CharField(
        _("reason for terminating"), max_length=200, blank=True, editable=False
    )
    renewed_from = models.OneToOneField(
        "self",
        verbose_name=_("renews"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewal",
        editable=False,
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["community", "number"], name="finance_contract_no"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="finance_contract_amount"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="finance_contract_period"
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("finance:contract_detail", args=[self.pk])

    @property
    def badge(self) -> str:
        return CONTRACT_BADGES[ContractStatus(self.status)]


class ContractInstalment(ScopedModel):
    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.PROTECT, related_name="instalments"
    )
    sequence = models.PositiveSmallIntegerField(_("instalment"))
    due_date = models.DateField(_("due date"))
    amount = models.DecimalField(_("amount"), **MONEY)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InstalmentStatus.choices,
        default=InstalmentStatus.PENDING,
        editable=False,
    )
    settled_on = models.DateField(_("settled on"), null=True, blank=True, editable=False)
    entry = models.OneToOneField(
        "finance.JournalEntry",
        verbose_name=_("journal entry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="instalment",
        editable=False,
    )
    reminded_due = models.BooleanField(default=False, editable=False)
    reminded_overdue = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("contract instalment")
        verbose_name_plural = _("contract instalments")
        ordering = ["due_date", "contract", "sequence"]
        indexes = [
            models.Index(
                fields=["community", "due_date"],
                condition=Q(status="pending"),
                name="finance_instalment_due",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "sequence"], name="finance_instalment_once"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="finance_instalment_amount"),
            models.CheckConstraint(
                condition=~Q(status="settled") | Q(entry__isnull=False),
                name="finance_instalment_settled_entry",
            ),
        ]

    def __str__(self):
        return f"{self.contract.number} #{self.sequence}"

    def get_absolute_url(self):
        return reverse("finance:contractinstalment_detail", args=[self.pk])


class ContractDocument(ScopedModel):
    """A contract's signed text, an annex or a supplement (PDF or a picture, checked by its
    content); kept with the contract, never replaced."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.PROTECT, related_name="documents"
    )
    title = models.CharField(_("document"), max_length=60)
    file = models.FileField(_("file"), upload_to="finance/contracts/%Y/%m/")

    class Meta:
        verbose_name = _("contract document")
        verbose_name_plural = _("contract documents")
        ordering = ["id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("finance:contractdocument_file", args=[self.pk])
