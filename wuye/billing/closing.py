"""Daily closing (日清日结, BIL-12): a cashier's totals by channel against the cash counted,
finance confirmation, the day lock, and the cash handed to the bank."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.audit import record_event
from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.core.models import Event
from wuye.core.money import ZERO, q2
from wuye.core.prepared import Prepared
from wuye.org.models import User

from .choices import Channel, ClosingStatus, PaymentStatus
from .models import DailyClosing, Payment, Refund
from .services.ledger import row_locks
from .signals import closing_banked, closing_confirmed

LOCKING = (ClosingStatus.SUBMITTED, ClosingStatus.CONFIRMED)


def day_totals(community, cashier, day: dt.date) -> tuple[dict[str, Decimal], int]:
    """What the system says the cashier took on `day`, by channel (voided payments excluded)."""
    rows = (
        Payment.objects.filter(
            community=community, cashier=cashier, business_date=day, status=PaymentStatus.POSTED
        )
        .order_by()
        .values("channel")
        .annotate(total=Sum("amount"), n=Count("id"))
    )
    totals = {row["channel"]: q2(row["total"]) for row in rows}  # SQLite sums floats: quantize
    return totals, sum(row["n"] for row in rows)


def cash_paid_out(community, cashier, day: dt.date) -> Decimal:
    """Refunds the cashier paid out in cash from the drawer on `day`."""
    return q2(
        Refund.objects.filter(
            community=community, paid_out_by=cashier, payout_date=day, channel=Channel.CASH
        ).aggregate(total=Sum("amount"))["total"]
    )


def is_locked(community, cashier, day: dt.date) -> bool:
    return bool(_LOCKED_DAY.rows(community.pk, cashier.pk, day))


# Asked by every payment and void: its SQL is built once (`core.prepared`).
_LOCKED_DAY = Prepared(
    lambda community_id, cashier_id, day: (
        DailyClosing.objects.filter(
            community_id=community_id, cashier_id=cashier_id, business_date=day, status__in=LOCKING
        )
        .order_by()
        .values_list("pk")[:1]
    )
)


def check_open(community, cashier, day: dt.date) -> None:
    """Payments and voids may not be dated into a closed day."""
    if is_locked(community, cashier, day):
        raise DomainError(
            _(
                "The day %(day)s is closed for this cashier; nothing more can be collected or voided for it."
            )
            % {"day": day}
        )


def lock_day(community, cashier, day: dt.date) -> None:
    """Lock the cashier's drawer for the rest of the transaction, then check his day is open.

    Payments, voids, cash refunds and the closing itself all take this lock (the cashier's
    user row stands for his drawer), so a payment either commits before the closing counts the
    day — and is in its totals — or sees the day closed; it never lands in a locked day unseen.
    """

    if row_locks():
        User.objects.select_for_update(no_key=True).filter(pk=cashier.pk).values_list(
            "pk", flat=True
        ).first()
    check_open(community, cashier, day)


@transaction.atomic
def submit_closing(*, community, cashier, day, counted_cash, explanation="", actor) -> DailyClosing:
    """The cashier closes the day: the system totals are fixed, the counted cash compared."""
    if actor.pk != cashier.pk:
        raise PermissionDeniedError(_("Each cashier closes his own day."))
    counted_cash = q2(counted_cash)
    if counted_cash < 0:
        raise DomainError(_("The cash counted cannot be negative."), field="counted_cash")
    lock_day(community, cashier, day)  # waits for payments in flight; they are counted
    closing = (
        DailyClosing.objects.select_for_update()
        .filter(community=community, cashier=cashier, business_date=day)
        .first()
    )
    if closing is not None and closing.status in LOCKING:
        raise DomainError(_("This day has already been closed."))
    totals, count = day_totals(community, cashier, day)
    paid_out = cash_paid_out(community, cashier, day)
    system_cash = totals.get(Channel.CASH, ZERO) - paid_out
    difference = counted_cash - system_cash
    explanation = (explanation or "").strip()
    if difference and not explanation:
        raise DomainError(
            _("The cash counted differs from the system by %(difference)s: explain the difference.")
            % {"difference": difference},
            field="explanation",
        )
    if closing is None:
        closing = DailyClosing(
            community=community, cashier=cashier, business_date=day, created_by=actor
        )
    closing.status = ClosingStatus.SUBMITTED
    closing.totals = {k: str(v) for k, v in totals.items()}
    closing.payment_count = count
    closing.system_cash = system_cash
    closing.cash_paid_out = paid_out
    closing.counted_cash = counted_cash
    closing.difference = difference
    closing.explanation = explanation
    closing.submitted_at = timezone.now()
    closing.return_reason = ""
    closing.save()
    record_event(
        verb="closing.submitted",
        actor=actor,
        community=community,
        target=closing,
        message=_("Day closed: %(count)d payments, cash %(cash)s, difference %(difference)s")
        % {"count": count, "cash": system_cash, "difference": difference},
    )
    return closing


@transaction.atomic
def confirm_closing(closing, *, actor) -> DailyClosing:
    closing = DailyClosing.objects.select_for_update().get(pk=closing.pk)
    if closing.status != ClosingStatus.SUBMITTED:
        raise DomainError(_("Only a submitted closing can be confirmed."))
    if actor.pk == closing.cashier_id:
        raise PermissionDeniedError(_("A cashier cannot confirm his own closing."))
    closing.status = ClosingStatus.CONFIRMED
    closing.confirmed_by = actor
    closing.confirmed_at = timezone.now()
    closing.save(update_fields=["status", "confirmed_by", "confirmed_at", "updated_at"])
    record_event(
        verb="closing.confirmed",
        actor=actor,
        community=closing.community,
        target=closing,
        message=_("Closing confirmed"),
    )
    closing_confirmed.send(sender=DailyClosing, closing=closing, actor=actor)
    return closing


@transaction.atomic
def return_closing(closing, *, reason, actor) -> DailyClosing:
    """Finance sends a closing back (e.g. a miscounted till); the day opens again for fixing."""
    closing = DailyClosing.objects.select_for_update().get(pk=closing.pk)
    if closing.status != ClosingStatus.SUBMITTED:
        raise DomainError(_("Only a submitted closing can be returned."))
    if not (reason or "").strip():
        raise DomainError(_("Give the reason for returning the closing."), field="return_reason")
    closing.status = ClosingStatus.RETURNED
    closing.return_reason = reason.strip()
    closing.save(update_fields=["status", "return_reason", "updated_at"])
    record_event(
        verb="closing.returned",
        actor=actor,
        community=closing.community,
        target=closing,
        message=closing.return_reason,
    )
    return closing


@transaction.atomic
def record_bank_deposit(closing, *, amount, reference, date, actor) -> DailyClosing:
    """The cash of a closed day handed to the bank, against its closing."""
    closing = DailyClosing.objects.select_for_update().get(pk=closing.pk)
    if closing.status != ClosingStatus.CONFIRMED:
        raise DomainError(_("Record the bank deposit after finance has confirmed the closing."))
    amount = q2(amount)
    if amount <= 0 or amount > closing.counted_cash:
        raise DomainError(
            _("The amount handed to the bank must be more than zero and at most the cash counted."),
            field="bank_amount",
        )
    if not (reference or "").strip():
        raise DomainError(_("Give the bank slip number."), field="bank_reference")
    if date is not None and (date > timezone.localdate() or date < closing.business_date):
        raise DomainError(
            _("The cash is handed to the bank on or after its day, and not ahead of today."),
            field="bank_date",
        )
    closing.bank_amount = amount
    closing.bank_reference = reference.strip()
    closing.bank_date = date
    closing.save(update_fields=["bank_amount", "bank_reference", "bank_date", "updated_at"])
    record_event(
        verb="closing.banked",
        actor=actor,
        community=closing.community,
        target=closing,
        message=_("%(amount)s handed to the bank, slip %(reference)s")
        % {"amount": amount, "reference": closing.bank_reference},
    )
    closing_banked.send(sender=DailyClosing, closing=closing, actor=actor)
    return closing


COUNTED = "closing.counted"


def record_blind_count(*, community, cashier, day, counted):
    """The cash a cashier counted blind, kept (as an audit event) the moment it differs from the
    system, so the count stands whatever browser or session he comes back with."""
    record_event(
        verb=COUNTED,
        actor=cashier,
        community=community,
        message=_("Cash counted blind for %(day)s: %(counted)s yuan")
        % {"day": day, "counted": counted},
        data={"day": day.isoformat(), "counted": str(counted)},
    )


def blind_count(*, community, cashier, day, closing):
    """The count standing for the day: the last one recorded, unless finance has returned the
    closing since (a recount) — None when the cashier is still to count."""
    counted = (
        Event.objects.filter(
            community=community, actor=cashier, verb=COUNTED, data__day=day.isoformat()
        )
        .order_by("-occurred_at", "-id")
        .first()
    )
    if counted is None:
        return None
    if (
        closing is not None
        and Event.objects.filter(
            community=community,
            verb="closing.returned",
            target_type=DailyClosing._meta.label_lower,
            target_id=str(closing.pk),
            occurred_at__gte=counted.occurred_at,
        ).exists()
    ):
        return None
    try:
        return Decimal(counted.data["counted"])
    except (KeyError, InvalidOperation):
        return None
