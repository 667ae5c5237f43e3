"""The API of meter readings: record, confirm an anomaly."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from wuye.core.api.base import ScopedViewSet

from ... import filtersets
from ...engine import month_start
from ...models import MeterReading
from ...services.readings import confirm_reading, record_reading
from ..serializers.readings import (
    ConfirmReadingSerializer,
    MeterReadingSerializer,
    RecordReadingSerializer,
)
from .common import request_data


@extend_schema_view(
    create=extend_schema(
        request=RecordReadingSerializer,
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
class MeterReadingViewSet(ScopedViewSet):
    """Meter readings (BIL-04). Entered with POST meter-readings/, confirmed with
    POST meter-readings/{id}/confirm/; never edited or deleted otherwise."""

    queryset = MeterReading.objects.all()
    serializer_class = MeterReadingSerializer
    filterset_class = filtersets.MeterReadingFilterSet
    perm_prefix = "billing.reading"
    related = ("meter__unit", "confirmed_by")
    http_method_names = ["get", "post", "head", "options"]
    extra_action_perms = {"confirm": "confirm"}
    ordering_fields = ["period", "read_on", "status", "current_reading"]

    def create(self, request, *args, **kwargs):
        body = RecordReadingSerializer(
            data=request_data(request), context=self.get_serializer_context()
        )
        body.is_valid(raise_exception=True)
        data = body.validated_data
        existed = MeterReading.objects.filter(
            meter=data["meter"], period=month_start(data["period"])
        ).exists()
        reading = record_reading(
            meter=data["meter"],
            period=data["period"],
            current=data["current_reading"],
            previous=data.get("previous_reading"),
            read_on=data["read_on"],
            note=data.get("note") or "",
            actor=request.user,
        )
        return Response(
            self.get_serializer(self.get_queryset().get(pk=reading.pk)).data,
            status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED,
        )

    @extend_schema(
        request=ConfirmReadingSerializer,
        responses=MeterReadingSerializer,
    )
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """Confirm an anomalous reading after checking it: it can then be billed."""
        reading = self.get_object()
        body = ConfirmReadingSerializer(data=request_data(request))
        body.is_valid(raise_exception=True)
        confirm_reading(reading, actor=request.user, note=body.validated_data.get("note") or "")
        return Response(self.get_serializer(self.get_queryset().get(pk=reading.pk)).data)
