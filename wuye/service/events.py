"""What customer service's events are called on the audit page (`core.audit.register_verbs`)."""

from django.utils.translation import gettext_lazy as _

LABELS: dict[str, object] = {
    "faq.saved": _("FAQ article saved"),
    "service.policy_saved": _("Customer-service settings saved"),
}
