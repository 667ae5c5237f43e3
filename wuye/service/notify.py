"""Telling people about their orders: a text message through the SMS interface (console or
file backend until a provider is configured). Called after the transaction has committed."""

from __future__ import annotations

import contextlib

from wuye.core.errors import DomainError
from wuye.core.sms import send_sms


def notify(order, text: str, users) -> int:
    """Send `text` about `order` to each user with a mobile number; returns how many went."""
    sent = 0
    message = f"{text}：{order.location} {order.description[:30]}【{order.community.name}】"
    for user in {u.pk: u for u in users}.values():
        if not user.phone:
            continue
        with contextlib.suppress(DomainError):  # a number that is not a mobile is skipped
            send_sms(user.phone, message[:300])
            sent += 1
    return sent
