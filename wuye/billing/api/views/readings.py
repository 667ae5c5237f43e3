"""The API of meter readings: record, correct, confirm an anomaly."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.response import Response

from wuye.core.api.base import ScopedViewSet
from wuye.core.api.commands import command_actions, run_command
from wuye.core.api.fields import form_serializer

from ... import filtersets
from ...commands import READING_COMMANDS, RECORD_READING
from ...forms import RecordReadingForm
from ...models import MeterReading
from ..serializers.readings import MeterReadingSerializer


@extend_schema_view(
    create=extend_schema(
        request=form_serializer(RecordReadingForm),
        responses={
            201: MeterReadingSerializer,
            200: MeterReadingSerializer,
        },
        summary="Enter or correct a meter's reading for a month",
        description="Anomalies (negative usage, more than 3× the recent average, meter replaced "
        "this month) store the reading as `anomaly`: billing runs hold it back until it is "
        "confirmed. Returns 201 for a new reading, 200 when the month's reading is corrected.",
    )
)
@command_actions(READING_COMMANDS)
class MeterReadingViewSet(ScopedViewSet):
    """Meter readings (BIL-04). Entered with POST meter-readings/, confirmed with
    POST meter-readings/{id}/confirm/, corrected with POST meter-readings/{id}/correct/ (or by
    entering the month again); never edited or deleted otherwise."""

    queryset = MeterReading.objects.all()
    serializer_class = MeterReadingSerializer
    filterset_class = filtersets.MeterReadingFilterSet
    perm_prefix = "billing.reading"
    related = ("meter__unit", "confirmed_by")
    http_method_names = ["get", "post", "head", "options"]
    extra_action_perms = {"confirm": "confirm"}
    ordering_fields = ["period", "read_on", "status", "current_reading"]

    def create(self, request, *args, **kwargs):
        reading = run_command(RECORD_READING, None, request)
        existed = getattr(reading, "corrected", False)
        return Response(
            self.get_serializer(self.get_queryset().get(pk=reading.pk)).data,
            status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED,
        )
