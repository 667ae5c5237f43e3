"""Dunning (催缴): reminder SMS and notice letters for overdue bills (BIL-14).

Reminders ask; they never threaten. The law forbids cutting water, power or gas or blocking
access for arrears, and nothing here offers it.
"""

from __future__ import annotations

import contextlib
import functools
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.core.money import q2
from wuye.core.sms import send_sms

from .choices import BillStatus, ContactMethod, ContactResult, PayerKind
from .models import Bill, DunningContact

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


@transaction.atomic
def send_reminders(units, *, actor) -> int:
    """Queue one reminder SMS per unit to each current owner with a mobile phone."""
    count = 0
    for unit in units:
        total = owed_total(unit)
        if total <= 0:
            continue
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
            count += 1
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
    return count


def _send(phone, text):
    # A number that is not a mobile is skipped; the event above records the attempt.
    with contextlib.suppress(DomainError):
        send_sms(phone, text)
