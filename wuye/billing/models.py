"""Billing: fee items and their effective-dated standards, the community's billing policy,
meter readings, billing runs, and the bills they issue (BIL-01..05, BIL-17)."""

import re
from decimal import Decimal
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedManager, ScopedModel, ScopedQuerySet
from wuye.core.money import MONEY, Digits
from wuye.estate.choices import MeterKind, UnitUse

from .choices import (
    APPROVAL_BADGES,
    READING_BADGES,
    REMAINDER_RULE_HELP,
    RUN_BADGES,
    AppointmentOutcome,
    ApprovalStatus,
    AreaBasis,
    BillStatus,
    Calculation,
    Channel,
    ClosingStatus,
    ContactMethod,
    ContactResult,
    Cycle,
    DepositStatus,
    FeeStart,
    PayerKind,
    PaymentPurpose,
    PaymentStatus,
    ReadingStatus,
    RefundKind,
    RemainderRule,
    RunStatus,
    ShareBasis,
    TierBasis,
    WalletEntryKind,
)

PRICE = Digits(max_digits=12, decimal_places=4)
QUANTITY = Digits(max_digits=14, decimal_places=4)
NOT_NEGATIVE = [MinValueValidator(Decimal("0"))]


class FeeItem(ScopedModel):
    """A fee item (物业服务费、水费、公摊电费、车位管理费…) and how it is computed."""

    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=50)
    calculation = models.CharField(_("calculation"), max_length=12, choices=Calculation.choices)
    area_basis = models.CharField(
        _("area basis"), max_length=6, choices=AreaBasis.choices, default=AreaBasis.GROSS
    )
    meter_kind = models.CharField(
        _("meter type"), max_length=12, choices=MeterKind.choices, blank=True
    )
    tier_basis = models.CharField(
        _("tier basis"), max_length=8, choices=TierBasis.choices, default=TierBasis.MONTHLY
    )
    share_basis = models.CharField(
        _("allocation basis"),
        max_length=12,
        choices=ShareBasis.choices,
        default=ShareBasis.INNER_AREA,
    )
    remainder_rule = models.CharField(
        _("remainder (尾差) goes"),
        max_length=8,
        choices=RemainderRule.choices,
        default=RemainderRule.LARGEST,
        help_text=REMAINDER_RULE_HELP,
    )
    shared_meter = models.ForeignKey(
        "estate.Meter",
        verbose_name=_("public meter shared"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Shared allocation: the public meter whose usage is shared"),
    )
    pass_through = models.BooleanField(
        _("collected for a utility (代收代缴)"),
        default=False,
        help_text=_(
            "Water, electricity or gas collected on behalf of the utility: no handling fee may be added."
        ),
    )
    applies_to_uses = models.JSONField(
        _("unit uses"), default=list, blank=True, help_text=_("Empty: every use")
    )
    buildings = models.ManyToManyField(
        "estate.Building", verbose_name=_("only these buildings"), blank=True, related_name="+"
    )
    units = models.ManyToManyField(
        "estate.Unit", verbose_name=_("only these units"), blank=True, related_name="+"
    )
    space_kinds = models.JSONField(_("parking space kinds"), default=list, blank=True)
    vacancy_applies = models.BooleanField(_("vacant-unit rate applies"), default=True)
    is_active = models.BooleanField(_("in use"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("fee item")
        verbose_name_plural = _("fee items")
        ordering = ["community_id", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "code"], name="billing_feeitem_unique_code"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("billing:feeitem_detail", args=[self.pk])

    def applies_to_use(self, use: str) -> bool:
        return not self.applies_to_uses or use in self.applies_to_uses

    @property
    def use_labels(self):
        return "、".join(str(UnitUse(u).label) for u in self.applies_to_uses) or "—"


class FeeStandard(ScopedModel):
    """The price of a fee item from a date on. Bills keep the price they were made with."""

    fee_item = models.ForeignKey(
        FeeItem, verbose_name=_("fee item"), on_delete=models.PROTECT, related_name="standards"
    )
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective until"), null=True, blank=True)
    unit_price = models.DecimalField(
        _("unit price"),
        validators=NOT_NEGATIVE,
        help_text=_("Per m² per month, per unit per month, or per meter unit"),
        **PRICE,
    )
    tiers = models.JSONField(
        _("tiers"),
        default=list,
        blank=True,
        help_text=_(
            'Tiered prices: [{"up_to": 10, "price": "3.50"}, {"up_to": null, "price": "5.00"}]'
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("fee standard")
        verbose_name_plural = _("fee standards")
        ordering = ["community_id", "fee_item", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "fee_item", "effective_from"],
                name="billing_standard_unique_start",
            ),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="billing_standard_dates",
            ),
        ]

    def __str__(self):
        return f"{self.fee_item.name} {self.effective_from}"

    def get_absolute_url(self):
        return reverse("billing:feestandard_detail", args=[self.pk])


_PART_SEPARATORS = re.compile(r"[,，、;；\s]+")


def receipt_part_names(text: str) -> list[str]:
    """The receipt form's parts (联) as the policy names them: "存根,客户,记账" → three."""
    return [part for part in _PART_SEPARATORS.split(text or "") if part]


def validate_receipt_parts(text: str) -> None:
    parts = receipt_part_names(text)
    if len(parts) > 5 or any(len(part) > 6 for part in parts):
        raise ValidationError(
            _("At most five parts of at most six characters each, e.g. 存根,客户,记账.")
        )


class BillingPolicy(ScopedModel):
    """How one community bills: cycle, due day, fee start, vacancy, late fees, prepayment."""

    cycle = models.CharField(
        _("billing cycle"), max_length=8, choices=Cycle.choices, default=Cycle.MONTH
    )
    due_day = models.PositiveSmallIntegerField(
        _("due day of the month"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
    )
    fee_start = models.CharField(
        _("fee start at handover"),
        max_length=12,
        choices=FeeStart.choices,
        default=FeeStart.NEXT_MONTH,
    )
    developer_name = models.CharField(
        _("developer account name"),
        max_length=100,
        blank=True,
        help_text=_("Unsold and developer-held units are billed to this account"),
    )
    vacant_rate = models.DecimalField(
        _("vacant-unit rate (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("100"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    payment_term_days = models.PositiveSmallIntegerField(
        _("payment term (days)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_(
            "A bill is due on the due day of its first month, but never sooner than this many days after it is issued (a run issued late gives owners this long to pay)"
        ),
    )
    late_fee_enabled = models.BooleanField(_("charge late fees (违约金)"), default=False)
    late_fee_daily_rate = models.DecimalField(
        _("late fee per day (‰ of unpaid principal)"),
        max_digits=6,
        decimal_places=3,
        default=Decimal("0.5"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("10"))],
    )
    late_fee_grace_days = models.PositiveSmallIntegerField(_("late fee grace days"), default=30)
    prepayment_limit_months = models.PositiveSmallIntegerField(
        _("prepayment limit (months)"), default=12
    )
    auto_offset_prepayment = models.BooleanField(
        _("offset new bills from prepayments automatically"), default=True
    )
    receipt_parts = models.CharField(
        _("receipt parts (联)"),
        max_length=60,
        blank=True,
        default="存根,客户,记账",
        validators=[validate_receipt_parts],
        help_text=_(
            "The parts of the printed receipt form in order, separated by commas, e.g. 存根,客户,记账; printed along its side as 第一联 存根… Empty: none."
        ),
    )

    class Meta:
        verbose_name = _("billing policy")
        verbose_name_plural = _("billing policies")
        constraints = [
            models.UniqueConstraint(fields=["community"], name="billing_policy_one_per_community")
        ]

    def __str__(self):
        return str(_("Billing policy"))

    def get_absolute_url(self):
        return reverse("billing:policy")


def describe_anomaly(anomaly) -> str:
    """An anomaly code with its figure, in the current language."""
    if isinstance(anomaly, str):
        return anomaly
    value = anomaly.get("value", "")
    texts = {
        "negative": _("negative usage (%(value)s)"),
        "spike": _("more than 3× the recent average (%(value)s)"),
        "replaced": _("meter replaced this month"),
    }
    text = texts.get(anomaly.get("code"), _("check this reading"))
    return str(text) % {"value": value} if "%(value)s" in str(text) else str(text)


class MeterReading(ScopedModel):
    """A meter's reading for a billing period; anomalies must be confirmed before billing."""

    meter = models.ForeignKey(
        "estate.Meter", verbose_name=_("meter"), on_delete=models.PROTECT, related_name="readings"
    )
    period = models.DateField(_("period"), help_text=_("First day of the month read"))
    previous_reading = models.DecimalField(_("previous reading"), max_digits=12, decimal_places=2)
    current_reading = models.DecimalField(_("current reading"), max_digits=12, decimal_places=2)
    read_on = models.DateField(_("read on"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReadingStatus.choices, default=ReadingStatus.OK
    )
    anomalies = models.JSONField(_("anomalies"), default=list, blank=True)
    confirmed_by = models.ForeignKey(
        "org.User",
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("meter reading")
        verbose_name_plural = _("meter readings")
        ordering = ["community_id", "-period", "meter"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "meter", "period"], name="billing_reading_unique_period"
            ),
        ]

    def __str__(self):
        return f"{self.meter.serial} {self.period:%Y-%m}"

    def get_absolute_url(self):
        return reverse("billing:meterreading_detail", args=[self.pk])

    @property
    def usage(self) -> Decimal:
        return self.current_reading - self.previous_reading

    @property
    def anomaly_texts(self) -> list[str]:
        return [describe_anomaly(a) for a in self.anomalies]

    @property
    def badge(self):
        return READING_BADGES[self.status]


class BillingRun(ScopedModel):
    """One billing run for a period: previewed, confirmed, executed in the background."""

    period = models.DateField(_("period"), help_text=_("First day of the first month billed"))
    months = models.PositiveSmallIntegerField(_("months"), default=1)
    fee_items = models.ManyToManyField(FeeItem, verbose_name=_("fee items"), related_name="runs")
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.PREVIEW
    )
    preview = models.JSONField(_("preview"), default=dict, blank=True)
    # Who is issuing the run now (a token per attempt): a chunk is written only under the
    # attempt's own lease, so a resumed run and a late worker never both write.
    lease = models.CharField(max_length=32, blank=True, default="", editable=False)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    bills_created = models.PositiveIntegerField(_("bills issued"), default=0)
    lines_created = models.PositiveIntegerField(_("bill lines"), default=0)
    lines_skipped = models.PositiveIntegerField(_("lines already billed"), default=0)
    total_amount = models.DecimalField(_("amount billed"), default=Decimal("0"), **MONEY)
    error = models.TextField(_("error"), blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=200, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("billing run")
        verbose_name_plural = _("billing runs")
        ordering = ["-period", "-id"]
        constraints = [
            # One run issues bills in a community at a time: it plans what is still unbilled
            # and writes it without another run changing that in between.
            models.UniqueConstraint(
                fields=["community"],
                condition=Q(status=RunStatus.RUNNING),
                name="billing_run_one_running_per_community",
            ),
        ]

    def __str__(self):
        return f"{self.period:%Y-%m} #{self.pk}"

    def get_absolute_url(self):
        return reverse("billing:billingrun_detail", args=[self.pk])

    @property
    def badge(self):
        return RUN_BADGES[self.status]

    @property
    def percent(self):
        return int(100 * self.progress_done / self.progress_total) if self.progress_total else 0


class BillQuerySet(ScopedQuerySet):
    def for_arrears(self, access):
        """The bills whose arrears this person works: the community's, or for a customer-service
        representative and nothing else the units of his own zones (CSR-8)."""
        from wuye.org.models import zone_worker_zones

        queryset = self.for_access(access)
        zones = zone_worker_zones(access) if access is not None else None
        if zones is not None:
            queryset = queryset.filter(unit__building__zone__in=zones)
        return queryset


BillManager = ScopedManager.from_queryset(BillQuerySet)


class Bill(ScopedModel):
    """A bill (账单): what one unit or parking space owes for a period, line by line."""

    number = models.CharField(_("bill number"), max_length=20)
    unit = models.ForeignKey(
        "estate.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bills",
    )
    space = models.ForeignKey(
        "estate.ParkingSpace",
        verbose_name=_("parking space"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bills",
    )
    payer_kind = models.CharField(
        _("payer"), max_length=10, choices=PayerKind.choices, default=PayerKind.RESIDENT
    )
    payer_name = models.CharField(_("payer name"), max_length=100, blank=True)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    due_date = models.DateField(_("due date"))
    run = models.ForeignKey(
        BillingRun,
        verbose_name=_("billing run"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bills",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=BillStatus.choices, default=BillStatus.OPEN
    )
    total = models.DecimalField(_("amount"), **MONEY)
    # Kept by the payment service alone (allocations minus reversals); never edited by hand.
    paid = models.DecimalField(_("paid"), default=Decimal("0"), editable=False, **MONEY)

    objects: ClassVar = BillManager()

    class Meta:
        verbose_name = _("bill")
        verbose_name_plural = _("bills")
        ordering = ["community_id", "period_start", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "number"], name="billing_bill_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(unit__isnull=False) | Q(space__isnull=False),
                name="billing_bill_has_target",
            ),
            # Money is never collected twice for a bill, whatever two counters do at once.
            models.CheckConstraint(
                condition=Q(paid__gte=0) & Q(paid__lte=F("total")),
                name="billing_bill_paid_within_total",
            ),
        ]
        indexes = [
            models.Index(fields=["community", "unit", "period_start"]),
            models.Index(fields=["community", "period_start"]),
            models.Index(fields=["community", "status", "due_date"]),
            # Bills still owing, with every column the collection rates read of them (BIL-15).
            models.Index(
                fields=[
                    "community",
                    "period_start",
                    "payer_kind",
                    "status",
                    "unit",
                    "total",
                    "paid",
                ],
                condition=Q(paid__lt=F("total")),
                name="billing_bill_owing",
            ),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("billing:bill_detail", args=[self.pk])

    @property
    def target(self):
        return self.unit or self.space

    @property
    def outstanding(self):
        return self.total - self.paid


class BillLine(ScopedModel):
    """One fee item of a bill, with everything it was computed from (price, quantity, area or
    readings, formula), so a later price change never alters an issued bill.

    `billing_key` makes billing idempotent: one line per (unit or space, fee item, period).
    Runs of different lengths (a quarter, then a month inside it) are kept apart by checking
    the months a line covers (`period`…`period_end`) before billing."""

    bill = models.ForeignKey(
        Bill, verbose_name=_("bill"), on_delete=models.PROTECT, related_name="lines"
    )
    fee_item = models.ForeignKey(
        FeeItem, verbose_name=_("fee item"), on_delete=models.PROTECT, related_name="+"
    )
    standard = models.ForeignKey(
        FeeStandard,
        verbose_name=_("fee standard"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reading = models.ForeignKey(
        MeterReading,
        verbose_name=_("meter reading"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    period = models.DateField(_("period"))
    period_end = models.DateField(_("period until"))
    quantity = models.DecimalField(_("quantity"), **QUANTITY)
    unit_price = models.DecimalField(_("unit price"), **PRICE)
    factor = models.DecimalField(
        _("factor"),
        max_digits=8,
        decimal_places=6,
        default=Decimal("1"),
        help_text=_("Months × vacancy rate × proration"),
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    # What allocations settled on this line (kept with Bill.paid by payments.settle alone).
    paid = models.DecimalField(
        _("paid"), default=Decimal("0"), db_default=Decimal("0"), editable=False, **MONEY
    )
    formula = models.CharField(_("formula"), max_length=300)
    detail = models.JSONField(_("computed from"), default=dict, blank=True)
    billing_key = models.CharField(max_length=80, editable=False)
    # The key without its month ("u12:f3:r") on lines a run made; empty on other lines. With
    # period…period_end it is what the database checks so that no month is billed twice for
    # one target, item and payer, whatever the lengths of the runs (see migration 0010).
    coverage = models.CharField(
        max_length=40, blank=True, default="", db_default="", editable=False
    )
    # A cancelled run's lines give their key back, so the period can be billed again.
    cancelled = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("bill line")
        verbose_name_plural = _("bill lines")
        ordering = ["bill", "fee_item__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "billing_key"],
                condition=Q(cancelled=False),
                name="billing_line_unique_key",
            ),
            models.CheckConstraint(
                condition=Q(paid__gte=0) & (Q(paid__lte=F("amount")) | Q(paid=0)),
                name="billing_line_paid_within_amount",
            ),
        ]
        indexes = [
            models.Index(
                fields=["community", "coverage", "period"],
                condition=Q(cancelled=False) & ~Q(coverage=""),
                name="billing_line_coverage",
            ),
            models.Index(fields=["community", "period"], name="billing_line_period"),
        ]

    def __str__(self):
        return f"{self.fee_item.name} {self.amount}"

    def get_absolute_url(self):
        return self.bill.get_absolute_url()


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
        indexes = [models.Index(fields=["community", "cashier", "business_date"])]

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

    def __str__(self):
        return f"{self.unit} {self.get_kind_display()} {self.amount}"

    def get_absolute_url(self):
        return reverse("estate:unit_detail", args=[self.unit_id])


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


class Decided(models.Model):
    """A request someone else decides (approve or reject), with who, when and a note."""

    status = models.CharField(
        _("status"), max_length=10, choices=ApprovalStatus.choices, default=ApprovalStatus.REQUESTED
    )
    decided_by = models.ForeignKey(
        "org.User",
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("decision note"), max_length=200, blank=True)

    class Meta:
        abstract = True

    @property
    def badge(self):
        return APPROVAL_BADGES[self.status]

    def decide(self, *, approve: bool, note, actor) -> None:
        """Stamp the decision on the record (the caller checks the rights and saves)."""
        self.status = ApprovalStatus.APPROVED if approve else ApprovalStatus.REJECTED
        self.decided_by, self.decided_at = actor, timezone.now()
        self.decision_note = (note or "").strip()[:200]


class Refund(ScopedModel, Decided):
    """A request to pay money back — prepayment or deposit — decided by finance (FIN)."""

    kind = models.CharField(_("kind"), max_length=12, choices=RefundKind.choices)
    unit = models.ForeignKey(
        "estate.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="refunds"
    )
    deposit = models.ForeignKey(
        Deposit,
        verbose_name=_("deposit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="refunds",
    )
    amount = models.DecimalField(_("amount to pay back"), **MONEY)
    deductions = models.JSONField(
        _("deductions"), default=list, blank=True, help_text=_('[{"reason": …, "amount": …}]')
    )
    reason = models.CharField(_("reason"), max_length=200)
    channel = models.CharField(
        _("paid back by"), max_length=12, choices=Channel.choices, default=Channel.TRANSFER
    )
    # Paying out an approved refund: cash from a cashier's drawer (it counts in that cashier's
    # daily closing) or a transfer with its bank reference.
    paid_out_at = models.DateTimeField(_("paid out at"), null=True, blank=True, editable=False)
    paid_out_by = models.ForeignKey(
        "org.User",
        verbose_name=_("paid out by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    payout_date = models.DateField(_("payout business date"), null=True, blank=True)
    payout_reference = models.CharField(_("payout reference"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="billing_refund_not_negative")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.unit} ¥{self.amount}"

    def get_absolute_url(self):
        return reverse("billing:refund_detail", args=[self.pk])


class Waiver(ScopedModel, Decided):
    """A waiver or discount (减免) on a bill: requested, approved by the manager, then booked as
    a separate negative line with its reason."""

    bill = models.ForeignKey(
        Bill, verbose_name=_("bill"), on_delete=models.PROTECT, related_name="waivers"
    )
    line = models.ForeignKey(
        BillLine, verbose_name=_("bill line"), on_delete=models.PROTECT, related_name="waivers"
    )
    amount = models.DecimalField(_("amount waived"), **MONEY)
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        verbose_name = _("waiver")
        verbose_name_plural = _("waivers")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="billing_waiver_positive")
        ]

    def __str__(self):
        return f"{self.bill} −¥{self.amount}"

    def get_absolute_url(self):
        return reverse("billing:waiver_detail", args=[self.pk])


class CollectionAppointment(ScopedModel):
    """A door-to-door collection visit (CSH-6): who goes when, and what came of it."""

    unit = models.ForeignKey(
        "estate.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="collection_visits",
    )
    scheduled_for = models.DateTimeField(_("scheduled for"))
    assignee = models.ForeignKey(
        "org.User", verbose_name=_("assigned to"), on_delete=models.PROTECT, related_name="+"
    )
    contact = models.CharField(_("contact"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    outcome = models.CharField(
        _("outcome"),
        max_length=10,
        choices=AppointmentOutcome.choices,
        default=AppointmentOutcome.PLANNED,
    )
    outcome_note = models.CharField(_("what happened"), max_length=200, blank=True)
    promised_date = models.DateField(_("promised payment date"), null=True, blank=True)

    class Meta:
        verbose_name = _("collection visit")
        verbose_name_plural = _("collection visits")
        ordering = ["scheduled_for"]

    def __str__(self):
        return f"{self.unit} {self.scheduled_for:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("billing:collectionappointment_detail", args=[self.pk])


class DunningContact(ScopedModel):
    """One entry of the dunning log (催缴记录, BIL-14): who was reminded how, what they said,
    and any promise to pay — with what the unit owed at that moment. Reminder SMS add their
    own entries."""

    unit = models.ForeignKey(
        "estate.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="dunning_contacts",
    )
    contacted_at = models.DateTimeField(_("contacted at"), default=timezone.now)
    method = models.CharField(_("method"), max_length=10, choices=ContactMethod.choices)
    person = models.CharField(_("spoke to"), max_length=100, blank=True)
    result = models.CharField(_("result"), max_length=12, choices=ContactResult.choices)
    promised_date = models.DateField(_("promised payment date"), null=True, blank=True)
    promised_amount = models.DecimalField(
        _("promised amount"), null=True, blank=True, validators=NOT_NEGATIVE, **MONEY
    )
    owed = models.DecimalField(_("owed then"), default=Decimal("0"), editable=False, **MONEY)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("dunning contact")
        verbose_name_plural = _("dunning log")
        ordering = ["-contacted_at"]
        indexes = [models.Index(fields=["community", "unit", "contacted_at"])]

    def __str__(self):
        return f"{self.unit} {self.get_method_display()} {self.contacted_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("billing:dunningcontact_detail", args=[self.pk])


class ArrearsSnapshot(ScopedModel):
    """The month's arrears statistics (欠费统计), kept as they stood on its last day (BIL-14):
    totals by aging bucket and by building, so the trend can be read back later."""

    month = models.DateField(_("month"))
    as_of = models.DateField(_("as of"))
    total = models.DecimalField(_("total owed"), max_digits=14, decimal_places=2)
    units = models.PositiveIntegerField(_("units owing"))
    bills = models.PositiveIntegerField(_("overdue bills"))
    buckets = models.JSONField(_("by days overdue"), default=list)
    by_building = models.JSONField(_("by building"), default=list)

    class Meta:
        verbose_name = _("arrears snapshot")
        verbose_name_plural = _("arrears snapshots")
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "month"], name="billing_arrears_snapshot_one_per_month"
            )
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} ¥{self.total}"
