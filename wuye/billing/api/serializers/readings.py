"""API shapes of meter readings and the bodies of their actions."""

from rest_framework import serializers

from ...models import MeterReading
from .common import STAMPS


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
