"""API shapes of the collection-rate report."""

from rest_framework import serializers

from wuye.core.api.fields import StrictSerializer
from wuye.core.money import MONEY

from .common import MonthField


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
