"""API shapes of deposits, refunds and waivers and the bodies of their actions."""

from rest_framework import serializers

from ...choices import ApprovalStatus, Channel
from ...models import Deposit, Refund, Waiver
from .common import STAMPS


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
            *Refund.DECISION_FIELDS,
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
            *Waiver.DECISION_FIELDS,
            *STAMPS,
        ]
        read_only_fields = fields
