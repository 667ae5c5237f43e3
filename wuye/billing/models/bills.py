"""Billing runs and the bills and bill lines they issue (BIL-04, BIL-05, BIL-17)."""

from decimal import Decimal
from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedManager, ScopedModel, ScopedQuerySet
from wuye.core.money import MONEY
from wuye.org.models import zone_worker_zones

from ..choices import RUN_BADGES, BillStatus, PayerKind, RunStatus
from .fees import PRICE, QUANTITY, FeeItem, FeeStandard
from .readings import MeterReading


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
    def badge(self) -> str:
        return RUN_BADGES[RunStatus(self.status)]

    @property
    def percent(self):
        return int(100 * self.progress_done / self.progress_total) if self.progress_total else 0


class BillQuerySet(ScopedQuerySet):
    def for_arrears(self, access):
        """The bills whose arrears this person works: the community's, or for a customer-service
        representative and nothing else the units of his own zones (CSR-8)."""

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
            # Bills not yet due at a month's end, and the developer's bills (the finance
            # ledger, FIN-02).
            models.Index(fields=["community", "due_date"], name="billing_bill_due"),
            models.Index(fields=["community", "payer_kind"], name="billing_bill_payer"),
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
            # A resident's bill found from its allocations, with what the collection rates
            # read of it, without a visit to the table.
            models.Index(
                fields=["id", "unit", "period_start"],
                condition=Q(payer_kind=PayerKind.RESIDENT) & ~Q(status=BillStatus.CANCELLED),
                name="billing_bill_resident",
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

    # What the line still owes: set on the lines `services.ledger.open_lines` returns (no column).
    owed: Decimal

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
    # What allocations settled on this line (kept with Bill.paid by services.ledger.settle alone).
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
    # When (the finance ledger dates the cancellation by it, FIN-02).
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)

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
            # The finance ledger reads a month's lines by when they were written (FIN-02) …
            models.Index(fields=["community", "created_at"], name="billing_line_created"),
            models.Index(
                fields=["community", "cancelled_at"],
                condition=Q(cancelled=True),
                name="billing_line_cancelled",
            ),
            # … and what is still owed from the lines themselves (the reconciliation).
            models.Index(
                fields=["community", "fee_item", "bill", "amount", "paid", "cancelled"],
                condition=~Q(paid=F("amount")),
                name="billing_line_owing",
            ),
        ]

    def __str__(self):
        return f"{self.fee_item.name} {self.amount}"

    def get_absolute_url(self):
        return self.bill.get_absolute_url()
