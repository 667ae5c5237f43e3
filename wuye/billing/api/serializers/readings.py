"""API shapes of meter readings and the bodies of their actions."""

from typing import Any, cast

from rest_framework import serializers

from wuye.core.api.fields import StrictSerializer
from wuye.estate.models import Meter

from ...models import MeterReading
from .common import STAMPS, MonthField


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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only meters of the caller's current service center can be read.
        meter = cast(serializers.PrimaryKeyRelatedField, self.fields["meter"])
        # The stubs take the assigned queryset for a Manager descriptor: a queryset is right.
        meter.queryset = Meter.objects.for_access(self.context.get("access"))  # type: ignore[arg-type]


class ConfirmReadingSerializer(StrictSerializer):
    """POST meter-readings/{id}/confirm/: a person checked the anomaly; the reading is right."""

    note = serializers.CharField(max_length=200, required=False, allow_blank=True)
