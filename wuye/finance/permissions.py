"""Who may see and do what in the finance office (registered when the app is ready)."""

from django.utils.translation import gettext_lazy as _

from wuye.core.roles import AST, CSH, FIN, MGR, register_permissions

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
            "finance.journal.change",
            _("Write journal entries, transfers and petty cash advances"),
            {FIN},
        ),
        ("finance.settings.change", _("Change the finance settings (cash limit)"), {MGR, FIN}),
    ]
)
