"""What the registry's events are called on the audit page (`core.audit.register_verbs`)."""

from django.utils.translation import gettext_lazy as _

LABELS: dict[str, object] = {
    "meter.replaced": _("Meter replaced"),
    "meter.started": _("Meter count started again"),
    "unit.moved_in": _("Owner moved in"),
    "person.created": _("Resident registered"),
    "relation.ended": _("Resident moved out of a unit"),
    "relation.owner_added": _("Owner added to a unit"),
    "relation.family_added": _("Family member added to a unit"),
    "relation.tenant_added": _("Tenant added to a unit"),
    "unit.ownership_transferred": _("Ownership transferred"),
    "facility.inspection_due": _("Statutory inspection date set"),
}
