"""Billing writes: fee items and standards, the policy, meter readings, billing runs.

A billing run is planned by one function (`plan_run`) that both the preview and the execution
use, so what the manager confirmed is what is billed. Idempotency: each line has a key
(unit or space, fee item, period, payer); a key already billed is skipped, so running a period
twice bills only what is missing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple, TypedDict

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.audit import record_event
from wuye.core.bulk import gc_paused, insert_rows
from wuye.core.errors import DomainError
from wuye.core.jobs import enqueue_on_commit
from wuye.core.money import q2
from wuye.core.numbering import next_numbers
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
class PlannedLine:
    key: str
    fee_item: FeeItem
    standard: FeeStandard | None
    figures: engine.LineFigures
    payer_kind: str
    unit_id: int | None = None
    space_id: int | None = None
    reading_id: int | None = None

    @property
    def target(self):
        """What one bill is for: a unit or a space, and who pays."""
        return (self.unit_id, self.space_id, self.payer_kind)

    @property
    def fee_item_id(self):
        return self.fee_item.pk

    @property
    def standard_id(self):
        return self.standard.pk if self.standard else None


@dataclass
class Plan:
    lines: list
    anomalies: list
    missing_standards: list
    skipped: int


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
    for unit in units:
        if not item.applies_to_use(unit.use):
            continue
        if building_ids and unit.building_id not in building_ids:
            continue
        if unit_ids and unit.pk not in unit_ids:
            continue
        yield unit


def _unit_rows(community) -> list[UnitRow]:
    """Every unit of the community in building order. Read through a plain cursor and
    converted with a memo: areas and dates repeat across a community's floor plans."""
    queryset = (
        Unit.objects.filter(community=community)
        .order_by(*natural_unit_order())
        .values_list(*UnitRow._fields)
    )
    gross = Unit._meta.get_field("gross_area")
    inner = Unit._meta.get_field("inner_area")
    handover = Unit._meta.get_field("handover_date")
    seen: dict[tuple[str, object], object] = {}  # (column, database value) → Python value

    def converted(field, value):
        key = (field.attname, value)
        result = seen.get(key, seen)
        if result is seen:
            result = None if value is None else field.to_python(value)
            if isinstance(result, Decimal):
                result = result.quantize(
                    Decimal(1).scaleb(-field.decimal_places), rounding=ROUND_HALF_UP
                )
            seen[key] = result
        return result

    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [
            UnitRow(
                pk,
                use,
                building_id,
                status,
                bool(held),
                converted(handover, handed),
                converted(gross, gross_area),
                converted(inner, inner_area),
            )
            for pk, use, building_id, status, held, handed, gross_area, inner_area in cursor
        ]


def _plan_unit_items(item, standard, units, policy, period, months, month_text):
    """Area and fixed-per-unit lines: one per unit and payer (the bulk of every run)."""
    vacant_rate = policy.vacant_rate / Decimal(100)
    one = Decimal(1)
    whole = [(PayerKind.RESIDENT, Decimal(months))]
    price, area_basis = standard.unit_price, item.area_basis
    by_area = item.calculation == Calculation.AREA
    prefix, suffix = "u", f":f{item.pk}:{month_text}:"
    # The figures depend only on (area, months, rate): units of one floor plan share them.
    figures_for = {}
    for unit in units:
        if (
            unit.status != UnitStatus.UNSOLD
            and not unit.developer_held
            and (unit.handover_date is None or unit.handover_date < period)
        ):
            parts = whole  # handed over before the period: the resident's whole period
        else:
            parts = _payer_fractions(unit, policy, period, months)
        for payer, fraction in parts:
            rate = (
                vacant_rate
                if (
                    payer == PayerKind.RESIDENT
                    and unit.status == UnitStatus.VACANT
                    and item.vacancy_applies
                )
                else one
            )
            area = (
                (unit.gross_area if area_basis == AreaBasis.GROSS else unit.inner_area)
                if by_area
                else None
            )
            figures = figures_for.get((area, fraction, rate))
            if figures is None:
                if by_area:
                    figures = engine.area_fee(
                        price=price,
                        gross_area=area,
                        inner_area=area,
                        basis=area_basis,
                        months=fraction,
                        rate=rate,
                    )
                else:
                    figures = engine.fixed_fee(price=price, months=fraction, rate=rate)
                figures_for[(area, fraction, rate)] = figures
            yield PlannedLine(
                f"{prefix}{unit.pk}{suffix}{payer[0]}",
                item,
                standard,
                figures,
                payer,
                unit_id=unit.pk,
            )


def plan_run(community, period: dt.date, months: int, fee_items) -> Plan:
    """Everything a run for this period would bill, line by line (nothing is written)."""
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
    lines, anomalies, missing = [], [], []
    skipped = 0
    for item in fee_items:
        standard = engine.standard_for(item.standards.all(), period)
        if standard is None:
            missing.append(str(item))
            continue
        building_ids = set(item.buildings.values_list("pk", flat=True))
        unit_ids = set(item.units.values_list("pk", flat=True))
        planned = []
        if item.calculation in (Calculation.AREA, Calculation.FIXED_UNIT):
            planned = _plan_unit_items(
                item,
                standard,
                _applicable_units(item, units, building_ids, unit_ids),
                policy,
                period,
                months,
                month_text,
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
                    PlannedLine(
                        billing_key("s", space_id, item.pk, month_text, PayerKind.RESIDENT),
                        item,
                        standard,
                        figures,
                        PayerKind.RESIDENT,
                        unit_id=unit_id,
                        space_id=space_id,
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
                    PlannedLine(
                        billing_key("u", unit.pk, item.pk, month_text, PayerKind.RESIDENT),
                        item,
                        standard,
                        figures,
                        PayerKind.RESIDENT,
                        unit_id=unit.pk,
                        reading_id=reading.pk,
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
                    PlannedLine(
                        billing_key("u", row.pk, item.pk, month_text, payer),
                        item,
                        standard,
                        figures,
                        payer,
                        unit_id=row.pk,
                        reading_id=shared_reading.pk,
                    )
                )
        for line in planned:
            if existing and _coverage_key(line.key) in existing:
                skipped += 1
            elif line.figures.amount != 0 or line.figures.quantity != 0:
                lines.append(line)
    return Plan(lines, anomalies, missing, skipped)


class _ItemTotals(TypedDict):
    lines: int
    amount: Decimal


def summarize(plan: Plan) -> dict:
    by_item: defaultdict[str, _ItemTotals] = defaultdict(lambda: {"lines": 0, "amount": Decimal(0)})
    targets = set()
    for line in plan.lines:
        entry = by_item[str(line.fee_item)]
        entry["lines"] += 1
        entry["amount"] += line.figures.amount
        targets.add(line.target)
    return {
        "targets": len(targets),
        "lines": len(plan.lines),
        "skipped": plan.skipped,
        "total": str(q2(sum((line.figures.amount for line in plan.lines), Decimal(0)))),
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
        run.preview = summarize(plan_run(community, run.period, months, items))
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


def _issue(run, *, lease: str, chunk: int):
    """Write the run's bills and lines: one bill per unit or space and payer, numbered in order,
    committed `chunk` bills at a time with the run's progress; rows go in as plain tuples
    (`insert_rows`), so a run of 100,000 units takes seconds. Lines this run (or any other)
    already made are skipped by the plan, which is how a resumed run carries on."""
    community = run.community
    plan = plan_run(community, run.period, run.months, list(run.fee_items.all()))
    policy = policy_for(community)
    groups = defaultdict(list)
    for line in plan.lines:
        groups[line.target].append(line)
    end = engine.period_end(run.period, run.months)
    due = due_date_for(policy, run.period, timezone.localdate())
    owners = _payer_names(community, {target[0] for target in groups if target[0]})
    developer = policy.developer_name or _("Developer")
    already = Bill.objects.filter(run=run).aggregate(bills=Count("id"), total=Sum("total"))
    done_bills = already["bills"] or 0
    with transaction.atomic():
        if not _hold_lease(run, lease):
            raise LeaseLost
        run.progress_done = done_bills
        run.progress_total = done_bills + len(groups)
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
    six = Decimal("0.000001")
    encode = json.JSONEncoder(ensure_ascii=False).encode
    columns: dict[int, tuple] = {}  # lines sharing one figures (one floor plan) share these

    def figure_columns(figures):
        values = columns.get(id(figures))
        if values is None:
            values = columns[id(figures)] = (
                figures.quantity,
                figures.unit_price,
                figures.factor.quantize(six, rounding=ROUND_HALF_UP),
                figures.amount,
                figures.formula[:300],
                encode(figures.detail),
            )
        return values

    common = {"community_id": community.pk, "created_by_id": run.created_by_id}
    targets = list(groups)
    for start in range(0, len(targets), chunk):
        part = targets[start : start + chunk]
        with transaction.atomic():
            if not _hold_lease(run, lease):
                raise LeaseLost
            numbers = next_numbers(community, "bill", len(part), prefix="ZD", width=7)
            totals = [
                q2(sum((line.figures.amount for line in groups[target]), Decimal(0)))
                for target in part
            ]
            insert_rows(
                Bill,
                ["number", "unit_id", "space_id", "payer_kind", "payer_name", "total"],
                (
                    (
                        number,
                        unit_id,
                        space_id,
                        payer,
                        developer if payer == PayerKind.DEVELOPER else owners.get(unit_id, ""),
                        total,
                    )
                    for number, (unit_id, space_id, payer), total in zip(
                        numbers, part, totals, strict=True
                    )
                ),
                constants={
                    **common,
                    "period_start": run.period,
                    "period_end": end,
                    "due_date": due,
                    "run_id": run.pk,
                },
            )
            bill_ids = dict(
                Bill.objects.filter(community=community, number__in=numbers).values_list(
                    "number", "pk"
                )
            )
            rows = (
                (
                    bill_ids[number],
                    line.fee_item_id,
                    line.standard_id,
                    line.reading_id,
                    *figure_columns(line.figures),
                    line.key,
                    _coverage_key(line.key) or "",
                )
                for number, target in zip(numbers, part, strict=True)
                for line in groups[target]
            )
            try:
                lines_created = insert_rows(
                    BillLine,
                    [
                        "bill_id",
                        "fee_item_id",
                        "standard_id",
                        "reading_id",
                        "quantity",
                        "unit_price",
                        "factor",
                        "amount",
                        "formula",
                        "detail",
                        "billing_key",
                        "coverage",
                    ],
                    rows,
                    constants={**common, "period": run.period, "period_end": end},
                )
            except IntegrityError as exc:
                raise DomainError(
                    _(
                        "Some of these lines were billed by another run meanwhile; run this period again."
                    )
                ) from exc
            reading_ids = {
                line.reading_id
                for target in part
                for line in groups[target]
                if line.reading_id is not None
            }
            if reading_ids:
                MeterReading.objects.filter(pk__in=reading_ids).update(status=ReadingStatus.BILLED)
            run.progress_done += len(part)
            run.bills_created += len(part)
            run.lines_created += lines_created
            run.total_amount = q2(run.total_amount + sum(totals, Decimal(0)))
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


def billed_total(queryset) -> Decimal:
    return q2(queryset.aggregate(total=Sum("amount"))["total"])


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
    item, _created = FeeItem.objects.get_or_create(
        community=community,
        code=PAID_SERVICE_CODE,
        defaults={
            "name": _("Paid service"),
            "calculation": Calculation.ONE_OFF,
            "created_by": actor,
            "vacancy_applies": False,
        },
    )
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
