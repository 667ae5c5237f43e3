"""What finance's events are called on the audit page (`core.audit.register_verbs`)."""

from django.utils.translation import gettext_lazy as _

LABELS: dict[str, object] = {
    "seal.used": _("Seal use logged"),
    "book.added": _("Numbered book received"),
    "book.issued": _("Numbered book issued"),
    "book.number": _("Number of a book recorded"),
    "book.returned": _("Numbered book returned"),
    "month.closed": _("Month closed"),
    "month.reopened": _("Month reopened"),
    "finance.settings_saved": _("Finance settings saved"),
    "account.added": _("Money account opened"),
    "account.changed": _("Money account changed"),
    "journal.entered": _("Journal entry written"),
    "journal.transfer": _("Money moved between accounts"),
    "journal.reversed": _("Journal entry reversed"),
    "advance.issued": _("Petty cash advanced"),
    "advance.settled": _("Petty cash advance settled"),
    "claim.created": _("Expense claim made"),
    "claim.submitted": _("Expense claim submitted"),
    "claim.returned": _("Expense claim returned for documents"),
    "claim.reviewed": _("Expense claim reviewed"),
    "claim.approved": _("Expense claim approved"),
    "claim.company_approved": _("Expense claim approved by the company"),
    "claim.rejected": _("Expense claim rejected"),
    "claim.paid": _("Expense claim paid"),
    "budget.started": _("Budget version started"),
    "budget.imported": _("Budget filled in from Excel"),
    "budget.approved": _("Budget approved"),
}
