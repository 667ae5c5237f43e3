"""Telling people about their orders: a notification in the app (the bell) and a text message
through the SMS interface (console or file backend until a provider is configured), sent
after the transaction has committed; and who the supervisors are that escalations go to."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q

from wuye.core.errors import DomainError
from wuye.core.notifications import notify_users
from wuye.core.sms import send_sms
from wuye.org.models import Community, Delegation, User

from .models import WorkOrder


def notify(order: WorkOrder, text: str, users: Iterable[User | None]) -> int:
    """Tell each user in the app and, with a mobile number, by SMS; returns the SMS sent."""
    people = list({u.pk: u for u in users if u is not None}.values())
    notify_users(order.community, people, f"{text}：{order.location}", order.get_absolute_url())
    sent = 0
    message = f"{text}：{order.location} {order.description[:30]}【{order.community.name}】"
    for user in people:
        if not user.phone:
            continue
        try:
            send_sms(user.phone, message[:300])
            sent += 1
        except DomainError:  # a number that is not a mobile is skipped
            continue
        except Exception:  # a transport failure for one person does not stop the others
            logging.getLogger(__name__).exception("SMS to %s failed", user.pk)
    return sent


def tell_reporter(order: WorkOrder, text: str) -> bool:
    """A text message to the resident who reported the order (registered, completed)."""
    if not order.reporter_phone:
        return False
    with contextlib.suppress(DomainError):
        send_sms(order.reporter_phone, f"{text}【{order.community.name}】"[:300])
        return True
    return False


def notify_after_commit(order: WorkOrder, text: str, users: Iterable[User | None]) -> None:
    """Tell these people about the order once the transaction commits (nobody: nothing)."""
    people = [u for u in users if u is not None]
    if people:
        # robust: a failing SMS provider never turns a saved order into an error page.
        transaction.on_commit(lambda: notify(order, text, people), robust=True)


def tell_reporter_after_commit(order: WorkOrder, text: str) -> None:
    """Text the resident who reported the order once the transaction commits."""
    transaction.on_commit(lambda: tell_reporter(order, text), robust=True)


def supervisors(community: Community, posts: tuple[str, ...] = ("CSS",)) -> list[User]:
    """Who holds these posts in the community; for the manager's post also whoever acts for
    him by a delegation in effect today (the absent manager still gets it, to read when back)."""
    holders = Q(
        memberships__community=community,
        memberships__post__in=posts,
        memberships__is_active=True,
    )
    if "MGR" in posts:
        holders |= Q(
            pk__in=Delegation.objects.in_effect().filter(community=community).values("delegate_id")
        )
    return list(User.objects.filter(holders, is_active=True).distinct().order_by("pk"))
