"""What the platform's own events are called on the audit page (`core.audit.register_verbs`)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "calendar.corrected": _("Workday calendar corrected"),
    "calendar.correction_removed": _("Workday calendar correction removed"),
    "import.committed": _("Excel import saved"),
    "import.discarded": _("Excel import discarded"),
}
