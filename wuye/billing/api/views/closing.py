"""The API of the cashier's daily closing."""

from typing import cast

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status

from wuye.core.access import get_access
from wuye.core.api.base import ScopedViewSet, bind_form
from wuye.core.api.commands import command_actions
from wuye.core.api.fields import form_serializer
from wuye.org.models import Community

from ... import closing, filtersets
from ...commands import CLOSING_COMMANDS
from ...forms import CloseDayForm
from ...models import DailyClosing
from ..serializers.closing import DailyClosingSerializer
from .common import ObjectActionPermissionMixin

# --- Daily closing (BIL-12) ---------------------------------------------------------------------


@extend_schema_view(
    create=extend_schema(
        request=form_serializer(CloseDayForm),
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
@command_actions(CLOSING_COMMANDS)
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
        data = bind_form(CloseDayForm, request).cleaned_data
        day = timezone.localdate()
        existed = DailyClosing.objects.filter(
            community=cast(Community, access.community), cashier=request.user, business_date=day
        ).exists()
        done = closing.submit_closing(
            community=access.community,
            cashier=request.user,
            day=day,
            counted_cash=data["counted_cash"],
            explanation=data["explanation"],
            actor=request.user,
        )
        return self.respond(done, status.HTTP_200_OK if existed else status.HTTP_201_CREATED)
