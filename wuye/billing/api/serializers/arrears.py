"""API shapes of collection visits, dunning contacts and the arrears figures."""

from rest_framework import serializers

from wuye.core.api.fields import StrictSerializer
from wuye.core.money import MONEY

from ...forms import CollectionAppointmentForm, DunningContactForm
from ...models import ArrearsSnapshot, CollectionAppointment, DunningContact
from .common import STAMPS, UNIT_HELP


class CollectionVisitSerializer(serializers.ModelSerializer):
    """A door-to-door collection visit (BIL-13): who goes when, and what came of it."""

    unit = serializers.IntegerField(help_text=UNIT_HELP, source="unit_id")
    unit_code = serializers.CharField(source="unit.code", read_only=True)

    class Meta:
        model = CollectionAppointment
        fields = ["id", *CollectionAppointmentForm.Meta.fields, "unit_code", *STAMPS]
        read_only_fields = ["id", "unit_code", *STAMPS]


class DunningContactSerializer(serializers.ModelSerializer):
    """An entry of the dunning log (催缴记录, BIL-14): how the payer was reminded, what they
    said, any promise to pay, and what the unit owed at that moment (`owed`, kept)."""

    unit = serializers.IntegerField(help_text=UNIT_HELP, source="unit_id")
    unit_code = serializers.CharField(source="unit.code", read_only=True)
    recorded_by = serializers.CharField(source="created_by.username", read_only=True, default="")

    class Meta:
        model = DunningContact
        fields = [
            "id",
            *DunningContactForm.Meta.fields,
            "unit_code",
            "owed",
            "recorded_by",
            *STAMPS,
        ]
        read_only_fields = ["id", "unit_code", "owed", "recorded_by", *STAMPS]


# --- Arrears and collection rates (BIL-14, BIL-15) ---------------------------------------------


class ArrearsUnitSerializer(serializers.Serializer):
    unit_id = serializers.IntegerField(read_only=True)
    code = serializers.CharField(read_only=True)
    zone = serializers.CharField(read_only=True)
    owed = serializers.DecimalField(**MONEY, read_only=True)
    bills = serializers.IntegerField(read_only=True, help_text="Overdue bills")
    oldest_due = serializers.DateField(read_only=True)
    days = serializers.IntegerField(read_only=True, help_text="Days past the oldest due date")
    limitation = serializers.BooleanField(
        read_only=True, help_text="The oldest claim is older than the 3-year limitation"
    )


class ArrearsSerializer(serializers.Serializer):
    as_of = serializers.DateField(read_only=True)
    count = serializers.IntegerField(read_only=True)
    total = serializers.DecimalField(**MONEY, read_only=True)
    results = ArrearsUnitSerializer(many=True, read_only=True)


class AgingRowSerializer(serializers.Serializer):
    group = serializers.CharField(read_only=True, help_text="Building number or zone name")
    buckets = serializers.ListField(
        child=serializers.DecimalField(**MONEY), read_only=True, help_text="In `labels` order"
    )
    total = serializers.DecimalField(**MONEY, read_only=True)


class AgingSerializer(serializers.Serializer):
    as_of = serializers.DateField(read_only=True)
    group = serializers.CharField(read_only=True)
    labels = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="Days past the due date"
    )
    results = AgingRowSerializer(many=True, read_only=True)


class AgingQuerySerializer(StrictSerializer):
    group = serializers.ChoiceField(
        choices=[("building", "building"), ("zone", "zone")], required=False, default="building"
    )


class ArrearsSnapshotSerializer(serializers.ModelSerializer):
    """A month's arrears statistics (欠费月度统计): what was owed, aged by days overdue and by
    building, kept on the month's last day."""

    class Meta:
        model = ArrearsSnapshot
        fields = ["id", "month", "as_of", "total", "units", "bills", "buckets", "by_building"]
        read_only_fields = fields
