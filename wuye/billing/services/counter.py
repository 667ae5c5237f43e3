"""The cashier counter's services: collecting, receipts, voids (BIL-06..08, BIL-11).

Money records are append-only: a void adds reversing allocations and keeps the receipt number.
A payment is idempotent by its key: the same key twice is the same payment, and the same key
with another request is refused.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.access import actor_access, actor_can
from wuye.core.audit import record_event
from wuye.core.errors import ConflictError, DomainError, PermissionDeniedError
from wuye.core.money import ZERO, q2
from wuye.core.numbering import next_number
from wuye.core.prepared import Prepared

from ..choices import Channel, PaymentPurpose, PaymentStatus, WalletEntryKind
from ..closing import lock_day
from ..models import Payment, Receipt
from ..signals import payment_voided
from .ledger import (
    allocate,
    check_posting,
    check_prepayment_limit,
    lock_bills,
    lock_open_bills,
    lock_unit,
    move_wallet,
    owing_lines,
    row_locks,
    settle,
    unit_wallet,
)

_PAYMENT_BY_KEY = Prepared(
    lambda community_id, key: (
        Payment.objects.filter(community_id=community_id, idempotency_key=key)
        .order_by()
        .values_list("pk")
    )
)


def request_digest(**request) -> str:
    """A fingerprint of what a payment request asked for, to tell a retry from a reused key."""
    text = json.dumps(request, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


@transaction.atomic
def collect_payment(
    *,
    unit,
    amount=None,
    channel,
    cashier,
    idempotency_key,
    bill_ids=None,
    tendered=None,
    keep_overpayment=False,
    reference="",
    payer_name="",
    purpose=PaymentPurpose.BILLS,
) -> Payment:
    """Take money for a unit: settle the chosen bills (default all, oldest first), keep any
    excess as prepayment only when the cashier says so (within the prepayment limit), issue
    the next receipt number.

    purpose=top_up or deposit: the money settles no bill (a prepayment top-up, a deposit).
    The same key again with the same request returns the first payment (`replayed` is True);
    with another request it is refused (ConflictError)."""
    community = unit.community
    key = (idempotency_key or "").strip()
    if not key or len(key) > 64:
        raise DomainError(_("The payment has no valid submission key; reload the counter page."))
    bill_ids = sorted({int(pk) for pk in bill_ids}) if bill_ids is not None else None
    digest = request_digest(
        unit=unit.pk,
        amount=None if amount in (None, "") else str(q2(amount)),
        channel=channel,
        bills=bill_ids,
        tendered=None if tendered in (None, "") else str(q2(tendered)),
        keep=bool(keep_overpayment),
        reference=(reference or "").strip(),
        payer=(payer_name or "").strip(),
        purpose=purpose,
    )
    access = actor_access(cashier, community)
    if not access.has("billing.payment.change"):
        raise PermissionDeniedError(_("You cannot collect payments in this service center."))
    lock_unit(unit)
    seen = _PAYMENT_BY_KEY.rows(community.pk, key)
    if seen:
        return _replay(Payment.objects.get(pk=seen[0][0]), digest)

    check_posting(community)
    lock_day(community, cashier, timezone.localdate())
    if channel not in Channel.values or channel == Channel.PREPAYMENT:
        raise DomainError(_("Choose how the money was paid."), field="channel")
    lines = owing_lines(lock_open_bills(unit, bill_ids)) if purpose == PaymentPurpose.BILLS else []
    owed = q2(sum((line.owed for line in lines), ZERO))
    amount = q2(amount) if amount not in (None, "") else owed
    if amount <= 0:
        raise DomainError(_("Enter the amount received (more than zero)."), field="amount")
    excess = amount - owed if amount > owed else ZERO
    if purpose == PaymentPurpose.DEPOSIT:
        excess = ZERO
    wallet = unit_wallet(unit) if excess else None
    if purpose == PaymentPurpose.TOP_UP:
        assert wallet is not None  # a top-up is all excess
        check_prepayment_limit(unit, amount, balance=wallet.balance)
    elif excess and not keep_overpayment:
        raise DomainError(
            _(
                "%(amount)s is more than the %(owed)s owed on the chosen bills. Tick “keep the rest as prepayment” or correct the amount."
            )
            % {"amount": amount, "owed": owed},
            field="amount",
        )
    elif wallet is not None:
        check_prepayment_limit(unit, excess, balance=wallet.balance)
    change = ZERO
    if channel == Channel.CASH and tendered not in (None, ""):
        tendered = q2(tendered)
        if tendered < amount:
            raise DomainError(_("The cash tendered is less than the amount."), field="tendered")
        change = tendered - amount
    else:
        tendered = None
    now = timezone.now()
    # A savepoint for the one insert that may meet another request's key (PostgreSQL: two
    # units' requests at once); on SQLite nothing runs at the same time, so none is needed.
    try:
        with transaction.atomic() if row_locks() else contextlib.nullcontext():
            payment = Payment.objects.create(
                community=community,
                unit=unit,
                payer_name=payer_name[:100],
                channel=channel,
                amount=amount,
                tendered=tendered,
                change=change,
                to_prepayment=excess,
                cashier=cashier,
                received_at=now,
                business_date=timezone.localdate(now),
                idempotency_key=key,
                request_digest=digest,
                reference=reference[:64],
                created_by=cashier,
                purpose=purpose,
            )
    except IntegrityError:
        # The same key was used for another unit at the same moment (this unit's lock did not
        # cover it): that request made the payment.
        return _replay(Payment.objects.get(community=community, idempotency_key=key), digest)
    touched = settle(payment, allocate(amount - excess, lines), actor=cashier, at=now)
    if wallet is not None:
        move_wallet(
            wallet,
            excess,
            kind=WalletEntryKind.TOP_UP
            if purpose == PaymentPurpose.TOP_UP
            else WalletEntryKind.OVERPAYMENT,
            payment=payment,
            actor=cashier,
            note=_("Kept from payment"),
        )
    receipt = Receipt.objects.create(
        community=community,
        number=next_number(community, "receipt", prefix="SJ", width=6),
        payment=payment,
        verification_code=secrets.token_hex(4).upper(),
        created_by=cashier,
    )
    record_event(
        verb="payment.collected",
        actor=cashier,
        community=community,
        target=payment,
        message=_("Receipt %(number)s: %(amount)s by %(channel)s")
        % {"number": receipt.number, "amount": amount, "channel": payment.get_channel_display()},
        data={"bills": sorted(touched), "prepayment": str(excess)},
        acting_manager=access.acting_manager,
    )
    payment.replayed = False
    return payment


def _replay(payment: Payment, digest: str) -> Payment:
    """A key seen before: the same request gets the first payment back; another is refused."""
    if payment.request_digest and payment.request_digest != digest:
        raise ConflictError(
            _(
                "This submission key was already used for a different payment (receipt %(number)s); reload the counter page and submit again."
            )
            % {"number": payment.display_number},
            code="idempotency_conflict",
        )
    payment.replayed = True
    return payment


@transaction.atomic
def void_payment(payment, *, reason, actor) -> Payment:
    """Void a payment: reverse its allocations (and prepayment), keep the receipt number.

    The cashier may void his own payment of the same day; anything else needs FIN approval."""
    lock_unit(payment.unit)
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.status != PaymentStatus.POSTED:
        raise DomainError(_("This payment has already been voided."))
    if not (reason or "").strip():
        raise DomainError(_("Give the reason for voiding."), field="void_reason")
    community = payment.community
    same_day_own = payment.cashier_id == actor.pk and payment.business_date == timezone.localdate()
    if not (same_day_own and actor_can(actor, community, "billing.payment.void")) and not actor_can(
        actor, community, "billing.payment.void_any"
    ):
        raise PermissionDeniedError(
            _(
                "Only the finance administrator can void another cashier's payment or a payment of an earlier day."
            )
        )

    check_posting(community, payment.business_date)
    if payment.cashier_id:
        lock_day(community, payment.cashier, payment.business_date)
    wallet = (
        unit_wallet(payment.unit)
        if payment.to_prepayment or payment.purpose == PaymentPurpose.OFFSET
        else None
    )
    if wallet is not None and payment.to_prepayment and wallet.balance < payment.to_prepayment:
        raise DomainError(
            _(
                "The prepayment kept from this payment has already been used; refund or reverse that first."
            )
        )
    allocations = list(payment.allocations.filter(reversal=False).select_related("line"))
    lock_bills({a.bill_id for a in allocations})
    now = timezone.now()  # the reversal and the void carry one moment (the finance ledger)
    settle(payment, [(a.line, -a.amount) for a in allocations], actor=actor, reversal=True, at=now)
    if wallet is not None and payment.purpose == PaymentPurpose.OFFSET:
        # The offset used prepayment: voiding it gives the prepayment back to the unit.
        move_wallet(
            wallet,
            payment.amount,
            kind=WalletEntryKind.REVERSAL,
            payment=payment,
            actor=actor,
            note=reason.strip(),
        )
    elif wallet is not None:
        move_wallet(
            wallet,
            -payment.to_prepayment,
            kind=WalletEntryKind.REVERSAL,
            payment=payment,
            actor=actor,
            note=reason.strip(),
        )
    payment.status = PaymentStatus.VOIDED
    payment.void_reason = reason.strip()
    payment.voided_at = now
    payment.voided_by = actor
    payment.save(update_fields=["status", "void_reason", "voided_at", "voided_by", "updated_at"])
    payment_voided.send(sender=Payment, payment=payment, reason=payment.void_reason, actor=actor)
    record_event(
        verb="payment.voided",
        actor=actor,
        community=community,
        target=payment,
        message=_("Payment %(number)s voided: %(reason)s")
        % {"number": payment.display_number, "reason": payment.void_reason},
    )
    return payment


@transaction.atomic
def mark_printed(receipt, *, actor=None) -> bool:
    """Count a print; returns True when this print is a copy (副本).

    Only an explicit print (a POST) calls this: viewing or previewing a receipt counts nothing,
    or the owner would be handed a 副本 instead of his original."""
    receipt = Receipt.objects.select_for_update().get(pk=receipt.pk)
    copy = receipt.prints > 0
    receipt.prints += 1
    receipt.save(update_fields=["prints", "updated_at"])
    if actor is not None:
        record_event(
            verb="receipt.reprinted" if copy else "receipt.printed",
            actor=actor,
            community=receipt.community,
            target=receipt,
            message=(
                _("Receipt %(number)s reprinted as copy %(n)d")
                % {"number": receipt.number, "n": receipt.prints - 1}
                if copy
                else _("Receipt %(number)s printed (original)") % {"number": receipt.number}
            ),
        )
    return copy
