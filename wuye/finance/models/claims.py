"""Expense claims 报销 (FIN-03): a claim with its lines and documents, pre-reviewed by finance
against each category's checklist of required documents, approved by the manager (and above a set
amount by the company), paid from petty cash or the bank. Numbered without gaps; never deleted."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedManager, ScopedModel, ScopedQuerySet
from wuye.core.money import MONEY

from ..choices import CLAIM_BADGES, ClaimStatus, InvoiceType
from .cash import POSITIVE


class ExpenseCategory(ScopedModel):
    """What money is spent on (维修, 清洁, 保安外包…), with the documents a claim for it needs."""

    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=40)
    required_documents = models.JSONField(
        _("documents required"),
        default=list,
        blank=True,
        help_text=_("e.g. 发票、验收单、合同"),
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("expense category")
        verbose_name_plural = _("expense categories")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["community", "code"], name="finance_category_code"),
            models.UniqueConstraint(fields=["community", "name"], name="finance_category_name"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("finance:expensecategory_detail", args=[self.pk])

    @property
    def documents_text(self) -> str:
        return "、".join(self.required_documents or [])


class ExpenseClaimQuerySet(ScopedQuerySet):
    def for_access(self, access):
        """Finance and the manager's office see every claim; everyone else only his own."""
        queryset = super().for_access(access)
        if access is not None and not access.has("finance.claim.view_all"):
            queryset = queryset.filter(claimant=access.user)
        return queryset


ExpenseClaimManager = ScopedManager.from_queryset(ExpenseClaimQuerySet)


class ExpenseClaim(ScopedModel):
    objects: ClassVar = ExpenseClaimManager()

    number = models.CharField(_("number"), max_length=20, editable=False)
    claimant = models.ForeignKey(
        "org.User",
        verbose_name=_("claimant"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    purpose = models.CharField(_("purpose"), max_length=120)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ClaimStatus.choices,
        default=ClaimStatus.DRAFT,
        editable=False,
    )
    total = models.DecimalField(_("total"), default=0, editable=False, **MONEY)
    missing = models.JSONField(_("documents missing"), default=list, blank=True, editable=False)
    review_note = models.CharField(_("finance's note"), max_length=200, blank=True)
    reject_reason = models.CharField(_("reason for rejecting"), max_length=200, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        "org.User",
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
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
    company_approved_by = models.ForeignKey(
        "org.User",
        verbose_name=_("approved for the company by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    payment = models.OneToOneField(
        "finance.JournalEntry",
        verbose_name=_("paid by entry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claim",
        editable=False,
    )

    class Meta:
        verbose_name = _("expense claim")
        verbose_name_plural = _("expense claims")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["community", "number"], name="finance_claim_number"),
            models.CheckConstraint(condition=Q(total__gte=0), name="finance_claim_total"),
            models.CheckConstraint(
                condition=~Q(status=ClaimStatus.PAID) | Q(payment__isnull=False),
                name="finance_claim_paid_entry",
            ),
            # Nobody reviews or approves his own claim, nor approves twice.
            models.CheckConstraint(
                condition=(Q(reviewed_by__isnull=True) | ~Q(reviewed_by=F("claimant")))
                & (Q(approved_by__isnull=True) | ~Q(approved_by=F("claimant")))
                & (Q(approved_by__isnull=True) | ~Q(approved_by=F("reviewed_by")))
                & (
                    Q(company_approved_by__isnull=True)
                    | (
                        ~Q(company_approved_by=F("claimant"))
                        & ~Q(company_approved_by=F("approved_by"))
                    )
                ),
                name="finance_claim_four_eyes",
            ),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("finance:expenseclaim_detail", args=[self.pk])

    @property
    def badge(self) -> str:
        return CLAIM_BADGES[ClaimStatus(self.status)]


class ClaimLine(ScopedModel):
    claim = models.ForeignKey(
        ExpenseClaim, verbose_name=_("claim"), on_delete=models.PROTECT, related_name="lines"
    )
    category = models.ForeignKey(
        ExpenseCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(_("amount"), validators=POSITIVE, **MONEY)
    invoice_type = models.CharField(_("invoice type"), max_length=12, choices=InvoiceType.choices)
    invoice_number = models.CharField(_("invoice number"), max_length=30, blank=True)
    description = models.CharField(_("description"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("claim line")
        verbose_name_plural = _("claim lines")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="finance_claim_line_amount"),
            # One invoice is claimed once in the service center, whoever claims it.
            models.UniqueConstraint(
                fields=["community", "invoice_number"],
                condition=~Q(invoice_number=""),
                name="finance_invoice_claimed_once",
            ),
        ]

    def __str__(self):
        return f"{self.category} {self.amount}"


class ClaimDocument(ScopedModel):
    """A document handed in with a claim (PDF or picture, checked by its content), named by the
    checklist item it stands for (发票, 验收单…)."""

    claim = models.ForeignKey(
        ExpenseClaim, verbose_name=_("claim"), on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField(_("kind of document"), max_length=20)
    file = models.FileField(_("file"), upload_to="finance/claims/%Y/%m/")

    class Meta:
        verbose_name = _("claim document")
        verbose_name_plural = _("claim documents")
        ordering = ["id"]

    def __str__(self):
        return self.kind

    def get_absolute_url(self):
        return reverse("finance:claimdocument_file", args=[self.pk])
