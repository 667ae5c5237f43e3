"""The billing API's shapes. Fee items, standards and the policy are written through the pages'
forms and the services (see views.py); readings, runs and every money record (payments,
prepayments, deposits, refunds, waivers, closings) only through the services. These
serializers describe what is read, plus the bodies of the actions."""

from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wuye.core.api.fields import StrictSerializer, register_form_field
from wuye.core.money import MONEY
from wuye.estate.choices import MeterKind, SpaceKind, UnitUse
from wuye.estate.models import Meter, Unit

from ..choices import COUNTER_CHANNELS, ApprovalStatus, Channel, PaymentPurpose
from ..forms import TiersField
from ..models import (
    Allocation,
    ArrearsSnapshot,
    Bill,
    BillingPolicy,
    BillingRun,
    BillLine,
    CollectionAppointment,
    DailyClosing,
    Deposit,
    DunningContact,
    FeeItem,
    FeeStandard,
    MeterReading,
    Payment,
    Receipt,
    Refund,
    Waiver,
    WalletEntry,
)

STAMPS = ["created_at", "updated_at"]


class TierSerializer(StrictSerializer):
    """One price tier: the price applies up to `up_to` (null: the last tier, no ceiling)."""

    up_to = serializers.DecimalField(
        max_digits=14, decimal_places=4, min_value=0, allow_null=True, help_text="null: no ceiling"
    )
    price = serializers.DecimalField(max_digits=14, decimal_places=4, min_value=0)


def _tiers_field(form_field, **options):
    return serializers.ListField(child=TierSerializer(), **options)


# The page types tiers as text, one per line; the API takes them as the list it gives back.
register_form_field(TiersField, _tiers_field)


@extend_schema_field(TierSerializer(many=True))
class TiersReadField(serializers.JSONField):
    """Tiers as stored: [{"up_to": "180", "price": "2.80"}, …, {"up_to": null, …}]."""


MONTH = r"^\d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?$"


@extend_schema_field(
    {
        "type": "string",
        "pattern": MONTH,
        "description": "A month: YYYY-MM, or any day of it (YYYY-MM-DD)",
    }
)
class MonthField(serializers.DateField):
    """A month given as YYYY-MM or as any day of it."""

    pattern = MONTH  # what the JSON check holds the text to; the date itself DRF checks

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m-%d", "%Y-%m"])
        super().__init__(**kwargs)


class FeeItemSerializer(serializers.ModelSerializer):
    """A fee item (BIL-01). Collected for a utility (`pass_through`) means no handling fee."""

    # Plain strings on purpose: the same choice sets as Meter.kind, ParkingSpace.kind and
    # Unit.use would rename those enums in the schema (drf-spectacular's collision handling).
    meter_kind = serializers.CharField(
        max_length=12,
        required=False,
        allow_blank=True,
        help_text=f"Metered and tiered items: {', '.join(MeterKind.values)}",
    )
    applies_to_uses = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text=f"Unit uses the item applies to ({', '.join(UnitUse.values)}); empty: every use",
    )
    space_kinds = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text=f"Parking space kinds ({', '.join(SpaceKind.values)}); empty: every kind",
    )

    class Meta:
        model = FeeItem
        fields = [
            "id",
            "code",
            "name",
            "calculation",
            "area_basis",
            "meter_kind",
            "tier_basis",
            "share_basis",
            "remainder_rule",
            "shared_meter",
            "pass_through",
            "applies_to_uses",
            "buildings",
            "units",
            "space_kinds",
            "vacancy_applies",
            "is_active",
            "note",
            *STAMPS,
        ]
        read_only_fields = ["id", *STAMPS]


class FeeStandardSerializer(serializers.ModelSerializer):
    """A fee item's price from a date on (BIL-02). `tiers`: [{"up_to": "180", "price": "2.80"},
    …, {"up_to": null, "price": "6.10"}] for tiered items."""

    fee_item_code = serializers.CharField(source="fee_item.code", read_only=True)
    fee_item_name = serializers.CharField(source="fee_item.name", read_only=True)
    tiers = TiersReadField(read_only=True)

    class Meta:
        model = FeeStandard
        fields = [
            "id",
            "fee_item",
            "fee_item_code",
            "fee_item_name",
            "effective_from",
            "effective_to",
            "unit_price",
            "tiers",
            "note",
            *STAMPS,
        ]
        read_only_fields = ["id", *STAMPS]


class BillingPolicySerializer(serializers.ModelSerializer):
    """The community's billing policy. `saved` is false while the defaults apply."""

    saved = serializers.SerializerMethodField()

    class Meta:
        model = BillingPolicy
        fields = [
            "id",
            "saved",
            "cycle",
            "due_day",
            "fee_start",
            "developer_name",
            "vacant_rate",
            "late_fee_enabled",
            "late_fee_daily_rate",
            "late_fee_grace_days",
            "prepayment_limit_months",
            "auto_offset_prepayment",
            *STAMPS,
        ]
        read_only_fields = ["id", "saved", *STAMPS]

    def get_saved(self, obj) -> bool:
        return obj.pk is not None


class MeterReadingSerializer(serializers.ModelSerializer):
    """A meter's reading for a month (BIL-04); `anomaly` readings wait for confirmation."""

    meter_serial = serializers.CharField(source="meter.serial", read_only=True)
    meter_kind = serializers.CharField(source="meter.kind", read_only=True)
    unit = serializers.IntegerField(source="meter.unit_id", read_only=True, allow_null=True)
    unit_code = serializers.CharField(source="meter.unit.code", read_only=True, default=None)
    usage = serializers.DecimalField(max_digits=13, decimal_places=2, read_only=True)
    confirmed_by_name = serializers.CharField(
        source="confirmed_by.name", read_only=True, default=None
    )

    anomaly_texts = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = MeterReading
        fields = [
            "id",
            "meter",
            "meter_serial",
            "meter_kind",
            "unit",
            "unit_code",
            "period",
            "previous_reading",
            "current_reading",
            "usage",
            "read_on",
            "status",
            "anomalies",
            "anomaly_texts",
            "confirmed_by",
            "confirmed_by_name",
            "note",
            *STAMPS,
        ]
        read_only_fields = fields


class RunPreviewItemSerializer(serializers.Serializer):
    item = serializers.CharField(read_only=True)
    lines = serializers.IntegerField(read_only=True)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)


class RunPreviewSerializer(serializers.Serializer):
    """What the run bills (or billed), as planned when it was previewed. A figure the preview
    does not hold (a run planned before it was kept) reads as zero or empty."""

    targets = serializers.IntegerField(read_only=True, default=0, help_text="Bills to issue")
    lines = serializers.IntegerField(read_only=True, default=0, help_text="Bill lines to issue")
    skipped = serializers.IntegerField(
        read_only=True,
        default=0,
        help_text="Lines already billed for the period (not billed again)",
    )
    total = serializers.DecimalField(
        max_digits=14, decimal_places=2, read_only=True, default=Decimal("0")
    )
    by_item = RunPreviewItemSerializer(many=True, read_only=True, default=list)
    anomalies = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        default=list,
        help_text="Readings held back until confirmed (first 200)",
    )
    anomaly_count = serializers.IntegerField(read_only=True, default=0)
    missing_standards = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        default=list,
        help_text="Fee items without a standard in effect (not billed)",
    )


class BillingRunSerializer(serializers.ModelSerializer):
    """A billing run (BIL-03): preview → queued → running → done (or failed); cancelled."""

    preview = RunPreviewSerializer(read_only=True)
    percent = serializers.IntegerField(read_only=True)

    class Meta:
        model = BillingRun
        fields = [
            "id",
            "period",
            "months",
            "fee_items",
            "status",
            "preview",
            "progress_done",
            "progress_total",
            "percent",
            "bills_created",
            "lines_created",
            "lines_skipped",
            "total_amount",
            "error",
            "cancel_reason",
            "confirmed_at",
            "finished_at",
            "created_by",
            *STAMPS,
        ]
        read_only_fields = fields


class BillLineSerializer(serializers.ModelSerializer):
    """One fee item of a bill, with what it was computed from."""

    fee_item_code = serializers.CharField(source="fee_item.code", read_only=True)
    fee_item_name = serializers.CharField(source="fee_item.name", read_only=True)

    class Meta:
        model = BillLine
        fields = [
            "id",
            "fee_item",
            "fee_item_code",
            "fee_item_name",
            "standard",
            "reading",
            "period",
            "quantity",
            "unit_price",
            "factor",
            "amount",
            "formula",
            "detail",
            "cancelled",
        ]
        read_only_fields = fields


class BillSerializer(serializers.ModelSerializer):
    """A bill (账单) of a unit or parking space for a period, line by line."""

    unit_code = serializers.CharField(source="unit.code", read_only=True, default=None)
    unit_address = serializers.CharField(source="unit.address", read_only=True, default=None)
    space_number = serializers.CharField(source="space.number", read_only=True, default=None)
    outstanding = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    lines = BillLineSerializer(many=True, read_only=True)

    class Meta:
        model = Bill
        fields = [
            "id",
            "number",
            "unit",
            "unit_code",
            "unit_address",
            "space",
            "space_number",
            "payer_kind",
            "payer_name",
            "period_start",
            "period_end",
            "due_date",
            "run",
            "status",
            "total",
            "paid",
            "outstanding",
            "lines",
            *STAMPS,
        ]
        read_only_fields = fields


# --- Bodies of the actions -------------------------------------------------------------------


class RecordReadingSerializer(StrictSerializer):
    """POST meter-readings/: enter (or correct) a meter's reading for a month."""

    meter = serializers.PrimaryKeyRelatedField(queryset=Meter.objects.none())
    period = MonthField(help_text="The month read: YYYY-MM, or any day of it (YYYY-MM-DD)")
    current_reading = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    read_on = serializers.DateField()
    previous_reading = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=0,
        required=False,
        allow_null=True,
        default=None,
        help_text="Empty: the last reading before this month (or the meter's initial reading)",
    )
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only meters of the caller's current service center can be read.
        self.fields["meter"].queryset = Meter.objects.for_access(self.context.get("access"))


class ConfirmReadingSerializer(StrictSerializer):
    """POST meter-readings/{id}/confirm/: a person checked the anomaly; the reading is right."""

    note = serializers.CharField(max_length=200, required=False, allow_blank=True)


# --- The cashier counter: payments, receipts, prepayments (BIL-06..08, BIL-11) ----------------


class AllocationSerializer(serializers.ModelSerializer):
    """Part of the payment settling part of a bill line; a void adds the negative row."""

    bill_number = serializers.CharField(source="bill.number", read_only=True)
    fee_item = serializers.IntegerField(source="line.fee_item_id", read_only=True)
    fee_item_code = serializers.CharField(source="line.fee_item.code", read_only=True)
    fee_item_name = serializers.CharField(source="line.fee_item.name", read_only=True)

    class Meta:
        model = Allocation
        fields = [
            "id",
            "bill",
            "bill_number",
            "line",
            "fee_item",
            "fee_item_code",
            "fee_item_name",
            "amount",
            "reversal",
            "created_at",
        ]
        read_only_fields = fields


class PaymentSerializer(serializers.ModelSerializer):
    """A payment at the counter, with its receipt and what it settled. Never edited: a void
    adds reversing allocations (`reversal`: true) and keeps the receipt number."""

    unit_code = serializers.CharField(source="unit.code", read_only=True)
    cashier_name = serializers.CharField(source="cashier.name", read_only=True, default=None)
    receipt = serializers.IntegerField(source="receipt.id", read_only=True, default=None)
    receipt_number = serializers.CharField(source="receipt.number", read_only=True, default=None)
    verification_code = serializers.CharField(
        source="receipt.verification_code", read_only=True, default=None
    )
    deposit = serializers.IntegerField(source="deposit.id", read_only=True, default=None)
    allocations = AllocationSerializer(many=True, read_only=True)

    class Meta:
        model = Payment
        fields = [
            "id",
            "receipt",
            "receipt_number",
            "verification_code",
            "unit",
            "unit_code",
            "payer_name",
            "purpose",
            "channel",
            "amount",
            "tendered",
            "change",
            "to_prepayment",
            "reference",
            "cashier",
            "cashier_name",
            "received_at",
            "business_date",
            "status",
            "void_reason",
            "voided_at",
            "voided_by",
            "deposit",
            "allocations",
            *STAMPS,
        ]
        read_only_fields = fields


class ReceiptSerializer(serializers.ModelSerializer):
    """A receipt (收据): the numbered proof of one payment. `prints` counts the PDFs made."""

    unit = serializers.IntegerField(source="payment.unit_id", read_only=True)
    unit_code = serializers.CharField(source="payment.unit.code", read_only=True)
    amount = serializers.DecimalField(
        source="payment.amount", max_digits=14, decimal_places=2, read_only=True
    )
    payment_status = serializers.CharField(source="payment.status", read_only=True)

    class Meta:
        model = Receipt
        fields = [
            "id",
            "number",
            "payment",
            "payment_status",
            "unit",
            "unit_code",
            "amount",
            "verification_code",
            "prints",
            *STAMPS,
        ]
        read_only_fields = fields


class WalletEntrySerializer(serializers.ModelSerializer):
    """A movement of a unit's prepayment (预存): in (+) or out (−); the balance is their sum."""

    unit_code = serializers.CharField(source="unit.code", read_only=True)

    class Meta:
        model = WalletEntry
        fields = ["id", "unit", "unit_code", "kind", "amount", "payment", "bill", "note", *STAMPS]
        read_only_fields = fields


class WalletBalanceSerializer(serializers.Serializer):
    unit = serializers.IntegerField(read_only=True)
    balance = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)


class DepositSerializer(serializers.ModelSerializer):
    """A deposit held (装修押金…): refunded with reasoned deductions after finance approves."""

    unit_code = serializers.CharField(source="unit.code", read_only=True)
    receipt_number = serializers.CharField(
        source="payment.receipt.number", read_only=True, default=None
    )

    class Meta:
        model = Deposit
        fields = [
            "id",
            "unit",
            "unit_code",
            "purpose",
            "amount",
            "payer_name",
            "payment",
            "receipt_number",
            "status",
            "refunded",
            "deducted",
            *STAMPS,
        ]
        read_only_fields = fields


class RefundSerializer(serializers.ModelSerializer):
    """A request to pay back prepayment or a deposit; finance (FIN) approves or rejects it."""

    unit_code = serializers.CharField(source="unit.code", read_only=True)
    deductions = serializers.JSONField(read_only=True, help_text='[{"reason": …, "amount": …}]')

    # Plain strings on purpose: shared choice sets (statuses of refunds and waivers, channels of
    # payments and refunds) would give the schema enums named by a hash (drf-spectacular).
    status = serializers.CharField(read_only=True, help_text=f"{', '.join(ApprovalStatus.values)}")

    channel = serializers.CharField(
        read_only=True, help_text=f"How the money is paid back: {', '.join(Channel.values)}"
    )

    class Meta:
        model = Refund
        fields = [
            "id",
            "kind",
            "unit",
            "unit_code",
            "deposit",
            "amount",
            "deductions",
            "reason",
            "channel",
            "status",
            "created_by",
            "decided_by",
            "decided_at",
            "decision_note",
            "paid_out_at",
            "paid_out_by",
            "payout_date",
            "payout_reference",
            *STAMPS,
        ]
        read_only_fields = fields


class WaiverSerializer(serializers.ModelSerializer):
    """A waiver (减免) of part of a bill line; once the manager approves, the bill gets a
    negative line with the reason and its total drops."""

    bill_number = serializers.CharField(source="bill.number", read_only=True)
    fee_item_name = serializers.CharField(source="line.fee_item.name", read_only=True)

    # A plain string on purpose: refunds and waivers share the choice set, which would give
    # the schema an enum named by a hash (drf-spectacular's collision handling).
    status = serializers.CharField(read_only=True, help_text=f"{', '.join(ApprovalStatus.values)}")

    class Meta:
        model = Waiver
        fields = [
            "id",
            "bill",
            "bill_number",
            "line",
            "fee_item_name",
            "amount",
            "reason",
            "status",
            "created_by",
            "decided_by",
            "decided_at",
            "decision_note",
            *STAMPS,
        ]
        read_only_fields = fields


class DailyClosingSerializer(serializers.ModelSerializer):
    """A cashier's day closed (日清日结): the system's totals by channel against the cash
    counted. Submitted or confirmed, the day is locked for that cashier."""

    cashier_name = serializers.CharField(source="cashier.name", read_only=True)
    totals = serializers.JSONField(read_only=True, help_text='By channel: {"cash": "120.00", …}')

    class Meta:
        model = DailyClosing
        fields = [
            "id",
            "cashier",
            "cashier_name",
            "business_date",
            "status",
            "totals",
            "payment_count",
            "system_cash",
            "cash_paid_out",
            "counted_cash",
            "difference",
            "explanation",
            "submitted_at",
            "confirmed_by",
            "confirmed_at",
            "return_reason",
            "bank_amount",
            "bank_reference",
            "bank_date",
            *STAMPS,
        ]
        read_only_fields = fields


UNIT_HELP = "The unit's id, or the unit as people say it: 3-2-1501, 3栋2单元1501."


class CollectionVisitSerializer(serializers.ModelSerializer):
    """A door-to-door collection visit (BIL-13): who goes when, and what came of it."""

    unit = serializers.IntegerField(help_text=UNIT_HELP, source="unit_id")
    unit_code = serializers.CharField(source="unit.code", read_only=True)

    class Meta:
        model = CollectionAppointment
        fields = [
            "id",
            "unit",
            "unit_code",
            "scheduled_for",
            "assignee",
            "contact",
            "note",
            "outcome",
            "outcome_note",
            "promised_date",
            *STAMPS,
        ]
        read_only_fields = ["id", "unit_code", *STAMPS]


class DunningContactSerializer(serializers.ModelSerializer):
    """An entry of the dunning log (催缴记录, BIL-14): how the payer was reminded, what they
    said, any promise to pay, and what the unit owed at that moment (`owed`, kept)."""

    unit = serializers.IntegerField(help_text=UNIT_HELP, source="unit_id")
    unit_code = serializers.CharField(source="unit.code", read_only=True)
    recorded_by = serializers.CharField(source="created_by.username", read_only=True, default="")

    class Meta:
        model = DunningContact
        fields = [
            "id",
            "unit",
            "unit_code",
            "contacted_at",
            "method",
            "person",
            "result",
            "promised_date",
            "promised_amount",
            "owed",
            "note",
            "recorded_by",
            *STAMPS,
        ]
        read_only_fields = ["id", "unit_code", "owed", "recorded_by", *STAMPS]


# --- Bodies of the counter's actions -----------------------------------------------------------


class ScopedUnitField(serializers.PrimaryKeyRelatedField):
    """A unit of the caller's current service center (any other id: "does not exist")."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Unit.objects.none())  # the model, for the schema
        super().__init__(**kwargs)

    def get_queryset(self):
        # The community and building come along: the payment's audit entry and receipt show them.
        return Unit.objects.for_access(self.context.get("access")).select_related(
            "community", "building"
        )


class CollectSerializer(StrictSerializer):
    """POST payments/: collect at the counter. Send the `Idempotency-Key` header (or
    `idempotency_key`): the same key again returns the same payment (200) instead of a second."""

    unit = ScopedUnitField()
    amount = serializers.DecimalField(
        **MONEY,
        min_value=Decimal("0.01"),
        required=False,
        allow_null=True,
        help_text="Empty: the chosen bills in full. Less: settles the oldest lines first.",
    )
    channel = serializers.ChoiceField(choices=[(c.value, c.label) for c in COUNTER_CHANNELS])
    tendered = serializers.DecimalField(
        **MONEY,
        min_value=Decimal("0"),
        required=False,
        allow_null=True,
        help_text="Cash handed over; the change is computed",
    )
    bill_ids = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        allow_null=True,
        help_text="Open bills of the unit to settle; left out: all of them, oldest first",
    )
    keep_overpayment = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Keep what is more than the bills owe as prepayment (otherwise refused)",
    )
    reference = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    payer_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    purpose = serializers.ChoiceField(
        choices=[
            (p.value, p.label)
            for p in (PaymentPurpose.BILLS, PaymentPurpose.TOP_UP, PaymentPurpose.DEPOSIT)
        ],
        required=False,
        default=PaymentPurpose.BILLS,
        help_text="bills: settle bills; top_up: add to the unit's prepayment; deposit: hold a "
        "deposit (give `deposit_purpose`)",
    )
    deposit_purpose = serializers.CharField(
        max_length=100, required=False, allow_blank=True, default="", help_text="e.g. 装修押金"
    )
    idempotency_key = serializers.CharField(
        max_length=64, required=False, help_text="Only when the Idempotency-Key header is missing"
    )

    def validate(self, attrs):
        unit = attrs["unit"]
        if attrs.get("bill_ids"):
            bills = set(
                Bill.objects.filter(unit=unit, pk__in=attrs["bill_ids"]).values_list(
                    "pk", flat=True
                )
            )
            for pk in attrs["bill_ids"]:
                if pk not in bills:
                    # Another unit's (or community's) bill: to this unit it does not exist.
                    relation = serializers.PrimaryKeyRelatedField(queryset=Bill.objects.none())
                    message = relation.error_messages["does_not_exist"].format(pk_value=pk)
                    raise serializers.ValidationError({"bill_ids": [message]})
        if attrs.get("purpose") == PaymentPurpose.DEPOSIT and not attrs["deposit_purpose"].strip():
            field = self.fields["deposit_purpose"]
            raise serializers.ValidationError(
                {"deposit_purpose": [field.error_messages["required"]]}
            )
        return attrs


class VoidPaymentSerializer(StrictSerializer):
    """POST payments/{id}/void/: the cashier voids his own payment of the same day; anything
    else only the finance administrator (FIN)."""

    void_reason = serializers.CharField(max_length=200)


class WalletBalanceQuerySerializer(StrictSerializer):
    unit = ScopedUnitField(help_text="A unit of the current service center")


class DeductionSerializer(StrictSerializer):
    reason = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    amount = serializers.DecimalField(**MONEY, min_value=Decimal("0"))


class DepositRefundSerializer(StrictSerializer):
    """POST deposits/{id}/refund/: ask finance to pay the deposit back less the deductions."""

    reason = serializers.CharField(max_length=200)
    deductions = DeductionSerializer(many=True, required=False, default=list)


class PrepaymentRefundSerializer(StrictSerializer):
    """POST refunds/: ask finance to pay back part of a unit's prepayment balance."""

    unit = ScopedUnitField()
    amount = serializers.DecimalField(**MONEY, help_text="At most the prepayment balance")
    reason = serializers.CharField(max_length=200)


class DecisionSerializer(StrictSerializer):
    """POST refunds/{id}/decide/ or waivers/{id}/decide/: approve (true) or reject (false)."""

    approve = serializers.BooleanField()
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class RefundPayoutSerializer(StrictSerializer):
    """POST refunds/{id}/pay-out/: an approved refund handed over. Cash comes out of the
    caller's drawer and counts in his daily closing; other channels need their reference."""

    channel = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=f"{', '.join(Channel.values)}; empty: the channel asked for",
    )
    reference = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")


class WaiverRequestSerializer(StrictSerializer):
    """POST waivers/: ask the manager (MGR) to waive part of a bill line."""

    line = serializers.PrimaryKeyRelatedField(queryset=BillLine.objects.none())
    amount = serializers.DecimalField(**MONEY, help_text="At most what the line still owes")
    reason = serializers.CharField(max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only lines of the caller's current service center can be waived.
        self.fields["line"].queryset = BillLine.objects.for_access(self.context.get("access"))


class CloseDaySerializer(StrictSerializer):
    """POST daily-closings/: close the caller's own day today."""

    counted_cash = serializers.DecimalField(**MONEY, min_value=Decimal("0"))
    explanation = serializers.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required when the cash counted differs from the system",
    )


class ReturnClosingSerializer(StrictSerializer):
    return_reason = serializers.CharField(max_length=200)


class BankDepositSerializer(StrictSerializer):
    bank_amount = serializers.DecimalField(**MONEY, min_value=Decimal("0.01"))
    bank_reference = serializers.CharField(max_length=64)
    bank_date = serializers.DateField()


# --- Arrears and collection rates (BIL-14, BIL-15) ---------------------------------------------


class ArrearsUnitSerializer(serializers.Serializer):
    unit_id = serializers.IntegerField(read_only=True)
    code = serializers.CharField(read_only=True)
    zone = serializers.CharField(read_only=True)
    owed = serializers.DecimalField(**MONEY, read_only=True)
    bills = serializers.IntegerField(read_only=True, help_text="Overdue bills")
    oldest_due = serializers.DateField(read_only=True)
    days = serializers.IntegerField(read_only=True, help_text="Days past the oldest due date")
    limitation = serializers.BooleanField(
        read_only=True, help_text="The oldest claim is older than the 3-year limitation"
    )


class ArrearsSerializer(serializers.Serializer):
    as_of = serializers.DateField(read_only=True)
    count = serializers.IntegerField(read_only=True)
    total = serializers.DecimalField(**MONEY, read_only=True)
    results = ArrearsUnitSerializer(many=True, read_only=True)


class AgingRowSerializer(serializers.Serializer):
    group = serializers.CharField(read_only=True, help_text="Building number or zone name")
    buckets = serializers.ListField(
        child=serializers.DecimalField(**MONEY), read_only=True, help_text="In `labels` order"
    )
    total = serializers.DecimalField(**MONEY, read_only=True)


class AgingSerializer(serializers.Serializer):
    as_of = serializers.DateField(read_only=True)
    group = serializers.CharField(read_only=True)
    labels = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="Days past the due date"
    )
    results = AgingRowSerializer(many=True, read_only=True)


class AgingQuerySerializer(StrictSerializer):
    group = serializers.ChoiceField(
        choices=[("building", "building"), ("zone", "zone")], required=False, default="building"
    )


class CollectionRateRowSerializer(serializers.Serializer):
    """Rates in percent (null without a base). By fee item only receivable, collected and
    collection_rate are given; the other figures are null."""

    group = serializers.CharField(read_only=True, help_text="Empty for the whole community")
    receivable = serializers.DecimalField(**MONEY, read_only=True)
    collected = serializers.DecimalField(**MONEY, read_only=True)
    collection_rate = serializers.DecimalField(
        max_digits=7, decimal_places=2, read_only=True, allow_null=True, help_text="当期收缴率"
    )
    prior_arrears = serializers.DecimalField(**MONEY, read_only=True, allow_null=True)
    recovered = serializers.DecimalField(**MONEY, read_only=True, allow_null=True)
    recovery_rate = serializers.DecimalField(
        max_digits=7,
        decimal_places=2,
        read_only=True,
        allow_null=True,
        help_text="清欠率",
    )
    households = serializers.IntegerField(read_only=True, allow_null=True)
    households_paid = serializers.IntegerField(read_only=True, allow_null=True)
    household_rate = serializers.DecimalField(
        max_digits=7,
        decimal_places=2,
        read_only=True,
        allow_null=True,
        help_text="户收费率",
    )


class CollectionRatesSerializer(serializers.Serializer):
    period = serializers.CharField(read_only=True, help_text="YYYY-MM")
    group = serializers.CharField(read_only=True, allow_null=True)
    results = CollectionRateRowSerializer(many=True, read_only=True)
    total = CollectionRateRowSerializer(
        read_only=True, allow_null=True, help_text="The whole community, when grouped"
    )


class CollectionRatesQuerySerializer(StrictSerializer):
    period = MonthField(required=False, help_text="YYYY-MM; left out: the current month")
    group = serializers.ChoiceField(
        choices=[("building", "building"), ("zone", "zone"), ("fee_item", "fee_item")],
        required=False,
        help_text="Left out: the whole community",
    )


class ArrearsSnapshotSerializer(serializers.ModelSerializer):
    """A month's arrears statistics (欠费月度统计): what was owed, aged by days overdue and by
    building, kept on the month's last day."""

    class Meta:
        model = ArrearsSnapshot
        fields = ["id", "month", "as_of", "total", "units", "bills", "buckets", "by_building"]
        read_only_fields = fields
