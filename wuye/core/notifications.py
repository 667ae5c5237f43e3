"""In-app notifications (the bell in the header): services add them after their transaction
commits; the person reads them on the notifications page."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from .models import Notification


def notify_users(community: Any, users: Iterable[Any], text: str, url: str = "") -> int:
    """One notification per distinct user; returns how many were written."""
    people = {u.pk: u for u in users if u is not None and getattr(u, "pk", None)}
    Notification.objects.bulk_create(
        Notification(community=community, user=user, text=text[:300], url=url[:200])
        for user in people.values()
    )
    return len(people)


def unread_count(user: Any, community: Any) -> int:
    return Notification.objects.filter(user=user, community=community, read_at__isnull=True).count()


@transaction.atomic
def mark_read(user: Any, community: Any, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all of them, or the given ids)."""
    rows = Notification.objects.filter(user=user, community=community, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    return rows.update(read_at=timezone.now())
