"""Billing's declared commands (core/commands.py): one form, one service call, one permission
for the page and the API alike.

Collecting at the counter is one command whichever the purpose: the counter page's three forms
(bills, prepayment top-up, deposit) and `POST payments/` all bind `CollectForm` and call
`collect`, so a bad amount or a missing key reads the same everywhere.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from wuye.core.commands import Command

from .choices import PaymentPurpose
from .forms import CollectForm
from .models import Payment
from .services.counter import collect_payment
from .services.wallet import collect_deposit


def collect(
    _target: None,
    *,
    actor: Any,
    unit: Any,
    idempotency_key: str,
    channel: str,
    amount: Decimal | None = None,
    bill_ids: list[int] | None = None,
    tendered: Decimal | None = None,
    keep_overpayment: bool = False,
    reference: str = "",
    payer_name: str = "",
    purpose: str = PaymentPurpose.BILLS,
    deposit_purpose: str = "",
) -> Payment:
    """Take the money for its purpose; the same key again is the same payment (`replayed`)."""
    if purpose == PaymentPurpose.DEPOSIT:
        return collect_deposit(
            unit=unit,
            amount=amount,
            purpose_text=deposit_purpose,
            channel=channel,
            cashier=actor,
            idempotency_key=idempotency_key,
            payer_name=payer_name,
            reference=reference,
        ).payment
    return collect_payment(
        unit=unit,
        amount=amount,
        channel=channel,
        cashier=actor,
        idempotency_key=idempotency_key,
        bill_ids=bill_ids,
        tendered=tendered,
        keep_overpayment=keep_overpayment,
        reference=reference,
        payer_name=payer_name,
        purpose=purpose,
    )


COLLECT = Command(
    name="collect",
    label=_("Collect"),
    form=CollectForm,
    permission="billing.payment.change",
    run=collect,
    done=_("Collected ¥%(amount)s; receipt %(number)s."),
    done_values=lambda _target, payment: {
        "amount": payment.amount,
        "number": payment.receipt.number,
    },
)
