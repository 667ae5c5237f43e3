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
}
