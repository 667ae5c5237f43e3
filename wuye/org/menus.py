"""The org app's menu groups (found by `CoreConfig.ready`, like every app's menus.py)."""

from django.utils.translation import gettext_lazy as _

from wuye.core.menu import MenuItem, register_group

register_group(
    "org",
    _("Organization and staff"),
    "ti-users-group",
    100,
    [
        MenuItem(_("Staff"), "org:staff_list", "org.staff.view", "ti-id-badge-2"),
        MenuItem(_("Departments"), "org:department_list", "org.department.view", "ti-sitemap"),
        MenuItem(_("Zones"), "org:zone_list", "org.zone.view", "ti-map-2"),
        MenuItem(
            _("Acting-manager delegations"),
            "org:delegation_list",
            "org.delegation.view",
            "ti-user-share",
        ),
        MenuItem(
            _("Service centers"),
            "org:community_list",
            "org.community.view",
            "ti-building-community",
        ),
        MenuItem(_("Workday calendar"), "core:calendar", "core.calendar.view", "ti-calendar"),
    ],
)
