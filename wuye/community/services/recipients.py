"""Who a campaign reaches and what each receives (COM-02): its target resolved into one
recipient per mobile number — residents of the community, zones or buildings; owners on the
arrears list with what they owe; a saved list; today's birthdays claimed by the greeting job —
and each recipient's text composed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Sum
from django.utils import timezone

from wuye.billing.models import Bill
from wuye.billing.reports import overdue_bills
from wuye.core.calendar import FESTIVAL_NAMES
from wuye.core.money import q2
from wuye.estate.choices import RelationRole
from wuye.estate.models import UnitRelation

from ..choices import OPT_OUT_KINDS, TargetKind
from ..models import Campaign
from ..variables import Values, render

UNSUBSCRIBE = "拒收请回复R"
UNITS_SHOWN = 3  # {房号} names at most three units of one person, then “等N户”


@dataclass
class Recipient:
    phone: str
    name: str = ""
    units: list[str] = field(default_factory=list)
    amount: Decimal | None = None
    date: dt.date | None = None

    def unit_text(self) -> str:
        if len(self.units) <= UNITS_SHOWN:
            return "、".join(self.units)
        return "、".join(self.units[:UNITS_SHOWN]) + f"等{len(self.units)}户"


def _from_relations(rows: Iterable[tuple], amounts: dict[int, Decimal] | None = None):
    """Recipients from (unit id, unit code, name, phone) rows, one per mobile number; the count
    of people without one."""
    recipients: dict[str, Recipient] = {}
    without: set[tuple[str, int]] = set()
    for unit_id, code, name, phone in rows:
        if not phone:
            without.add((name, unit_id))
            continue
        recipient = recipients.get(phone)
        if recipient is None:
            recipient = recipients[phone] = Recipient(phone=phone, name=name)
            if amounts is not None:
                recipient.amount = Decimal("0.00")
        if code not in recipient.units:
            recipient.units.append(code)
            if amounts is not None:
                recipient.amount = (recipient.amount or Decimal(0)) + amounts.get(
                    unit_id, Decimal(0)
                )
    return list(recipients.values()), len(without)


def resolve_recipients(campaign: Campaign) -> tuple[list[Recipient], int]:
    """The campaign's recipients (one per mobile number) and how many had no mobile number."""
    community = campaign.community
    today = timezone.localdate()
    relations = UnitRelation.objects.filter(community=community).current(today)
    columns = ("unit_id", "unit__code", "person__name", "person__phone")
    residents = relations.filter(role__in=(RelationRole.OWNER, RelationRole.TENANT))
    if campaign.target == TargetKind.LIST:
        assert campaign.recipient_list is not None
        entries = campaign.recipient_list.entries.order_by("position")
        return [
            Recipient(
                phone=e.phone,
                name=e.name,
                units=[e.unit_code] if e.unit_code else [],
                amount=e.amount,
                date=e.date,
            )
            for e in entries
        ], 0
    if campaign.target == TargetKind.BIRTHDAYS:
        # The people whose birthday this campaign greets, claimed by the greeting job.
        rows = (
            relations.filter(person__in=campaign.greetings.values("person"))
            .order_by("person_id", "unit__code")
            .values_list(*columns)
        )
        return _from_relations(rows)
    if campaign.target == TargetKind.ARREARS:
        bills = Bill.objects.filter(community=community, unit__isnull=False)
        zone_ids = list(campaign.zones.values_list("pk", flat=True))
        if zone_ids:
            bills = bills.filter(unit__building__zone__in=zone_ids)
        owing = (
            overdue_bills(bills, today)
            .order_by()
            .values("unit")
            .annotate(owed_sum=Sum(F("total") - F("paid")))
        )
        amounts = {unit: q2(owed) for unit, owed in owing.values_list("unit", "owed_sum")}
        rows = (
            relations.filter(role=RelationRole.OWNER, unit__in=owing.values("unit"))
            .order_by("unit__code", "start_date", "id")
            .values_list(*columns)
        )
        return _from_relations(rows, amounts)
    if campaign.target == TargetKind.ZONES:
        residents = residents.filter(unit__building__zone__in=campaign.zones.all())
    elif campaign.target == TargetKind.BUILDINGS:
        residents = residents.filter(unit__building__in=campaign.buildings.all())
    rows = residents.order_by("unit__code", "role", "start_date", "id").values_list(*columns)
    return _from_relations(rows)


def compose(campaign: Campaign, recipient: Recipient, on: dt.date) -> str:
    """The text one recipient receives: the service center's signature, the text with the
    recipient's values, and the way to refuse such messages for marketing and greetings."""
    body = render(
        campaign.text,
        Values(
            name=recipient.name or "业主",
            unit=recipient.unit_text(),
            amount=recipient.amount,
            date=recipient.date or on,
            community=campaign.community.name,
            festival=FESTIVAL_NAMES.get(campaign.occasion, ""),
        ),
    )
    text = f"【{campaign.community.name}】{body}"
    if campaign.kind in OPT_OUT_KINDS:
        text += UNSUBSCRIBE
    return text
