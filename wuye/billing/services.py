"""Billing writes: fee items and standards, the policy, meter readings, billing runs.

A billing run is planned by one function (`plan_run`) that both the preview and the execution
use, so what the manager confirmed is what is billed. Idempotency: each line has a key
(unit or space, fee item, period, payer); a key already billed is skipped, so running a period
twice bills only what is missing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import secrets
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple, TypedDict

from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.audit import record_event
from wuye.core.bulk import gc_paused, insert_plain, insert_rows, insert_select
from wuye.core.errors import DomainError
from wuye.core.jobs import enqueue_on_commit
from wuye.core.money import ZERO, q2
from wuye.core.numbering import next_numbers, number_sql, reserve_numbers
from wuye.estate.choices import UnitStatus
from wuye.estate.models import MeterReplacement, ParkingSpace, Unit, natural_unit_order

from . import engine
from .choices import (
    RUN_CALCULATIONS,
    RUN_TRANSITIONS,
    AreaBasis,
    BillStatus,
    Calculation,
    PayerKind,
    ReadingStatus,
    RunStatus,
)
from .models import (
    ArrearsSnapshot,
    Bill,
    BillingPolicy,
    BillingRun,
    BillLine,
    FeeItem,
    FeeStandard,
    MeterReading,
)

ANOMALY_FACTOR = Decimal("3")


# --- Policy, fee items, standards -----------------------------------------------------------------


def policy_for(community) -> BillingPolicy:
    """The community's billing policy; the defaults stated on the settings page until edited."""
    policy = BillingPolicy.objects.filter(community=community).first()
    return policy or BillingPolicy(community=community)


@transaction.atomic
def save_policy(form, *, actor, community):
    policy = form.save(commit=False)
    policy.community = community
    if policy.pk is None:
        policy.created_by = actor
    policy.save()
    record_event(
        verb="billing.policy_saved",
        actor=actor,
        community=community,
        target=policy,
        message=_("Billing policy saved"),
        data={"fields": sorted(form.changed_data)},
    )
    return policy


@transaction.atomic
def save_standard(form, *, actor, community):
    """A new price from a date on; the previous open-ended standard ends the day before."""
    standard = form.save(commit=False)
    creating = standard.pk is None
    if creating:
        standard.community = community
        standard.created_by = actor
        if BillLine.objects.filter(
            standard__fee_item=standard.fee_item,
            period__gte=standard.effective_from,
            cancelled=False,
        ).exists():
            raise DomainError(
                _(
                    "Bills have already been issued with the old price for periods from this date; choose a later date."
                ),
                field="effective_from",
            )
        previous = (
            FeeStandard.objects.filter(
                fee_item=standard.fee_item, effective_from__lt=standard.effective_from
            )
            .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=standard.effective_from))
            .first()
        )
        if previous is not None:
            previous.effective_to = standard.effective_from - dt.timedelta(days=1)
            previous.save(update_fields=["effective_to", "updated_at"])
    elif BillLine.objects.filter(standard=standard, cancelled=False).exists():
        raise DomainError(
            _(
                "This standard has been used on bills and cannot be changed; add a new standard from a later date."
            )
        )
    overlapping = (
        FeeStandard.objects.filter(fee_item=standard.fee_item)
        .exclude(pk=standard.pk)
        .filter(effective_from__gte=standard.effective_from)
    )
    if standard.effective_to is not None:
        overlapping = overlapping.filter(effective_from__lte=standard.effective_to)
    if overlapping.exists():
        raise DomainError(
            _("Another standard of this fee item starts inside this period."),
            field="effective_from",
        )
    standard.save()
    record_event(
        verb="billing.standard_saved",
        actor=actor,
        community=community,
        target=standard,
        message=_("Fee standard %(item)s from %(date)s: %(price)s")
        % {
            "item": standard.fee_item.name,
            "date": standard.effective_from,
            "price": standard.unit_price,
        },
    )
    return standard


# --- Meter readings (BIL-04) -------------------------------------------------------------------------


def _recent_average(meter, period) -> Decimal | None:
    usages = [
        r.usage
        for r in MeterReading.objects.filter(meter=meter, period__lt=period).order_by("-period")[:3]
        if r.usage >= 0
    ]
    return sum(usages, Decimal(0)) / len(usages) if usages else None


def anomalies_for(previous: Decimal, current: Decimal, *, average, replaced: bool) -> list[dict]:
    """Anomalies as codes with their figures; they are put into words when shown, in the
    reader's language (`MeterReading.anomaly_texts`)."""
    anomalies = []
    usage = current - previous
    if usage < 0:
        anomalies.append({"code": "negative", "value": str(usage)})
    if average and average > 0 and usage > ANOMALY_FACTOR * average:
        anomalies.append({"code": "spike", "value": str(q2(average))})
    if replaced:
        anomalies.append({"code": "replaced", "value": ""})
    return anomalies


def _replaced_meters(meter_ids, period) -> set:
    end = engine.period_end(period, 1)
    rows = MeterReplacement.objects.filter(
        Q(old_meter_id__in=meter_ids) | Q(new_meter_id__in=meter_ids),
        replaced_on__range=(period, end),
    ).values_list("old_meter_id", "new_meter_id")
    return {pk for pair in rows for pk in pair}


def find_anomalies(meter, period, previous: Decimal, current: Decimal) -> list[dict]:
    return anomalies_for(
        previous,
        current,
        average=_recent_average(meter, period),
        replaced=meter.pk in _replaced_meters([meter.pk], period),
    )


@transaction.atomic
def record_reading(
    *, meter, period, current, read_on, actor, previous=None, note=""
) -> MeterReading:
    """Enter (or correct) a meter's reading for a period; anomalies hold it back from billing."""
    period = engine.month_start(period)
    reading = MeterReading.objects.select_for_update().filter(meter=meter, period=period).first()
    if reading is not None and reading.status == ReadingStatus.BILLED:
        raise DomainError(
            _("This reading has been billed; correct it with a new reading next month.")
        )
    if previous is None:
        last = (
            MeterReading.objects.filter(meter=meter, period__lt=period).order_by("-period").first()
        )
        previous = last.current_reading if last else meter.initial_reading
    anomalies = find_anomalies(meter, period, previous, current)
    if reading is None:
        reading = MeterReading(
            community=meter.community, meter=meter, period=period, created_by=actor
        )
    reading.previous_reading = previous
    reading.current_reading = current
    reading.read_on = read_on
    reading.note = note
    reading.anomalies = anomalies
    reading.status = ReadingStatus.ANOMALY if anomalies else ReadingStatus.OK
    reading.confirmed_by = None
    reading.save()
    return reading


@transaction.atomic
def record_readings(*, entries, period, read_on, actor) -> tuple[int, list[str]]:
    """A building's readings in one go (the entry grid): the same rules as `record_reading`,
    with the look-ups done once for all meters. Returns (saved, problems)."""
    period = engine.month_start(period)
    meter_ids = [meter.pk for meter, _current in entries]
    actor_id = getattr(actor, "pk", None)
    existing = {
        r.meter_id: r
        for r in MeterReading.objects.select_for_update().filter(
            meter_id__in=meter_ids, period=period
        )
    }
    # The last three usages of each meter, read as plain values: a grid is hundreds of meters
    # and model instances for their history cost more than the rest of the submission.
    history: defaultdict[int, list[Decimal]] = defaultdict(list)
    last_reading: dict[int, Decimal] = {}
    for meter_id, earlier_previous, earlier_current in (
        MeterReading.objects.filter(
            meter_id__in=meter_ids, period__lt=period, period__gte=engine.add_months(period, -12)
        )
        .order_by("meter_id", "-period")
        .values_list("meter_id", "previous_reading", "current_reading")
    ):
        past = history[meter_id]
        if not past:
            last_reading[meter_id] = earlier_current  # the latest reading before the period
        if len(past) < 3:
            past.append(earlier_current - earlier_previous)
    replaced = _replaced_meters(meter_ids, period)
    create: list[tuple] = []
    update: list[MeterReading] = []
    problems: list[str] = []
    for meter, current in entries:
        reading = existing.get(meter.pk)
        if reading is not None and reading.status == ReadingStatus.BILLED:
            problems.append(
                _("%(unit)s: already billed")
                % {"unit": meter.unit.code if meter.unit_id else meter.serial}
            )
            continue
        previous = (
            reading.previous_reading
            if reading is not None
            else last_reading.get(meter.pk, meter.initial_reading)
        )
        usages = [usage for usage in history.get(meter.pk, ()) if usage >= 0]
        average = sum(usages, Decimal(0)) / len(usages) if usages else None
        anomalies = anomalies_for(previous, current, average=average, replaced=meter.pk in replaced)
        status = ReadingStatus.ANOMALY if anomalies else ReadingStatus.OK
        if reading is None:
            create.append(
                (
                    meter.community_id,
                    meter.pk,
                    period,
                    previous,
                    current,
                    read_on,
                    json.dumps(anomalies),
                    status.value,
                    actor_id,
                )
            )
        else:
            reading.current_reading, reading.read_on, reading.anomalies, reading.status = (
                current,
                read_on,
                anomalies,
                status,
            )
            reading.confirmed_by = None
            update.append(reading)
    # New readings go in as rows (COPY on PostgreSQL), like a billing run's lines: no model
    # instance, save() or signal per reading — bulk_create sent no signals either.
    insert_rows(
        MeterReading,
        [
            "community_id",
            "meter_id",
            "period",
            "previous_reading",
            "current_reading",
            "read_on",
            "anomalies",
            "status",
            "created_by_id",
        ],
        create,
    )
    MeterReading.objects.bulk_update(
        update,
        ["current_reading", "read_on", "anomalies", "status", "confirmed_by"],
        batch_size=1000,
    )
    return len(create) + len(update), problems


@transaction.atomic
def confirm_reading(reading, *, actor, note="") -> MeterReading:
    """A person checked an anomalous reading and confirms it is right (it may then be billed)."""
    if reading.status != ReadingStatus.ANOMALY:
        raise DomainError(_("Only a reading with an anomaly needs confirming."))
    if reading.usage < 0:
        # A negative usage is never billed as a refund: correct the reading, or record the meter
        # replacement (the new meter then starts from its own initial reading).
        raise DomainError(
            _(
                "A negative usage cannot be confirmed: correct the reading, or record the meter replacement."
            )
        )
    reading.status = ReadingStatus.CONFIRMED
    reading.confirmed_by = actor
    if note:
        reading.note = note
    reading.save(update_fields=["status", "confirmed_by", "note", "updated_at"])
    record_event(
        verb="reading.confirmed",
        actor=actor,
        community=reading.community,
        target=reading,
        message=_("Anomaly confirmed: %(what)s") % {"what": "；".join(reading.anomaly_texts)},
    )
    return reading


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
            if item.calculation == Calculation.TIERED and item.tier_basis == "annual":
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


def _transition(run, status):
    if status not in RUN_TRANSITIONS[run.status]:
        raise DomainError(
            _("A run that is “%(status)s” cannot do that.") % {"status": run.get_status_display()}
        )
    run.status = status


@transaction.atomic
def preview_run(*, community, period, months=None, fee_items=None, actor) -> BillingRun:
    """Plan a run and keep its preview: units, lines, totals by item, anomalies."""
    policy = policy_for(community)
    months = months or {"month": 1, "quarter": 3, "half": 6, "year": 12}[policy.cycle]
    items = (
        list(fee_items)
        if fee_items is not None
        else list(
            FeeItem.objects.filter(
                community=community, is_active=True, calculation__in=RUN_CALCULATIONS
            )
        )
    )
    if not items:
        raise DomainError(_("Choose at least one fee item that a billing run can bill."))
    run = BillingRun.objects.create(
        community=community, period=engine.month_start(period), months=months, created_by=actor
    )
    run.fee_items.set(items)
    with gc_paused():
        run.preview = summarize(plan_run(community, run.period, months, items, texts=False))
    run.save(update_fields=["preview"])
    return run


@transaction.atomic
def confirm_run(run, *, actor, enqueue=True) -> BillingRun:
    """The manager confirms the preview; the run executes in the background (or, with
    enqueue=False, by the caller — the management command)."""
    from .tasks import execute_billing_run

    run = BillingRun.objects.select_for_update().get(pk=run.pk)
    _transition(run, RunStatus.QUEUED)
    run.confirmed_at = timezone.now()
    run.error = ""
    # The bar has its length from the start (the preview's count; fixed once planning is done).
    run.progress_total = max(run.progress_total, int((run.preview or {}).get("targets") or 0))
    run.save(update_fields=["status", "confirmed_at", "error", "progress_total", "updated_at"])
    record_event(
        verb="billing_run.confirmed",
        actor=actor,
        community=run.community,
        target=run,
        message=_("Billing run %(period)s confirmed") % {"period": f"{run.period:%Y-%m}"},
        data=run.preview,
    )
    if enqueue:
        enqueue_on_commit(execute_billing_run, run.pk)
    return run


# A run commits its bills in chunks (progress moves; a crash loses one chunk at most). A
# run whose progress has not moved for this long is taken to have lost its worker.
RUN_CHUNK = 2000
RUN_STALLED_AFTER = dt.timedelta(minutes=10)


class RunBusyError(DomainError):
    """Another run of the community is issuing bills; this one waits its turn."""


def execute_run(run, *, chunk: int = RUN_CHUNK) -> BillingRun:
    """Issue the bills of a confirmed run (called by the worker). Safe to call again: a failed
    run re-confirmed, or a run whose worker died, continues where it stopped — what it billed
    stays, the rest is planned again — and nothing is billed twice."""
    lease = secrets.token_hex(8)
    try:
        with transaction.atomic():
            run = BillingRun.objects.select_for_update().get(pk=run.pk)
            if run.status == RunStatus.RUNNING and (
                timezone.now() - run.updated_at < RUN_STALLED_AFTER
            ):
                raise RunBusyError(_("This run is being issued right now."))
            _transition(run, RunStatus.RUNNING)
            run.lease = lease
            run.save(update_fields=["status", "lease", "updated_at"])
    except IntegrityError as exc:  # billing_run_one_running_per_community
        raise RunBusyError(
            _("Another billing run of this service center is being issued; this one follows it.")
        ) from exc
    try:
        with gc_paused():
            _issue(run, lease=lease, chunk=chunk)
        with transaction.atomic():
            if not _hold_lease(run, lease):
                return run
            if policy_for(run.community).auto_offset_prepayment:
                _offset_prepayments(run)
            run.status = RunStatus.DONE
            run.finished_at = timezone.now()
            run.lease = ""
            run.save()
            record_event(
                verb="billing_run.done",
                actor=run.created_by,
                community=run.community,
                target=run,
                message=_("%(bills)d bills, %(lines)d lines, %(total)s yuan")
                % {
                    "bills": run.bills_created,
                    "lines": run.lines_created,
                    "total": run.total_amount,
                },
            )
    except LeaseLost:
        return run
    except Exception as exc:
        BillingRun.objects.filter(pk=run.pk, lease=lease).update(
            status=RunStatus.FAILED, error=str(exc)[:2000], lease=""
        )
        raise
    return run


class LeaseLost(Exception):
    """The run was taken over (resumed after a stall); this attempt stops writing."""


def _hold_lease(run, lease) -> bool:
    """Inside a chunk's transaction: lock the run and make sure this attempt still owns it."""
    current = (
        BillingRun.objects.select_for_update().filter(pk=run.pk).values_list("lease", "status")
    )
    row = current.first()
    return row is not None and row == (lease, RunStatus.RUNNING)


def due_date_for(policy, period: dt.date, issued: dt.date) -> dt.date:
    """The due day of the first month billed; a bill issued late (after that day, or with fewer
    than the policy's payment term left) is due the payment term after it is issued, so no
    bill is overdue the day it is born (aging and late fees count from this date)."""
    return max(
        period.replace(day=policy.due_day), issued + dt.timedelta(days=policy.payment_term_days)
    )


# A run's work tables (temporary: each connection has its own, gone when it closes): the
# distinct figures, each distinct list of a bill's figures, and the bills in number order.
_WORK_TABLES = {
    # An area figure (area_basis set) has no quantity or amount of its own: each line takes its
    # unit's area, the amount in fen is (hundredths × fen_multiplier + fen_divisor ÷ 2) ÷
    # fen_divisor in whole numbers (the divisor is even), and formula / detail hold the texts
    # before the area's (`_tails` after).
    "billing_run_figure": "id integer PRIMARY KEY, fee_item_id bigint, standard_id bigint, "
    "reading_id bigint, quantity numeric, unit_price numeric, factor numeric, amount numeric, "
    "formula text, detail text, area_basis text, fen_multiplier bigint, fen_divisor bigint, "
    "formula_tail text, detail_tail text",
    "billing_run_pattern": "pattern_id integer, position integer, figure_id integer, "
    "PRIMARY KEY (pattern_id, position)",
    "billing_run_target": "seq integer PRIMARY KEY, unit_id bigint, space_id bigint, "
    "payer_kind text, payer_name text, total numeric, pattern_id integer",
}


def _drop_work_tables():
    # Tidying only: temporary tables go with their connection, so a connection that broke
    # (the error being reported) need not be asked.
    with contextlib.suppress(DatabaseError), connection.cursor() as cursor:
        for table in _WORK_TABLES:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")


def _issue(run, *, lease: str, chunk: int):
    """Write the run's bills and lines: one bill per unit or space and payer, numbered in order,
    committed `chunk` bills at a time with the run's progress. Python computes each distinct
    figure once and which figures each bill has; the database writes the rows from work tables
    (INSERT…SELECT, numbers included), so a run of 100,000 units takes seconds. Lines this run
    (or any other) already made are skipped by the plan, which is how a resumed run carries on."""
    community = run.community
    plan = plan_run(community, run.period, run.months, list(run.fee_items.all()))
    policy = policy_for(community)
    targets = list(plan.targets.items())
    end = engine.period_end(run.period, run.months)
    due = due_date_for(policy, run.period, timezone.localdate())
    owners = _payer_names(community, {target[0] for target, _lines in targets if target[0]})
    developer = policy.developer_name or _("Developer")
    already = Bill.objects.filter(run=run).aggregate(bills=Count("id"), total=Sum("total"))
    done_bills = already["bills"] or 0
    with transaction.atomic():
        if not _hold_lease(run, lease):
            raise LeaseLost
        run.progress_done = done_bills
        run.progress_total = done_bills + len(targets)
        run.bills_created = done_bills
        run.lines_created = BillLine.objects.filter(bill__run=run).count()
        run.total_amount = q2(already["total"])
        run.lines_skipped = max(plan.skipped - run.lines_created, 0)
        run.save(
            update_fields=[
                "progress_done",
                "progress_total",
                "bills_created",
                "lines_created",
                "total_amount",
                "lines_skipped",
                "updated_at",
            ]
        )
    if not targets:
        return
    patterns: dict[tuple[int, ...], int] = {}  # a bill's figures → pattern id
    pattern_of = []  # per target, in number order
    for _target, lines in targets:
        pattern_of.append(patterns.setdefault(tuple(lines), len(patterns)))
    # A bill's total: its figures' amounts (an area figure's is each unit's own, in fen).
    totals = [
        q2(sum((plan.figures[index].figures.amount for index in pattern), Decimal(0)))
        for pattern in patterns
    ]
    target_fen = plan.target_fen
    bill_totals = [
        totals[pattern] + Decimal(target_fen[target]).scaleb(-2)
        if target in target_fen
        else totals[pattern]
        for (target, _lines), pattern in zip(targets, pattern_of, strict=True)
    ]
    _drop_work_tables()
    try:
        _fill_work_tables(plan, targets, patterns, pattern_of, bill_totals, owners, developer)
        with_readings = any(figure.reading_id for figure in plan.figures)
        for start in range(0, len(targets), chunk):
            stop = min(start + chunk, len(targets))
            part = targets[start:stop]
            readings = (
                {plan.figures[index].reading_id for _target, lines in part for index in lines}
                if with_readings
                else set()
            )
            _issue_chunk(
                run,
                lease=lease,
                start=start,
                stop=stop,
                end=end,
                due=due,
                lines=sum(len(lines) for _target, lines in part),
                total=sum(bill_totals[start:stop], Decimal(0)),
                readings=readings - {None},
            )
    finally:
        _drop_work_tables()


def _fill_work_tables(plan, targets, patterns, pattern_of, bill_totals, owners, developer):
    six = Decimal("0.000001")
    encode = json.JSONEncoder(ensure_ascii=False).encode

    def figure_row(index, figure):
        figures, area = figure.figures, figure.area
        factor = figures.factor.quantize(six, rounding=ROUND_HALF_UP)
        common = (index, figure.fee_item.pk, figure.standard_id, figure.reading_id)
        if area is None:
            return (
                *common,
                figures.quantity,
                figures.unit_price,
                factor,
                figures.amount,
                figures.formula[:300],
                figures.detail_json or encode(figures.detail),
                None,
                None,
                None,
                "",
                "",
            )
        multiplier, divisor = area.cents
        return (
            *common,
            None,
            figures.unit_price,
            factor,
            None,
            area.formula_head,
            area.detail_head,
            area.basis,
            multiplier,
            divisor,
            area.formula_tail,
            area.detail_tail,
        )

    with transaction.atomic(), connection.cursor() as cursor:
        for table, columns in _WORK_TABLES.items():
            cursor.execute(f"CREATE TEMPORARY TABLE {table} ({columns})")
        insert_plain(
            "billing_run_figure",
            [
                "id",
                "fee_item_id",
                "standard_id",
                "reading_id",
                "quantity",
                "unit_price",
                "factor",
                "amount",
                "formula",
                "detail",
                "area_basis",
                "fen_multiplier",
                "fen_divisor",
                "formula_tail",
                "detail_tail",
            ],
            (figure_row(index, figure) for index, figure in enumerate(plan.figures)),
        )
        insert_plain(
            "billing_run_pattern",
            ["pattern_id", "position", "figure_id"],
            (
                (pattern_id, position, index)
                for pattern, pattern_id in patterns.items()
                for position, index in enumerate(pattern)
            ),
        )
        insert_plain(
            "billing_run_target",
            ["seq", "unit_id", "space_id", "payer_kind", "payer_name", "total", "pattern_id"],
            (
                (
                    seq,
                    unit_id,
                    space_id,
                    payer,
                    developer if payer == PayerKind.DEVELOPER else owners.get(unit_id, ""),
                    total,
                    pattern,
                )
                for seq, ((unit_id, space_id, payer), _lines), pattern, total in zip(
                    range(len(targets)), targets, pattern_of, bill_totals, strict=True
                )
            ),
        )


def _issue_chunk(run, *, lease, start, stop, end, due, lines: int, total: Decimal, readings):
    """Bills start…stop-1 of the work table and their `lines` lines, numbered from a reserved
    range, committed in one transaction with the run's progress and the readings they bill."""
    community = run.community
    with transaction.atomic():
        if not _hold_lease(run, lease):
            raise LeaseLost
        stem, first = reserve_numbers(community, "bill", stop - start, prefix="ZD")
        number = number_sql(connection.vendor, f"t.seq + {first - start}", 7)
        common = {"community_id": community.pk, "created_by_id": run.created_by_id}
        bills = insert_select(
            Bill,
            {
                "number": (number, [stem]),
                "unit_id": "t.unit_id",
                "space_id": "t.space_id",
                "payer_kind": "t.payer_kind",
                "payer_name": "t.payer_name",
                "total": "t.total",
            },
            "FROM billing_run_target t WHERE t.seq >= %s AND t.seq < %s ORDER BY t.seq",
            [start, stop],
            constants={
                **common,
                "period_start": run.period,
                "period_end": end,
                "due_date": due,
                "run_id": run.pk,
            },
        )
        target = "CASE WHEN t.space_id IS NULL THEN 'u' || t.unit_id ELSE 's' || t.space_id END"
        item = "':f' || f.fee_item_id"
        payer = "':' || substr(t.payer_kind, 1, 1)"
        # An area figure's line: its unit's area, the amount from it in whole fen (exact in
        # integers, `engine.AreaFee.cents`), the area's text between the figure's texts.
        area = (
            f"(CASE f.area_basis WHEN '{AreaBasis.GROSS}' THEN u.gross_area ELSE u.inner_area END)"
        )
        fen = f"(CAST(ROUND({area} * 100) AS BIGINT) * f.fen_multiplier + f.fen_divisor / 2) / f.fen_divisor"
        area_text = (
            f"CAST(ROUND({area}, 2) AS text)"
            if connection.vendor == "postgresql"
            else f"printf('%%.2f', {area})"
        )

        def own_or_area(column, by_area):
            return f"CASE WHEN f.area_basis IS NULL THEN f.{column} ELSE {by_area} END"

        try:
            written = insert_select(
                BillLine,
                {
                    "bill_id": "b.id",
                    "fee_item_id": "f.fee_item_id",
                    "standard_id": "f.standard_id",
                    "reading_id": "f.reading_id",
                    "quantity": own_or_area("quantity", area),
                    "unit_price": "f.unit_price",
                    "factor": "f.factor",
                    "amount": own_or_area("amount", f"{fen} / 100.0"),
                    "formula": own_or_area(
                        "formula", f"f.formula || {area_text} || f.formula_tail"
                    ),
                    "detail": own_or_area("detail", f"f.detail || {area_text} || f.detail_tail"),
                    "billing_key": (
                        f"{target} || {item} || ':' || %s || {payer}",
                        [f"{run.period:%Y%m}"],
                    ),
                    "coverage": f"{target} || {item} || {payer}",
                },
                # CROSS JOIN: SQLite then joins in this order (the chunk's targets first, each
                # to its bill by number and its figures by key) — the work tables have no
                # statistics, and a plan starting from all patterns reads them every chunk.
                "FROM billing_run_target t "
                f"CROSS JOIN {Bill._meta.db_table} b "
                "CROSS JOIN billing_run_pattern p CROSS JOIN billing_run_figure f "
                f"LEFT JOIN {Unit._meta.db_table} u "
                "ON f.area_basis IS NOT NULL AND u.id = t.unit_id "
                f"WHERE t.seq >= %s AND t.seq < %s AND b.community_id = %s AND b.number = {number} "
                "AND p.pattern_id = t.pattern_id AND f.id = p.figure_id "
                "ORDER BY t.seq, p.position",
                [start, stop, community.pk, stem],
                constants={**common, "period": run.period, "period_end": end},
            )
        except IntegrityError as exc:
            raise DomainError(
                _(
                    "Some of these lines were billed by another run meanwhile; run this period again."
                )
            ) from exc
        if (bills, written) != (stop - start, lines):  # the work tables and the rows disagree
            raise RuntimeError(
                _(
                    "The run wrote %(bills)d bills and %(lines)d lines where it planned "
                    "%(planned_bills)d and %(planned_lines)d; this part was not kept."
                )
                % {
                    "bills": bills,
                    "lines": written,
                    "planned_bills": stop - start,
                    "planned_lines": lines,
                }
            )
        if readings:
            MeterReading.objects.filter(pk__in=readings).update(status=ReadingStatus.BILLED)
        run.progress_done += stop - start
        run.bills_created += stop - start
        run.lines_created += lines
        run.total_amount = q2(run.total_amount + total)
        run.save(
            update_fields=[
                "progress_done",
                "bills_created",
                "lines_created",
                "total_amount",
                "updated_at",
            ]
        )


def _payer_names(community, unit_ids):
    from wuye.estate.models import UnitRelation

    names = defaultdict(list)
    relations = (
        UnitRelation.objects.filter(community=community, role="owner")
        .current()
        .order_by("unit_id", "start_date", "pk")
        .values_list("unit_id", "person__name")
    )
    if len(unit_ids) <= 500:  # a few units (a one-off bill): ask for them only
        relations = relations.filter(unit_id__in=unit_ids)
    for unit_id, name in relations:
        if unit_id in unit_ids:
            names[unit_id].append(name)
    return {unit_id: "、".join(people)[:100] for unit_id, people in names.items()}


@transaction.atomic
def cancel_run(run, *, reason, actor) -> BillingRun:
    """Cancel a run with a reason while none of its bills is paid: its bills are cancelled and
    their lines give back their keys, so the period can be billed again."""
    if not (reason or "").strip():
        raise DomainError(_("Give the reason for cancelling the run."), field="cancel_reason")
    run = BillingRun.objects.select_for_update().get(pk=run.pk)
    # Lock the run's bills: a payment settling one of them now either finishes first (and
    # the run cannot be cancelled) or waits and then finds the bill cancelled.
    list(Bill.objects.select_for_update().filter(run=run).order_by("pk").values_list("pk"))
    if _paid_anything(run):
        raise DomainError(
            _("Some bills of this run have been paid; the run can no longer be cancelled.")
        )
    _transition(run, RunStatus.CANCELLED)
    run.cancel_reason = reason.strip()
    run.save(update_fields=["status", "cancel_reason", "updated_at"])
    Bill.objects.filter(run=run).update(status=BillStatus.CANCELLED)
    BillLine.objects.filter(bill__run=run).update(cancelled=True)
    readings = BillLine.objects.filter(bill__run=run, reading__isnull=False).values_list(
        "reading_id", flat=True
    )
    MeterReading.objects.filter(pk__in=list(readings), status=ReadingStatus.BILLED).update(
        status=ReadingStatus.OK
    )
    record_event(
        verb="billing_run.cancelled",
        actor=actor,
        community=run.community,
        target=run,
        message=_("Run cancelled: %(reason)s") % {"reason": run.cancel_reason},
    )
    return run


def _paid_anything(run) -> bool:
    return Bill.objects.filter(run=run, paid__gt=0).exists()


def _offset_prepayments(run):
    """After a run: units holding prepayment pay their new bills from it (policy switch)."""
    from wuye.estate.models import Unit

    from .models import Wallet
    from .payments import offset_from_wallet

    units_with_money = set(
        Wallet.objects.filter(community=run.community, balance__gt=0).values_list(
            "unit_id", flat=True
        )
    )
    if not units_with_money:
        return
    billed = set(
        Bill.objects.filter(run=run, payer_kind=PayerKind.RESIDENT).values_list(
            "unit_id", flat=True
        )
    )
    for unit in Unit.objects.filter(pk__in=sorted(units_with_money & billed)):
        offset_from_wallet(unit, actor=run.created_by)


@transaction.atomic
def take_arrears_snapshot(community, *, as_of=None, actor=None) -> ArrearsSnapshot:
    """Keep the month's arrears statistics: what is owed now, aged as of `as_of` (default today).
    Taken again in the same month, the snapshot is brought up to date; the task takes it late on
    the month's last day, after which it is the month's record (BIL-14)."""
    from . import reports

    as_of = as_of or timezone.localdate()
    bills = Bill.objects.filter(community=community)
    by_building, labels = reports.aging(bills, as_of=as_of, group_by="building")
    units = reports.arrears_by_unit(bills, as_of=as_of)
    buckets = [
        {"label": label, "amount": str(q2(sum((row["buckets"][i] for row in by_building), q2(0))))}
        for i, label in enumerate(labels)
    ]
    snapshot, _created = ArrearsSnapshot.objects.update_or_create(
        community=community,
        month=engine.month_start(as_of),
        defaults={
            "as_of": as_of,
            "total": q2(sum((row["total"] for row in by_building), q2(0))),
            "units": len(units),
            "bills": reports.overdue_bills(bills, as_of).count(),
            "buckets": buckets,
            "by_building": [
                {
                    "group": row["group"],
                    "buckets": [str(v) for v in row["buckets"]],
                    "total": str(row["total"]),
                }
                for row in by_building
            ],
            "created_by": actor,
        },
    )
    record_event(
        verb="arrears.snapshot",
        actor=actor,
        community=community,
        target=snapshot,
        message=_("Arrears of %(month)s: %(total)s yuan, %(units)d units")
        % {"month": f"{snapshot.month:%Y-%m}", "total": snapshot.total, "units": snapshot.units},
    )
    return snapshot


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
        payer_name=_payer_names(community, {unit.pk}).get(unit.pk, ""),
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
