"""The API of the cashier's daily closing."""

from typing import cast

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action

from wuye.core.access import get_access
from wuye.core.api.base import ScopedViewSet
from wuye.org.models import Community

from ... import closing, filtersets
from ...models import DailyClosing
from ..serializers.closing import (
    BankDepositSerializer,
    CloseDaySerializer,
    DailyClosingSerializer,
    ReturnClosingSerializer,
)
from .common import ObjectActionPermissionMixin, request_data

# --- Daily closing (BIL-12) ---------------------------------------------------------------------


@extend_schema_view(
    create=extend_schema(
        request=CloseDaySerializer,
        responses={
            201: DailyClosingSerializer,
            200: DailyClosingSerializer,
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
    serializer_class = DailyClosingSerializer
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
        body = CloseDaySerializer(data=request_data(request))
        body.is_valid(raise_exception=True)
        day = timezone.localdate()
        existed = DailyClosing.objects.filter(
            community=cast(Community, access.community), cashier=request.user, business_date=day
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

    @extend_schema(request=None, responses=DailyClosingSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """Confirm a submitted closing (not one's own): the day stays locked."""
        done = closing.confirm_closing(self.get_object(), actor=request.user)
        return self.respond(done)

    @extend_schema(
        request=ReturnClosingSerializer,
        responses=DailyClosingSerializer,
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_closing(self, request, pk=None):
        """Send a submitted closing back with the reason: the day opens again for fixing."""
        day = self.get_object()
        body = ReturnClosingSerializer(data=request_data(request))
        body.is_valid(raise_exception=True)
        done = closing.return_closing(
            day, reason=body.validated_data["return_reason"], actor=request.user
        )
        return self.respond(done)

    @extend_schema(request=BankDepositSerializer, responses=DailyClosingSerializer)
    @action(detail=True, methods=["post"], url_path="bank-deposit", url_name="bank-deposit")
    def bank_deposit(self, request, pk=None):
        """Record the cash of a confirmed closing handed to the bank (at most the cash counted)."""
        day = self.get_object()
        body = BankDepositSerializer(data=request_data(request))
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
