"""Planning a billing run.

A billing run is planned by one function (`plan_run`) that both the preview and the execution
use, so what the manager confirmed is what is billed. Idempotency: each line has a key
(unit or space, fee item, period, payer); a key already billed is skipped, so running a period
twice bills only what is missing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple, TypedDict

from django.db import connection
from django.db.models import F, Q, Sum
from django.utils.translation import gettext as _

from wuye.core.money import ZERO, q2
from wuye.estate.choices import UnitStatus
from wuye.estate.models import ParkingSpace, Unit, natural_unit_order

from .. import engine
from ..choices import AreaBasis, Calculation, PayerKind, ReadingStatus, TierBasis
from ..models import BillLine, FeeItem, MeterReading
from .standards import policy_for

# --- Billing runs (BIL-03, BIL-05) --------------------------------------------------------------------


@dataclass(slots=True)
class Figure:
    """What one or more planned lines bill: a fee item's figures (shared by every line of one
    floor plan, payer share and rate; a meter's or a space's line has its own)."""

    fee_item: FeeItem
    standard_id: int | None
    figures: engine.LineFigures
    reading_id: int | None = None
    # An area fee whose lines each take their unit's own area: the database works out each
    # line's quantity, amount and texts from these parts (`figures` then holds only the price
    # and factor), and the plan keeps what they come to in `Plan.fen`.
    area: engine.AreaFee | None = None


@dataclass
class Plan:
    """Everything a run would bill. `targets` maps what one bill is for — (unit id, space id,
    payer kind) — to the indexes of its lines' `figures`, in the order bills are numbered
    (first appearance, fee item by fee item) and lines written."""

    figures: list[Figure]
    targets: dict[tuple[int | None, int | None, str], list[int]]
    anomalies: list
    missing_standards: list
    skipped: int
    # Area figures (`Figure.area`): fen over all their lines, and fen per bill.
    fen: dict[int, int] = field(default_factory=dict)
    target_fen: dict[tuple[int | None, int | None, str], int] = field(default_factory=dict)

    def add(self, target, figure: Figure):
        """A line with figures of its own (a meter, a space, a shared reading)."""
        self.figures.append(figure)
        index = len(self.figures) - 1
        lines = self.targets.get(target)
        if lines is None:
            self.targets[target] = [index]
        else:
            lines.append(index)

    def patterns(self) -> dict[tuple[int, ...], int]:
        """Each distinct list of a bill's figures (units of one floor plan share one) and how
        many bills have it."""
        counts: dict[tuple[int, ...], int] = defaultdict(int)
        for lines in self.targets.values():
            counts[tuple(lines)] += 1
        return counts


class UnitRow(NamedTuple):
    """The figures of a unit a run needs, read without building model instances."""

    pk: int
    use: str
    building_id: int
    status: str
    developer_held: bool
    handover_date: dt.date | None
    gross_area: Decimal
    inner_area: Decimal
    gross_hundredths: int  # the areas in hundredths of a square metre (`engine.AreaFee.cents`)
    inner_hundredths: int


def billing_key(target_kind, target_id, item_id, period, payer_kind):
    month = period if isinstance(period, str) else f"{period:%Y%m}"
    return f"{target_kind}{target_id}:f{item_id}:{month}:{payer_kind[0]}"


RUN_KEY = re.compile(r"^([us]\d+:f\d+):\d{6}:([rd])$")


def _coverage_key(key):
    """“u12:f3:202610:r” → “u12:f3:r”: the key without its month, to compare coverage. Lines
    not made by a run (one-off bills, waivers, late fees) have other keys: None."""
    match = RUN_KEY.match(key)
    return f"{match.group(1)}:{match.group(2)}" if match else None


def _payer_fractions(unit, policy, period, months):
    """[(payer_kind, months as a fraction)] for a unit: developer for unsold/held units and
    for the months before handover, the resident for the rest (BIL-05)."""
    if unit.status == UnitStatus.UNSOLD or unit.developer_held:
        return [(PayerKind.DEVELOPER, Decimal(months))]
    resident = engine.chargeable_fraction(
        period=period,
        months=months,
        handover=unit.handover_date,
        rule=policy.fee_start,
        payer_is_developer=False,
    )
    developer = Decimal(months) - resident
    parts = []
    if developer > 0:
        parts.append((PayerKind.DEVELOPER, developer))
    if resident > 0:
        parts.append((PayerKind.RESIDENT, resident))
    return parts


def _applicable_units(item, units, building_ids, unit_ids):
    if not (item.applies_to_uses or building_ids or unit_ids):
        return units  # every unit (the usual property fee): no copy to make
    return [
        unit
        for unit in units
        if item.applies_to_use(unit.use)
        and (not building_ids or unit.building_id in building_ids)
        and (not unit_ids or unit.pk in unit_ids)
    ]


def _unit_rows(community) -> list[UnitRow]:
    """Every unit of the community in building order, read through a plain cursor. Each
    column is converted once per distinct value (dates and areas repeat across a community's
    floor plans); areas are quantized to their places (SQLite gives floats: the exact binary
    value of a two-place area rounds back to it), so equal areas share their figures."""
    queryset = (
        Unit.objects.filter(community=community)
        .order_by(*natural_unit_order())
        .values_list(*UnitRow._fields[:-2])
    )
    to_date = Unit._meta.get_field("handover_date").to_python
    # An area in whole hundredths of a square metre (its places are two, estate.models.AREA;
    # test_run_rows holds that): SQLite gives a float whose exact binary value is a hair off
    # the figure; scaled and rounded it is exact.
    dates: dict = {None: None}
    grosses: dict = {}
    inners: dict = {}
    rows = []
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for pk, use, building_id, status, held, handed, gross, inner in cursor.cursor.fetchall():
            # Inline look-ups, not helper calls: this runs for every unit of a community.
            day = dates.get(handed, dates)
            if day is dates:
                day = dates[handed] = to_date(handed)
            gross_area = grosses.get(gross)
            if gross_area is None:
                hundredths = round(gross * 100)
                gross_area = grosses[gross] = (Decimal(hundredths).scaleb(-2), hundredths)
            inner_area = inners.get(inner)
            if inner_area is None:
                hundredths = round(inner * 100)
                inner_area = inners[inner] = (Decimal(hundredths).scaleb(-2), hundredths)
            rows.append(
                UnitRow(
                    pk,
                    use,
                    building_id,
                    status,
                    bool(held),
                    day,
                    gross_area[0],
                    inner_area[0],
                    gross_area[1],
                    inner_area[1],
                )
            )
    return rows


def _plan_unit_items(
    item, standard, units, policy, period, months, plan, existing, texts=True
) -> int:
    """Area and fixed-per-unit lines: one per unit and payer (the bulk of every run), added to
    `plan` without an object per line; returns how many were billed already. Without `texts`
    area lines get no formula and detail (`engine.area_fee_by`)."""
    vacant_rate = policy.vacant_rate / Decimal(100)
    one, resident, unsold, vacant = (
        Decimal(1),
        PayerKind.RESIDENT,
        UnitStatus.UNSOLD,
        UnitStatus.VACANT,
    )
    whole = [(resident, Decimal(months))]
    price, area_basis, standard_id = standard.unit_price, item.area_basis, standard.pk
    by_area = item.calculation == Calculation.AREA
    gross = area_basis == AreaBasis.GROSS
    vacancy = item.vacancy_applies
    coverage = f":f{item.pk}:"
    targets, figures, fen, target_fen = plan.targets, plan.figures, plan.fen, plan.target_fen
    # Per (months, rate) — a share: an area item's lines there are one figure whose amounts
    # the unit's own area gives in whole fen (`engine.AreaFee.cents`); otherwise (a fixed
    # item, or figures too long for that) the engine's figures per area, which units of one
    # floor plan share (None: a line of nothing, not billed). A unit billed for the whole
    # period at the full rate — nearly all of them — takes the first share without a look-up.
    by_share: dict[tuple[Decimal, Decimal], tuple] = {}

    def share(fraction: Decimal, rate: Decimal) -> tuple:
        found = by_share.get((fraction, rate))
        if found is None:
            by, exact = None, None
            if by_area:
                fee = engine.area_fee_parts(
                    price=price, basis=area_basis, months=fraction, rate=rate
                )
                cents = fee.cents
                if cents is None:
                    by = engine.area_fee_by(
                        price=price, basis=area_basis, months=fraction, rate=rate, texts=texts
                    )
                else:
                    index = len(figures)
                    figures.append(
                        Figure(
                            item,
                            standard_id,
                            engine.LineFigures(ZERO, price, fee.factor, ZERO, ""),
                            area=fee,
                        )
                    )
                    fen[index] = 0
                    multiplier, divisor = cents
                    exact = (index, multiplier, divisor // 2, divisor)
            found = by_share[fraction, rate] = (by, {}, exact)
        return found

    full = share(whole[0][1], one)
    skipped = 0
    for unit in units:
        status = unit.status
        if (
            status != unsold
            and not unit.developer_held
            and (unit.handover_date is None or unit.handover_date < period)
        ):
            parts = whole  # handed over before the period: the resident's whole period
        else:
            parts = _payer_fractions(unit, policy, period, months)
        for payer, fraction in parts:
            if existing and f"u{unit.pk}{coverage}{payer[0]}" in existing:
                skipped += 1
                continue
            rate = vacant_rate if vacancy and status == vacant and payer == resident else one
            by, memo, exact = full if parts is whole and rate is one else share(fraction, rate)
            target = (unit.pk, None, payer)
            if exact is not None:
                index, multiplier, half, divisor = exact
                hundredths = unit.gross_hundredths if gross else unit.inner_hundredths
                if not hundredths:
                    continue  # no area: a line of nothing, not billed
                amount = (hundredths * multiplier + half) // divisor
                fen[index] += amount
                target_fen[target] = target_fen.get(target, 0) + amount
            else:
                area = (unit.gross_area if gross else unit.inner_area) if by_area else None
                index = memo.get(area, -1)
                if index == -1:
                    if by is not None:  # an area item (areas are never empty)
                        line = by(area)
                    else:
                        line = engine.fixed_fee(price=price, months=fraction, rate=rate)
                    if line.amount != 0 or line.quantity != 0:
                        figures.append(Figure(item, standard_id, line))
                        index = len(figures) - 1
                    else:
                        index = None
                    memo[area] = index
                if index is None:
                    continue
            lines = targets.get(target)
            if lines is None:
                targets[target] = [index]
            else:
                lines.append(index)
    return skipped


def plan_run(community, period: dt.date, months: int, fee_items, *, texts=True) -> Plan:
    """Everything a run for this period would bill (nothing is written). `texts=False` (the
    preview) leaves out the formulas and details of area lines, which only issuing writes."""
    period = engine.month_start(period)
    month_text = f"{period:%Y%m}"
    policy = policy_for(community)
    units = _unit_rows(community)
    end = engine.period_end(period, months)
    # Lines already covering any month of this run (a quarter billed before, or a month inside
    # this quarter): the same target, item and payer is never billed twice for a month.
    existing = set(
        BillLine.objects.filter(
            community=community, cancelled=False, period__lte=end, period_end__gte=period
        )
        .exclude(coverage="")
        .values_list("coverage", flat=True)
    )
    plan = Plan([], {}, [], [], 0)
    anomalies, missing = plan.anomalies, plan.missing_standards
    for item in fee_items:
        standard = engine.standard_for(item.standards.all(), period)
        if standard is None:
            missing.append(str(item))
            continue
        building_ids = set(item.buildings.values_list("pk", flat=True))
        unit_ids = set(item.units.values_list("pk", flat=True))
        # Lines with figures of their own: (target, billing key, figure).
        planned: list[tuple[tuple[int | None, int | None, str], str, Figure]] = []
        if item.calculation in (Calculation.AREA, Calculation.FIXED_UNIT):
            plan.skipped += _plan_unit_items(
                item,
                standard,
                _applicable_units(item, units, building_ids, unit_ids),
                policy,
                period,
                months,
                plan,
                existing,
                texts,
            )
        elif item.calculation == Calculation.FIXED_SPACE:
            spaces = ParkingSpace.objects.filter(community=community).filter(
                Q(unit__isnull=False) | Q(person__isnull=False)
            )
            if item.space_kinds:
                spaces = spaces.filter(kind__in=item.space_kinds)
            for space_id, unit_id in spaces.values_list("pk", "unit_id"):
                figures = engine.fixed_fee(
                    price=standard.unit_price, months=Decimal(months), what="车位"
                )
                planned.append(
                    (
                        (unit_id, space_id, PayerKind.RESIDENT),
                        billing_key("s", space_id, item.pk, month_text, PayerKind.RESIDENT),
                        Figure(item, standard.pk, figures),
                    )
                )
        elif item.calculation in (Calculation.METERED, Calculation.TIERED):
            year_to_date = {}
            if item.calculation == Calculation.TIERED and item.tier_basis == TierBasis.ANNUAL:
                # One query for every meter's usage so far this year (annual cumulative tiers).
                year_to_date = {
                    row["meter_id"]: row["used"] or Decimal(0)
                    for row in MeterReading.objects.filter(
                        community=community,
                        meter__kind=item.meter_kind,
                        period__gte=period.replace(month=1),
                        period__lt=period,
                    )
                    .order_by()
                    .values("meter_id")
                    .annotate(used=Sum(F("current_reading") - F("previous_reading")))
                }
            readings = MeterReading.objects.filter(
                community=community,
                period=period,
                meter__kind=item.meter_kind,
                meter__unit__isnull=False,
            ).select_related("meter__unit")
            for reading in readings:
                unit = reading.meter.unit
                assert unit is not None  # meter__unit__isnull=False above
                if not item.applies_to_use(unit.use) or (
                    building_ids and unit.building_id not in building_ids
                ):
                    continue
                if reading.status == ReadingStatus.ANOMALY:
                    anomalies.append(
                        f"{unit.code} {reading.meter.serial}: {'；'.join(reading.anomaly_texts)}"
                    )
                    continue
                if item.calculation == Calculation.METERED:
                    figures = engine.metered_fee(
                        previous=reading.previous_reading,
                        current=reading.current_reading,
                        multiplier=reading.meter.multiplier,
                        price=standard.unit_price,
                    )
                else:
                    used = year_to_date.get(reading.meter_id, Decimal(0)) * reading.meter.multiplier
                    figures = engine.tiered_fee(
                        previous=reading.previous_reading,
                        current=reading.current_reading,
                        multiplier=reading.meter.multiplier,
                        tiers=standard.tiers,
                        basis=item.tier_basis,
                        used_this_year=used,
                    )
                planned.append(
                    (
                        (unit.pk, None, PayerKind.RESIDENT),
                        billing_key("u", unit.pk, item.pk, month_text, PayerKind.RESIDENT),
                        Figure(item, standard.pk, figures, reading.pk),
                    )
                )
        elif item.calculation == Calculation.SHARED:
            shared_reading = (
                MeterReading.objects.filter(meter=item.shared_meter, period=period).first()
                if item.shared_meter
                else None
            )
            if shared_reading is None:
                anomalies.append(
                    _("%(item)s: no reading of the shared meter for this period") % {"item": item}
                )
                continue
            if shared_reading.status == ReadingStatus.ANOMALY:
                anomalies.append(f"{item}: {'；'.join(shared_reading.anomaly_texts)}")
                continue
            total = q2(shared_reading.usage * item.shared_meter.multiplier * standard.unit_price)
            sharing = [
                (u, u.inner_area) for u in _applicable_units(item, units, building_ids, unit_ids)
            ]
            for row, figures in engine.shared_fees(
                total=total, units=sharing, basis=item.share_basis, remainder=item.remainder_rule
            ):
                payer = (
                    PayerKind.DEVELOPER
                    if (row.status == UnitStatus.UNSOLD or row.developer_held)
                    else PayerKind.RESIDENT
                )
                planned.append(
                    (
                        (row.pk, None, payer),
                        billing_key("u", row.pk, item.pk, month_text, payer),
                        Figure(item, standard.pk, figures, shared_reading.pk),
                    )
                )
        for target, key, figure in planned:
            if existing and _coverage_key(key) in existing:
                plan.skipped += 1
            elif figure.figures.amount != 0 or figure.figures.quantity != 0:
                plan.add(target, figure)
    return plan


class _ItemTotals(TypedDict):
    lines: int
    amount: Decimal


def summarize(plan: Plan) -> dict:
    uses = [0] * len(plan.figures)  # how many lines each figure is billed on
    for pattern, bills in plan.patterns().items():
        for index in pattern:
            uses[index] += bills
    by_item: defaultdict[str, _ItemTotals] = defaultdict(lambda: {"lines": 0, "amount": Decimal(0)})
    for index, (figure, count) in enumerate(zip(plan.figures, uses, strict=True)):
        if count:
            entry = by_item[str(figure.fee_item)]
            entry["lines"] += count
            entry["amount"] += (
                Decimal(plan.fen[index]).scaleb(-2)
                if figure.area
                else figure.figures.amount * count
            )
    return {
        "targets": len(plan.targets),
        "lines": sum(uses),
        "skipped": plan.skipped,
        "total": str(q2(sum((v["amount"] for v in by_item.values()), Decimal(0)))),
        "by_item": [
            {"item": name, "lines": v["lines"], "amount": str(q2(v["amount"]))}
            for name, v in sorted(by_item.items())
        ],
        "anomalies": plan.anomalies[:200],
        "anomaly_count": len(plan.anomalies),
        "missing_standards": plan.missing_standards,
    }
