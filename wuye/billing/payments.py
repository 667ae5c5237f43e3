"""The cashier counter's services: collecting, allocating, receipts, voids (BIL-06..08, BIL-11).

Money records are append-only: a void adds reversing allocations and keeps the receipt number.
A payment is idempotent by its key: the same key twice is the same payment, and the same key
with another request is refused.

Concurrency: every decision about a unit's money first locks the unit's row (`lock_unit`),
then the cashier's day (`closing.lock_day`), then the bills it reads; the prepayment `Wallet`
is read and changed only under the unit's lock. The database refuses what must never happen
(paid ≤ total on bills and lines, a negative prepayment balance, a key used twice). On SQLite
the IMMEDIATE transaction serialises writers as a whole.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.db import IntegrityError, connection, transaction
from django.db.models import F, OuterRef, Subquery, Sum
from django.db.models.functions import Round
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.access import actor_access, actor_can
from wuye.core.audit import record_event
from wuye.core.bulk import insert_rows
from wuye.core.errors import ConflictError, DomainError, PermissionDeniedError
from wuye.core.money import ZERO, q2
from wuye.core.numbering import next_number
from wuye.core.prepared import Prepared

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
    Wallet,
    WalletEntry,
)


def open_lines(unit, *, bill_ids=None):
    """The unit's unpaid bill lines, oldest first, with what each still owes (BIL-07), with
    their bills and fee items (for pages; a payment uses `_owing_lines`, in the same order)."""
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
        .annotate(waived=Subquery(waived))
        .order_by("bill__period_start", "bill__due_date", "bill__number", "fee_item__code", "id")
    )
    if bill_ids is not None:
        lines = lines.filter(bill_id__in=bill_ids)
    result = []
    for line in lines:
        owed = line.amount - line.paid - q2(line.waived or 0)
        if owed > 0:
            line.owed = owed
            result.append(line)
    return result


def owed_by_unit(unit_ids) -> dict[int, Decimal]:
    """What each unit still owes on its open bills (as `payments.open_lines` counts it), in
    two grouped queries instead of one per unit."""
    lines = BillLine.objects.filter(
        bill__unit_id__in=unit_ids, bill__status=BillStatus.OPEN, cancelled=False, amount__gt=0
    )
    owed = {
        row["bill__unit_id"]: row["owed"]
        for row in lines.order_by()
        .values("bill__unit_id")
        .annotate(owed=Sum(F("amount") - F("paid")))
    }
    for row in (
        Waiver.objects.filter(line__in=lines, status=ApprovalStatus.APPROVED)
        .order_by()
        .values("line__bill__unit_id")
        .annotate(total=Sum("amount"))
    ):
        unit_id = row["line__bill__unit_id"]
        owed[unit_id] = owed.get(unit_id, 0) - row["total"]
    # SQLite sums in floating point: quantize.
    return {unit_id: q2(value) for unit_id, value in owed.items()}


def wallet_balance(unit) -> Decimal:
    """The unit's prepayment balance (kept on its wallet row)."""
    balance = Wallet.objects.filter(unit=unit).values_list("balance", flat=True).first()
    return q2(balance)


def cents(expression):
    """Money arithmetic in SQL, rounded to the cent: SQLite adds decimals as floating point
    (200.00 − 199.99 − 0.01 is not quite zero there), and the CHECK constraints compare exactly."""
    return Round(expression, 2)


def row_locks() -> bool:
    """Whether the database locks rows (PostgreSQL). SQLite does not: there every writing
    transaction begins IMMEDIATE and holds the database's one write lock until it ends, which
    serialises money decisions as a whole — a row lock would be a plain read for nothing."""
    return connection.features.has_select_for_update


def lock_unit(unit) -> None:
    """Lock the unit's row for the rest of the transaction: every decision about the unit's
    money (collect, void, offset, refund, waiver) takes this lock first, so two of them never
    decide on the same open bills or prepayment at once. FOR NO KEY UPDATE: rows referring to
    the unit (a new bill, a payment) are not held up by it."""
    from wuye.estate.models import Unit

    if not row_locks():
        return
    Unit.objects.select_for_update(no_key=True).filter(pk=unit.pk).order_by().values_list(
        "pk", flat=True
    ).first()


def unit_wallet(unit) -> Wallet:
    """The unit's prepayment wallet, made on first use. Call it under `lock_unit`: the lock
    keeps its balance from changing, and keeps two first uses from both making one."""
    wallet = Wallet.objects.filter(unit=unit).order_by().first()
    if wallet is None:
        wallet = Wallet.objects.create(community_id=unit.community_id, unit=unit)
    return wallet


def move_wallet(
    wallet: Wallet, amount: Decimal, *, kind, actor, payment=None, note=""
) -> WalletEntry:
    """The one way prepayment changes: a movement and the balance, under the unit's lock
    (`lock_unit`). The database refuses a balance below zero."""
    Wallet.objects.filter(pk=wallet.pk).update(balance=cents(F("balance") + amount))
    wallet.balance = q2(wallet.balance + amount)
    return WalletEntry.objects.create(
        community_id=wallet.community_id,
        unit_id=wallet.unit_id,
        kind=kind,
        amount=amount,
        payment=payment,
        created_by=actor,
        note=note[:200],
    )


def settle(payment, parts, *, actor, reversal=False) -> dict[int, Decimal]:
    """Record what a payment puts on each line (negative parts with reversal=True), and keep
    the lines' and bills' `paid` with them: the one place `paid` changes. Returns bill → sum.
    The allocations go in as plain rows and `paid` moves by plain UPDATEs: a payment is a
    handful of statements whose SQL is the same every time, not a query built per payment."""
    rows = []
    touched: dict[int, Decimal] = {}  # bill id → paid now
    for line, part in parts:
        rows.append((payment.pk, line.bill_id, line.pk, part))
        touched[line.bill_id] = touched.get(line.bill_id, ZERO) + part
    insert_rows(
        Allocation,
        ["payment_id", "bill_id", "line_id", "amount"],
        rows,
        constants={
            "community_id": payment.community_id,
            "reversal": reversal,
            "created_by_id": getattr(actor, "pk", None),
        },
    )
    _add_paid(BillLine, [(line_id, part) for _payment, _bill, line_id, part in rows])
    _add_paid(Bill, list(touched.items()))
    return touched


def _add_paid(model, parts: list[tuple[int, Decimal]]) -> None:
    """`paid` += part on each row, rounded to the cent (SQLite adds decimals as floating
    point, and the CHECK constraints — paid within the total — compare exactly)."""
    if not parts:
        return
    quote = connection.ops.quote_name
    sql = (
        f"UPDATE {quote(model._meta.db_table)} SET paid = ROUND(paid + %s, 2) "  # noqa: S608
        f"WHERE {quote(model._meta.pk.column)} = %s"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(part, pk) for pk, part in parts])


def _lock_open_bills(unit, bill_ids=None) -> dict[int, tuple]:
    """Lock the unit's open bills (the ones a payment may settle) in a fixed order; returns
    each bill's place in the order of settlement (oldest first), for `_owing_lines`."""
    if bill_ids is None:
        rows = _OPEN_BILLS.rows(unit.pk)
    else:
        rows = _open_bills(unit.pk).filter(pk__in=bill_ids)
    return {pk: (start, due, number) for pk, start, due, number in rows}


def _open_bills(unit_id):
    return (
        Bill.objects.select_for_update()
        .filter(unit_id=unit_id, status=BillStatus.OPEN)
        .order_by("pk")
        .values_list("pk", "period_start", "due_date", "number")
    )


# The reads every payment makes, their SQL built once (`core.prepared`).
_OPEN_BILLS = Prepared(_open_bills)
_PAYMENT_BY_KEY = Prepared(
    lambda community_id, key: (
        Payment.objects.filter(community_id=community_id, idempotency_key=key)
        .order_by()
        .values_list("pk")
    )
)
_OWING_LINES = Prepared(
    lambda bill_ids: (
        BillLine.objects.filter(bill_id__in=bill_ids, cancelled=False, amount__gt=0)
        .order_by()
        .values_list("pk", "bill_id", "amount", "paid", "fee_item__code")
    )
)
_APPROVED_WAIVERS = Prepared(
    lambda bill_ids: (
        Waiver.objects.filter(bill_id__in=bill_ids, status=ApprovalStatus.APPROVED)
        .order_by()
        .values_list("line_id", "amount")
    )
)


@dataclass(slots=True)
class OwingLine:
    """A bill line as a payment settles it: what it still owes (see `open_lines`)."""

    pk: int
    bill_id: int
    owed: Decimal


def _owing_lines(bill_order: dict[int, tuple]) -> list[OwingLine]:
    """The lines of these locked bills that still owe, in `open_lines`' order (oldest bill
    first, then fee item code): three plain queries, no joins to compile on every payment."""
    if not bill_order:
        return []
    bill_ids = tuple(bill_order)
    rows = _OWING_LINES.rows(bill_ids)
    waived: dict[int, Decimal] = {}
    for line_id, amount in _APPROVED_WAIVERS.rows(bill_ids):
        waived[line_id] = waived.get(line_id, ZERO) + amount
    owing = []
    for pk, bill_id, amount, paid, code in rows:
        owed = amount - paid - waived.get(pk, ZERO)
        if owed > 0:
            owing.append(((*bill_order[bill_id], code, pk), OwingLine(pk, bill_id, owed)))
    owing.sort(key=lambda pair: pair[0])
    return [line for _key, line in owing]


def _lock_bills(bill_ids) -> None:
    if not row_locks():
        return
    list(
        Bill.objects.select_for_update()
        .filter(pk__in=sorted(bill_ids))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def request_digest(**request) -> str:
    """A fingerprint of what a payment request asked for, to tell a retry from a reused key."""
    text = json.dumps(request, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


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
    from .closing import lock_day

    lock_day(community, cashier, timezone.localdate())
    if channel not in Channel.values or channel == Channel.PREPAYMENT:
        raise DomainError(_("Choose how the money was paid."), field="channel")
    if purpose == PaymentPurpose.BILLS:
        lines = _owing_lines(_lock_open_bills(unit, bill_ids))
    else:
        lines = []
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
    touched = settle(payment, allocate(amount - excess, lines), actor=cashier)
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
    from .closing import lock_day

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
    _lock_bills({a.bill_id for a in allocations})
    settle(payment, [(a.line, -a.amount) for a in allocations], actor=actor, reversal=True)
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


# --- Prepayments, deposits, refunds, waivers (BIL-08..10) --------------------------------------------


def monthly_fee(unit) -> Decimal:
    """What the unit usually pays a month: its last run's bill spread over the run's months;
    before its first run, what its area and per-unit fee items would charge a month; failing
    both, its largest bill. A unit with none of these has no fee to pay ahead."""
    last = (
        Bill.objects.filter(unit=unit, space__isnull=True, payer_kind="resident", run__isnull=False)
        .exclude(status=BillStatus.CANCELLED)
        .select_related("run")
        .order_by("-period_start", "-id")
        .first()
    )
    if last is not None and last.run is not None and last.total > 0:
        return last.total / last.run.months
    from . import engine
    from .choices import AreaBasis, Calculation
    from .models import FeeItem

    estimate = ZERO
    today = timezone.localdate()
    items = FeeItem.objects.filter(
        community_id=unit.community_id,
        is_active=True,
        calculation__in=(Calculation.AREA, Calculation.FIXED_UNIT),
    ).prefetch_related("standards")
    for item in items:
        if not item.applies_to_use(unit.use):
            continue
        standard = engine.standard_for(item.standards.all(), today)
        if standard is None:
            continue
        if item.calculation == Calculation.AREA:
            area = unit.gross_area if item.area_basis == AreaBasis.GROSS else unit.inner_area
            estimate += standard.unit_price * (area or ZERO)
        else:
            estimate += standard.unit_price
    if estimate > 0:
        return estimate
    # No fee items either (a one-off arrangement): its largest bill stands for a month.
    largest = (
        Bill.objects.filter(unit=unit, space__isnull=True, total__gt=0)
        .exclude(status=BillStatus.CANCELLED)
        .order_by("-total")
        .values_list("total", flat=True)
        .first()
    )
    return largest or ZERO


def check_prepayment_limit(unit, amount, *, balance=None):
    """Prepayment is capped at the policy's months (default 12) of the unit's monthly fee; a
    unit with no fee at all cannot hold prepayment. Call it under the unit's lock."""
    from .services import policy_for

    months = policy_for(unit.community).prepayment_limit_months
    limit = q2(monthly_fee(unit) * months)
    balance = wallet_balance(unit) if balance is None else balance
    if balance + amount > limit:
        raise DomainError(
            _(
                "Prepayment is limited to %(limit)s for this unit (%(months)d months of its fees); it holds %(balance)s now."
            )
            % {"limit": limit, "months": months, "balance": balance},
            field="amount",
        )


@transaction.atomic
def offset_from_wallet(unit, *, actor) -> Payment | None:
    """Use the unit's prepayment for its open bills, oldest first (after a billing run)."""
    lock_unit(unit)
    wallet = unit_wallet(unit)
    if wallet.balance <= 0:
        return None
    lines = _owing_lines(_lock_open_bills(unit))
    owed = q2(sum((line.owed for line in lines), ZERO))
    amount = min(wallet.balance, owed)
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
    settle(payment, allocate(amount, lines), actor=actor)
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
        cleaned, deducted = _clean_deductions(deductions, deposit.amount)
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
    now = timezone.now()
    if channel == Channel.CASH:
        from .closing import lock_day

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
        if waiver.bill.unit_id:
            lock_unit(waiver.bill.unit)  # no payment settles the line while it is waived
        _lock_bills([waiver.bill_id])
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
