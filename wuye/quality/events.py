"""What quality's events are called on the audit page (`core.audit.register_verbs`)."""

from django.utils.translation import gettext_lazy as _

LABELS: dict[str, object] = {
    "inspection.tasks_generated": _("Inspection tasks generated"),
    "inspection.plan_saved": _("Inspection plan saved"),
    "inspection.checked_in": _("Checked in at a checkpoint"),
}
