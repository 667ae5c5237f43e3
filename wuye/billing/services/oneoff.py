"""One-off charges billed by other apps (a paid repair, a parking agreement's months)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.core.money import q2
from wuye.core.numbering import next_numbers
from wuye.estate.choices import UnitStatus

from .. import engine
from ..choices import AreaBasis, BillStatus, Calculation, PayerKind
from ..models import Bill, BillLine, FeeItem
from .issuing import due_date_for, payer_names
from .ledger import check_posting, lock_unit
from .planning import billing_key
from .standards import policy_for

PAID_SERVICE_CODE = "YCFW"


@transaction.atomic
def one_off_item(community, code: str, name: str, *, actor, pass_through=False) -> FeeItem:
    """The fee item the system bills its own one-off lines under (paid services, late fees,
    utilities' fees collected for them), made on first use."""
    item, _created = FeeItem.objects.get_or_create(
        community=community,
        code=code,
        defaults={
            "name": name,
            "calculation": Calculation.ONE_OFF,
            "created_by": actor,
            "vacancy_applies": False,
            "pass_through": pass_through,
        },
    )
    return item


# A one-off line: its key, period, amount and formula text.
Line = tuple[str, dt.date, dt.date, Decimal, str]


def _issue(unit, *, space=None, payer_name: str, item, lines: list[Line], coverage="", note, actor):
    """One bill to the unit's residents with the given lines, numbered like every bill, due at
    its first period's start (today at the earliest), written in the audit log."""
    if not lines or any(amount <= 0 for _k, _s, _e, amount, _t in lines):
        raise DomainError(_("A one-off bill needs lines of more than zero."))
    community = unit.community
    return _write_bill(
        unit,
        space=space,
        payer_name=payer_name,
        start=lines[0][1],
        end=lines[-1][2],
        due=max(timezone.localdate(), lines[0][1]),
        lines=[
            BillLine(
                community=community,
                fee_item=item,
                period=start,
                period_end=end,
                quantity=Decimal(1),
                unit_price=amount,
                amount=amount,
                formula=str(text)[:300],
                detail={"note": note},
                billing_key=key,
                coverage=coverage,
                created_by=actor,
            )
            for key, start, end, amount, text in lines
        ],
        verb="billing.one_off",
        note=note,
        actor=actor,
    )


def _write_bill(
    unit, *, space=None, payer_name: str, start, end, due, lines: list[BillLine], verb, note, actor
) -> Bill:
    """One bill to the unit's residents with these (unsaved) lines, numbered like every bill,
    its total their sum, written in the audit log under `verb`."""
    community = unit.community
    check_posting(community)
    bill = Bill.objects.create(
        community=community,
        number=next_numbers(community, "bill", 1, prefix="ZD", width=7)[0],
        unit=unit,
        space=space,
        payer_kind=PayerKind.RESIDENT,
        payer_name=payer_name[:100],
        period_start=start,
        period_end=end,
        due_date=due,
        total=q2(sum((line.amount for line in lines), Decimal(0))),
        created_by=actor,
    )
    for line in lines:
        line.bill = bill
    BillLine.objects.bulk_create(lines)
    record_event(
        verb=verb, actor=actor, community=community, target=bill, message=f"{note} ¥{bill.total}"
    )
    return bill


def bill_one_off(unit, *, lines, key: str, note: str, actor, item=None) -> Bill:
    """A one-off bill to a unit's residents (a paid repair's materials and labour, SRV-02): one
    line per (text, amount), due today, numbered like every bill, under `item` (default: paid
    services). `key` makes it idempotent — the same key again returns the bill already issued."""
    community = unit.community
    existing = BillLine.objects.filter(
        community=community, billing_key=f"{key}:0", cancelled=False
    ).first()
    if existing is not None:
        return existing.bill
    today = timezone.localdate()
    return _issue(
        unit,
        payer_name=payer_names(community, {unit.pk}).get(unit.pk, ""),
        item=item or one_off_item(community, PAID_SERVICE_CODE, _("Paid service"), actor=actor),
        lines=[
            (f"{key}:{index}", today, today, q2(amount), text)
            for index, (text, amount) in enumerate(lines)
        ],
        note=note,
        actor=actor,
    )


@transaction.atomic
def bill_space_periods(
    space,
    *,
    unit,
    payer_name: str,
    item_code: str,
    item_name: str,
    periods: list[tuple[dt.date, dt.date, Decimal, str]],
    key: str,
    note: str,
    actor,
) -> Bill | None:
    """A bill to a unit for its parking space's periods (a parking agreement's rent or usage
    fee, OCC-06): one line per (start, end, amount, formula text). Each line's key is `key`
    and its start, so a period billed already is skipped (None when all were); the lines carry
    the space's coverage, so the database refuses a month of this space and fee item billed
    twice, whoever bills it."""
    community = unit.community
    item = one_off_item(community, item_code, item_name, actor=actor)
    lines = [
        (f"{key}:{start:%Y%m%d}", start, end, q2(amount), text)
        for start, end, amount, text in periods
    ]
    billed = set(
        BillLine.objects.filter(
            community=community, billing_key__in=[line[0] for line in lines], cancelled=False
        ).values_list("billing_key", flat=True)
    )
    lines = [line for line in lines if line[0] not in billed]
    if not lines:
        return None
    return _issue(
        unit,
        space=space,
        payer_name=payer_name,
        item=item,
        lines=lines,
        coverage=f"s{space.pk}:f{item.pk}:{PayerKind.RESIDENT[0]}",
        note=note,
        actor=actor,
    )


@transaction.atomic
def cancel_unpaid_bills(community, *, key_prefix: str, reason: str, actor) -> int:
    """Cancel the open bills whose lines were billed under `key_prefix` (a parking agreement
    withdrawn before anything was paid): refused when any of them has been paid; the lines give
    their keys and months back. Returns how many bills were cancelled."""
    bill_ids = list(
        BillLine.objects.filter(
            community=community, billing_key__startswith=key_prefix, cancelled=False
        )
        .values_list("bill_id", flat=True)
        .distinct()
    )
    # Locked in id order, like every payment: a payment now either finishes first (and the
    # bills are paid) or waits and then finds them cancelled.
    check_posting(community)
    bills = list(Bill.objects.select_for_update().filter(pk__in=bill_ids).order_by("pk"))
    if any(bill.paid > 0 for bill in bills):
        raise DomainError(_("Some of these bills have been paid; they can no longer be cancelled."))
    Bill.objects.filter(pk__in=bill_ids).update(status=BillStatus.CANCELLED)
    BillLine.objects.filter(bill_id__in=bill_ids).update(
        cancelled=True, cancelled_at=timezone.now()
    )
    for bill in bills:
        record_event(
            verb="billing.bill_cancelled",
            actor=actor,
            community=community,
            target=bill,
            message=_("Bill %(number)s cancelled: %(reason)s")
            % {"number": bill.number, "reason": reason},
        )
    return len(bills)


@transaction.atomic
def bill_unit_months(unit, *, start: dt.date, months: int, note: str, actor) -> Bill | None:
    """A unit's area and per-unit fees for `months` months from `start`'s month, billed now
    (a move-in's first bills, OCC-02) with the keys and coverage a billing run gives them: a
    run of those months skips them, and the database refuses a month billed twice. Items
    whose months are billed already, or without a price for the month, are left out; None
    when nothing is left to bill. The resident's share follows the fee-start rule."""
    if not 1 <= months <= 12:
        raise DomainError(_("Bill between 1 and 12 months."), field="months")
    if unit.status == UnitStatus.UNSOLD or unit.developer_held:
        raise DomainError(_("The developer pays this unit's fees: there is no resident to bill."))
    lock_unit(unit)
    community = unit.community
    period = engine.month_start(start)
    end = engine.period_end(period, months)
    policy = policy_for(community)
    covered = set(
        BillLine.objects.filter(
            community=community,
            cancelled=False,
            period__lte=end,
            period_end__gte=period,
            coverage__startswith=f"u{unit.pk}:",
        ).values_list("coverage", flat=True)
    )
    fraction = engine.chargeable_fraction(
        period=period,
        months=months,
        handover=unit.handover_date,
        rule=policy.fee_start,
        payer_is_developer=False,
    )
    if fraction <= 0:
        return None
    items = (
        FeeItem.objects.filter(
            community=community,
            is_active=True,
            calculation__in=(Calculation.AREA, Calculation.FIXED_UNIT),
        )
        .prefetch_related("standards", "buildings", "units")
        .order_by("code", "pk")
    )
    six = Decimal("0.000001")
    lines = []
    for item in items:
        buildings = {b.pk for b in item.buildings.all()}
        units = {u.pk for u in item.units.all()}
        coverage = f"u{unit.pk}:f{item.pk}:{PayerKind.RESIDENT[0]}"
        standard = engine.standard_for(item.standards.all(), period)
        if (
            not item.applies_to_use(unit.use)
            or (buildings and unit.building_id not in buildings)
            or (units and unit.pk not in units)
            or coverage in covered
            or standard is None
        ):
            continue
        if item.calculation == Calculation.AREA:
            figures = engine.area_fee(
                price=standard.unit_price,
                gross_area=unit.gross_area,
                inner_area=unit.inner_area,
                basis=item.area_basis or AreaBasis.GROSS,
                months=fraction,
            )
        else:
            figures = engine.fixed_fee(price=standard.unit_price, months=fraction)
        if figures.amount <= 0:
            continue
        lines.append(
            BillLine(
                community=community,
                fee_item=item,
                standard=standard,
                period=period,
                period_end=end,
                quantity=figures.quantity,
                unit_price=figures.unit_price,
                factor=figures.factor.quantize(six, rounding=ROUND_HALF_UP),
                amount=figures.amount,
                formula=figures.formula[:300],
                detail={**figures.detail, "note": note},
                billing_key=billing_key("u", unit.pk, item.pk, period, PayerKind.RESIDENT),
                coverage=coverage,
                created_by=actor,
            )
        )
    if not lines:
        return None
    return _write_bill(
        unit,
        payer_name=payer_names(community, {unit.pk}).get(unit.pk, ""),
        start=period,
        end=end,
        due=due_date_for(policy, period, timezone.localdate()),
        lines=lines,
        verb="billing.months_billed",
        note=note,
        actor=actor,
    )
