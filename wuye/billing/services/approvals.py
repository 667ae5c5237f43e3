"""Refunds and waivers: requested by the counter, decided by finance, refunds paid out."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.access import actor_can
from wuye.core.audit import record_event
from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.core.money import ZERO, q2

from ..choices import (
    COUNTER_CHANNELS,
    ApprovalStatus,
    BillStatus,
    Channel,
    DepositStatus,
    RefundKind,
    WalletEntryKind,
)
from ..closing import lock_day
from ..models import Bill, BillLine, Deposit, Refund, Waiver
from .ledger import cents, check_posting, lock_bills, lock_unit, move_wallet, unit_wallet


def clean_deductions(deductions, cap):
    """Deductions from a deposit as kept: [{reason, amount as text}] without empty rows, every
    one with its reason, at most `cap` together; and their total."""
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
    lock_unit(unit)  # one request at a time per unit: the checks below hold
    if Refund.objects.filter(
        unit=unit, kind=kind, deposit=deposit, status=ApprovalStatus.REQUESTED
    ).exists():
        raise DomainError(_("A refund of this kind is already waiting for approval."))
    cleaned = []
    if kind == RefundKind.DEPOSIT:
        deposit = Deposit.objects.select_for_update().get(pk=deposit.pk)
        if deposit.status != DepositStatus.HELD:
            raise DomainError(_("This deposit is not held any more."))
        cleaned, deducted = clean_deductions(deductions, deposit.amount)
        amount = deposit.amount - deducted
        deposit.status = DepositStatus.REFUND_REQUESTED
        deposit.save(update_fields=["status", "updated_at"])
    else:
        amount = q2(amount)
        if amount <= 0 or amount > unit_wallet(unit).balance:
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
        check_posting(refund.community)
        if refund.kind == RefundKind.PREPAYMENT:
            lock_unit(refund.unit)
            wallet = unit_wallet(refund.unit)
            if refund.amount > wallet.balance:
                raise DomainError(
                    _("The prepayment balance is now lower than the refund; ask again.")
                )
            move_wallet(
                wallet,
                -refund.amount,
                kind=WalletEntryKind.REFUND,
                actor=actor,
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
    check_posting(refund.community)
    now = timezone.now()
    if channel == Channel.CASH:
        lock_day(refund.community, actor, timezone.localdate(now))
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
    paid = BillLine.objects.filter(pk=line.pk).values_list("paid", flat=True).get()
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
        check_posting(waiver.community)
        if waiver.bill.unit_id:
            lock_unit(waiver.bill.unit)  # no payment settles the line while it is waived
        lock_bills([waiver.bill_id])
        line = BillLine.objects.get(pk=waiver.line_id)
        # A run or bill cancelled since the request: nothing is left to waive.
        if line.cancelled or Bill.objects.get(pk=waiver.bill_id).status != BillStatus.OPEN:
            raise DomainError(_("This bill line cannot be waived."))
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
        Bill.objects.filter(pk=waiver.bill_id).update(total=cents(F("total") - waiver.amount))
    waiver.save()
    record_event(
        verb=f"waiver.{waiver.status}",
        actor=actor,
        community=waiver.community,
        target=waiver,
        message=waiver.decision_note or waiver.get_status_display(),
    )
    return waiver


def decide_waivers(waivers, *, approve, note="", actor) -> tuple[int, list[str]]:
    """Decide several waivers one by one (BIL-10): each in its own transaction, so one that
    cannot be decided (paid meanwhile, decided already) leaves the others decided. Returns how
    many were decided and, for each refused, its bill and the reason."""
    decided, refused = 0, []
    for waiver in waivers.select_related("bill").order_by("pk"):
        try:
            decide_waiver(waiver, approve=approve, note=note, actor=actor)
        except DomainError as exc:
            refused.append(f"{waiver.bill}：{exc.message}")
        else:
            decided += 1
    return decided, refused
