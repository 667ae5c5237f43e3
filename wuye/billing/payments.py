"""The cashier counter's services: collecting, allocating, receipts, voids (BIL-06..08, BIL-11).

Money records are append-only: a void adds reversing allocations and keeps the receipt number.
A payment is idempotent by its key: the same key twice is the same payment.
"""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.access import posts_in
from wuye.core.audit import record_event
from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.core.money import ZERO, q2
from wuye.core.numbering import next_number
from wuye.core.roles import has_permission

from .choices import BillStatus, Channel, PaymentStatus, WalletEntryKind
from .models import Allocation, Bill, BillLine, Payment, Receipt, WalletEntry


def _can(actor, community, code) -> bool:
    posts, _acting = posts_in(actor, community)
    return has_permission(
        code, posts=posts, company_role=actor.company_role, superuser=actor.is_superuser
    )


def open_lines(unit, *, bill_ids=None):
    """The unit's unpaid bill lines, oldest first, with what each still owes (BIL-07)."""
    lines = (
        BillLine.objects.filter(bill__unit=unit, bill__status=BillStatus.OPEN, cancelled=False)
        .select_related("bill", "fee_item")
        .annotate(settled=Sum("allocations__amount"))
        .order_by("bill__period_start", "bill__due_date", "bill__number", "fee_item__code", "id")
    )
    if bill_ids is not None:
        lines = lines.filter(bill_id__in=bill_ids)
    result = []
    for line in lines:
        owed = line.amount - q2(line.settled or 0)
        if owed > 0:
            line.owed = owed
            result.append(line)
    return result


def wallet_balance(unit) -> Decimal:
    return q2(WalletEntry.objects.filter(unit=unit).aggregate(total=Sum("amount"))["total"])


def allocate(amount: Decimal, lines) -> list[tuple[object, Decimal]]:
    """Oldest first: each line gets what it owes until the money runs out (pure; BIL-07)."""
    remaining = amount
    plan = []
    for line in lines:
        if remaining <= 0:
            break
        part = min(line.owed, remaining)
        plan.append((line, part))
        remaining -= part
    return plan


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
) -> Payment:
    """Take money for a unit: settle the chosen bills (default all, oldest first), keep any
    excess as prepayment only when the cashier says so, issue the next receipt number."""
    community = unit.community
    key = (idempotency_key or "").strip()
    if not key or len(key) > 64:
        raise DomainError(_("The payment has no valid submission key; reload the counter page."))
    existing = Payment.objects.filter(community=community, idempotency_key=key).first()
    if existing is not None:
        return existing  # a double click, a retry or a resent request: the same payment
    if not _can(cashier, community, "billing.payment.change"):
        raise PermissionDeniedError(_("You cannot collect payments in this service center."))
    from .closing import check_open

    check_open(community, cashier, timezone.localdate())
    if channel not in Channel.values or channel == Channel.PREPAYMENT:
        raise DomainError(_("Choose how the money was paid."), field="channel")
    lines = open_lines(unit, bill_ids=bill_ids)
    owed = q2(sum((line.owed for line in lines), ZERO))
    amount = q2(amount) if amount not in (None, "") else owed
    if amount <= 0:
        raise DomainError(_("Enter the amount received (more than zero)."), field="amount")
    excess = amount - owed if amount > owed else ZERO
    if excess and not keep_overpayment:
        raise DomainError(
            _(
                "%(amount)s is more than the %(owed)s owed on the chosen bills. Tick “keep the rest as prepayment” or correct the amount."
            )
            % {"amount": amount, "owed": owed},
            field="amount",
        )
    change = ZERO
    if channel == Channel.CASH and tendered not in (None, ""):
        tendered = q2(tendered)
        if tendered < amount:
            raise DomainError(_("The cash tendered is less than the amount."), field="tendered")
        change = tendered - amount
    else:
        tendered = None
    now = timezone.now()
    try:
        with transaction.atomic():
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
                reference=reference[:64],
                created_by=cashier,
            )
    except IntegrityError:
        # The same key arrived twice at once: the other request made the payment.
        return Payment.objects.get(community=community, idempotency_key=key)
    touched = {}
    rows = []
    for line, part in allocate(amount - excess, lines):
        rows.append(
            Allocation(
                community=community,
                payment=payment,
                bill=line.bill,
                line=line,
                amount=part,
                created_by=cashier,
            )
        )
        touched[line.bill_id] = touched.get(line.bill_id, ZERO) + part
    Allocation.objects.bulk_create(rows)
    for bill_id, part in touched.items():
        Bill.objects.filter(pk=bill_id).update(
            paid=F("paid") + part
        )  # the one place `paid` changes
    if excess:
        WalletEntry.objects.create(
            community=community,
            unit=unit,
            kind=WalletEntryKind.OVERPAYMENT,
            amount=excess,
            payment=payment,
            created_by=cashier,
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
    )
    return payment


@transaction.atomic
def void_payment(payment, *, reason, actor) -> Payment:
    """Void a payment: reverse its allocations (and prepayment), keep the receipt number.

    The cashier may void his own payment of the same day; anything else needs FIN approval."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.status != PaymentStatus.POSTED:
        raise DomainError(_("This payment has already been voided."))
    if not (reason or "").strip():
        raise DomainError(_("Give the reason for voiding."), field="void_reason")
    community = payment.community
    same_day_own = payment.cashier_id == actor.pk and payment.business_date == timezone.localdate()
    if not (same_day_own and _can(actor, community, "billing.payment.void")) and not _can(
        actor, community, "billing.payment.void_any"
    ):
        raise PermissionDeniedError(
            _(
                "Only the finance administrator can void another cashier's payment or a payment of an earlier day."
            )
        )
    from .closing import check_open

    check_open(community, payment.cashier, payment.business_date)
    if payment.to_prepayment and wallet_balance(payment.unit) < payment.to_prepayment:
        raise DomainError(
            _(
                "The prepayment kept from this payment has already been used; refund or reverse that first."
            )
        )
    reversals = []
    for allocation in payment.allocations.filter(reversal=False):
        reversals.append(
            Allocation(
                community=community,
                payment=payment,
                bill=allocation.bill,
                line=allocation.line,
                amount=-allocation.amount,
                reversal=True,
                created_by=actor,
            )
        )
        Bill.objects.filter(pk=allocation.bill_id).update(paid=F("paid") - allocation.amount)
    Allocation.objects.bulk_create(reversals)
    if payment.to_prepayment:
        WalletEntry.objects.create(
            community=community,
            unit=payment.unit,
            kind=WalletEntryKind.REVERSAL,
            amount=-payment.to_prepayment,
            payment=payment,
            created_by=actor,
            note=reason.strip()[:200],
        )
    payment.status = PaymentStatus.VOIDED
    payment.void_reason = reason.strip()
    payment.voided_at = timezone.now()
    payment.voided_by = actor
    payment.save(update_fields=["status", "void_reason", "voided_at", "voided_by", "updated_at"])
    record_event(
        verb="payment.voided",
        actor=actor,
        community=community,
        target=payment,
        message=_("Receipt %(number)s voided: %(reason)s")
        % {"number": payment.receipt.number, "reason": payment.void_reason},
    )
    return payment


@transaction.atomic
def mark_printed(receipt) -> bool:
    """Count a print; returns True when this print is a copy (副本)."""
    receipt = Receipt.objects.select_for_update().get(pk=receipt.pk)
    copy = receipt.prints > 0
    receipt.prints += 1
    receipt.save(update_fields=["prints", "updated_at"])
    return copy
