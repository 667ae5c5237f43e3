"""The API of deposits, refunds and waivers: requests and finance's decisions."""

import django_filters
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status

from wuye.core.access import get_access
from wuye.core.api.base import ScopedReadOnlyViewSet, ScopedViewSet, bind_form
from wuye.core.api.commands import command_actions
from wuye.core.api.fields import form_serializer
from wuye.estate.models import Unit
from wuye.org.models import signed_in

from ... import filtersets
from ...choices import RefundKind
from ...commands import DEPOSIT_COMMANDS, REFUND_COMMANDS, WAIVER_COMMANDS
from ...forms import PrepaymentRefundForm, WaiverForm
from ...models import Bill, Deposit, Refund, Waiver
from ...services.approvals import (
    request_refund,
    request_waiver,
)
from ..serializers.approvals import (
    DepositSerializer,
    RefundSerializer,
    WaiverSerializer,
)
from .common import ObjectActionPermissionMixin

# --- Deposits, refunds, waivers (BIL-08..10) ----------------------------------------------------


class DepositFilterSet(filtersets.DepositFilterSet):
    unit = django_filters.ModelChoiceFilter(label=gettext_lazy("unit"), queryset=Unit.objects.all())

    class Meta(filtersets.DepositFilterSet.Meta):
        fields = [*filtersets.DepositFilterSet.Meta.fields, "unit"]


@command_actions(DEPOSIT_COMMANDS, answers={"refund": (RefundSerializer, status.HTTP_201_CREATED)})
class DepositViewSet(ObjectActionPermissionMixin, ScopedReadOnlyViewSet):
    """Deposits held (BIL-09). Taken with POST payments/ (`purpose`: deposit); paid back with
    POST deposits/{id}/refund/, which finance approves under refunds/."""

    queryset = Deposit.objects.all()
    serializer_class = DepositSerializer
    filterset_class = DepositFilterSet
    perm_prefix = "billing.deposit"
    related = ("unit", "payment__receipt")
    http_method_names = ["get", "post", "head", "options"]
    object_action_perms = {"refund": "billing.refund.change"}
    ordering_fields = ["created_at", "amount", "status"]


class RefundFilterSet(filtersets.RefundFilterSet):
    unit = django_filters.ModelChoiceFilter(label=gettext_lazy("unit"), queryset=Unit.objects.all())

    class Meta(filtersets.RefundFilterSet.Meta):
        fields = [*filtersets.RefundFilterSet.Meta.fields, "unit"]


@extend_schema_view(
    create=extend_schema(
        request=form_serializer(PrepaymentRefundForm),
        responses={201: RefundSerializer},
        summary="Ask finance to pay back prepayment",
        description="At most the unit's prepayment balance; one request of a kind at a time. "
        "Deposits are asked for with POST deposits/{id}/refund/.",
    )
)
@command_actions(REFUND_COMMANDS)
class RefundViewSet(ObjectActionPermissionMixin, ScopedViewSet):
    """Refund requests (BIL-08, BIL-09), decided by the finance administrator (FIN) with
    POST refunds/{id}/decide/ — not by the person who asked."""

    queryset = Refund.objects.all()
    serializer_class = RefundSerializer
    filterset_class = RefundFilterSet
    perm_prefix = "billing.refund"
    related = ("unit",)
    http_method_names = ["get", "post", "head", "options"]
    object_action_perms = {"decide": "billing.refund.approve", "pay_out": "billing.refund.pay"}
    ordering_fields = ["created_at", "amount", "status"]

    def create(self, request, *args, **kwargs):
        # The counter page's form: the same checks and words.
        data = bind_form(PrepaymentRefundForm, request, access=get_access(request)).cleaned_data
        refund = request_refund(
            unit=data["unit"],
            kind=RefundKind.PREPAYMENT,
            amount=data["amount"],
            reason=data["reason"],
            actor=signed_in(request.user),
        )
        return self.respond(refund, status.HTTP_201_CREATED)


class WaiverFilterSet(filtersets.WaiverFilterSet):
    bill = django_filters.ModelChoiceFilter(label=gettext_lazy("bill"), queryset=Bill.objects.all())

    class Meta(filtersets.WaiverFilterSet.Meta):
        fields = [*filtersets.WaiverFilterSet.Meta.fields, "bill"]


@extend_schema_view(
    create=extend_schema(
        request=form_serializer(WaiverForm),
        responses={201: WaiverSerializer},
        summary="Ask the manager to waive part of a bill line",
    )
)
@command_actions(WAIVER_COMMANDS)
class WaiverViewSet(ObjectActionPermissionMixin, ScopedViewSet):
    """Waivers and discounts (减免, BIL-10): requested here, decided by the project manager
    with POST waivers/{id}/decide/. Approved, the bill gets a negative line with the reason."""

    queryset = Waiver.objects.all()
    serializer_class = WaiverSerializer
    filterset_class = WaiverFilterSet
    perm_prefix = "billing.waiver"
    related = ("bill", "line__fee_item")
    http_method_names = ["get", "post", "head", "options"]
    object_action_perms = {"decide": "billing.waiver.approve"}
    ordering_fields = ["created_at", "amount", "status"]

    def create(self, request, *args, **kwargs):
        # The bill page's form: the same checks and words.
        data = bind_form(WaiverForm, request, access=get_access(request)).cleaned_data
        waiver = request_waiver(
            line=data["line"],
            amount=data["amount"],
            reason=data["reason"],
            actor=signed_in(request.user),
        )
        return self.respond(waiver, status.HTTP_201_CREATED)
