"""The API's reports (BIL-14, BIL-15): arrears, aging, collection rates, monthly arrears."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.response import Response

from wuye.core.access import Access, get_access
from wuye.core.api.base import RolePermission, ScopedReadOnlyViewSet
from wuye.core.api.serializers import plain_rows
from wuye.core.money import ZERO

from ... import reports
from ...engine import month_start
from ...models import ArrearsSnapshot, Bill
from ..serializers.arrears import (
    AgingQuerySerializer,
    AgingSerializer,
    ArrearsSerializer,
    ArrearsSnapshotSerializer,
    ArrearsUnitSerializer,
)
from ..serializers.reports import CollectionRatesQuerySerializer, CollectionRatesSerializer

# --- Arrears and collection rates (BIL-14, BIL-15) ------------------------------------------------


class ReportViewSet(viewsets.ViewSet):
    """A report of the current service center: figures, not records (one object per GET,
    routed in urls.py — a router's `list` would be documented as an array)."""

    access: Access  # set by RolePermission
    permission_classes = [RolePermission]
    permission = "billing.arrears.view"

    def get_required_permission(self):
        return self.permission

    def query(self, serializer_class):
        query = serializer_class(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return query.validated_data


class ArrearsViewSet(ReportViewSet):
    """Arrears (BIL-14): residents' bills past their due date that still owe something, as of
    today. A customer-service representative sees the units of his own zones."""

    def bills(self):
        return Bill.objects.for_arrears(self.access)

    @extend_schema(
        responses=ArrearsSerializer,
        summary="Units in arrears",
        description="Per unit: what it owes, on how many bills, since which due date, and "
        "whether the oldest claim is past the 3-year limitation (民法典 §188). Longest "
        "overdue first.",
    )
    def units(self, request):
        as_of = timezone.localdate()
        rows = reports.arrears_by_unit(self.bills(), as_of=as_of)
        # ~2,000 units in a large center: the rows are written out plainly (plain_rows), the
        # envelope by its serializer.
        data = ArrearsSerializer(
            {"as_of": as_of, "count": len(rows), "total": sum((row["owed"] for row in rows), ZERO)}
        ).data
        data["results"] = plain_rows(ArrearsUnitSerializer, rows)
        return Response(data)

    @extend_schema(
        parameters=[AgingQuerySerializer],
        responses=AgingSerializer,
        summary="Arrears by building or zone in aging buckets",
    )
    def aging(self, request):
        """Arrears per building (or zone) in buckets of days past the due date."""
        group = self.query(AgingQuerySerializer)["group"]
        as_of = timezone.localdate()
        rows, labels = reports.aging(self.bills(), as_of=as_of, group_by=group)
        return Response(
            AgingSerializer(
                {"as_of": as_of, "group": group, "labels": labels, "results": rows}
            ).data
        )


class CollectionRateViewSet(ReportViewSet):
    """Collection rates (BIL-15) of a month: 当期收缴率 (collected by the month's end on its
    bills ÷ its receivable), 清欠率 (earlier arrears recovered in the month ÷ earlier arrears
    at its start) and 户收费率 (units fully paid ÷ units billed). Developer bills are left out;
    prepayment counts once it settles a bill."""

    @extend_schema(
        parameters=[CollectionRatesQuerySerializer],
        responses=CollectionRatesSerializer,
        summary="Collection rates of a month",
    )
    def rates(self, request):
        query = self.query(CollectionRatesQuerySerializer)
        period = month_start(query.get("period") or timezone.localdate())
        group = query.get("group") or None
        community = get_access(request).community
        rows = reports.collection_rates(community, period, group_by=group)
        total = reports.collection_rates(community, period)[0] if group else None
        return Response(
            CollectionRatesSerializer(
                {"period": f"{period:%Y-%m}", "group": group, "results": rows, "total": total}
            ).data
        )


class ArrearsSnapshotViewSet(ScopedReadOnlyViewSet):
    """Arrears month by month (BIL-14), newest first."""

    queryset = ArrearsSnapshot.objects.all()
    serializer_class = ArrearsSnapshotSerializer
    perm_prefix = "billing.arrears"
    ordering_fields = ["month"]
