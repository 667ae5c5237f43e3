from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Unit


def home_cards(access):
    """Units of the community by status: the registry at a glance."""
    if not access.has("estate.unit.view"):
        return []
    counts = dict(
        Unit.objects.for_access(access).values_list("status").annotate(n=Count("id")).order_by()
    )
    total = sum(counts.values())
    occupied = counts.get("occupied", 0) + counts.get("rented", 0)
    url = reverse("estate:unit_list")
    return [
        {"label": _("Units"), "value": total, "url": url, "icon": "ti-home"},
        {
            "label": _("Occupied or rented"),
            "value": occupied,
            "url": f"{url}?status=occupied",
            "icon": "ti-home-check",
        },
    ]
