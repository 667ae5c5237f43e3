"""Meter readings: recording (one or a sheet), anomalies, confirming (BIL-03)."""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from wuye.core.audit import record_event
from wuye.core.bulk import insert_rows
from wuye.core.errors import DomainError
from wuye.core.money import q2
from wuye.estate.models import MeterReplacement
from wuye.estate.services import start_meter_at

from .. import engine
from ..choices import ReadingStatus
from ..models import MeterReading

ANOMALY_FACTOR = Decimal("3")


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
    corrected = reading.pk is not None
    reading.save()
    reading.corrected = corrected  # type: ignore[attr-defined]  # the API answers 200, not 201
    return reading


@transaction.atomic
def record_starting_reading(*, meter, value: Decimal, read_on, actor) -> MeterReading:
    """A meter's reading when its unit is taken over (the move-in's 底数, OCC-02): the month's
    reading, the start the next bill counts from. A meter never read before starts counting
    from it (no usage is billed for the month up to it); a meter read before has its usage
    since the last reading billed as usual, and cannot go back below that reading."""
    period = engine.month_start(read_on)
    last = (
        MeterReading.objects.filter(meter=meter, period__lt=period)
        .order_by("-period")
        .values_list("current_reading", flat=True)
        .first()
    )
    if last is not None and value < last:
        raise DomainError(
            _("Meter %(serial)s read %(last)s last time: the reading cannot be lower.")
            % {"serial": meter.serial, "last": last},
            field=f"reading_{meter.pk}",
        )
    if last is None:
        start_meter_at(meter, value=value, actor=actor)
        meter.initial_reading = value
    return record_reading(
        meter=meter,
        period=period,
        current=value,
        previous=value if last is None else None,
        read_on=read_on,
        actor=actor,
        note=_("Reading at move-in"),
    )


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
