"""Finance's menu group (found by `CoreConfig.ready`, like every app's menus.py)."""

from django.utils.translation import gettext_lazy as _

from wuye.core.menu import MenuItem, register_group

register_group(
    "finance",
    _("Finance office"),
    "ti-building-bank",
    320,
    [
        MenuItem(
            _("Expense claims"), "finance:expenseclaim_list", "finance.claim.view", "ti-receipt"
        ),
        MenuItem(_("Invoices"), "finance:invoice_list", "finance.invoice.view", "ti-file-invoice"),
        MenuItem(
            _("Invoiced vs collected"),
            "finance:invoice_reconciliation",
            "finance.invoice.view_all",
            "ti-scale",
        ),
        MenuItem(
            _("Money accounts"), "finance:fundaccount_list", "finance.account.view", "ti-wallet"
        ),
        MenuItem(
            _("Cash and bank journal"),
            "finance:journalentry_list",
            "finance.journal.view",
            "ti-list-numbers",
        ),
        MenuItem(
            _("Petty cash advances"),
            "finance:pettyadvance_list",
            "finance.advance.view",
            "ti-cash",
        ),
        MenuItem(
            _("Cash limit breaches"),
            "finance:cashlimitbreach_list",
            "finance.account.view",
            "ti-alert-triangle",
        ),
        MenuItem(
            _("Contracts"), "finance:contract_list", "finance.contract.view", "ti-file-certificate"
        ),
        MenuItem(
            _("Contract instalments"),
            "finance:contractinstalment_list",
            "finance.contract.view",
            "ti-calendar-due",
        ),
        MenuItem(_("Fixed assets"), "finance:fixedasset_list", "finance.asset.view", "ti-armchair"),
        MenuItem(
            _("Depreciation of the month"),
            "finance:depreciation",
            "finance.asset.view",
            "ti-trending-down",
        ),
        MenuItem(
            _("Stocktakes"), "finance:stocktake_list", "finance.stocktake.view", "ti-checklist"
        ),
        MenuItem(
            _("Disclosures to owners"),
            "finance:disclosure_list",
            "finance.disclosure.view",
            "ti-speakerphone",
        ),
        MenuItem(_("Budgets"), "finance:budget_list", "finance.budget.view", "ti-report-money"),
        MenuItem(
            _("Budget execution"),
            "finance:budget_execution",
            "finance.budget.view",
            "ti-chart-bar",
        ),
        MenuItem(_("Month ledger"), "finance:ledger_current", "finance.ledger.view", "ti-book-2"),
        MenuItem(_("Month closes"), "finance:monthclose_list", "finance.ledger.view", "ti-lock"),
        MenuItem(
            _("Developer account"),
            "finance:developer_account",
            "finance.ledger.view",
            "ti-building-skyscraper",
        ),
        MenuItem(
            _("Receipt and cheque books"),
            "finance:numberedbook_list",
            "finance.book.view",
            "ti-notebook",
        ),
        MenuItem(_("Seal use log"), "finance:sealuse_list", "finance.seal.view", "ti-stamp"),
        MenuItem(_("Seals"), "finance:seal_list", "finance.seal.view", "ti-rubber-stamp"),
        MenuItem(
            _("Expense categories"),
            "finance:expensecategory_list",
            "finance.category.view",
            "ti-category",
        ),
        MenuItem(
            _("Invoicing settings"),
            "finance:invoice_settings",
            "finance.invoice.view_all",
            "ti-receipt-tax",
        ),
        MenuItem(_("Finance settings"), "finance:settings", "finance.account.view", "ti-settings"),
    ],
)
