"""API shapes of fee items, fee standards and the billing policy."""

from rest_framework import serializers

from wuye.estate.choices import MeterKind, SpaceKind, UnitUse

from ...forms import BillingPolicyForm, FeeItemForm
from ...models import BillingPolicy, FeeItem, FeeStandard
from .common import STAMPS, TiersReadField


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
            *FeeItemForm.Meta.fields,
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
            *BillingPolicyForm.Meta.fields,
            *STAMPS,
        ]
        read_only_fields = ["id", "saved", *STAMPS]

    def get_saved(self, obj) -> bool:
        return obj.pk is not None
