"""The platform's own permissions (workbench, roles page, calendar, audit, status).

Each line: code, what it allows, the posts that hold it (and options); the roles page shows
them, `Access.has(code)` asks them. Registered when the app is ready (`core.roles`)."""

from django.utils.translation import gettext_lazy as _

from wuye.core.roles import ALL_POSTS, AST, MGR, NOT_FOR_HQ_VIEWER, OFFICE, register_permissions

register_permissions(
    [
        ("core.home.view", _("Open the workbench"), ALL_POSTS),
        ("core.roles.view", _("View the role and permission matrix"), ALL_POSTS),
        ("core.calendar.view", _("View the workday calendar"), OFFICE),
        ("core.calendar.change", _("Correct the workday calendar"), set()),
        ("core.audit.view", _("View the audit trail"), {MGR}, NOT_FOR_HQ_VIEWER),
        (
            "core.status.view",
            _("View system status and background jobs"),
            {MGR, AST},
            NOT_FOR_HQ_VIEWER,
        ),
        ("core.search.view", _("Search residents, units and vehicles"), ALL_POSTS),
    ]
)
