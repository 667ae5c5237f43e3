"""Who may see and do what in the finance office (registered when the app is ready)."""

from django.utils.translation import gettext_lazy as _

from wuye.core.roles import ALL_POSTS, AST, CSH, FIN, MGR, register_permissions

register_permissions(
    [
        ("finance.seal.view", _("View the seals and their use log"), {MGR, AST, FIN}),
        ("finance.seal.change", _("Keep the seals and log their use"), {MGR, AST, FIN}),
        ("finance.book.view", _("View receipt books and cheque books"), {MGR, AST, FIN}),
        (
            "finance.book.change",
            _("Receive, issue and take back receipt and cheque books; record their numbers"),
            {MGR, FIN},
        ),
        (
            "finance.ledger.view",
            _("View the month's ledger, reconciliation and the developer's account"),
            {MGR, AST, FIN},
        ),
        ("finance.ledger.close", _("Close a month (month-end close)"), {FIN}),
        ("finance.ledger.reopen", _("Reopen a closed month, with a reason"), {MGR}),
        (
            "finance.account.view",
            _("View the money accounts, their journals and balances"),
            {MGR, AST, FIN},
        ),
        ("finance.account.change", _("Open and keep money accounts"), {MGR, FIN}),
        (
            "finance.journal.view",
            _("View journal entries (a cashier: her own days' takings only)"),
            {MGR, AST, FIN, CSH},
        ),
        (
            "finance.journal.view_all",
            _("View every journal entry (not only one's own days' takings)"),
            {MGR, AST, FIN},
        ),
        ("finance.advance.view", _("View petty cash advances"), {MGR, AST, FIN}),
        ("finance.advance.change", _("Pay and settle petty cash advances"), {FIN}),
        (
            "finance.journal.change",
            _("Write journal entries, transfers and petty cash advances"),
            {FIN},
        ),
        ("finance.settings.change", _("Change the finance settings (cash limit)"), {MGR, FIN}),
        ("finance.claim.view", _("View expense claims (one's own)"), set(ALL_POSTS)),
        ("finance.claim.view_all", _("View every expense claim"), {MGR, AST, FIN}),
        ("finance.claim.change", _("Make and submit one's own expense claims"), set(ALL_POSTS)),
        ("finance.claim.review", _("Pre-review expense claims against the checklist"), {FIN}),
        ("finance.claim.approve", _("Approve expense claims"), {MGR}),
        (
            "finance.claim.company",
            _("Approve expense claims above the service center's amount (the company)"),
            set(),
        ),
        ("finance.claim.pay", _("Pay approved expense claims"), {FIN}),
        ("finance.budget.view", _("View budgets and their execution"), {MGR, AST, FIN}),
        ("finance.budget.change", _("Prepare budgets and their revisions"), {FIN}),
        ("finance.budget.approve", _("Approve budgets"), {MGR}),
        ("finance.asset.view", _("View the fixed assets and their depreciation"), {MGR, AST, FIN}),
        ("finance.asset.change", _("Keep the fixed asset register"), {FIN}),
        ("finance.stocktake.view", _("View stocktakes"), {MGR, AST, FIN}),
        ("finance.stocktake.change", _("Take stock of the assets"), {AST, FIN}),
        ("finance.disclosure.view", _("View disclosures to owners"), {MGR, AST, FIN}),
        ("finance.disclosure.change", _("Draft disclosures to owners"), {FIN}),
        ("finance.disclosure.publish", _("Approve and publish disclosures to owners"), {MGR}),
        ("finance.contract.view", _("View contracts and their instalments"), {MGR, AST, FIN}),
        (
            "finance.contract.change",
            _("Keep contracts; receive and pay their instalments"),
            {FIN},
        ),
        (
            "finance.category.view",
            _("View expense categories and their checklists"),
            {MGR, AST, FIN},
        ),
        ("finance.category.change", _("Keep expense categories and their checklists"), {MGR, FIN}),
        (
            "finance.invoice.view",
            _("View invoices (a cashier: those she asked for)"),
            {MGR, AST, FIN, CSH},
        ),
        (
            "finance.invoice.view_all",
            _("View every invoice and the invoicing reconciliation"),
            {MGR, AST, FIN},
        ),
        ("finance.invoice.issue", _("Ask for invoices for payments"), {FIN, CSH}),
        ("finance.invoice.reverse", _("Reverse invoices by red-letter invoices"), {FIN}),
        ("finance.invoice.settings", _("Set the seller and the tax rates of invoices"), {FIN}),
    ]
)
