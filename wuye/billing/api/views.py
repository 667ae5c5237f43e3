"""The billing REST API: the same scoping, FilterSets, forms and services as the pages."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.response import Response

from wuye.core.access import get_access
from wuye.core.api.base import ScopedReadOnlyViewSet, ScopedViewSet

from .. import filtersets, forms, services
from ..engine import month_start
from ..models import Bill, BillingPolicy, BillingRun, BillLine, FeeItem, FeeStandard, MeterReading
from . import serializers


def request_data(request):
    if not isinstance(request.data, dict):
        raise exceptions.ValidationError({"non_field_errors": [_("Send a JSON object.")]})
    return request.data


def validated(form):
    """The form once valid, or a 400 naming every bad field (the page's messages)."""
    if not form.is_valid():
        raise exceptions.ValidationError(
            {
                (k if k != "__all__" else "non_field_errors"): [str(m) for m in v]
                for k, v in form.errors.items()
            }
        )
    return form


class FeeItemViewSet(ScopedViewSet):
    """Fee items (BIL-01). An item collected for a utility (代收代缴) carries no handling fee
    (BIL-17). An item already used on bills cannot be deleted (400): set it out of use."""

    queryset = FeeItem.objects.all()
    serializer_class = serializers.FeeItemSerializer
    filterset_class = filtersets.FeeItemFilterSet
    form_class = forms.FeeItemForm
    perm_prefix = "billing.fee"
    prefetch = ("buildings", "units")
    ordering_fields = ["code", "name", "calculation", "is_active"]


class FeeStandardViewSet(ScopedViewSet):
    """Fee standards (BIL-02): a fee item's price from a date on. A new standard ends the
    previous one the day before it starts. Never deleted; a standard already used on bills
    cannot be changed (400): add a new one from a later date."""

    queryset = FeeStandard.objects.all()
    serializer_class = serializers.FeeStandardSerializer
    filterset_class = filtersets.FeeStandardFilterSet
    form_class = forms.FeeStandardForm
    perm_prefix = "billing.fee"
    related = ("fee_item",)
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    ordering_fields = ["effective_from", "effective_to", "unit_price"]

    def save_form(self, form):
        return services.save_standard(
            form, actor=self.request.user, community=get_access(self.request).community
        )


@extend_schema_view(
    retrieve=extend_schema(
        summary="The current community's billing policy",
        description="The saved policy, or the defaults (`saved`: false) until someone saves it.",
    ),
    update=extend_schema(
        request=serializers.BillingPolicySerializer,
        summary="Save the billing policy",
        description="Fields left out take the defaults.",
    ),
    partial_update=extend_schema(
        request=serializers.BillingPolicySerializer,
        summary="Change some fields of the billing policy",
    ),
)
class BillingPolicyViewSet(ScopedViewSet):
    """The billing policy of the current community: a single object at billing-policy/."""

    # No `queryset`: this is not a list of records (and has no id in its URL).
    serializer_class = serializers.BillingPolicySerializer
    form_class = forms.BillingPolicyForm
    perm_prefix = "billing.policy"
    filter_backends = []
    pagination_class = None
    http_method_names = ["get", "put", "patch", "head", "options"]

    def get_queryset(self):
        return BillingPolicy.objects.for_access(get_access(self.request))

    def get_object(self):
        return services.policy_for(get_access(self.request).community)

    def save_form(self, form):
        return services.save_policy(
            form, actor=self.request.user, community=get_access(self.request).community
        )


@extend_schema_view(
    create=extend_schema(
        request=serializers.RecordReadingSerializer,
        responses={
            201: serializers.MeterReadingSerializer,
            200: serializers.MeterReadingSerializer,
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
    serializer_class = serializers.MeterReadingSerializer
    filterset_class = filtersets.MeterReadingFilterSet
    perm_prefix = "billing.reading"
    related = ("meter__unit", "confirmed_by")
    http_method_names = ["get", "post", "head", "options"]
    extra_action_perms = {"confirm": "confirm"}
    ordering_fields = ["period", "read_on", "status", "current_reading"]

    def create(self, request, *args, **kwargs):
        body = serializers.RecordReadingSerializer(
            data=request_data(request), context=self.get_serializer_context()
        )
        body.is_valid(raise_exception=True)
        data = body.validated_data
        existed = MeterReading.objects.filter(
            meter=data["meter"], period=month_start(data["period"])
        ).exists()
        reading = services.record_reading(
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
        request=serializers.ConfirmReadingSerializer,
        responses=serializers.MeterReadingSerializer,
    )
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """Confirm an anomalous reading after checking it: it can then be billed."""
        reading = self.get_object()
        body = serializers.ConfirmReadingSerializer(data=request_data(request))
        body.is_valid(raise_exception=True)
        services.confirm_reading(
            reading, actor=request.user, note=body.validated_data.get("note") or ""
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=reading.pk)).data)


@extend_schema_view(
    create=extend_schema(
        request=serializers.RunCreateSerializer,
        responses={201: serializers.BillingRunSerializer},
        summary="Preview a billing run",
        description="Plans the run and keeps its preview (bills, lines, totals by item, "
        "readings held back, items without a standard); nothing is billed until it is "
        "confirmed. Lines already billed for the period are counted as skipped.",
    )
)
class BillingRunViewSet(ScopedViewSet):
    """Billing runs (BIL-03): POST billing-runs/ previews, POST billing-runs/{id}/confirm/
    issues the bills in the background, POST billing-runs/{id}/cancel/ cancels with a reason
    (while none of its bills is paid), so the period can be billed again."""

    queryset = BillingRun.objects.all()
    serializer_class = serializers.BillingRunSerializer
    filterset_class = filtersets.BillingRunFilterSet
    perm_prefix = "billing.run"
    prefetch = ("fee_items",)
    http_method_names = ["get", "post", "head", "options"]
    extra_action_perms = {"confirm": "change", "cancel": "change"}
    ordering_fields = ["period", "status", "created_at", "total_amount"]

    def respond(self, run, status_code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=run.pk)).data, status_code)

    def create(self, request, *args, **kwargs):
        access = get_access(request)
        data = request_data(request)
        form = forms.RunForm(data=data, access=access)
        if "fee_items" not in data:
            # Left out: every active item a run can bill (the service's own choice).
            form.fields["fee_items"].required = False
        validated(form)
        run = services.preview_run(
            community=access.community,
            period=form.cleaned_data["period"],
            months=form.cleaned_data.get("months"),
            fee_items=form.cleaned_data["fee_items"] or None,
            actor=request.user,
        )
        return self.respond(run, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={202: serializers.BillingRunSerializer})
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """Confirm the preview: the run is queued and issues its bills in the background
        (follow `status` and `progress_done`/`progress_total`). A failed run may be confirmed
        again."""
        run = services.confirm_run(self.get_object(), actor=request.user)
        return self.respond(run, status.HTTP_202_ACCEPTED)

    @extend_schema(
        request=serializers.CancelRunSerializer, responses=serializers.BillingRunSerializer
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel a previewed run, or a done run none of whose bills is paid: its bills are
        cancelled and the period can be billed again."""
        run = self.get_object()
        form = validated(forms.CancelRunForm(data=request_data(request)))
        run = services.cancel_run(
            run, reason=form.cleaned_data["cancel_reason"], actor=request.user
        )
        return self.respond(run)


class BillViewSet(ScopedReadOnlyViewSet):
    """Bills (账单) with their lines; `outstanding` is what remains to be paid."""

    queryset = Bill.objects.all()
    serializer_class = serializers.BillSerializer
    filterset_class = filtersets.BillFilterSet
    perm_prefix = "billing.bill"
    related = ("unit__building", "space")
    prefetch = (
        Prefetch(
            "lines",
            queryset=BillLine.objects.select_related("fee_item").order_by("fee_item__code", "pk"),
        ),
    )
    ordering_fields = ["number", "period_start", "due_date", "total", "status"]
