import datetime as dt

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from wuye.billing.api.views.reports import ReportViewSet
from wuye.core.access import get_access
from wuye.core.api.base import ScopedReadOnlyViewSet, ScopedViewSet
from wuye.core.api.commands import command_actions

from .. import filtersets, forms
from ..commands import BOOK_COMMANDS
from ..models import MonthClose, NumberedBook, Seal, SealUse
from ..services import closing, ledger, registers
from ..views.ledger import parse_month
from . import serializers


class SealViewSet(ScopedViewSet):
    """The seals (FIN-10); a seal out of use is marked so, never deleted."""

    queryset = Seal.objects.all()
    serializer_class = serializers.SealSerializer
    filterset_class = filtersets.SealFilterSet
    form_class = forms.SealForm
    perm_prefix = "finance.seal"
    http_method_names = ["get", "post", "put", "patch", "head", "options"]


class SealUseViewSet(ScopedViewSet):
    """The seal use log: POST seal-uses/ logs one (document, purpose, applicant, approver —
    never the applicant himself); entries are not changed or deleted."""

    queryset = SealUse.objects.all()
    serializer_class = serializers.SealUseSerializer
    filterset_class = filtersets.SealUseFilterSet
    form_class = forms.SealUseForm
    perm_prefix = "finance.seal"
    http_method_names = ["get", "post", "head", "options"]
    create_service = registers.log_seal_use


@command_actions(BOOK_COMMANDS)
class NumberedBookViewSet(ScopedViewSet):
    """Receipt and cheque books (FIN-10): POST numbered-books/ receives one (its range may not
    overlap another's); …/{id}/issue/, …/record-number/ (each number once), …/return/."""

    queryset = NumberedBook.objects.all()
    serializer_class = serializers.NumberedBookSerializer
    filterset_class = filtersets.NumberedBookFilterSet
    form_class = forms.NumberedBookForm
    perm_prefix = "finance.book"
    prefetch = ("numbers",)
    http_method_names = ["get", "post", "head", "options"]
    create_service = registers.add_book


# --- The month's ledger, reconciliation and close (FIN-02, FIN-06) -----------------------------


class MonthReportViewSet(ReportViewSet):
    """One month's figures of the current service center (?month=YYYY-MM)."""

    permission = "finance.ledger.view"

    def month(self):
        text = self.query(serializers.MonthQuerySerializer).get("month")
        return parse_month(text, timezone.localdate())


class LedgerViewSet(MonthReportViewSet):
    @extend_schema(
        parameters=[serializers.MonthQuerySerializer],
        responses=serializers.LedgerSerializer,
        summary="The month's ledger (应收/欠收/预收)",
        description="Receivables by fee item and payer kind: opening + billed − waived − "
        "cancelled − collected = closing; arrears (receivables of bills due by the month's "
        "end); prepaid with its movements. Movements are dated when they were written.",
    )
    def show(self, request):
        month = self.month()
        book = ledger.ledger(self.access.community, month)
        close = MonthClose.objects.for_access(self.access).filter(month=month).first()
        return Response(
            serializers.LedgerSerializer(
                {
                    "month": f"{month:%Y-%m}",
                    "status": close.status if close else "open",
                    "receivable": book.rows(),
                    "totals": book.totals(),
                    "arrears_opening": book.arrears_opening,
                    "arrears_closing": book.arrears_closing,
                    "prepaid": book.prepaid,
                }
            ).data
        )


class ReconciliationViewSet(MonthReportViewSet):
    @extend_schema(
        parameters=[serializers.MonthQuerySerializer],
        responses=serializers.ReconciliationSerializer,
        summary="The month's reconciliation (对账)",
        description="Every closing figure by the movements and by the records, the "
        "difference, and (when any) the records behind it.",
    )
    def show(self, request):
        month = self.month()
        result = ledger.reconcile(self.access.community, month)
        return Response(
            serializers.ReconciliationSerializer(
                {
                    "month": f"{month:%Y-%m}",
                    "balanced": result.balanced,
                    "checks": [
                        {
                            "label": str(check.label),
                            "by_movements": check.by_movements,
                            "by_records": check.by_records,
                            "difference": check.difference,
                        }
                        for check in result.checks
                    ],
                    "records": [{**r, "kind": str(r["kind"])} for r in result.records],
                }
            ).data
        )


class MonthCloseViewSet(ScopedReadOnlyViewSet):
    """Closed months (FIN-06). POST month-closes/close/ {"month": "YYYY-MM"} closes one (FIN;
    every cashier day confirmed, the reconciliation balanced); POST …/{id}/reopen/
    {"reason": …} reopens it (MGR)."""

    queryset = MonthClose.objects.all()
    serializer_class = serializers.MonthCloseSerializer
    perm_prefix = "finance.ledger"
    related = ("closed_by", "reopened_by")
    extra_action_perms = {"close": "close", "reopen": "reopen"}

    @extend_schema(
        request=serializers.CloseMonthSerializer,
        responses=serializers.MonthCloseSerializer,
        summary="Close a month",
    )
    @action(detail=False, methods=["post"])
    def close(self, request):
        body = serializers.CloseMonthSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        month = dt.date.fromisoformat(f"{body.validated_data['month']}-01")
        made = closing.close_month(
            community=get_access(request).community, month=month, actor=request.user
        )
        return Response(self.get_serializer(made).data)

    @extend_schema(
        request=serializers.ReopenMonthSerializer,
        responses=serializers.MonthCloseSerializer,
        summary="Reopen a closed month",
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        month = self.get_object()  # another community's month is a 404 whatever the body
        body = serializers.ReopenMonthSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        made = closing.reopen_month(month, reason=body.validated_data["reason"], actor=request.user)
        return Response(self.get_serializer(made).data)
