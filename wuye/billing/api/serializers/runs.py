"""API shapes of billing runs and the bills they issue."""

from decimal import Decimal

from rest_framework import serializers

from ...models import Bill, BillingRun, BillLine
from .common import STAMPS


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
