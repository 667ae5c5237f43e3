"""The billing REST API: the same scoping, FilterSets, forms and services as the pages.

Money records (payments, allocations, receipts, prepayment movements, deposits, refunds,
waivers, daily closings) are append-only: every write goes through a service of payments.py
or closing.py, never through a serializer's save()."""

import django_filters
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from wuye.core.access import get_access
from wuye.core.api.base import (
    RolePermission,
    ScopedReadOnlyViewSet,
    ScopedViewSet,
    bind_form,
    body_for_form,
    validated_form,
)
from wuye.core.api.fields import form_serializer
from wuye.core.api.serializers import plain_rows
from wuye.core.filtersets import BaseFilterSet
from wuye.core.money import ZERO
from wuye.estate.models import Unit

from .. import closing, filtersets, forms, payments, reports, services
from ..choices import PaymentPurpose, RefundKind, WalletEntryKind
from ..engine import month_start
from ..models import (
    Allocation,
    ArrearsSnapshot,
    Bill,
    BillingPolicy,
    BillingRun,
    BillLine,
    CollectionAppointment,
    DailyClosing,
    Deposit,
    DunningContact,
    FeeItem,
    FeeStandard,
    MeterReading,
    Payment,
    Receipt,
    Refund,
    Waiver,
    WalletEntry,
)
from . import serializers


def request_data(request):
    if not isinstance(request.data, dict):
        raise exceptions.ValidationError({"non_field_errors": [_("Send a JSON object.")]})
    return request.data


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
        summary="Save the billing policy",
        description="Fields left out take the defaults.",
    ),
    partial_update=extend_schema(summary="Change some fields of the billing policy"),
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
        request=form_serializer(forms.RunForm, optional=("fee_items",)),
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
        data = body_for_form(forms.RunForm(access=access), request.data)
        form = forms.RunForm(data=data, access=access)
        if "fee_items" not in data:
            # Left out: every active item a run can bill (the service's own choice).
            form.fields["fee_items"].required = False
        validated_form(form)
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
        request=form_serializer(forms.CancelRunForm), responses=serializers.BillingRunSerializer
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel a previewed run, or a done run none of whose bills is paid: its bills are
        cancelled and the period can be billed again."""
        run = self.get_object()
        form = bind_form(forms.CancelRunForm, request)
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


# --- The cashier counter (BIL-06..08, BIL-11) ---------------------------------------------------


class ObjectActionPermissionMixin:
    """Actions on one record that need another permission than reading it (void, decide,
    confirm…). The permission is checked once the record is found, so another community's id
    is 404 for everybody, and a record of one's own without the permission is 403."""

    object_action_perms: dict[str, str] = {}

    def get_required_permission(self):
        if self.action in self.object_action_perms:
            return f"{self.perm_prefix}.view"
        return super().get_required_permission()

    def check_object_permissions(self, request, obj):
        super().check_object_permissions(request, obj)
        code = self.object_action_perms.get(self.action)
        if code and not get_access(request).has(code):
            self.permission_denied(request)

    def respond(self, obj, status_code=status.HTTP_200_OK, serializer_class=None):
        """The record as the list shows it, re-read through the scoped queryset."""
        if serializer_class is None:
            data = self.get_serializer(self.get_queryset().get(pk=obj.pk)).data
        else:
            data = serializer_class(obj, context=self.get_serializer_context()).data
        return Response(data, status=status_code)


class PaymentFilterSet(filtersets.PaymentFilterSet):
    unit = django_filters.ModelChoiceFilter(label=gettext_lazy("unit"), queryset=Unit.objects.all())

    class Meta(filtersets.PaymentFilterSet.Meta):
        fields = [*filtersets.PaymentFilterSet.Meta.fields, "unit"]


IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="One key per payment (at most 64 characters, e.g. a UUID). Sending the same "
    "key again — a double click, a retry after a timeout — returns the first payment (200) "
    "instead of collecting twice. Without the header, give `idempotency_key` in the body.",
)


@extend_schema_view(
    create=extend_schema(
        request=serializers.CollectSerializer,
        responses={
            201: serializers.PaymentSerializer,
            200: serializers.PaymentSerializer,
        },
        parameters=[IDEMPOTENCY_HEADER],
        summary="Collect a payment at the counter",
        description="Settles the chosen bills (default: all the unit's open bills, oldest line "
        "first) and issues the next receipt number. Money beyond what is owed is refused unless "
        "`keep_overpayment` keeps it as prepayment. `purpose` top_up adds to the unit's "
        "prepayment (within the policy's limit); deposit holds a deposit. Refused (400) once "
        "the cashier's day is closed. 201 for a new payment, 200 when the key was used before.",
    ),
)
class PaymentViewSet(ObjectActionPermissionMixin, ScopedViewSet):
    """Payments (BIL-06, BIL-07) with their receipts and allocations (核销). Collected with
    POST payments/, voided with POST payments/{id}/void/; never edited or deleted."""

    queryset = Payment.objects.all()
    serializer_class = serializers.PaymentSerializer
    filterset_class = PaymentFilterSet
    perm_prefix = "billing.payment"
    related = ("unit", "cashier", "receipt", "deposit")
    prefetch = (
        Prefetch(
            "allocations",
            queryset=Allocation.objects.select_related("bill", "line__fee_item").order_by("id"),
        ),
    )
    http_method_names = ["get", "post", "head", "options"]
    object_action_perms = {"void": "billing.payment.void"}
    ordering_fields = ["received_at", "business_date", "amount", "status"]

    def create(self, request, *args, **kwargs):
        data = request_data(request)
        key = str(request.headers.get("Idempotency-Key") or data.get("idempotency_key") or "")
        key = key.strip()
        if not key or len(key) > 64:
            raise exceptions.ValidationError(
                {
                    "idempotency_key": [
                        _(
                            "Send an Idempotency-Key header of at most 64 characters, so that a resent request is not collected twice."
                        )
                    ]
                }
            )
        body = serializers.CollectSerializer(data=data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        data = body.validated_data
        if data["purpose"] == PaymentPurpose.DEPOSIT:
            payment = payments.collect_deposit(
                unit=data["unit"],
                amount=data.get("amount"),
                purpose_text=data["deposit_purpose"],
                channel=data["channel"],
                cashier=request.user,
                idempotency_key=key,
                payer_name=data["payer_name"],
                reference=data["reference"],
            ).payment
        else:
            payment = payments.collect_payment(
                unit=data["unit"],
                amount=data.get("amount"),
                channel=data["channel"],
                cashier=request.user,
                idempotency_key=key,
                bill_ids=data.get("bill_ids") or None,
                tendered=data.get("tendered"),
                keep_overpayment=data["keep_overpayment"],
                reference=data["reference"],
                payer_name=data["payer_name"],
                purpose=data["purpose"],
            )
        # The same key and body again (a retry, a double click): the first payment, 200.
        # The same key with another body was refused by the service (409).
        replayed = getattr(payment, "replayed", False)
        return self.respond(payment, status.HTTP_200_OK if replayed else status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.VoidPaymentSerializer, responses=serializers.PaymentSerializer
    )
    @action(detail=True, methods=["post"])
    def void(self, request, pk=None):
        """Void the payment: its allocations (and any prepayment kept) are reversed, the bills
        owe again, the receipt number stays used. A cashier voids his own payment of the same
        day; anything else only the finance administrator. Not in a closed day."""
        payment = self.get_object()
        body = serializers.VoidPaymentSerializer(data=request_data(request))
        body.is_valid(raise_exception=True)
        payments.void_payment(
            payment, reason=body.validated_data["void_reason"], actor=request.user
        )
        return self.respond(payment)


class ReceiptFilterSet(BaseFilterSet):
    search_fields = ("number", "payment__unit__code")

    class Meta:
        model = Receipt
        fields = ["payment"]


class ReceiptViewSet(ScopedReadOnlyViewSet):
    """Receipts (收据): one per payment, numbered without gaps; a void keeps the number."""

    queryset = Receipt.objects.all()
    serializer_class = serializers.ReceiptSerializer
    filterset_class = ReceiptFilterSet
    perm_prefix = "billing.payment"
    related = ("payment__unit",)
    ordering_fields = ["number", "created_at"]


class WalletEntryFilterSet(BaseFilterSet):
    unit = django_filters.ModelChoiceFilter(label=gettext_lazy("unit"), queryset=Unit.objects.all())
    kind = django_filters.ChoiceFilter(label=gettext_lazy("kind"), choices=WalletEntryKind.choices)

    class Meta:
        model = WalletEntry
        fields = ["unit", "kind"]


class WalletEntryViewSet(ScopedReadOnlyViewSet):
    """Prepayment (预存) movements of units: top-ups and overpayments in, offsets against
    bills, refunds and reversals out. Made only by the services (collect, offset, refund,
    void); GET prepayment-entries/balance/?unit={id} gives a unit's balance."""

    queryset = WalletEntry.objects.all()
    serializer_class = serializers.WalletEntrySerializer
    filterset_class = WalletEntryFilterSet
    perm_prefix = "billing.payment"
    related = ("unit",)
    ordering_fields = ["created_at", "amount", "kind"]

    @extend_schema(
        parameters=[serializers.WalletBalanceQuerySerializer],
        responses=serializers.WalletBalanceSerializer,
    )
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def balance(self, request):
        """The prepayment balance of a unit of the current service center."""
        query = serializers.WalletBalanceQuerySerializer(
            data=request.query_params, context=self.get_serializer_context()
        )
        query.is_valid(raise_exception=True)
        unit = query.validated_data["unit"]
        return Response(
            serializers.WalletBalanceSerializer(
                {"unit": unit.pk, "balance": payments.wallet_balance(unit)}
            ).data
        )


# --- Deposits, refunds, waivers (BIL-08..10) ----------------------------------------------------


class DepositFilterSet(filtersets.DepositFilterSet):
    unit = django_filters.ModelChoiceFilter(label=gettext_lazy("unit"), queryset=Unit.objects.all())

    class Meta(filtersets.DepositFilterSet.Meta):
        fields = [*filtersets.DepositFilterSet.Meta.fields, "unit"]


class DepositViewSet(ObjectActionPermissionMixin, ScopedReadOnlyViewSet):
    """Deposits held (BIL-09). Taken with POST payments/ (`purpose`: deposit); paid back with
    POST deposits/{id}/refund/, which finance approves under refunds/."""

    queryset = Deposit.objects.all()
    serializer_class = serializers.DepositSerializer
    filterset_class = DepositFilterSet
    perm_prefix = "billing.deposit"
    related = ("unit", "payment__receipt")
    http_method_names = ["get", "post", "head", "options"]
    object_action_perms = {"refund": "billing.refund.change"}
    ordering_fields = ["created_at", "amount", "status"]

    @extend_schema(
        request=serializers.DepositRefundSerializer,
        responses={201: serializers.RefundSerializer},
    )
    @action(detail=True, methods=["post"])
    def refund(self, request, pk=None):
        """Ask finance to pay the deposit back, less the deductions, each with its reason."""
        deposit = self.get_object()
        body = serializers.DepositRefundSerializer(data=request_data(request))
        body.is_valid(raise_exception=True)
        refund = payments.request_refund(
            unit=deposit.unit,
            kind=RefundKind.DEPOSIT,
            deposit=deposit,
            reason=body.validated_data["reason"],
            deductions=[dict(item) for item in body.validated_data["deductions"]],
            actor=request.user,
        )
        return self.respond(
            Refund.objects.select_related("unit").get(pk=refund.pk),
            status.HTTP_201_CREATED,
            serializers.RefundSerializer,
        )


class RefundFilterSet(filtersets.RefundFilterSet):
    unit = django_filters.ModelChoiceFilter(label=gettext_lazy("unit"), queryset=Unit.objects.all())

    class Meta(filtersets.RefundFilterSet.Meta):
        fields = [*filtersets.RefundFilterSet.Meta.fields, "unit"]


@extend_schema_view(
    create=extend_schema(
        request=serializers.PrepaymentRefundSerializer,
        responses={201: serializers.RefundSerializer},
        summary="Ask finance to pay back prepayment",
        description="At most the unit's prepayment balance; one request of a kind at a time. "
        "Deposits are asked for with POST deposits/{id}/refund/.",
    )
)
class RefundViewSet(ObjectActionPermissionMixin, ScopedViewSet):
    """Refund requests (BIL-08, BIL-09), decided by the finance administrator (FIN) with
    POST refunds/{id}/decide/ — not by the person who asked."""

    queryset = Refund.objects.all()
    serializer_class = serializers.RefundSerializer
    filterset_class = RefundFilterSet
    perm_prefix = "billing.refund"
    related = ("unit",)
    http_method_names = ["get", "post", "head", "options"]
    object_action_perms = {"decide": "billing.refund.approve", "pay_out": "billing.refund.pay"}
    ordering_fields = ["created_at", "amount", "status"]

    def create(self, request, *args, **kwargs):
        body = serializers.PrepaymentRefundSerializer(
            data=request_data(request), context=self.get_serializer_context()
        )
        body.is_valid(raise_exception=True)
        data = body.validated_data
        refund = payments.request_refund(
            unit=data["unit"],
            kind=RefundKind.PREPAYMENT,
            amount=data["amount"],
            reason=data["reason"],
            actor=request.user,
        )
        return self.respond(refund, status.HTTP_201_CREATED)

    @extend_schema(request=serializers.DecisionSerializer, responses=serializers.RefundSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Approve (the prepayment is reduced, or the deposit settled) or reject."""
        refund = self.get_object()
        body = serializers.DecisionSerializer(data=request_data(request))
        body.is_valid(raise_exception=True)
        payments.decide_refund(
            refund,
            approve=body.validated_data["approve"],
            note=body.validated_data["note"],
            actor=request.user,
        )
        return self.respond(refund)

    @extend_schema(
        request=serializers.RefundPayoutSerializer, responses=serializers.RefundSerializer
    )
    @action(detail=True, methods=["post"], url_path="pay-out")
    def pay_out(self, request, pk=None):
        """Record that an approved refund was paid out (once)."""
        refund = self.get_object()
        body = serializers.RefundPayoutSerializer(data=request_data(request))
        body.is_valid(raise_exception=True)
        payments.pay_out_refund(
            refund,
            actor=request.user,
            channel=body.validated_data["channel"],
            reference=body.validated_data["reference"],
        )
        return self.respond(refund)


class WaiverFilterSet(filtersets.WaiverFilterSet):
    bill = django_filters.ModelChoiceFilter(label=gettext_lazy("bill"), queryset=Bill.objects.all())

    class Meta(filtersets.WaiverFilterSet.Meta):
        fields = [*filtersets.WaiverFilterSet.Meta.fields, "bill"]


@extend_schema_view(
    create=extend_schema(
        request=serializers.WaiverRequestSerializer,
        responses={201: serializers.WaiverSerializer},
        summary="Ask the manager to waive part of a bill line",
    )
)
class WaiverViewSet(ObjectActionPermissionMixin, ScopedViewSet):
    """Waivers and discounts (减免, BIL-10): requested here, decided by the project manager
    with POST waivers/{id}/decide/. Approved, the bill gets a negative line with the reason."""

    queryset = Waiver.objects.all()
    serializer_class = serializers.WaiverSerializer
    filterset_class = WaiverFilterSet
    perm_prefix = "billing.waiver"
    related = ("bill", "line__fee_item")
    http_method_names = ["get", "post", "head", "options"]
    object_action_perms = {"decide": "billing.waiver.approve"}
    ordering_fields = ["created_at", "amount", "status"]

    def create(self, request, *args, **kwargs):
        body = serializers.WaiverRequestSerializer(
            data=request_data(request), context=self.get_serializer_context()
        )
        body.is_valid(raise_exception=True)
        data = body.validated_data
        waiver = payments.request_waiver(
            line=data["line"], amount=data["amount"], reason=data["reason"], actor=request.user
        )
        return self.respond(waiver, status.HTTP_201_CREATED)

    @extend_schema(request=serializers.DecisionSerializer, responses=serializers.WaiverSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Approve (the bill's total drops by the amount) or reject."""
        waiver = self.get_object()
        body = serializers.DecisionSerializer(data=request_data(request))
        body.is_valid(raise_exception=True)
        payments.decide_waiver(
            waiver,
            approve=body.validated_data["approve"],
            note=body.validated_data["note"],
            actor=request.user,
        )
        return self.respond(waiver)


# --- Daily closing (BIL-12) ---------------------------------------------------------------------


@extend_schema_view(
    create=extend_schema(
        request=serializers.CloseDaySerializer,
        responses={
            201: serializers.DailyClosingSerializer,
            200: serializers.DailyClosingSerializer,
        },
        summary="Close my day",
        description="Fixes the system's totals by channel for the caller's payments today "
        "and compares the cash counted (a difference needs an explanation). The day is then "
        "locked: no payment or void of the caller is dated into it. 200 when a returned "
        "closing is submitted again.",
    )
)
class DailyClosingViewSet(ObjectActionPermissionMixin, ScopedViewSet):
    """Daily closings (日清日结, BIL-12). A cashier sees his own days; finance confirms,
    returns with a reason, and records the cash handed to the bank."""

    queryset = DailyClosing.objects.all()
    serializer_class = serializers.DailyClosingSerializer
    filterset_class = filtersets.DailyClosingFilterSet
    perm_prefix = "billing.closing"
    related = ("cashier", "confirmed_by")
    http_method_names = ["get", "post", "head", "options"]
    object_action_perms = {
        "confirm": "billing.closing.confirm",
        "return_closing": "billing.closing.confirm",
        "bank_deposit": "billing.closing.confirm",
    }
    ordering_fields = ["business_date", "status", "difference"]

    def create(self, request, *args, **kwargs):
        access = get_access(request)
        body = serializers.CloseDaySerializer(data=request_data(request))
        body.is_valid(raise_exception=True)
        day = timezone.localdate()
        existed = DailyClosing.objects.filter(
            community=access.community, cashier=request.user, business_date=day
        ).exists()
        done = closing.submit_closing(
            community=access.community,
            cashier=request.user,
            day=day,
            counted_cash=body.validated_data["counted_cash"],
            explanation=body.validated_data["explanation"],
            actor=request.user,
        )
        return self.respond(done, status.HTTP_200_OK if existed else status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=serializers.DailyClosingSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """Confirm a submitted closing (not one's own): the day stays locked."""
        done = closing.confirm_closing(self.get_object(), actor=request.user)
        return self.respond(done)

    @extend_schema(
        request=serializers.ReturnClosingSerializer,
        responses=serializers.DailyClosingSerializer,
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_closing(self, request, pk=None):
        """Send a submitted closing back with the reason: the day opens again for fixing."""
        day = self.get_object()
        body = serializers.ReturnClosingSerializer(data=request_data(request))
        body.is_valid(raise_exception=True)
        done = closing.return_closing(
            day, reason=body.validated_data["return_reason"], actor=request.user
        )
        return self.respond(done)

    @extend_schema(
        request=serializers.BankDepositSerializer, responses=serializers.DailyClosingSerializer
    )
    @action(detail=True, methods=["post"], url_path="bank-deposit", url_name="bank-deposit")
    def bank_deposit(self, request, pk=None):
        """Record the cash of a confirmed closing handed to the bank (at most the cash counted)."""
        day = self.get_object()
        body = serializers.BankDepositSerializer(data=request_data(request))
        body.is_valid(raise_exception=True)
        data = body.validated_data
        done = closing.record_bank_deposit(
            day,
            amount=data["bank_amount"],
            reference=data["bank_reference"],
            date=data["bank_date"],
            actor=request.user,
        )
        return self.respond(done)


# --- Arrears and collection rates (BIL-14, BIL-15) ------------------------------------------------


class ReportViewSet(viewsets.ViewSet):
    """A report of the current service center: figures, not records (one object per GET,
    routed in urls.py — a router's `list` would be documented as an array)."""

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
        responses=serializers.ArrearsSerializer,
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
        data = serializers.ArrearsSerializer(
            {"as_of": as_of, "count": len(rows), "total": sum((row["owed"] for row in rows), ZERO)}
        ).data
        data["results"] = plain_rows(serializers.ArrearsUnitSerializer, rows)
        return Response(data)

    @extend_schema(
        parameters=[serializers.AgingQuerySerializer],
        responses=serializers.AgingSerializer,
        summary="Arrears by building or zone in aging buckets",
    )
    def aging(self, request):
        """Arrears per building (or zone) in buckets of days past the due date."""
        group = self.query(serializers.AgingQuerySerializer)["group"]
        as_of = timezone.localdate()
        rows, labels = reports.aging(self.bills(), as_of=as_of, group_by=group)
        return Response(
            serializers.AgingSerializer(
                {"as_of": as_of, "group": group, "labels": labels, "results": rows}
            ).data
        )


class CollectionRateViewSet(ReportViewSet):
    """Collection rates (BIL-15) of a month: 当期收缴率 (collected by the month's end on its
    bills ÷ its receivable), 清欠率 (earlier arrears recovered in the month ÷ earlier arrears
    at its start) and 户收费率 (units fully paid ÷ units billed). Developer bills are left out;
    prepayment counts once it settles a bill."""

    @extend_schema(
        parameters=[serializers.CollectionRatesQuerySerializer],
        responses=serializers.CollectionRatesSerializer,
        summary="Collection rates of a month",
    )
    def rates(self, request):
        query = self.query(serializers.CollectionRatesQuerySerializer)
        period = month_start(query.get("period") or timezone.localdate())
        group = query.get("group") or None
        community = get_access(request).community
        rows = reports.collection_rates(community, period, group_by=group)
        total = reports.collection_rates(community, period)[0] if group else None
        return Response(
            serializers.CollectionRatesSerializer(
                {"period": f"{period:%Y-%m}", "group": group, "results": rows, "total": total}
            ).data
        )


class ArrearsSnapshotViewSet(ScopedReadOnlyViewSet):
    """Arrears month by month (BIL-14), newest first."""

    queryset = ArrearsSnapshot.objects.all()
    serializer_class = serializers.ArrearsSnapshotSerializer
    perm_prefix = "billing.arrears"
    ordering_fields = ["month"]


class CollectionVisitViewSet(ScopedViewSet):
    """Door-to-door collection visits (BIL-13). `unit` takes the id or "3-2-1501"."""

    queryset = CollectionAppointment.objects.all()
    serializer_class = serializers.CollectionVisitSerializer
    filterset_class = filtersets.CollectionAppointmentFilterSet
    form_class = forms.CollectionAppointmentForm
    perm_prefix = "billing.visit"
    related = ("unit",)
    ordering_fields = ["scheduled_for"]


class DunningContactViewSet(ScopedViewSet):
    """The dunning log (BIL-14): calls, visits, SMS and letters, and promises to pay.
    `promise=broken` lists promises whose date has passed while the unit still owes."""

    queryset = DunningContact.objects.all()
    serializer_class = serializers.DunningContactSerializer
    filterset_class = filtersets.DunningContactFilterSet
    form_class = forms.DunningContactForm
    perm_prefix = "billing.dunning"
    related = ("unit", "created_by")
    ordering_fields = ["contacted_at", "promised_date"]
