from django.urls import path

from .views import budgets, cash, claims, contracts, ledger, registers

app_name = "finance"

urlpatterns = [
    path("ledger/", ledger.LedgerView.as_view(), name="ledger_current"),
    path("ledger/<int:year>/<int:month>/", ledger.LedgerView.as_view(), name="ledger"),
    path(
        "ledger/<int:year>/<int:month>/reconciliation/",
        ledger.ReconciliationView.as_view(),
        name="reconciliation",
    ),
    path("developer/", ledger.DeveloperAccountView.as_view(), name="developer_account"),
    path("month-closes/", ledger.MonthCloseListView.as_view(), name="monthclose_list"),
    path("accounts/", cash.FundAccountListView.as_view(), name="fundaccount_list"),
    path("accounts/add/", cash.FundAccountEditView.as_view(), name="fundaccount_add"),
    path("accounts/<int:pk>/", cash.FundAccountDetailView.as_view(), name="fundaccount_detail"),
    path("accounts/<int:pk>/edit/", cash.FundAccountEditView.as_view(), name="fundaccount_edit"),
    path("journal/", cash.JournalEntryListView.as_view(), name="journalentry_list"),
    path("journal/add/", cash.JournalEntryEditView.as_view(), name="journalentry_add"),
    path("journal/<int:pk>/", cash.JournalEntryDetailView.as_view(), name="journalentry_detail"),
    path("advances/", cash.PettyAdvanceListView.as_view(), name="pettyadvance_list"),
    path("advances/add/", cash.PettyAdvanceEditView.as_view(), name="pettyadvance_add"),
    path("advances/<int:pk>/", cash.PettyAdvanceDetailView.as_view(), name="pettyadvance_detail"),
    path(
        "cash-limit-breaches/",
        cash.CashLimitBreachListView.as_view(),
        name="cashlimitbreach_list",
    ),
    path("settings/", cash.FinanceSettingsView.as_view(), name="settings"),
    path("contracts/", contracts.ContractListView.as_view(), name="contract_list"),
    path("contracts/add/", contracts.ContractEditView.as_view(), name="contract_add"),
    path("contracts/<int:pk>/", contracts.ContractDetailView.as_view(), name="contract_detail"),
    path(
        "instalments/",
        contracts.ContractInstalmentListView.as_view(),
        name="contractinstalment_list",
    ),
    path(
        "instalments/<int:pk>/",
        contracts.ContractInstalmentDetailView.as_view(),
        name="contractinstalment_detail",
    ),
    path("budgets/", budgets.BudgetListView.as_view(), name="budget_list"),
    path("budgets/add/", budgets.BudgetEditView.as_view(), name="budget_add"),
    path("budgets/<int:pk>/", budgets.BudgetDetailView.as_view(), name="budget_detail"),
    path("budget-execution/", budgets.BudgetExecutionView.as_view(), name="budget_execution"),
    path(
        "budget-execution/company/",
        budgets.CompanyBudgetView.as_view(),
        name="budget_company",
    ),
    path("claims/", claims.ExpenseClaimListView.as_view(), name="expenseclaim_list"),
    path("claims/add/", claims.ExpenseClaimEditView.as_view(), name="expenseclaim_add"),
    path("claims/<int:pk>/", claims.ExpenseClaimDetailView.as_view(), name="expenseclaim_detail"),
    path(
        "claim-documents/<int:pk>/",
        claims.ClaimDocumentFileView.as_view(),
        name="claimdocument_file",
    ),
    path("categories/", claims.ExpenseCategoryListView.as_view(), name="expensecategory_list"),
    path("categories/add/", claims.ExpenseCategoryEditView.as_view(), name="expensecategory_add"),
    path(
        "categories/<int:pk>/",
        claims.ExpenseCategoryDetailView.as_view(),
        name="expensecategory_detail",
    ),
    path(
        "categories/<int:pk>/edit/",
        claims.ExpenseCategoryEditView.as_view(),
        name="expensecategory_edit",
    ),
    path("seals/", registers.SealListView.as_view(), name="seal_list"),
    path("seals/add/", registers.SealEditView.as_view(), name="seal_add"),
    path("seals/<int:pk>/", registers.SealDetailView.as_view(), name="seal_detail"),
    path("seals/<int:pk>/edit/", registers.SealEditView.as_view(), name="seal_edit"),
    path("seal-uses/", registers.SealUseListView.as_view(), name="sealuse_list"),
    path("seal-uses/add/", registers.SealUseEditView.as_view(), name="sealuse_add"),
    path("seal-uses/<int:pk>/", registers.SealUseDetailView.as_view(), name="sealuse_detail"),
    path("books/", registers.NumberedBookListView.as_view(), name="numberedbook_list"),
    path("books/add/", registers.NumberedBookEditView.as_view(), name="numberedbook_add"),
    path(
        "books/<int:pk>/",
        registers.NumberedBookDetailView.as_view(),
        name="numberedbook_detail",
    ),
]
