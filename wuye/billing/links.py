"""Links other apps add to a payment's page (an invoice, say), registered in their
AppConfig.ready() — billing imports none of them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# Each function takes (access, payment) and gives [{"label", "url", "icon"}, …].
PaymentLinks = Callable[[Any, Any], list[dict[str, Any]]]
_PAYMENT_LINKS: list[PaymentLinks] = []


def register_payment_links(func: PaymentLinks) -> None:
    if func not in _PAYMENT_LINKS:
        _PAYMENT_LINKS.append(func)


def payment_links(access: Any, payment: Any) -> list[dict[str, Any]]:
    return [link for func in _PAYMENT_LINKS for link in func(access, payment)]
