"""Prepayments and deposits: the prepayment limit, offsetting bills from the prepayment, deposits."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.core.money import ZERO, q2

from ..choices import Channel, PaymentPurpose, WalletEntryKind
from ..models import Deposit, Payment
from .counter import collect_payment
from .ledger import (
    allocate,
    check_posting,
    lock_open_bills,
    lock_unit,
    move_wallet,
    owing_lines,
    settle,
    unit_wallet,
)


@transaction.atomic
def offset_from_wallet(unit, *, actor) -> Payment | None:
    """Use the unit's prepayment for its open bills, oldest first (after a billing run)."""
    lock_unit(unit)
    wallet = unit_wallet(unit)
    if wallet.balance <= 0:
        return None
    lines = owing_lines(lock_open_bills(unit))
    owed = q2(sum((line.owed for line in lines), ZERO))
    amount = min(wallet.balance, owed)
    if amount <= 0:
        return None
    community = unit.community
    check_posting(community)
    now = timezone.now()
    payment = Payment.objects.create(
        community=community,
        unit=unit,
        channel=Channel.PREPAYMENT,
        amount=amount,
        cashier=actor,
        received_at=now,
        business_date=timezone.localdate(now),
        idempotency_key=f"offset-{unit.pk}-{secrets.token_hex(8)}",
        purpose=PaymentPurpose.OFFSET,
        created_by=actor,
    )
    settle(payment, allocate(amount, lines), actor=actor, at=now)
    move_wallet(
        wallet,
        -amount,
        kind=WalletEntryKind.OFFSET,
        payment=payment,
        actor=actor,
        note=_("Offset against bills"),
    )
    record_event(
        verb="prepayment.offset",
        actor=actor,
        community=community,
        target=payment,
        message=_("%(amount)s of prepayment offset against bills") % {"amount": amount},
    )
    return payment


@transaction.atomic
def collect_deposit(
    *, unit, amount, purpose_text, channel, cashier, idempotency_key, payer_name="", reference=""
) -> Deposit:
    """Take a deposit (e.g. for decoration): a receipt is issued and the money is held."""
    payment = collect_payment(
        unit=unit,
        amount=amount,
        channel=channel,
        cashier=cashier,
        idempotency_key=idempotency_key,
        payer_name=payer_name,
        reference=reference,
        purpose=PaymentPurpose.DEPOSIT,
    )
    deposit = Deposit.objects.filter(payment=payment).first()
    if deposit is None:
        if not (purpose_text or "").strip():
            raise DomainError(_("Say what the deposit is for."), field="purpose")
        deposit = Deposit.objects.create(
            community=unit.community,
            unit=unit,
            purpose=purpose_text.strip(),
            amount=payment.amount,
            payer_name=payer_name,
            payment=payment,
            created_by=cashier,
        )
    deposit.payment = payment  # keeps `replayed` for the caller
    return deposit
