"""The API of billing runs (preview, confirm, cancel) and bills."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from wuye.core.access import get_access
from wuye.core.api.base import (
    ScopedReadOnlyViewSet,
    ScopedViewSet,
    bind_form,
    body_for_form,
    validated_form,
)
from wuye.core.api.fields import form_serializer

from ... import filtersets, forms
from ...models import Bill, BillingRun, BillLine
from ...services.runs import cancel_run, confirm_run, preview_run
from ..serializers.runs import BillingRunSerializer, BillSerializer


@extend_schema_view(
    create=extend_schema(
        request=form_serializer(forms.RunForm, optional=("fee_items",)),
        responses={201: BillingRunSerializer},
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
    serializer_class = BillingRunSerializer
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
        run = preview_run(
            community=access.community,
            period=form.cleaned_data["period"],
            months=form.cleaned_data.get("months"),
            fee_items=form.cleaned_data["fee_items"] or None,
            actor=request.user,
        )
        return self.respond(run, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={202: BillingRunSerializer})
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """Confirm the preview: the run is queued and issues its bills in the background
        (follow `status` and `progress_done`/`progress_total`). A failed run may be confirmed
        again."""
        run = confirm_run(self.get_object(), actor=request.user)
        return self.respond(run, status.HTTP_202_ACCEPTED)

    @extend_schema(request=form_serializer(forms.CancelRunForm), responses=BillingRunSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel a previewed run, or a done run none of whose bills is paid: its bills are
        cancelled and the period can be billed again."""
        run = self.get_object()
        form = bind_form(forms.CancelRunForm, request)
        run = cancel_run(run, reason=form.cleaned_data["cancel_reason"], actor=request.user)
        return self.respond(run)


class BillViewSet(ScopedReadOnlyViewSet):
    """Bills (账单) with their lines; `outstanding` is what remains to be paid."""

    queryset = Bill.objects.all()
    serializer_class = BillSerializer
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
