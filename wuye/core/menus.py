"""The platform's own menu group (found by `CoreConfig.ready`, like every app's menus.py)."""

from django.utils.translation import gettext_lazy as _

from .menu import MenuItem, register_group

register_group(
    "system",
    _("System"),
    "ti-settings",
    900,
    [
        MenuItem(_("Roles and permissions"), "core:roles", "core.roles.view", "ti-lock-access"),
        MenuItem(_("Audit trail"), "core:audit", "core.audit.view", "ti-history"),
        MenuItem(_("System status"), "core:status", "core.status.view", "ti-heartbeat"),
        MenuItem(_("API documentation"), "api_docs", "core.roles.view", "ti-api"),
    ],
)
