from django.conf import settings

from .access import get_access
from .menu import menu_for


def wuye(request):
    access = get_access(request)
    if not access.is_authenticated:
        return {"access": access, "LANGUAGES": settings.LANGUAGES}
    return {
        "access": access,
        "menu": menu_for(access, request.path) if access.community else [],
        "LANGUAGES": settings.LANGUAGES,
    }
