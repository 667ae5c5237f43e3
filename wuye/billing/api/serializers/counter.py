"""API shapes of the counter: payments, receipts, prepayment entries, collecting, voiding."""

from rest_framework import serializers

from wuye.core.api.fields import StrictSerializer

from ...models import Allocation, Payment, Receipt, WalletEntry
from .common import STAMPS, ScopedUnitField

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


class WalletBalanceQuerySerializer(StrictSerializer):
    unit = ScopedUnitField(help_text="A unit of the current service center")
