"""The billing API's shapes. Fee items, standards and the policy are written through the pages'
forms and the services (see views.py); readings and runs only through the services. These
serializers describe what is read, plus the bodies of the actions."""

from rest_framework import serializers

from wuye.estate.choices import MeterKind, SpaceKind, UnitUse
from wuye.estate.models import Meter

from ..models import (
    Bill,
    BillingPolicy,
    BillingRun,
    BillLine,
    FeeItem,
    FeeStandard,
    MeterReading,
)

STAMPS = ["created_at", "updated_at"]


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
            "handling_fee_rate",
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
    """What the run bills (or billed), as planned when it was previewed."""

    targets = serializers.IntegerField(read_only=True, help_text="Bills to issue")
    lines = serializers.IntegerField(read_only=True, help_text="Bill lines to issue")
    skipped = serializers.IntegerField(
        read_only=True, help_text="Lines already billed for the period (not billed again)"
    )
    total = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    by_item = RunPreviewItemSerializer(many=True, read_only=True)
    anomalies = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text="Readings held back until confirmed (first 200)",
    )
    anomaly_count = serializers.IntegerField(read_only=True)
    missing_standards = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
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


class RecordReadingSerializer(serializers.Serializer):
    """POST meter-readings/: enter (or correct) a meter's reading for a month."""

    meter = serializers.PrimaryKeyRelatedField(queryset=Meter.objects.none())
    period = serializers.DateField(
        input_formats=["iso-8601", "%Y-%m"],
        help_text="The month read: YYYY-MM, or any day of it (YYYY-MM-DD)",
    )
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


class ConfirmReadingSerializer(serializers.Serializer):
    """POST meter-readings/{id}/confirm/: a person checked the anomaly; the reading is right."""

    note = serializers.CharField(max_length=200, required=False, allow_blank=True)


class RunCreateSerializer(serializers.Serializer):
    """POST billing-runs/ (validated by the page's RunForm): plan a run and keep its preview."""

    period = serializers.DateField(help_text="Any day of the first month billed")
    months = serializers.IntegerField(
        min_value=1, max_value=12, required=False, help_text="Empty: the policy's cycle"
    )
    fee_items = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        help_text="Fee item ids; left out: every active item a run can bill",
    )


class CancelRunSerializer(serializers.Serializer):
    """POST billing-runs/{id}/cancel/ (validated by the page's CancelRunForm)."""

    cancel_reason = serializers.CharField(max_length=200)
