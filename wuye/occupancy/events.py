"""What occupancy's events are called on the audit page (`core.audit.register_verbs`)."""

from django.utils.translation import gettext_lazy as _

LABELS: dict[str, object] = {
    "pass.requested": _("Release pass applied for"),
    "pass.approved": _("Release pass approved"),
    "pass.rejected": _("Release pass rejected"),
    "pass.cancelled": _("Release pass cancelled"),
    "pass.used": _("Release pass let out at the gate"),
    "parking_agreement.signed": _("Parking agreement signed"),
    "parking_agreement.cancelled": _("Parking agreement cancelled"),
}
