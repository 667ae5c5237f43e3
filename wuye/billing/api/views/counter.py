"""The cashier counter's API (BIL-06..08, BIL-11): payments, receipts, prepayment entries.

Money records are append-only: every write goes through a service, never through a
serializer's save()."""

import django_filters
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from wuye.core.api.base import ScopedReadOnlyViewSet, ScopedViewSet
from wuye.core.api.commands import command_actions, run_command
from wuye.core.api.fields import form_serializer
from wuye.core.filtersets import BaseFilterSet
from wuye.estate.models import Unit

from ... import filtersets
from ...choices import WalletEntryKind
from ...commands import COLLECT, PAYMENT_COMMANDS
from ...forms import CollectForm
from ...models import Allocation, Payment, Receipt, WalletEntry
from ...services.ledger import wallet_balance
from ..serializers.counter import (
    PaymentSerializer,
    ReceiptSerializer,
    WalletBalanceQuerySerializer,
    WalletBalanceSerializer,
    WalletEntrySerializer,
)
from .common import ObjectActionPermissionMixin, request_data


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
        request=form_serializer(CollectForm),
        responses={
            201: PaymentSerializer,
            200: PaymentSerializer,
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
@command_actions(PAYMENT_COMMANDS)
class PaymentViewSet(ObjectActionPermissionMixin, ScopedViewSet):
    """Payments (BIL-06, BIL-07) with their receipts and allocations (核销). Collected with
    POST payments/, voided with POST payments/{id}/void/; never edited or deleted."""

    queryset = Payment.objects.all()
    serializer_class = PaymentSerializer
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
        data = dict(request_data(request))
        header = request.headers.get("Idempotency-Key")
        if header:
            data["idempotency_key"] = header
        payment = run_command(COLLECT, None, request, data)
        # The same key and body again (a retry, a double click): the first payment, 200.
        # The same key with another body was refused by the service (409).
        replayed = getattr(payment, "replayed", False)
        return self.respond(payment, status.HTTP_200_OK if replayed else status.HTTP_201_CREATED)


class ReceiptFilterSet(BaseFilterSet):
    search_fields = ("number", "payment__unit__code")

    class Meta:
        model = Receipt
        fields = ["payment"]


class ReceiptViewSet(ScopedReadOnlyViewSet):
    """Receipts (收据): one per payment, numbered without gaps; a void keeps the number."""

    queryset = Receipt.objects.all()
    serializer_class = ReceiptSerializer
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
    serializer_class = WalletEntrySerializer
    filterset_class = WalletEntryFilterSet
    perm_prefix = "billing.payment"
    related = ("unit",)
    ordering_fields = ["created_at", "amount", "kind"]

    @extend_schema(
        parameters=[WalletBalanceQuerySerializer],
        responses=WalletBalanceSerializer,
    )
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def balance(self, request):
        """The prepayment balance of a unit of the current service center."""
        query = WalletBalanceQuerySerializer(
            data=request.query_params, context=self.get_serializer_context()
        )
        query.is_valid(raise_exception=True)
        unit = query.validated_data["unit"]
        return Response(
            WalletBalanceSerializer({"unit": unit.pk, "balance": wallet_balance(unit)}).data
        )
