from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("seals", views.SealViewSet, basename="seal")
router.register("seal-uses", views.SealUseViewSet, basename="sealuse")
router.register("numbered-books", views.NumberedBookViewSet, basename="numberedbook")
router.register("month-closes", views.MonthCloseViewSet, basename="monthclose")
router.register("fund-accounts", views.FundAccountViewSet, basename="fundaccount")
router.register("journal-entries", views.JournalEntryViewSet, basename="journalentry")
router.register("petty-advances", views.PettyAdvanceViewSet, basename="pettyadvance")
router.register("fixed-assets", views.FixedAssetViewSet, basename="fixedasset")
router.register("stocktakes", views.StocktakeViewSet, basename="stocktake")
router.register("disclosures", views.DisclosureViewSet, basename="disclosure")
router.register("contracts", views.ContractViewSet, basename="contract")
router.register(
    "contract-instalments", views.ContractInstalmentViewSet, basename="contractinstalment"
)
router.register("budgets", views.BudgetViewSet, basename="budget")
router.register("expense-categories", views.ExpenseCategoryViewSet, basename="expensecategory")
router.register("expense-claims", views.ExpenseClaimViewSet, basename="expenseclaim")
router.register("invoices", views.InvoiceViewSet, basename="invoice")
router.register("cash-limit-breaches", views.CashLimitBreachViewSet, basename="cashlimitbreach")

urlpatterns = [
    path("ledger/", views.LedgerViewSet.as_view({"get": "show"}), name="ledger"),
    path(
        "reconciliation/",
        views.ReconciliationViewSet.as_view({"get": "show"}),
        name="reconciliation",
    ),
    path(
        "budget-execution/",
        views.BudgetExecutionViewSet.as_view({"get": "show"}),
        name="budget-execution",
    ),
    path(
        "invoice-reconciliation/",
        views.InvoiceReconciliationViewSet.as_view({"get": "show"}),
        name="invoice-reconciliation",
    ),
    *router.urls,
]
