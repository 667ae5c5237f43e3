"""Money records of the counter: payments, allocations, receipts, prepayments, deposits."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel
from wuye.core.money import MONEY

from ..choices import Channel, DepositStatus, PaymentPurpose, PaymentStatus, WalletEntryKind
from .bills import Bill, BillLine


class Payment(ScopedModel):
    """Money received at the counter for one unit: one payment may settle several bills.

    Append-only: a void does not change the payment's amounts; it adds reversing allocations.
    `idempotency_key` makes a double click, a retry or a resent request one payment."""

    unit = models.ForeignKey(
        "estate.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="payments"
    )
    payer_name = models.CharField(_("payer"), max_length=100, blank=True)
    channel = models.CharField(_("payment method"), max_length=12, choices=Channel.choices)
    amount = models.DecimalField(_("amount received"), **MONEY)
    tendered = models.DecimalField(_("cash tendered"), null=True, blank=True, **MONEY)
    change = models.DecimalField(_("change"), default=Decimal("0"), **MONEY)
    to_prepayment = models.DecimalField(_("kept as prepayment"), default=Decimal("0"), **MONEY)
    cashier = models.ForeignKey(
        "org.User",
        verbose_name=_("cashier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for the system's own offsets of prepayment after a billing run"),
    )
    received_at = models.DateTimeField(_("received at"))
    business_date = models.DateField(_("business day"), db_index=True)
    status = models.CharField(
        _("status"), max_length=8, choices=PaymentStatus.choices, default=PaymentStatus.POSTED
    )
    idempotency_key = models.CharField(max_length=64, editable=False)
    # What was asked with that key (unit, amount, channel, bills, purpose): the same key with
    # another request is refused rather than answered with this payment.
    request_digest = models.CharField(max_length=64, blank=True, default="", editable=False)
    # Set by collect_payment: True when this call returned a payment made before (a replay).
    replayed: bool = False
    purpose = models.CharField(
        _("purpose"), max_length=8, choices=PaymentPurpose.choices, default=PaymentPurpose.BILLS
    )
    reference = models.CharField(
        _("transaction reference"),
        max_length=64,
        blank=True,
        help_text=_("POS slip, WeChat/Alipay or bank reference"),
    )
    void_reason = models.CharField(_("reason for voiding"), max_length=200, blank=True)
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    voided_by = models.ForeignKey(
        "org.User",
        verbose_name=_("voided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "idempotency_key"], name="billing_payment_idempotent"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="billing_payment_positive"),
        ]
        indexes = [
            models.Index(fields=["community", "cashier", "business_date"]),
            # A month's payments, and its voids, for the finance reconciliation (FIN-06).
            models.Index(fields=["community", "business_date"], name="billing_payment_day"),
            models.Index(
                fields=["community", "voided_at"],
                condition=Q(status=PaymentStatus.VOIDED),
                name="billing_payment_voided",
            ),
        ]

    def __str__(self):
        return f"{self.unit} ¥{self.amount}"

    def get_absolute_url(self):
        return reverse("billing:payment_detail", args=[self.pk])

    @property
    def display_number(self) -> str:
        """The receipt number; an offset from prepayment has no receipt, so its own id."""
        receipt = getattr(self, "receipt", None)
        return receipt.number if receipt is not None else f"#{self.pk}"


class Allocation(ScopedModel):
    """Part of a payment settling part of a bill line (核销). A void adds the negative row."""

    payment = models.ForeignKey(
        Payment, verbose_name=_("payment"), on_delete=models.PROTECT, related_name="allocations"
    )
    bill = models.ForeignKey(
        Bill, verbose_name=_("bill"), on_delete=models.PROTECT, related_name="allocations"
    )
    line = models.ForeignKey(
        BillLine, verbose_name=_("bill line"), on_delete=models.PROTECT, related_name="allocations"
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    reversal = models.BooleanField(_("reversal"), default=False)

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        ordering = ["payment", "id"]
        indexes = [models.Index(fields=["community", "created_at"])]

    def __str__(self):
        return f"{self.line} {self.amount}"

    def get_absolute_url(self):
        return self.payment.get_absolute_url()


class Receipt(ScopedModel):
    """A receipt (收据): the numbered proof of one payment; voiding keeps its number."""

    number = models.CharField(_("receipt number"), max_length=20)
    payment = models.OneToOneField(
        Payment, verbose_name=_("payment"), on_delete=models.PROTECT, related_name="receipt"
    )
    verification_code = models.CharField(_("verification code"), max_length=12)
    prints = models.PositiveIntegerField(_("times printed"), default=0)

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "number"], name="billing_receipt_unique_number"
            )
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("billing:receipt_detail", args=[self.pk])


class Wallet(ScopedModel):
    """A unit's prepayment (预存) balance: the sum of its movements, kept here by the one
    service that writes a movement, under a row lock; the database refuses a negative balance.
    The row is also what every money decision about the unit locks first."""

    unit = models.OneToOneField(
        "estate.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="wallet"
    )
    balance = models.DecimalField(_("prepayment balance"), default=Decimal("0"), **MONEY)

    class Meta:
        verbose_name = _("prepayment account")
        verbose_name_plural = _("prepayment accounts")
        constraints = [
            models.CheckConstraint(
                condition=Q(balance__gte=0), name="billing_wallet_balance_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.unit} {self.balance}"

    def get_absolute_url(self):
        return reverse("estate:unit_detail", args=[self.unit_id])


class WalletEntry(ScopedModel):
    """A movement of a unit's prepayment (预存) balance; the balance is their sum."""

    unit = models.ForeignKey(
        "estate.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="wallet_entries",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=WalletEntryKind.choices)
    amount = models.DecimalField(_("amount"), **MONEY)
    payment = models.ForeignKey(
        Payment,
        verbose_name=_("payment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="wallet_entries",
    )
    bill = models.ForeignKey(
        Bill,
        verbose_name=_("bill"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("prepayment movement")
        verbose_name_plural = _("prepayment movements")
        ordering = ["unit", "created_at", "id"]
        indexes = [models.Index(fields=["community", "created_at"], name="billing_wallet_created")]

    def __str__(self):
        return f"{self.unit} {self.get_kind_display()} {self.amount}"

    def get_absolute_url(self):
        return reverse("estate:unit_detail", args=[self.unit_id])


class Deposit(ScopedModel):
    """Money held against an obligation (装修押金…), refunded with deductions after approval."""

    unit = models.ForeignKey(
        "estate.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="deposits"
    )
    purpose = models.CharField(_("purpose"), max_length=100)
    amount = models.DecimalField(_("amount"), **MONEY)
    payer_name = models.CharField(_("payer"), max_length=100, blank=True)
    payment = models.OneToOneField(
        Payment, verbose_name=_("payment"), on_delete=models.PROTECT, related_name="deposit"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=DepositStatus.choices, default=DepositStatus.HELD
    )
    refunded = models.DecimalField(_("refunded"), default=Decimal("0"), **MONEY)
    deducted = models.DecimalField(_("deducted"), default=Decimal("0"), **MONEY)

    class Meta:
        verbose_name = _("deposit")
        verbose_name_plural = _("deposits")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.unit} {self.purpose} ¥{self.amount}"

    def get_absolute_url(self):
        return reverse("billing:deposit_detail", args=[self.pk])
