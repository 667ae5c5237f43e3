"""Shapes shared by the billing API's topics: stamps, months, price tiers, deductions."""

from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wuye.core.api.fields import StrictSerializer, register_form_field
from wuye.core.money import MONEY
from wuye.estate.models import Unit

from ...forms import DeductionsField, TiersField
from ...forms import MonthField as MonthFormField

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


class DeductionSerializer(StrictSerializer):
    """One deduction from a deposit: what for, and how much."""

    reason = serializers.CharField(max_length=100, required=False, allow_blank=True)
    amount = serializers.DecimalField(**MONEY, min_value=Decimal("0"))


def _deductions_field(form_field, **options):
    return serializers.ListField(child=DeductionSerializer(), **options)


# The page shows rows of inputs; the API takes the list.
register_form_field(DeductionsField, _deductions_field)


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


# A form's month (YYYY-MM or a day of it) is the same in a body.
register_form_field(MonthFormField, lambda form_field, **options: MonthField(**options))


UNIT_HELP = "The unit's id, or the unit as people say it: 3-2-1501, 3栋2单元1501."


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
