"""Late fees (违约金, BIL-10): simple interest, day by day, on the principal still unpaid.

Off unless the billing policy turns it on; brought up to date every night (`tasks.py`) and by
the button on the arrears page.

How a bill's late fee is counted:

* The days counted are those after the due date and the policy's grace days, up to and
  including the day of the run (due 15 Oct, 30 grace days: 15 Nov is the first day).
* Each day is charged on the principal outstanding at the start of that day: the bill's
  lines other than late fees and waivers, less what was allocated to them and less approved
  waivers of them. A payment, a void (its reversal puts the money back) or a waiver counts
  from the day after its date — the day of payment itself is still charged
  (至实际缴纳之日止), so a run early in the morning never charges a day twice.
* Days with the same balance and rate form one segment: fee = Σ balance × rate × days.
  A day already charged keeps the rate it was charged at (recorded on each late-fee line);
  new days take the policy's current rate.
* The total is rounded once, half up to the fen, and never exceeds the principal (less
  approved waivers of it) — 违约金 is not to outgrow the debt.
* Each run adds one line with the increment since the previous charge (the total due today
  less the late-fee lines already on the bill); its key names the bill and the day, so
  running twice the same day adds nothing. A waived late fee stays waived: the waiver's
  negative line is not subtracted from what was charged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.core.money import ZERO, q2

from .choices import ApprovalStatus, BillStatus, PayerKind
from .models import Allocation, Bill, BillLine, Waiver
from .services.ledger import check_posting, lock_bills
from .services.oneoff import one_off_item
from .services.standards import policy_for

LATE_FEE_CODE = "WYJ"
THOUSAND = Decimal(1000)
ONE_DAY = dt.timedelta(days=1)
FORMULA_LENGTH = 300  # BillLine.formula
CHUNK = 1000


@dataclass(frozen=True, slots=True)
class Segment:
    """Days `start`…`end` (inclusive) charged on the same balance at the same daily rate (‰)."""

    start: dt.date
    end: dt.date
    balance: Decimal
    rate: Decimal

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def interest(self) -> Decimal:
        """Unrounded: the bill's total is rounded once."""
        return self.balance * self.rate / THOUSAND * self.days

    def as_dict(self) -> dict:
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "days": self.days,
            "balance": str(self.balance),
            "rate_permille": str(self.rate),
            "interest": str(self.interest),
        }


def segments(
    *,
    principal: Decimal,
    events: Iterable[tuple[dt.date, Decimal]],
    first_day: dt.date,
    last_day: dt.date,
    rate: Decimal,
    earlier_rates: Iterable[tuple[dt.date, Decimal]] = (),
) -> list[Segment]:
    """The days `first_day`…`last_day` as segments of one balance and one rate (BIL-10).

    `events` are (date, change of the principal outstanding): −amount for a payment or an
    approved waiver, +amount for a void's reversal; an event changes the balance from the day
    after its date. `earlier_rates` are (last day, rate) of days charged before at another
    rate; days after them take `rate`. A balance below zero counts as zero; segments of zero
    balance are left out (they cost nothing).
    """
    if last_day < first_day:
        return []
    changes: dict[dt.date, Decimal] = {}
    for day, change in events:
        changes[day + ONE_DAY] = changes.get(day + ONE_DAY, ZERO) + change
    rate_ends = sorted(earlier_rates)
    breaks = {day for day in changes if first_day < day <= last_day}
    breaks |= {end + ONE_DAY for end, _rate in rate_ends if first_day <= end < last_day}
    running = principal + sum((change for day, change in changes.items() if day <= first_day), ZERO)

    def rate_on(day):
        for end, earlier in rate_ends:
            if day <= end:
                return earlier
        return rate

    result: list[Segment] = []
    start = first_day
    for boundary in [*sorted(breaks), last_day + ONE_DAY]:
        balance = max(running, ZERO)
        if balance > 0:
            segment = Segment(start, boundary - ONE_DAY, balance, rate_on(start))
            if result and (result[-1].balance, result[-1].rate, result[-1].end + ONE_DAY) == (
                segment.balance,
                segment.rate,
                segment.start,
            ):
                segment = Segment(result.pop().start, segment.end, balance, segment.rate)
            result.append(segment)
        running += changes.get(boundary, ZERO)
        start = boundary
    return result


def late_fee_due(parts: list[Segment], *, cap: Decimal) -> Decimal:
    """The bill's whole late fee so far: Σ balance × rate × days, rounded once, at most `cap`."""
    return max(min(q2(sum((s.interest for s in parts), ZERO)), q2(cap)), ZERO)


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


def formula(
    new: list[Segment], *, total: Decimal, charged: Decimal, capped: bool, cap: Decimal
) -> str:
    """The line's formula in words, at most 300 characters: the segments of the new days
    (“300.00 × 0.5‰ × 10 天 + 100.00 × 0.5‰ × 5 天”), then the running total when something
    was charged before, and the cap when it bit. Long lists keep their first segments and say
    how many are left out; every segment is in the line's `detail`."""
    tail = ""
    if charged:
        tail += _("; accrued %(total)s less %(charged)s charged before") % {
            "total": total,
            "charged": charged,
        }
    if capped:
        tail += _(" (capped at the principal %(cap)s)") % {"cap": q2(cap)}
    pieces = [
        _("%(balance)s × %(rate)s‰ × %(days)d days")
        % {"balance": q2(s.balance), "rate": _number(s.rate), "days": s.days}
        for s in new
    ]

    def text(shown: list[str], left_out: int) -> str:
        listed = " + ".join(shown)
        if left_out:
            listed += _(" + … (%(count)d more periods, see the detail)") % {"count": left_out}
        return _("Late fee %(start)s to %(end)s: %(segments)s") % {
            "start": new[0].start.isoformat() if new else "",
            "end": new[-1].end.isoformat() if new else "",
            "segments": listed,
        }

    shown = len(pieces)
    result = text(pieces, 0) + tail
    while len(result) > FORMULA_LENGTH and shown > 1:
        shown -= 1
        result = text(pieces[:shown], len(pieces) - shown) + tail
    return result[:FORMULA_LENGTH]


@dataclass
class _BillState:
    principal: Decimal
    cap: Decimal
    events: list[tuple[dt.date, Decimal]]
    charged: Decimal
    earlier_rates: list[tuple[dt.date, Decimal]]
    charged_until: dt.date | None


def _state(bill, item_id: int, as_of: dt.date) -> _BillState:
    """What the late fee of a bill is computed from, read from its prefetched rows."""
    principal = ZERO
    charged = ZERO
    principal_ids = set()
    earlier_rates = []
    for line in bill.lines.all():
        if line.billing_key.startswith("waiver"):
            continue  # a waiver counts on its approval day (below), a late-fee waiver not at all
        if line.fee_item_id == item_id:
            charged += line.amount
            until = line.detail.get("as_of") if isinstance(line.detail, dict) else None
            if until:
                earlier_rates.append((dt.date.fromisoformat(until), line.unit_price))
        else:
            principal += line.amount
            principal_ids.add(line.pk)
    events = []
    for allocation in bill.allocations.all():
        day = timezone.localdate(allocation.created_at)
        if allocation.line_id in principal_ids and day <= as_of:
            events.append((day, -allocation.amount))  # a reversal is negative: +amount
    waived = ZERO
    for waiver in bill.waivers.all():
        day = timezone.localdate(waiver.decided_at) if waiver.decided_at else as_of
        if waiver.line_id in principal_ids and day <= as_of:
            events.append((day, -waiver.amount))
            waived += waiver.amount
    earlier_rates.sort()
    return _BillState(
        principal=principal,
        cap=principal - waived,
        events=events,
        charged=charged,
        earlier_rates=earlier_rates,
        charged_until=earlier_rates[-1][0] if earlier_rates else None,
    )


@transaction.atomic
def charge_late_fees(community, *, as_of=None, actor) -> int:
    """Bring the late fees (违约金) of overdue resident bills up to date, each run as one line
    per bill holding the increment since the previous run (BIL-10; the rules are in this
    module's docstring). Returns the number of bills that got a line."""
    policy = policy_for(community)
    if not policy.late_fee_enabled:
        raise DomainError(_("Late fees are switched off in the billing policy."))
    as_of = as_of or timezone.localdate()
    grace = policy.late_fee_grace_days
    item = one_off_item(community, LATE_FEE_CODE, _("Late fee"), actor=actor)
    bill_ids = list(
        Bill.objects.filter(
            community=community,
            status=BillStatus.OPEN,
            payer_kind=PayerKind.RESIDENT,
            due_date__lt=as_of - dt.timedelta(days=grace),
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    added = 0
    # In chunks with their rows prefetched (a few queries per chunk); not a streaming cursor:
    # SQLite does not isolate a read in progress from the writes below.
    for chunk in range(0, len(bill_ids), CHUNK):
        bills = Bill.objects.filter(pk__in=bill_ids[chunk : chunk + CHUNK]).prefetch_related(
            Prefetch(
                "lines",
                BillLine.objects.filter(cancelled=False).only(
                    "bill_id", "fee_item_id", "amount", "unit_price", "detail", "billing_key"
                ),
            ),
            Prefetch(
                "allocations",
                Allocation.objects.only("bill_id", "line_id", "amount", "created_at"),
            ),
            Prefetch(
                "waivers",
                Waiver.objects.filter(status=ApprovalStatus.APPROVED).only(
                    "bill_id", "line_id", "amount", "decided_at"
                ),
            ),
        )
        for bill in bills:
            added += _charge(bill, item=item, as_of=as_of, policy=policy, actor=actor)
    record_event(
        verb="billing.late_fees",
        actor=actor,
        community=community,
        message=_("Late fees brought up to date on %(count)d bills") % {"count": added},
    )
    return added


def _charge(bill, *, item, as_of, policy, actor) -> int:
    """Add the bill's late-fee increment as one line; 1 if a line was added, else 0."""
    grace, rate = policy.late_fee_grace_days, policy.late_fee_daily_rate
    state = _state(bill, item.pk, as_of)
    first_day = bill.due_date + dt.timedelta(days=grace + 1)
    parts = segments(
        principal=state.principal,
        events=state.events,
        first_day=first_day,
        last_day=as_of,
        rate=rate,
        earlier_rates=state.earlier_rates,
    )
    raw = q2(sum((s.interest for s in parts), ZERO))
    total = late_fee_due(parts, cap=state.cap)
    extra = total - state.charged
    if extra <= 0:
        return 0
    check_posting(bill.community)
    lock_bills([bill.pk])  # a bill cancelled meanwhile gets no late fee
    if not Bill.objects.filter(pk=bill.pk, status=BillStatus.OPEN).exists():
        return 0
    # The segments of the days not charged before, for the formula.
    new_from = max(first_day, state.charged_until + ONE_DAY) if state.charged_until else first_day
    new = [s for s in parts if s.end >= new_from]
    if new and new[0].start < new_from:
        new[0] = Segment(new_from, new[0].end, new[0].balance, new[0].rate)
    new = new or parts
    try:
        with transaction.atomic():
            BillLine.objects.create(
                community_id=bill.community_id,
                bill=bill,
                fee_item=item,
                period=bill.period_start,
                period_end=bill.period_end,
                quantity=Decimal(sum(s.days for s in new)),
                unit_price=rate,
                amount=extra,
                formula=formula(
                    new, total=total, charged=state.charged, capped=total < raw, cap=state.cap
                ),
                detail={
                    "as_of": as_of.isoformat(),
                    "rate_permille": str(rate),
                    "grace_days": grace,
                    "principal": str(state.principal),
                    "cap": str(state.cap),
                    "accrued": str(total),
                    "charged_before": str(state.charged),
                    "new_from": new[0].start.isoformat() if new else None,
                    "segments": [s.as_dict() for s in parts],
                },
                billing_key=f"late{bill.pk}:{as_of:%Y%m%d}",
                created_by=actor,
            )
            Bill.objects.filter(pk=bill.pk).update(total=F("total") + extra)
    except IntegrityError:
        return 0  # another run charged this bill for this day at the same moment
    return 1
