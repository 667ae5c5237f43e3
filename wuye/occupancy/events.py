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
    "municipal.registered": _("Municipal service request registered"),
    "municipal.forwarded": _("Municipal service request forwarded"),
    "municipal.done": _("Municipal service opened"),
    "municipal.cancelled": _("Municipal service request cancelled"),
    "vacant.inspected": _("Vacant unit inspected"),
    "keys.received": _("Keys received"),
    "keys.returned": _("Keys returned"),
    "occupancy.settings_saved": _("Occupancy settings saved"),
    "decoration.applied": _("Decoration applied for"),
    "decoration.approved": _("Decoration approved"),
    "decoration.rejected": _("Decoration rejected"),
    "decoration.issued": _("Decoration permit issued"),
    "decoration.worker_added": _("Decoration worker registered"),
    "decoration.inspected": _("Decoration patrolled"),
    "decoration.rectified": _("Rectification notice put right"),
    "decoration.completed": _("Decoration completion checked"),
    "decoration.refund_requested": _("Decoration deposit refund requested"),
}
