from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Delegation, Department, Membership, Zone

# (label, permission, list URL name, icon, count of the current community's rows)
CARDS = [
    (
        _("Staff in post"),
        "org.staff.view",
        "org:staff_list",
        "ti-id-badge-2",
        lambda access: (
            Membership.objects.for_access(access)
            .filter(is_active=True)
            .values("user")
            .distinct()
            .count()
        ),
    ),
    (
        _("Departments"),
        "org.department.view",
        "org:department_list",
        "ti-sitemap",
        lambda access: Department.objects.for_access(access).count(),
    ),
    (
        _("Zones"),
        "org.zone.view",
        "org:zone_list",
        "ti-map-2",
        lambda access: Zone.objects.for_access(access).count(),
    ),
    (
        _("Delegations in effect"),
        "org.delegation.view",
        "org:delegation_list",
        "ti-user-share",
        lambda access: Delegation.objects.for_access(access).in_effect().count(),
    ),
]


def home_cards(access):
    """Live counts for the workbench; each card only for those who may open its list."""
    return [
        {"label": label, "value": count(access), "url": reverse(url_name), "icon": icon}
        for label, permission, url_name, icon, count in CARDS
        if access.has(permission)
    ]
