from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Delegation, Department, Membership, Zone


def home_cards(access):
    """Live counts for the workbench; each card only for those who may open its list."""
    cards = []
    if access.has("org.staff.view"):
        cards.append(
            {
                "label": _("Staff in post"),
                "value": Membership.objects.for_access(access)
                .filter(is_active=True)
                .values("user")
                .distinct()
                .count(),
                "url": reverse("org:staff_list"),
                "icon": "ti-id-badge-2",
            }
        )
    if access.has("org.department.view"):
        cards.append(
            {
                "label": _("Departments"),
                "value": Department.objects.for_access(access).count(),
                "url": reverse("org:department_list"),
                "icon": "ti-sitemap",
            }
        )
    if access.has("org.zone.view"):
        cards.append(
            {
                "label": _("Zones"),
                "value": Zone.objects.for_access(access).count(),
                "url": reverse("org:zone_list"),
                "icon": "ti-map-2",
            }
        )
    if access.has("org.delegation.view"):
        cards.append(
            {
                "label": _("Delegations in effect"),
                "value": Delegation.objects.for_access(access).in_effect().count(),
                "url": reverse("org:delegation_list"),
                "icon": "ti-user-share",
            }
        )
    return cards
