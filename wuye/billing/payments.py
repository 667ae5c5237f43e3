"""The cashier counter's services: collecting, allocating, receipts, voids (BIL-06..08, BIL-11).

Money records are append-only: a void adds reversing allocations and keeps the receipt number.
A payment is idempotent by its key: the same key twice is the same payment.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from decimal import Decimal
from typing import Protocol

from django.db import IntegrityError, transaction
from django.db.models import F, OuterRef, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.access import actor_can
from wuye.core.audit import record_event
from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.core.money import ZERO, q2
from wuye.core.numbering import next_number

from .choices import (
    COUNTER_CHANNELS,
    ApprovalStatus,
    BillStatus,
    Channel,
    DepositStatus,
    PaymentPurpose,
    PaymentStatus,
    RefundKind,
    WalletEntryKind,
)
from .models import (
    Allocation,
    Bill,
    BillLine,
    Deposit,
    Payment,
    Receipt,
    Refund,
    Waiver,
    WalletEntry,
)


def open_lines(unit, *, bill_ids=None):
    """The unit's unpaid bill lines, oldest first, with what each still owes (BIL-07)."""
    waived = (
        Waiver.objects.filter(line=OuterRef("pk"), status=ApprovalStatus.APPROVED)
        .order_by()
        .values("line")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    lines = (
        BillLine.objects.filter(
            bill__unit=unit, bill__status=BillStatus.OPEN, cancelled=False, amount__gt=0
        )
        .select_related("bill", "fee_item")
        .annotate(settled=Sum("allocations__amount"), waived=Subquery(waived))
        .order_by("bill__period_start", "bill__due_date", "bill__number", "fee_item__code", "id")
    )
    if bill_ids is not None:
        lines = lines.filter(bill_id__in=bill_ids)
    result = []
    for line in lines:
        owed = line.amount - q2(line.settled or 0) - q2(line.waived or 0)
        if owed > 0:
            line.owed = owed
            result.append(line)
    return result


def wallet_balance(unit) -> Decimal:
    return q2(WalletEntry.objects.filter(unit=unit).aggregate(total=Sum("amount"))["total"])


class Owing(Protocol):
    owed: Decimal  # set on each line by `open_lines`


def allocate[L: Owing](amount: Decimal, lines: Iterable[L]) -> list[tuple[L, Decimal]]:
    """Oldest first: each line gets what it owes until the money runs out (pure; BIL-07)."""
    remaining = amount
    plan: list[tuple[L, Decimal]] = []
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
    purpose=PaymentPurpose.BILLS,
) -> Payment:
    """Take money for a unit: settle the chosen bills (default all, oldest first), keep any
    excess as prepayment only when the cashier says so, issue the next receipt number.

    purpose=top_up or deposit: the money settles no bill (a prepayment top-up, a deposit)."""
    community = unit.community
    key = (idempotency_key or "").strip()
    if not key or len(key) > 64:
        raise DomainError(_("The payment has no valid submission key; reload the counter page."))
    existing = Payment.objects.filter(community=community, idempotency_key=key).first()
    if existing is not None:
        return existing  # a double click, a retry or a resent request: the same payment
    if not actor_can(cashier, community, "billing.payment.change"):
        raise PermissionDeniedError(_("You cannot collect payments in this service center."))
    from .closing import check_open

    check_open(community, cashier, timezone.localdate())
    if channel not in Channel.values or channel == Channel.PREPAYMENT:
        raise DomainError(_("Choose how the money was paid."), field="channel")
    lines = open_lines(unit, bill_ids=bill_ids) if purpose == PaymentPurpose.BILLS else []
    owed = q2(sum((line.owed for line in lines), ZERO))
    amount = q2(amount) if amount not in (None, "") else owed
    if amount <= 0:
        raise DomainError(_("Enter the amount received (more than zero)."), field="amount")
    excess = amount - owed if amount > owed else ZERO
    if purpose == PaymentPurpose.DEPOSIT:
        excess = ZERO
    elif purpose == PaymentPurpose.TOP_UP:
        check_prepayment_limit(unit, amount)
    elif excess and not keep_overpayment:
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
                purpose=purpose,
            )
    except IntegrityError:
        # The same key arrived twice at once: the other request made the payment.
        return Payment.objects.get(community=community, idempotency_key=key)
    touched: dict[int, Decimal] = {}  # bill id → paid now
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
            kind=WalletEntryKind.TOP_UP
            if purpose == PaymentPurpose.TOP_UP
            else WalletEntryKind.OVERPAYMENT,
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
    if not (same_day_own and actor_can(actor, community, "billing.payment.void")) and not actor_can(
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
    if payment.purpose == PaymentPurpose.OFFSET:
        # The offset used prepayment: voiding it gives the prepayment back to the unit.
        WalletEntry.objects.create(
            community=community,
            unit=payment.unit,
            kind=WalletEntryKind.REVERSAL,
            amount=payment.amount,
            payment=payment,
            created_by=actor,
            note=reason.strip()[:200],
        )
    elif payment.to_prepayment:
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
        message=_("Payment %(number)s voided: %(reason)s")
        % {"number": payment.display_number, "reason": payment.void_reason},
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


# --- Prepayments, deposits, refunds, waivers (BIL-08..10) --------------------------------------------


def check_prepayment_limit(unit, amount):
    """Prepayment is capped at the policy's months (default 12) of the unit's usual bill."""
    from .services import policy_for

    last = (
        Bill.objects.filter(unit=unit, payer_kind="resident")
        .exclude(status=BillStatus.CANCELLED)
        .order_by("-period_start")
        .first()
    )
    if last is None:
        return
    months = last.run.months if last.run_id else 1
    monthly = last.total / months
    limit = q2(monthly * policy_for(unit.community).prepayment_limit_months)
    if wallet_balance(unit) + amount > limit:
        raise DomainError(
            _("Prepayment is limited to %(limit)s for this unit (%(months)d months of its bill).")
            % {"limit": limit, "months": policy_for(unit.community).prepayment_limit_months},
            field="amount",
        )


@transaction.atomic
def offset_from_wallet(unit, *, actor) -> Payment | None:
    """Use the unit's prepayment for its open bills, oldest first (after a billing run)."""
    balance = wallet_balance(unit)
    lines = open_lines(unit)
    owed = q2(sum((line.owed for line in lines), ZERO))
    amount = min(balance, owed)
    if amount <= 0:
        return None
    community = unit.community
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
    rows = []
    touched: dict[int, Decimal] = {}  # bill id → paid now
    for line, part in allocate(amount, lines):
        rows.append(
            Allocation(
                community=community,
                payment=payment,
                bill=line.bill,
                line=line,
                amount=part,
                created_by=actor,
            )
        )
        touched[line.bill_id] = touched.get(line.bill_id, ZERO) + part
    Allocation.objects.bulk_create(rows)
    for bill_id, part in touched.items():
        Bill.objects.filter(pk=bill_id).update(paid=F("paid") + part)
    WalletEntry.objects.create(
        community=community,
        unit=unit,
        kind=WalletEntryKind.OFFSET,
        amount=-amount,
        payment=payment,
        created_by=actor,
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
    return deposit


def _clean_deductions(deductions, cap):
    cleaned, total = [], ZERO
    for item in deductions or []:
        reason = (item.get("reason") or "").strip()
        amount = q2(item.get("amount") or 0)
        if amount <= 0:
            continue
        if not reason:
            raise DomainError(_("Every deduction needs its reason."), field="deductions")
        cleaned.append({"reason": reason, "amount": str(amount)})
        total += amount
    if total > cap:
        raise DomainError(_("Deductions cannot be more than the deposit."), field="deductions")
    return cleaned, total


@transaction.atomic
def request_refund(
    *,
    unit,
    kind,
    amount=None,
    reason,
    actor,
    deposit=None,
    deductions=None,
    channel=Channel.TRANSFER,
) -> Refund:
    """Ask finance to pay back prepayment, or a deposit with its deductions (BIL-08, BIL-09)."""
    if not actor_can(actor, unit.community, "billing.refund.change"):
        raise PermissionDeniedError(_("You cannot request refunds."))
    if not (reason or "").strip():
        raise DomainError(_("Give the reason for the refund."), field="reason")
    if Refund.objects.filter(
        unit=unit, kind=kind, deposit=deposit, status=ApprovalStatus.REQUESTED
    ).exists():
        raise DomainError(_("A refund of this kind is already waiting for approval."))
    cleaned = []
    if kind == RefundKind.DEPOSIT:
        deposit = Deposit.objects.select_for_update().get(pk=deposit.pk)
        if deposit.status != DepositStatus.HELD:
            raise DomainError(_("This deposit is not held any more."))
        cleaned, deducted = _clean_deductions(deductions, deposit.amount)
        amount = deposit.amount - deducted
        deposit.status = DepositStatus.REFUND_REQUESTED
        deposit.save(update_fields=["status", "updated_at"])
    else:
        amount = q2(amount)
        if amount <= 0 or amount > wallet_balance(unit):
            raise DomainError(
                _("The refund must be more than zero and at most the prepayment balance."),
                field="amount",
            )
    refund = Refund.objects.create(
        community=unit.community,
        kind=kind,
        unit=unit,
        deposit=deposit,
        amount=amount,
        deductions=cleaned,
        reason=reason.strip(),
        channel=channel,
        created_by=actor,
    )
    record_event(
        verb="refund.requested",
        actor=actor,
        community=unit.community,
        target=refund,
        message=_("%(kind)s of %(amount)s requested")
        % {"kind": refund.get_kind_display(), "amount": amount},
    )
    return refund


@transaction.atomic
def decide_refund(refund, *, approve, note="", actor) -> Refund:
    """Finance approves (the money leaves: prepayment reduced, deposit settled) or rejects."""
    refund = Refund.objects.select_for_update().get(pk=refund.pk)
    if not actor_can(actor, refund.community, "billing.refund.approve"):
        raise PermissionDeniedError(_("Only the finance administrator approves refunds."))
    if refund.status != ApprovalStatus.REQUESTED:
        raise DomainError(_("This refund has already been decided."))
    if refund.created_by_id == actor.pk:
        raise PermissionDeniedError(
            _("A refund is approved by someone other than the person who asked for it.")
        )
    refund.decide(approve=approve, note=note, actor=actor)
    if approve:
        if refund.kind == RefundKind.PREPAYMENT:
            if refund.amount > wallet_balance(refund.unit):
                raise DomainError(
                    _("The prepayment balance is now lower than the refund; ask again.")
                )
            WalletEntry.objects.create(
                community=refund.community,
                unit=refund.unit,
                kind=WalletEntryKind.REFUND,
                amount=-refund.amount,
                created_by=actor,
                note=refund.reason,
            )
        else:
            deposit = refund.deposit
            deposit.status = DepositStatus.SETTLED
            deposit.refunded = refund.amount
            deposit.deducted = deposit.amount - refund.amount
            deposit.save(update_fields=["status", "refunded", "deducted", "updated_at"])
    elif refund.kind == RefundKind.DEPOSIT:
        Deposit.objects.filter(pk=refund.deposit_id).update(status=DepositStatus.HELD)
    refund.save()
    record_event(
        verb=f"refund.{refund.status}",
        actor=actor,
        community=refund.community,
        target=refund,
        message=refund.decision_note or refund.get_status_display(),
    )
    return refund


@transaction.atomic
def pay_out_refund(refund, *, actor, channel=None, reference="") -> Refund:
    """Hand an approved refund over (BIL-08, BIL-09): cash from the actor's drawer — it then
    counts against the cash in his daily closing, so his day must be open — or a transfer,
    POS reversal or e-wallet payment with its reference. Once only."""
    refund = Refund.objects.select_for_update().get(pk=refund.pk)
    if not actor_can(actor, refund.community, "billing.refund.pay"):
        raise PermissionDeniedError(_("You cannot pay out refunds."))
    if refund.status != ApprovalStatus.APPROVED:
        raise DomainError(_("Only an approved refund is paid out."))
    if refund.paid_out_at is not None:
        raise DomainError(_("This refund has already been paid out."))
    if refund.decided_by_id == actor.pk:
        raise PermissionDeniedError(
            _("The refund is paid out by someone other than the person who approved it.")
        )
    channel = channel or refund.channel
    if channel not in COUNTER_CHANNELS:  # never "from prepayment": that money was given back
        raise DomainError(_("Choose how the money is paid back."), field="channel")
    reference = (reference or "").strip()
    now = timezone.now()
    if channel == Channel.CASH:
        from .closing import check_open

        check_open(refund.community, actor, timezone.localdate(now))
        refund.payout_date = timezone.localdate(now)
    elif not reference:
        raise DomainError(
            _("Give the transfer's reference (bank voucher or transaction number)."),
            field="reference",
        )
    refund.channel = channel
    refund.payout_reference = reference[:60]
    refund.paid_out_at = now
    refund.paid_out_by = actor
    refund.save()
    record_event(
        verb="refund.paid_out",
        actor=actor,
        community=refund.community,
        target=refund,
        message=_("%(amount)s paid back by %(channel)s %(reference)s")
        % {
            "amount": refund.amount,
            "channel": refund.get_channel_display(),
            "reference": reference,
        },
    )
    return refund


def _still_owed(line, *waiver_statuses) -> Decimal:
    """What a line still owes: its amount less what was paid and what waivers in these states take."""
    paid = line.allocations.aggregate(total=Sum("amount"))["total"]
    waived = Waiver.objects.filter(line=line, status__in=waiver_statuses).aggregate(
        total=Sum("amount")
    )["total"]
    return line.amount - q2(paid) - q2(waived)


@transaction.atomic
def request_waiver(*, line, amount, reason, actor) -> Waiver:
    """Ask the manager to waive part of a bill line (BIL-10)."""
    amount = q2(amount)
    owed = _still_owed(line, ApprovalStatus.REQUESTED, ApprovalStatus.APPROVED)
    if line.cancelled or line.bill.status != BillStatus.OPEN:
        raise DomainError(_("This bill line cannot be waived."))
    if amount <= 0 or amount > owed:
        raise DomainError(
            _("The waiver must be more than zero and at most what is still owed (%(owed)s).")
            % {"owed": owed},
            field="amount",
        )
    if not (reason or "").strip():
        raise DomainError(_("Give the reason for the waiver."), field="reason")
    waiver = Waiver.objects.create(
        community=line.community,
        bill=line.bill,
        line=line,
        amount=amount,
        reason=reason.strip(),
        created_by=actor,
    )
    record_event(
        verb="waiver.requested",
        actor=actor,
        community=line.community,
        target=waiver,
        message=_("Waiver of %(amount)s requested: %(reason)s")
        % {"amount": amount, "reason": waiver.reason},
    )
    return waiver


@transaction.atomic
def decide_waiver(waiver, *, approve, note="", actor) -> Waiver:
    """The manager approves (a negative line with the reason is added to the bill) or rejects."""
    waiver = Waiver.objects.select_for_update().get(pk=waiver.pk)
    if not actor_can(actor, waiver.community, "billing.waiver.approve"):
        raise PermissionDeniedError(_("Only the project manager approves waivers."))
    if waiver.status != ApprovalStatus.REQUESTED:
        raise DomainError(_("This waiver has already been decided."))
    waiver.decide(approve=approve, note=note, actor=actor)
    if approve:
        line = waiver.line
        if waiver.amount > _still_owed(line, ApprovalStatus.APPROVED):
            raise DomainError(
                _("The bill has been paid meanwhile; the waiver is more than what is owed.")
            )
        BillLine.objects.create(
            community=waiver.community,
            bill=waiver.bill,
            fee_item=line.fee_item,
            period=line.period,
            period_end=line.period_end,
            quantity=Decimal("1"),
            unit_price=-waiver.amount,
            amount=-waiver.amount,
            formula=_("Waiver: %(reason)s") % {"reason": waiver.reason},
            detail={"waiver": waiver.pk, "waives_line": line.pk},
            billing_key=f"waiver{waiver.pk}",
            created_by=actor,
        )
        Bill.objects.filter(pk=waiver.bill_id).update(total=F("total") - waiver.amount)
    waiver.save()
    record_event(
        verb=f"waiver.{waiver.status}",
        actor=actor,
        community=waiver.community,
        target=waiver,
        message=waiver.decision_note or waiver.get_status_display(),
    )
    return waiver
