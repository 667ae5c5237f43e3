"""API shapes of the cashier's daily closing and the bodies of its actions."""

from rest_framework import serializers

from ...models import DailyClosing
from .common import STAMPS


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
