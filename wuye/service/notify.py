"""Telling people about their orders: a notification in the app (the bell) and a text message
through the SMS interface (console or file backend until a provider is configured). Called
after the transaction has committed."""

from __future__ import annotations

import contextlib
import logging

from wuye.core.errors import DomainError
from wuye.core.notifications import notify_users
from wuye.core.sms import send_sms


def notify(order, text: str, users) -> int:
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


def tell_reporter(order, text: str) -> bool:
    """A text message to the resident who reported the order (registered, completed)."""
    if not order.reporter_phone:
        return False
    with contextlib.suppress(DomainError):
        send_sms(order.reporter_phone, f"{text}【{order.community.name}】"[:300])
        return True
    return False
