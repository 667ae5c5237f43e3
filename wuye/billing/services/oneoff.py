"""One-off charges billed by other apps (a paid repair)."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.core.money import q2
from wuye.core.numbering import next_numbers

from ..choices import Calculation, PayerKind
from ..models import Bill, BillLine, FeeItem
from .issuing import payer_names

PAID_SERVICE_CODE = "YCFW"


@transaction.atomic
def one_off_item(community, code: str, name: str, *, actor) -> FeeItem:
    """The fee item the system bills its own one-off lines under (paid services, late fees),
    made on first use."""
    item, _created = FeeItem.objects.get_or_create(
        community=community,
        code=code,
        defaults={
            "name": name,
            "calculation": Calculation.ONE_OFF,
            "created_by": actor,
            "vacancy_applies": False,
        },
    )
    return item


def bill_one_off(unit, *, lines, key: str, note: str, actor) -> Bill:
    """A one-off bill to a unit's residents (a paid repair's materials and labour, SRV-02): one
    line per (text, amount), due today, numbered like every bill. `key` makes it idempotent —
    the same key again returns the bill already issued."""
    community = unit.community
    existing = BillLine.objects.filter(
        community=community, billing_key=f"{key}:0", cancelled=False
    ).first()
    if existing is not None:
        return existing.bill
    lines = [(text, q2(amount)) for text, amount in lines]
    if not lines or any(amount <= 0 for _text, amount in lines):
        raise DomainError(_("A one-off bill needs lines of more than zero."))
    item = one_off_item(community, PAID_SERVICE_CODE, _("Paid service"), actor=actor)
    today = timezone.localdate()
    bill = Bill.objects.create(
        community=community,
        number=next_numbers(community, "bill", 1, prefix="ZD", width=7)[0],
        unit=unit,
        payer_kind=PayerKind.RESIDENT,
        payer_name=payer_names(community, {unit.pk}).get(unit.pk, ""),
        period_start=today,
        period_end=today,
        due_date=today,
        total=q2(sum((amount for _text, amount in lines), Decimal(0))),
        created_by=actor,
    )
    for index, (text, amount) in enumerate(lines):
        BillLine.objects.create(
            community=community,
            bill=bill,
            fee_item=item,
            period=today,
            period_end=today,
            quantity=Decimal(1),
            unit_price=amount,
            amount=amount,
            formula=str(text)[:300],
            detail={"note": note},
            billing_key=f"{key}:{index}",
            created_by=actor,
        )
    record_event(
        verb="billing.one_off",
        actor=actor,
        community=community,
        target=bill,
        message=f"{note} ¥{bill.total}",
    )
    return bill
