import datetime as dt

from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from wuye.billing.api.views.reports import ReportViewSet
from wuye.core.access import get_access
from wuye.core.api.base import ScopedReadOnlyViewSet, ScopedViewSet
from wuye.core.api.commands import command_actions
from wuye.core.photos import document_response

from .. import filtersets, forms
from ..commands import (
    ACCOUNT_COMMANDS,
    ADVANCE_COMMANDS,
    ASSET_COMMANDS,
    BOOK_COMMANDS,
    BUDGET_COMMANDS,
    CLAIM_COMMANDS,
    CONTRACT_COMMANDS,
    DISCLOSURE_COMMANDS,
    ENTRY_COMMANDS,
    INSTALMENT_COMMANDS,
    INVOICE_COMMANDS,
    STOCKTAKE_COMMANDS,
)
from ..models import (
    Budget,
    CashLimitBreach,
    Contract,
    ContractInstalment,
    Disclosure,
    ExpenseCategory,
    ExpenseClaim,
    FixedAsset,
    FundAccount,
    Invoice,
    JournalEntry,
    MonthClose,
    NumberedBook,
    PettyAdvance,
    Seal,
    SealUse,
    Stocktake,
)
from ..services import (
    assets,
    budgets,
    cash,
    claims,
    closing,
    contracts,
    disclosure,
    invoice_reports,
    invoices,
    ledger,
    registers,
)
from ..views.cash import with_balances
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


# --- Cash, petty cash and bank (FIN-04, FIN-05) ------------------------------------------------


@command_actions(ACCOUNT_COMMANDS)
class FundAccountViewSet(ScopedViewSet):
    """The money accounts (cash on hand, petty cash floats, bank accounts) with today's
    balance. POST …/{id}/transfer/ moves money to another account (cash on hand only to a
    bank)."""

    queryset = FundAccount.objects.all()
    serializer_class = serializers.FundAccountSerializer
    filterset_class = filtersets.FundAccountFilterSet
    form_class = forms.FundAccountForm
    perm_prefix = "finance.account"
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    create_service = cash.add_account
    update_service = cash.change_account

    def get_queryset(self):
        return with_balances(super().get_queryset())


@command_actions(ENTRY_COMMANDS)
class JournalEntryViewSet(ScopedViewSet):
    """The cash and bank journals' entries (a cashier sees her own days' only). POST
    journal-entries/ writes one by hand (income; an expense — from petty cash or a bank, never
    from the counter's cash; bank charges or interest); POST …/{id}/reverse/ reverses one."""

    queryset = JournalEntry.objects.all()
    serializer_class = serializers.JournalEntrySerializer
    filterset_class = filtersets.JournalEntryFilterSet
    form_class = forms.JournalEntryForm
    perm_prefix = "finance.journal"
    http_method_names = ["get", "post", "head", "options"]
    create_service = cash.record_entry


@command_actions(ADVANCE_COMMANDS)
class PettyAdvanceViewSet(ScopedViewSet):
    """Advances from a petty cash float (借支): POST petty-advances/ pays one; POST
    …/{id}/settle/ settles it with what was spent."""

    queryset = PettyAdvance.objects.all()
    serializer_class = serializers.PettyAdvanceSerializer
    filterset_class = filtersets.PettyAdvanceFilterSet
    form_class = forms.PettyAdvanceForm
    perm_prefix = "finance.advance"
    http_method_names = ["get", "post", "head", "options"]
    create_service = cash.issue_advance


class CashLimitBreachViewSet(ScopedReadOnlyViewSet):
    """The times the cash on hand stood above its limit (FIN-04), the open one first."""

    queryset = CashLimitBreach.objects.all()
    serializer_class = serializers.CashLimitBreachSerializer
    filterset_class = filtersets.CashLimitBreachFilterSet
    perm_prefix = "finance.account"


# --- Expense claims (FIN-03) -------------------------------------------------------------------


class ExpenseCategoryViewSet(ScopedViewSet):
    """Expense categories with the documents a claim for each needs."""

    queryset = ExpenseCategory.objects.all()
    serializer_class = serializers.ExpenseCategorySerializer
    filterset_class = filtersets.ExpenseCategoryFilterSet
    form_class = forms.ExpenseCategoryForm
    perm_prefix = "finance.category"
    http_method_names = ["get", "post", "put", "patch", "head", "options"]


@command_actions(CLAIM_COMMANDS)
class ExpenseClaimViewSet(ScopedViewSet):
    """Expense claims (one's own; finance and the manager's office every one). POST
    expense-claims/ {"purpose"} makes a draft, numbered; then …/add-line/, …/attach/
    (multipart), …/submit/; finance …/review/; the manager …/approve/; the company
    …/company-approve/; …/reject/; finance …/pay/."""

    queryset = ExpenseClaim.objects.all()
    serializer_class = serializers.ExpenseClaimSerializer
    filterset_class = filtersets.ExpenseClaimFilterSet
    form_class = forms.ExpenseClaimForm
    perm_prefix = "finance.claim"
    prefetch = ("lines", "documents")
    http_method_names = ["get", "post", "head", "options"]
    create_service = claims.create_claim


# --- Budgets (FIN-08) --------------------------------------------------------------------------


@command_actions(BUDGET_COMMANDS)
class BudgetViewSet(ScopedViewSet):
    """Budget versions with their lines. POST budgets/ {"year"} starts a draft (a copy of the
    version in force, or the standard lines); …/{id}/import/ (multipart `file`) fills it from
    Excel; …/{id}/approve/ (the manager); …/{id}/revise/ starts a revision."""

    queryset = Budget.objects.all()
    serializer_class = serializers.BudgetSerializer
    filterset_class = filtersets.BudgetFilterSet
    form_class = forms.BudgetForm
    perm_prefix = "finance.budget"
    prefetch = ("lines__fee_items",)
    http_method_names = ["get", "post", "head", "options"]
    create_service = budgets.start_budget


class BudgetExecutionViewSet(ReportViewSet):
    permission = "finance.budget.view"

    @extend_schema(
        parameters=[serializers.ExecutionQuerySerializer],
        responses=serializers.ExecutionSerializer,
        summary="Budget execution (预算执行)",
        description="The budget in force against the actuals by line: the month and the year "
        "to date, variance and rate; `off` when off by more than the threshold.",
    )
    def show(self, request):
        query = self.query(serializers.ExecutionQuerySerializer)
        today = timezone.localdate()
        year, month = query.get("year") or today.year, query.get("month") or today.month
        report = budgets.execution(self.access.community, year, month)
        return Response(
            serializers.ExecutionSerializer(
                {
                    "year": year,
                    "month": month,
                    "budget": report["budget"].pk if report["budget"] else None,
                    "threshold": report["threshold"],
                    "rows": report["rows"],
                }
            ).data
        )


# --- Contracts (FIN-09) ------------------------------------------------------------------------


@command_actions(CONTRACT_COMMANDS)
class ContractViewSet(ScopedViewSet):
    """Income and expense contracts with their instalments and documents. POST contracts/ enters
    one (its schedule made from `amount`, the period and `schedule`); …/{id}/attach/ (multipart),
    …/{id}/terminate/, …/{id}/renew/."""

    queryset = Contract.objects.all()
    serializer_class = serializers.ContractSerializer
    filterset_class = filtersets.ContractFilterSet
    form_class = forms.ContractForm
    perm_prefix = "finance.contract"
    prefetch = ("instalments", "documents")
    http_method_names = ["get", "post", "head", "options"]
    create_service = contracts.create_contract


@command_actions(INSTALMENT_COMMANDS)
class ContractInstalmentViewSet(ScopedReadOnlyViewSet):
    """Contract instalments (?when=soon: due within 30 days; ?when=overdue). POST
    …/{id}/settle/ receives or pays one through a bank account or petty cash."""

    queryset = ContractInstalment.objects.all()
    serializer_class = serializers.ContractInstalmentSerializer
    filterset_class = filtersets.ContractInstalmentFilterSet
    perm_prefix = "finance.contract"


# --- Fixed assets (FIN-07) ---------------------------------------------------------------------


@command_actions(ASSET_COMMANDS)
class FixedAssetViewSet(ScopedViewSet):
    """The fixed asset register. POST fixed-assets/ registers one; …/{id}/transfer/,
    …/{id}/dispose/."""

    queryset = FixedAsset.objects.all()
    serializer_class = serializers.FixedAssetSerializer
    filterset_class = filtersets.FixedAssetFilterSet
    form_class = forms.FixedAssetForm
    perm_prefix = "finance.asset"
    http_method_names = ["get", "post", "head", "options"]
    create_service = assets.add_asset


@command_actions(STOCKTAKE_COMMANDS)
class StocktakeViewSet(ScopedViewSet):
    """Stocktakes: POST stocktakes/ starts one; …/{id}/check/ {"tag", "result"}; …/{id}/close/."""

    queryset = Stocktake.objects.all()
    serializer_class = serializers.StocktakeSerializer
    filterset_class = filtersets.StocktakeFilterSet
    form_class = forms.StocktakeForm
    perm_prefix = "finance.stocktake"
    prefetch = ("items__asset",)
    http_method_names = ["get", "post", "head", "options"]
    create_service = assets.start_stocktake


@command_actions(DISCLOSURE_COMMANDS)
class DisclosureViewSet(ScopedViewSet):
    """Disclosures to owners (FIN-11): POST disclosures/ drafts one, PUT/PATCH corrects a draft;
    …/{id}/publish/ (the manager) freezes its figures and publishes it; a published one is never
    changed."""

    queryset = Disclosure.objects.all()
    serializer_class = serializers.DisclosureSerializer
    filterset_class = filtersets.DisclosureFilterSet
    form_class = forms.DisclosureForm
    perm_prefix = "finance.disclosure"
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    create_service = disclosure.draft_disclosure
    update_service = disclosure.change_disclosure


# --- Invoices (FIN-07) -------------------------------------------------------------------------


@command_actions(INVOICE_COMMANDS)
class InvoiceViewSet(ScopedViewSet):
    """Invoices (发票), blue and red-letter. POST invoices/ asks for one: `payments` (ids of one
    unit's posted payments not yet invoiced), the buyer (`buyer_kind`, `buyer_name`, and for a
    company `buyer_tax_number`, its unified social credit code) and `invoice_class`; it answers
    at once with the request (`status` "requested") and the tax system issues it shortly after.
    …/{id}/retry/ asks again; …/{id}/reverse/ {"reason"} reverses an issued one by a red-letter
    invoice; …/{id}/file/ is the issued invoice's PDF. A cashier sees the invoices she asked for."""

    queryset = Invoice.objects.all()
    serializer_class = serializers.InvoiceSerializer
    filterset_class = filtersets.InvoiceFilterSet
    form_class = forms.InvoiceRequestForm
    perm_prefix = "finance.invoice"
    related = ("unit",)
    prefetch = ("lines", "links")
    http_method_names = ["get", "post", "head", "options"]
    create_service = invoices.request_invoice
    extra_action_perms = {"create": "issue", "file": "view"}

    @extend_schema(
        responses={(200, "application/pdf"): bytes},
        summary="The issued invoice's file (PDF)",
    )
    @action(detail=True, methods=["get"])
    def file(self, request, pk=None):
        invoice = self.get_object()
        if not invoice.file:
            raise Http404
        return document_response(invoice.file)


class InvoiceReconciliationViewSet(MonthReportViewSet):
    permission = "finance.invoice.view_all"

    @extend_schema(
        parameters=[serializers.MonthQuerySerializer],
        responses=serializers.InvoiceReconciliationSerializer,
        summary="The month's invoiced vs collected",
        description="What the month's payments (still posted) settled, by fee item: invoiced, "
        "being issued, not invoiced yet, not invoiced here; the blue and red-letter invoices "
        "issued in the month; the ids of invoices that do not add up to their payments.",
    )
    def show(self, request):
        result = invoice_reports.reconcile(self.access.community, self.month())
        return Response(
            serializers.InvoiceReconciliationSerializer(
                {
                    "month": f"{result.month:%Y-%m}",
                    "balanced": result.balanced,
                    "rows": result.rows,
                    "totals": result.totals,
                    "not_sales": result.not_sales,
                    "issued": result.issued,
                    "reversed": result.reversed,
                    "net": result.net,
                    "mismatched": [invoice.pk for invoice in result.mismatched],
                }
            ).data
        )
