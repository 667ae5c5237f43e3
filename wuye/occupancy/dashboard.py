"""Occupancy on the home page: release passes waiting for a decision (the desk)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from .choices import PassStatus
from .models import ReleasePass


def home_cards(access):
    if not access.has("occupancy.pass.approve"):
        return []
    waiting = ReleasePass.objects.for_access(access).filter(status=PassStatus.REQUESTED)
    return [
        {
            "label": _("Release passes waiting for approval"),
            "value": waiting.count(),
            "url": f"{reverse('occupancy:releasepass_list')}?status={PassStatus.REQUESTED}",
            "icon": "ti-truck-delivery",
        }
    ]
