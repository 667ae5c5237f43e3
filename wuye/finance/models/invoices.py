"""Invoices 发票 (FIN-07): what the tax system issued for the counter's payments.

The counter's receipt (收据) is not a tax invoice. An invoice is requested for one or more
payments of one unit, issued through the invoicing provider (`finance.invoicing`), and never
deleted: a mistake, or a voided payment, is answered by a red-letter invoice (红字发票) that
reverses it. `InvoicePayment` ties each payment to at most one invoice in force — the database
refuses a second."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Round
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedManager, ScopedModel, ScopedQuerySet
from wuye.core.money import MONEY, Digits

from ..choices import (
    INVOICE_BADGES,
    TAX_RATES,
    BuyerKind,
    InvoiceClass,
    InvoiceKind,
    InvoiceStatus,
    TaxpayerKind,
)

RATE = Digits(max_digits=4, decimal_places=2)


class InvoiceSettings(ScopedModel):
    """Who sells (销售方): the name and tax number the service center invoices under."""

    seller_name = models.CharField(_("seller's name"), max_length=100)
    seller_tax_number = models.CharField(
        _("seller's tax number"),
        max_length=18,
        help_text=_("Unified social credit code (统一社会信用代码), 18 characters"),
    )
    seller_address = models.CharField(_("seller's address and phone"), max_length=150, blank=True)
    seller_bank = models.CharField(_("seller's bank and account"), max_length=150, blank=True)
    taxpayer_kind = models.CharField(
        _("taxpayer kind"),
        max_length=8,
        choices=TaxpayerKind.choices,
        default=TaxpayerKind.GENERAL,
    )

    class Meta:
        verbose_name = _("invoicing settings")
        verbose_name_plural = _("invoicing settings")
        constraints = [
            models.UniqueConstraint(fields=["community"], name="finance_invoicesettings_one"),
        ]

    def __str__(self):
        return self.seller_name

    def get_absolute_url(self):
        return reverse("finance:invoice_settings")


class InvoiceRate(ScopedModel):
    """How one fee item goes on an invoice: its tax rate, and whether the item is invoiced here
    at all (a utility that invoices the resident itself is not). Without a row, the item's kind
    decides (`services.invoices.default_rate`)."""

    fee_item = models.OneToOneField(
        "billing.FeeItem",
        verbose_name=_("fee item"),
        on_delete=models.PROTECT,
        related_name="invoice_rate",
    )
    rate = models.DecimalField(_("tax rate"), choices=TAX_RATES, **RATE)
    simplified = models.BooleanField(
        _("simplified method (简易计税)"),
        default=False,
        help_text=_("The rate is a levy rate (征收率), as for water a property company resells"),
    )
    tax_code = models.CharField(
        _("tax classification code"),
        max_length=19,
        blank=True,
        help_text=_("税收分类编码, 19 digits, as the tax office assigned it"),
    )
    invoiced = models.BooleanField(
        _("invoiced by this service center"),
        default=True,
        help_text=_("Off when the utility invoices the resident itself"),
    )

    class Meta:
        verbose_name = _("invoice tax rate")
        verbose_name_plural = _("invoice tax rates")
        ordering = ["fee_item__code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rate__gte=0) & Q(rate__lt=1), name="finance_invoicerate_range"
            ),
        ]

    def __str__(self):
        return f"{self.fee_item} {self.rate:.0%}"

    def get_absolute_url(self):
        return reverse("finance:invoice_settings")


class InvoiceQuerySet(ScopedQuerySet):
    def for_access(self, access):
        """The community's invoices; a cashier and nothing else sees those she asked for and the
        red-letter invoices reversing them."""
        queryset = super().for_access(access)
        if access is not None and not access.has("finance.invoice.view_all"):
            queryset = queryset.filter(
                Q(created_by=access.user) | Q(reverses__created_by=access.user)
            )
        return queryset


InvoiceManager = ScopedManager.from_queryset(InvoiceQuerySet)


class Invoice(ScopedModel):
    """One invoice, blue (issued for payments) or red (reversing a blue one in full).

    `serial` is the service center's own request number (流水号), gap-free per year; the provider
    is asked with it, so asking twice (after a timeout) gives the same invoice. `number` is the
    tax system's 20-digit number, set when it is issued."""

    objects: ClassVar = InvoiceManager()

    serial = models.CharField(_("request number"), max_length=20, editable=False)
    kind = models.CharField(
        _("kind"),
        max_length=4,
        choices=InvoiceKind.choices,
        default=InvoiceKind.BLUE,
        editable=False,
    )
    invoice_class = models.CharField(
        _("invoice type"),
        max_length=8,
        choices=InvoiceClass.choices,
        default=InvoiceClass.ORDINARY,
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InvoiceStatus.choices,
        default=InvoiceStatus.REQUESTED,
        editable=False,
    )
    unit = models.ForeignKey(
        "estate.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    buyer_kind = models.CharField(
        _("buyer"), max_length=8, choices=BuyerKind.choices, default=BuyerKind.PERSON
    )
    buyer_name = models.CharField(_("buyer's name (抬头)"), max_length=100)
    buyer_tax_number = models.CharField(
        _("buyer's tax number"), max_length=18, blank=True, help_text=_("统一社会信用代码")
    )
    buyer_address = models.CharField(_("buyer's address and phone"), max_length=150, blank=True)
    buyer_bank = models.CharField(_("buyer's bank and account"), max_length=150, blank=True)
    buyer_email = models.EmailField(_("send to email"), blank=True)
    buyer_phone = models.CharField(_("send to mobile"), max_length=11, blank=True)
    amount = models.DecimalField(_("amount before tax"), editable=False, **MONEY)
    tax = models.DecimalField(_("tax"), editable=False, **MONEY)
    total = models.DecimalField(_("total with tax (价税合计)"), editable=False, **MONEY)
    number = models.CharField(_("invoice number"), max_length=20, blank=True, editable=False)
    issued_on = models.DateField(_("issued on"), null=True, blank=True, editable=False)
    file = models.FileField(
        _("invoice file"), upload_to="finance/invoices/%Y/%m/", blank=True, editable=False
    )
    # A refused red-letter request is kept; another may then be asked for (one in force).
    reverses = models.ForeignKey(
        "self",
        verbose_name=_("reverses"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="red_letters",
        editable=False,
    )
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("issued again for"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        help_text=_("The reversed invoice whose payments still in force this one covers"),
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True, editable=False)
    # A red-letter invoice made by a payment's void: once issued, the blue invoice's other
    # payments (still posted) are invoiced again to the same buyer.
    reissue_rest = models.BooleanField(default=False, editable=False)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0, editable=False)
    error = models.CharField(_("last error"), max_length=300, blank=True, editable=False)

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "serial"], name="finance_invoice_unique_serial"
            ),
            models.UniqueConstraint(
                fields=["number"], condition=~Q(number=""), name="finance_invoice_unique_number"
            ),
            models.UniqueConstraint(
                fields=["reverses"],
                condition=Q(status__in=["requested", "issued"]),
                name="finance_invoice_one_red_letter",
            ),
            # Rounded to the fen: SQLite adds decimals as floating point (0.10 + 0.20 ≠ 0.30).
            models.CheckConstraint(
                condition=Q(total=Round(F("amount") + F("tax"), 2)), name="finance_invoice_total"
            ),
            models.CheckConstraint(
                condition=(Q(kind="blue", total__gt=0, reverses__isnull=True))
                | Q(kind="red", total__lt=0, reverses__isnull=False),
                name="finance_invoice_sign",
            ),
            models.CheckConstraint(
                condition=~Q(status="issued") | ~Q(number=""), name="finance_invoice_numbered"
            ),
            models.CheckConstraint(
                condition=Q(buyer_kind="person") | ~Q(buyer_tax_number=""),
                name="finance_invoice_company_tax_number",
            ),
        ]
        indexes = [
            models.Index(fields=["community", "issued_on"], name="finance_invoice_issued"),
            models.Index(fields=["community", "unit"], name="finance_invoice_unit"),
        ]

    def __str__(self):
        return self.number or self.serial

    def get_absolute_url(self):
        return reverse("finance:invoice_detail", args=[self.pk])

    @property
    def badge(self) -> str:
        return INVOICE_BADGES[InvoiceStatus(self.status)]

    @property
    def is_red(self) -> bool:
        return self.kind == InvoiceKind.RED

    @property
    def rate_text(self) -> str:
        return "、".join(f"{r:.0%}" for r in sorted({line.rate for line in self.lines.all()}))


class InvoiceLine(ScopedModel):
    """One line of an invoice: one fee item at one rate, with the months it covers. Red lines are
    the blue lines negated."""

    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.PROTECT, related_name="lines"
    )
    fee_item = models.ForeignKey(
        "billing.FeeItem", verbose_name=_("fee item"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("goods or service"), max_length=60)
    tax_code = models.CharField(_("tax classification code"), max_length=19, blank=True)
    rate = models.DecimalField(_("tax rate"), **RATE)
    simplified = models.BooleanField(_("simplified method (简易计税)"), default=False)
    period_from = models.DateField(_("from"))
    period_to = models.DateField(_("until"))
    amount = models.DecimalField(_("amount before tax"), **MONEY)
    tax = models.DecimalField(_("tax"), **MONEY)
    total = models.DecimalField(_("total with tax (价税合计)"), **MONEY)

    class Meta:
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        ordering = ["invoice", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(total=Round(F("amount") + F("tax"), 2)),
                name="finance_invoiceline_total",
            ),
        ]

    def __str__(self):
        return f"{self.name} {self.total}"

    def get_absolute_url(self):
        return self.invoice.get_absolute_url()


class InvoicePayment(ScopedModel):
    """A payment an invoice covers, with the amount of it invoiced. `active` while the invoice
    is in force (being issued or issued); a refused or reversed invoice lets its payments go.
    The partial unique index is the rule "a payment is invoiced at most once"."""

    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.PROTECT, related_name="links"
    )
    payment = models.ForeignKey(
        "billing.Payment", verbose_name=_("payment"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(_("amount invoiced"), **MONEY)
    active = models.BooleanField(_("in force"), default=True)

    class Meta:
        verbose_name = _("invoiced payment")
        verbose_name_plural = _("invoiced payments")
        ordering = ["invoice", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["payment"], condition=Q(active=True), name="finance_payment_invoiced_once"
            ),
            models.UniqueConstraint(fields=["invoice", "payment"], name="finance_invoicepay_once"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="finance_invoicepay_positive"),
        ]

    def __str__(self):
        return f"{self.invoice} ← {self.payment_id}"

    def get_absolute_url(self):
        return self.invoice.get_absolute_url()
