from functools import partial

from django.conf import settings

from .access import get_access
from .menu import alerts_for, menu_for
from .notifications import unread_count


def wuye(request):
    access = get_access(request)
    if not access.is_authenticated:
        return {"access": access, "LANGUAGES": settings.LANGUAGES}
    return {
        "access": access,
        "menu": menu_for(access, request.path) if access.community else [],
        # Read only where the page shows it (a callable: templates call it when they use it).
        "page_alerts": partial(alerts_for, access) if access.community else list,
        "unread_notifications": unread_count(access.user, access.community)
        if access.community
        else 0,
        "LANGUAGES": settings.LANGUAGES,
    }
