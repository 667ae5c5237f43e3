"""Month-end close 月结 (FIN-06): the finance office closes a month once every cashier day in it
is confirmed and the reconciliation balances; postings dated in a closed month are then refused
(`core.periods`); the manager may reopen it with a reason. Every close and reopening is audited."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from wuye.billing.choices import Channel, ClosingStatus
from wuye.billing.models import DailyClosing, Payment, Refund
from wuye.core.access import require
from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.core.periods import lock_periods
from wuye.core.prepared import Prepared
from wuye.org.models import User

from ..choices import MonthStatus
from ..models import MonthClose
from .ledger import month_start, next_month, previous_month, reconcile

_CLOSED = Prepared(
    lambda community_id, month: (
        MonthClose.objects.filter(community_id=community_id, month=month, status=MonthStatus.CLOSED)
        .order_by()
        .values_list("pk")[:1]
    )
)


def month_label(month: dt.date) -> str:
    return formats.date_format(month, "YEAR_MONTH_FORMAT")


def closed_month_message(community_id: int, day: dt.date) -> str | None:
    """The refusal of a posting dated in a closed month (registered with `core.periods`)."""
    month = month_start(day)
    if not _CLOSED.rows(community_id, month):
        return None
    return _(
        "%(month)s has been closed by the finance office: nothing dated in it can be collected, "
        "voided, refunded, waived or billed any more. The project manager can reopen the month."
    ) % {"month": month_label(month)}


def unconfirmed_days(community, month: dt.date) -> list[tuple[str, dt.date, str]]:
    """Cashier days of the month with money taken or paid out whose closing finance has not
    confirmed: (cashier, day, what is missing)."""
    month = month_start(month)
    within = {"business_date__gte": month, "business_date__lt": next_month(month)}
    days: set[tuple[int, dt.date]] = set(
        Payment.objects.filter(community=community, cashier__isnull=False, **within)
        .exclude(channel=Channel.PREPAYMENT)  # an offset of prepayment takes no money
        .order_by()
        .values_list("cashier_id", "business_date")
        .distinct()
    )
    days |= {
        (cashier, day)
        for cashier, day in Refund.objects.filter(
            community=community,
            channel=Channel.CASH,
            payout_date__gte=month,
            payout_date__lt=next_month(month),
        )
        .order_by()
        .values_list("paid_out_by_id", "payout_date")
        .distinct()
        if cashier is not None and day is not None
    }
    closings = {
        (row[0], row[1]): row[2]
        for row in DailyClosing.objects.filter(community=community, **within)
        .order_by()
        .values_list("cashier_id", "business_date", "status")
    }
    names = {user.pk: str(user) for user in User.objects.filter(pk__in={c for c, _d in days})}
    statuses = dict(ClosingStatus.choices)
    missing = []
    for cashier, day in sorted(days, key=lambda d: (d[1], d[0])):
        status = closings.get((cashier, day))
        if status != ClosingStatus.CONFIRMED:
            what = statuses[status] if status else _("not closed")
            missing.append((names.get(cashier, str(cashier)), day, str(what)))
    return missing


def can_close(community, month: dt.date, today: dt.date | None = None) -> str | None:
    """Why the month cannot be closed now, or None."""
    today = today or timezone.localdate()
    month = month_start(month)
    if today < next_month(month) - dt.timedelta(days=1):
        return _("A month is closed on its last day or later.")
    close = MonthClose.objects.filter(community=community, month=month).first()
    if close is not None and close.status == MonthStatus.CLOSED:
        return _("%(month)s is already closed.") % {"month": month_label(month)}
    earlier = MonthClose.objects.filter(community=community, month__lt=month)
    previous = previous_month(month)
    if earlier.exists() and not earlier.filter(month=previous, status=MonthStatus.CLOSED).exists():
        return _("Close %(month)s first: months are closed in order.") % {
            "month": month_label(previous)
        }
    missing = unconfirmed_days(community, month)
    if missing:
        shown = "、".join(f"{name} {day:%m-%d}（{what}）" for name, day, what in missing[:5])
        more = len(missing) - 5
        return _(
            "Every cashier day of the month must be confirmed first. Not yet: %(days)s%(more)s."
        ) % {
            "days": shown,
            "more": _(" and %(n)d more") % {"n": more} if more > 0 else "",
        }
    return None


@transaction.atomic
def close_month(*, community, month: dt.date, actor) -> MonthClose:
    """Close the month (FIN-06): refused while a cashier day is unconfirmed or the
    reconciliation does not balance; the ledger's closing balances are kept with the close."""
    require(actor, community, "finance.ledger.close", _("Only the finance office closes months."))
    month = month_start(month)
    lock_periods(community)  # postings in flight finish first; later ones wait for the close
    reason = can_close(community, month)
    if reason:
        raise DomainError(reason)
    result = reconcile(community, month)
    if not result.balanced:
        raise DomainError(
            _(
                "The reconciliation does not balance (%(count)d differences): correct the "
                "records it lists before closing the month."
            )
            % {"count": sum(1 for check in result.checks if check.difference)}
        )
    close, _made = MonthClose.objects.select_for_update().get_or_create(
        community=community,
        month=month,
        defaults={"closed_by": actor, "closed_at": timezone.now(), "created_by": actor},
    )
    close.status = MonthStatus.CLOSED
    close.closed_by, close.closed_at = actor, timezone.now()
    close.figures = result.ledger.figures()
    close.save()
    totals = result.ledger.totals()
    record_event(
        verb="month.closed",
        actor=actor,
        community=community,
        target=close,
        message=_("%(month)s closed: receivable %(receivable)s, prepaid %(prepaid)s")
        % {
            "month": month_label(month),
            "receivable": totals["closing"],
            "prepaid": result.ledger.prepaid["closing"],
        },
        data=close.figures,
    )
    return close


@transaction.atomic
def reopen_month(close: MonthClose, *, reason: str, actor) -> MonthClose:
    """The manager reopens a closed month with a reason (audited); it must be closed again."""
    require(
        actor,
        close.community,
        "finance.ledger.reopen",
        _("Only the project manager reopens a month."),
    )
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for reopening the month."), field="reason")
    lock_periods(close.community)
    close = MonthClose.objects.select_for_update().get(pk=close.pk)
    if close.status != MonthStatus.CLOSED:
        raise DomainError(_("This month is not closed."))
    later = MonthClose.objects.filter(
        Q(community_id=close.community_id, month__gt=close.month, status=MonthStatus.CLOSED)
    ).first()
    if later is not None:
        raise DomainError(
            _("Reopen %(month)s first: a month is reopened only while no later month is closed.")
            % {"month": month_label(later.month)}
        )
    close.status = MonthStatus.REOPENED
    close.reopened_by, close.reopened_at = actor, timezone.now()
    close.reopen_reason = reason[:200]
    close.save()
    record_event(
        verb="month.reopened",
        actor=actor,
        community=close.community,
        target=close,
        message=_("%(month)s reopened: %(reason)s")
        % {"month": month_label(close.month), "reason": close.reopen_reason},
    )
    return close
