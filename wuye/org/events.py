"""What the organisation's events are called on the audit page (`core.audit.register_verbs`)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "community.updated": _("Service center details changed"),
    "delegation.granted": _("Acting-manager delegation granted"),
    "delegation.revoked": _("Acting-manager delegation revoked"),
    "staff.added": _("Staff member added"),
    "staff.removed": _("Staff member removed"),
    "staff.updated": _("Staff member changed"),
    "user.password_set": _("Password set"),
}
