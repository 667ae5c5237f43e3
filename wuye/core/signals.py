from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .access import COMMUNITY_SESSION_KEY


@receiver(user_logged_in)
def remember_community(sender, request, user, **kwargs):
    """Start the session in the community the person used last."""
    if user.last_community_id and request is not None and hasattr(request, "session"):
        request.session[COMMUNITY_SESSION_KEY] = user.last_community_id
