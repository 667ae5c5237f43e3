"""What quality's events are called on the audit page (`core.audit.register_verbs`)."""

from django.utils.translation import gettext_lazy as _

LABELS: dict[str, object] = {
    "inspection.tasks_generated": _("Inspection tasks generated"),
    "inspection.plan_saved": _("Inspection plan saved"),
    "inspection.checked_in": _("Checked in at a checkpoint"),
    "check.started": _("Check started"),
    "check.recorded": _("Check entry recorded"),
    "check.finished": _("Check finished"),
    "maintenance.plan_saved": _("Maintenance plan saved"),
    "maintenance.recorded": _("Maintenance recorded"),
    "maintenance.certificate_saved": _("Inspection certificate saved"),
    "incident.opened": _("Emergency reported"),
    "incident.closed": _("Emergency closed"),
    "assessment.proposed": _("Assessment proposed"),
    "assessment.reviewed": _("Assessment reviewed"),
    "vendor.evaluation_started": _("Subcontractor evaluation started"),
    "vendor.evaluation_finished": _("Subcontractor evaluation finished"),
}
