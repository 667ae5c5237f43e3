"""Dunning (催缴): reminder SMS and notice letters for overdue bills (BIL-14).

Reminders ask; they never threaten. The law forbids cutting water, power or gas or blocking
access for arrears, and nothing here offers it.
"""

from __future__ import annotations

import contextlib
import functools
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Prefetch, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.core.money import q2
from wuye.core.sms import send_sms
from wuye.estate.models import Unit, current_owners, natural_unit_order

from .choices import BillStatus, ContactMethod, ContactResult, PayerKind
from .models import Bill, BillLine, DunningContact

SMS_TEXT = "尊敬的业主：您的房屋{code}尚有物业服务等费用合计{amount}元未缴，敬请尽快缴纳。如有疑问请致电服务中心{phone}。【{community}】"


def owed_bills(unit):
    today = timezone.localdate()
    return (
        Bill.objects.filter(
            unit=unit, status=BillStatus.OPEN, payer_kind=PayerKind.RESIDENT, due_date__lt=today
        )
        .annotate(owed=F("total") - F("paid"))
        .filter(owed__gt=0)
        .order_by("period_start")
    )


def owed_total(unit) -> Decimal:
    """What the unit's residents owe on bills past their due date."""
    return q2(owed_bills(unit).aggregate(v=Sum(F("total") - F("paid")))["v"])


def log_contact(unit, *, method, result=ContactResult.SENT, owed=None, actor, note=""):
    """Add an entry to the dunning log (reminder SMS log themselves this way)."""
    return DunningContact.objects.create(
        community=unit.community,
        unit=unit,
        method=method,
        result=result,
        owed=owed_total(unit) if owed is None else owed,
        note=note[:300],
        created_by=actor,
    )


def notice_context(unit):
    bills = list(owed_bills(unit))
    owners = [
        r.person for r in unit.relations.filter(role="owner").current().select_related("person")
    ]
    return {
        "unit": unit,
        "owners": owners,
        "bills": bills,
        "total": q2(sum((b.owed for b in bills), q2(0))),
        "community": unit.community,
        "today": timezone.localdate(),
    }


def payment_notices(bills) -> list[dict]:
    """缴费通知单 (BIL-14): one page per unit or parking space with the chosen bills it still
    owes, line by line (period, quantity × price, amount), what is paid and what is left.
    Settled and cancelled bills are left out; the pages follow the units' order."""
    bills = list(
        bills.filter(status=BillStatus.OPEN, paid__lt=F("total"))
        .select_related("unit__building", "space", "community")
        .prefetch_related(
            Prefetch(
                "lines",
                queryset=BillLine.objects.filter(cancelled=False)
                .select_related("fee_item")
                .order_by("period", "fee_item__code", "pk"),
            )
        )
        .order_by(*natural_unit_order("unit__"), "space_id", "period_start", "number")
    )
    owners = current_owners({b.unit_id for b in bills if b.unit_id})
    pages: dict[tuple, dict] = {}
    for bill in bills:
        key = (bill.unit_id, bill.space_id, bill.payer_kind)
        page = pages.get(key)
        if page is None:
            page = pages[key] = {
                "target": bill.target,
                "address": bill.unit.address if bill.unit_id else str(bill.space),
                # Today's owners (a unit sold since billing has a new one); the developer
                # and parking tenants by the name on the bill.
                "payer": (
                    "、".join(p.name for p in owners.get(bill.unit_id, ()))
                    if bill.payer_kind == PayerKind.RESIDENT
                    else ""
                )
                or bill.payer_name
                or _("Owner"),
                "bills": [],
                "total": q2(0),
                "due": bill.due_date,
            }
        page["bills"].append(bill)
        page["total"] += bill.outstanding
        page["due"] = min(page["due"], bill.due_date)
    return list(pages.values())


@transaction.atomic
def send_reminders(units, *, actor) -> int:
    """Queue one reminder SMS per unit, for what it owes past due, to each current owner with
    a mobile phone; the number of messages queued."""
    return sum(_remind(unit, owed_total(unit), actor=actor) for unit in units)


@transaction.atomic
def remind_bills(bills, *, actor) -> int:
    """Reminders from the bills list (BIL-14): each unit's owners are told what the chosen bills
    still owe, due or not; bills of parking spaces and of the developer get none."""
    owed: dict[int, Decimal] = {}
    for unit_id, amount in (
        bills.filter(status=BillStatus.OPEN, payer_kind=PayerKind.RESIDENT, unit__isnull=False)
        .values_list("unit_id")
        .annotate(owed=Sum(F("total") - F("paid")))
        .order_by("unit_id")
    ):
        owed[unit_id] = q2(amount)
    units = Unit.objects.filter(pk__in=owed).select_related("community").order_by("pk")
    return sum(_remind(unit, owed[unit.pk], actor=actor) for unit in units)


def _remind(unit, total, *, actor) -> int:
    if total <= 0:
        return 0
    text = SMS_TEXT.format(
        code=unit.code,
        amount=total,
        phone=unit.community.phone or "",
        community=unit.community.name,
    )
    phones = {
        r.person.phone
        for r in unit.relations.filter(role="owner").current().select_related("person")
        if r.person.phone
    }
    for phone in sorted(phones):
        transaction.on_commit(functools.partial(_send, phone, text))
    log_contact(
        unit,
        method=ContactMethod.SMS,
        result=ContactResult.SENT if phones else ContactResult.NOT_REACHED,
        owed=total,
        actor=actor,
        note=(
            _("to %(count)d owners") % {"count": len(phones)}
            if phones
            else _("no owner has a mobile number")
        ),
    )
    record_event(
        verb="dunning.sms",
        actor=actor,
        community=unit.community,
        target=unit,
        message=_("Reminder for %(amount)s sent to %(count)d owners")
        % {"amount": total, "count": len(phones)},
    )
    return len(phones)


def _send(phone, text):
    # A number that is not a mobile is skipped; the event above records the attempt.
    with contextlib.suppress(DomainError):
        send_sms(phone, text)
