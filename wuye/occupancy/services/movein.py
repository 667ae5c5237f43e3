"""Move-in (入伙, OCC-02): appointments — one at a time, or a building's owners queued on a
batch move-in day —, the owner's arrival at the desk, and the completion: the checklist, the
owner's relation from that day, the unit occupied, the meters' starting readings in billing's
readings and the first months' fees billed through billing. A completion is done once: the
same submission again (a double click, a retried request) finds it done and changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.billing.services.oneoff import bill_unit_months
from wuye.billing.services.readings import record_starting_reading
from wuye.billing.services.wallet import collect_deposit
from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.core.money import q2
from wuye.core.numbering import next_number
from wuye.estate.choices import RelationRole, UnitStatus
from wuye.estate.models import Building, Meter, Unit, UnitRelation, natural_unit_order
from wuye.estate.services import record_move_in

from ..choices import OPEN_MOVE_IN_STATUSES, MoveInStatus
from ..models import MoveIn
from .people import check_unit_person
from .records import check_in_center, locked, record_change

# Statuses of a unit whose owner has not moved in yet (sold, handed over or not).
AWAITING = (UnitStatus.HANDED_OVER, UnitStatus.VACANT, UnitStatus.DECORATING)
LONGEST_BATCH = 300  # appointments one batch may book


def unit_meters(unit: Unit) -> list[Meter]:
    """The unit's meters in use, read at the move-in."""
    return list(Meter.objects.filter(unit=unit, is_active=True).order_by("kind", "serial", "pk"))


def _check_unit(community: Any, unit: Unit) -> None:
    check_in_center(community, unit)
    if unit.status == UnitStatus.UNSOLD:
        raise DomainError(
            _("%(unit)s is unsold: register its sale before booking the move-in.")
            % {"unit": unit.code},
            field="unit",
        )


def _owners(unit: Unit) -> list[UnitRelation]:
    return list(
        UnitRelation.objects.filter(unit=unit, role=RelationRole.OWNER, end_date__isnull=True)
        .select_related("person")
        .order_by("start_date", "pk")
    )


def _create(unit: Unit, *, actor: Any, **fields: Any) -> MoveIn:
    try:
        with transaction.atomic():
            return MoveIn.objects.create(
                community=unit.community,
                number=next_number(unit.community_id, "move_in", prefix="RH", width=6),
                unit=unit,
                created_by=actor,
                **fields,
            )
    except IntegrityError as exc:  # occupancy_movein_one_open_per_unit
        raise DomainError(
            _("%(unit)s already has a move-in appointment: change that one.") % {"unit": unit.code},
            field="unit",
            code="duplicate",
        ) from exc


@transaction.atomic
def book_move_in(
    *,
    community: Any,
    unit: Unit,
    owner_name: str,
    owner_phone: str,
    appointment_date: dt.date,
    appointment_time: dt.time | None = None,
    id_number: str = "",
    note: str = "",
    actor: Any,
) -> MoveIn:
    """Book one owner's move-in. A unit with registered owners books for one of them; a
    unit whose owner is not registered yet has the owner registered when the move-in is done."""
    _check_unit(community, unit)
    if _owners(unit):
        check_unit_person(unit, owner_name, field="owner_name", role=RelationRole.OWNER)
    move_in = _create(
        unit,
        actor=actor,
        owner_name=owner_name.strip(),
        owner_phone=owner_phone,
        id_number=id_number,
        appointment_date=appointment_date,
        appointment_time=appointment_time,
        note=note.strip(),
    )
    record_event(
        verb="movein.booked",
        actor=actor,
        community=move_in.community,
        target=move_in,
        message=_("Move-in of %(unit)s booked for %(day)s")
        % {"unit": unit.code, "day": appointment_date},
    )
    return move_in


@transaction.atomic
def book_move_in_day(
    *,
    community: Any,
    building: Building,
    appointment_date: dt.date,
    first_time: dt.time,
    minutes_per_slot: int,
    per_slot: int,
    actor: Any,
) -> list[MoveIn]:
    """A batch move-in day (集中入伙): every unit of the building whose registered owner has
    not moved in and has no appointment yet is booked, in the building's order, `per_slot`
    owners every `minutes_per_slot` minutes from `first_time`. Returns the appointments."""
    if building.community_id != getattr(community, "pk", community):
        raise DomainError(_("The building is not in this service center."), field="building")
    if minutes_per_slot < 5 or per_slot < 1:
        raise DomainError(_("Give at least five minutes a slot and one owner a slot."))
    waiting = (
        Unit.objects.filter(building=building, status__in=AWAITING)
        .exclude(move_ins__status__in=(*OPEN_MOVE_IN_STATUSES, MoveInStatus.DONE))
        .order_by(*natural_unit_order())
    )
    owners: dict[int, UnitRelation] = {}
    for relation in (
        UnitRelation.objects.filter(unit__in=waiting, role=RelationRole.OWNER)
        .current(appointment_date)
        .select_related("person")
        .order_by("start_date", "pk")
    ):
        owners.setdefault(relation.unit_id, relation)
    units = [unit for unit in waiting if unit.pk in owners][:LONGEST_BATCH]
    if not units:
        raise DomainError(
            _("No unit of building %(building)s is waiting for its owner to move in.")
            % {"building": building.number},
            field="building",
        )
    start = dt.datetime.combine(appointment_date, first_time)
    booked = []
    for index, unit in enumerate(units):
        slot = (start + dt.timedelta(minutes=minutes_per_slot * (index // per_slot))).time()
        person = owners[unit.pk].person
        booked.append(
            _create(
                unit,
                actor=actor,
                owner_name=person.name,
                owner_phone=person.phone,
                id_number=person.id_number,
                appointment_date=appointment_date,
                appointment_time=slot,
            )
        )
    record_event(
        verb="movein.day_booked",
        actor=actor,
        community=building.community,
        target=building,
        message=_("%(count)d move-ins of building %(building)s booked for %(day)s")
        % {"count": len(booked), "building": building.number, "day": appointment_date},
    )
    return booked


def _locked(move_in: MoveIn, *statuses: str) -> MoveIn:
    return locked(
        MoveIn,
        move_in.pk,
        related=("community", "unit"),
        statuses=statuses,
        refusal=_("The move-in is %(status)s: this cannot be done now."),
    )


@transaction.atomic
def arrive(move_in: MoveIn, *, actor: Any) -> MoveIn:
    """The owner has come to the desk: the move-in is being served."""
    move_in = _locked(move_in, MoveInStatus.BOOKED)
    move_in.status = MoveInStatus.ARRIVED
    move_in.arrived_at = timezone.now()
    message = _("%(owner)s arrived for %(unit)s") % {
        "owner": move_in.owner_name,
        "unit": move_in.unit.code,
    }
    return record_change(move_in, "movein.arrived", message, actor=actor)


@transaction.atomic
def collect_move_in_deposit(
    move_in: MoveIn,
    *,
    actor: Any,
    purpose: str,
    amount: Decimal,
    channel: str,
    idempotency_key: str,
    reference: str = "",
) -> MoveIn:
    """A deposit taken at the move-in (门禁卡押金, 装修押金…) through billing's deposits: a
    receipt, the money held for the unit. The same submission again takes nothing twice."""
    move_in = _locked(move_in, MoveInStatus.ARRIVED, MoveInStatus.DONE)
    if q2(amount) <= 0:
        raise DomainError(_("The deposit must be more than zero."), field="amount")
    if not purpose.strip():
        raise DomainError(_("Say what the deposit is for."), field="purpose")
    held = collect_deposit(
        unit=move_in.unit,
        amount=q2(amount),
        purpose_text=f"{purpose.strip()}（{move_in.number}）",
        channel=channel,
        cashier=actor,
        idempotency_key=idempotency_key,
        payer_name=move_in.owner_name,
        reference=reference,
    )
    if not move_in.deposits.filter(pk=held.pk).exists():
        move_in.deposits.add(held)
        record_event(
            verb="movein.deposit",
            actor=actor,
            community=move_in.community,
            target=move_in,
            message=_("Deposit %(amount)s held at move-in %(number)s: %(purpose)s")
            % {"amount": held.amount, "number": move_in.number, "purpose": purpose.strip()},
        )
    return move_in


@transaction.atomic
def complete_move_in(
    move_in: MoveIn,
    *,
    actor: Any,
    moved_in_on: dt.date,
    id_checked: bool,
    contract_checked: bool,
    rules_signed: bool,
    keys_count: int,
    access_cards: int = 0,
    readings: dict[int, Decimal],
    months: int = 0,
    note: str = "",
) -> MoveIn:
    """The checklist done: the owner's relation runs from `moved_in_on`, the unit is occupied,
    each meter's starting reading is entered in billing's readings and `months` months of the
    property fees are billed. Done once: a move-in completed already is answered as it is."""
    move_in = _locked(move_in)
    if move_in.status == MoveInStatus.DONE:
        return move_in  # completed by an earlier submission: nothing is written again
    if move_in.status not in OPEN_MOVE_IN_STATUSES:
        raise DomainError(
            _("The move-in is %(status)s: this cannot be done now.")
            % {"status": move_in.get_status_display()},
            code="wrong_status",
        )
    for name, done, message in (
        ("id_checked", id_checked, _("Check the owner's ID card.")),
        ("contract_checked", contract_checked, _("Check the purchase contract.")),
        ("rules_signed", rules_signed, _("The owner signs the house rules first.")),
    ):
        if not done:
            raise DomainError(message, field=name)
    if keys_count < 1:
        raise DomainError(_("Hand over at least one key."), field="keys_count")
    if moved_in_on > timezone.localdate():
        raise DomainError(_("The move-in day cannot be in the future."), field="moved_in_on")
    unit = move_in.unit
    meters = unit_meters(unit)
    missing = [meter.serial for meter in meters if readings.get(meter.pk) is None]
    if missing:
        raise DomainError(
            _("Read every meter of the unit: %(meters)s.") % {"meters": "、".join(missing)},
            field="readings",
        )
    move_in.relation = record_move_in(
        unit=unit,
        owner_name=move_in.owner_name,
        owner_phone=move_in.owner_phone,
        id_number=move_in.id_number,
        on=moved_in_on,
        actor=actor,
    )
    unit.refresh_from_db()
    move_in.readings = [
        {
            "meter": meter.pk,
            "serial": meter.serial,
            "kind": meter.get_kind_display(),
            "value": str(
                record_starting_reading(
                    meter=meter, value=readings[meter.pk], read_on=moved_in_on, actor=actor
                ).current_reading
            ),
        }
        for meter in meters
    ]
    if months:
        move_in.first_bill = bill_unit_months(
            unit,
            start=moved_in_on,
            months=months,
            note=_("Move-in %(number)s") % {"number": move_in.number},
            actor=actor,
        )
    move_in.status = MoveInStatus.DONE
    move_in.moved_in_on = moved_in_on
    move_in.id_checked, move_in.contract_checked = id_checked, contract_checked
    move_in.rules_signed = rules_signed
    move_in.keys_count, move_in.access_cards = keys_count, access_cards
    move_in.months_billed = months
    move_in.note = (note or move_in.note).strip()
    move_in.completed_at = timezone.now()
    message = _("%(owner)s moved in to %(unit)s") % {
        "owner": move_in.owner_name,
        "unit": unit.code,
    }
    return record_change(move_in, "movein.done", message, actor=actor)


@transaction.atomic
def cancel_move_in(move_in: MoveIn, *, actor: Any, reason: str) -> MoveIn:
    if not reason.strip():
        raise DomainError(_("Say why the appointment is cancelled."), field="reason")
    move_in = _locked(move_in, *OPEN_MOVE_IN_STATUSES)
    move_in.status = MoveInStatus.CANCELLED
    move_in.note = reason.strip()[:200]
    message = _("Move-in %(number)s cancelled: %(reason)s") % {
        "number": move_in.number,
        "reason": move_in.note,
    }
    return record_change(move_in, "movein.cancelled", message, actor=actor)


def day_board(community: Any, day: dt.date) -> dict[str, Any]:
    """A move-in day at a glance: the day's queue in appointment order and how far it is."""
    queue = list(
        MoveIn.objects.filter(community=community, appointment_date=day)
        .exclude(status=MoveInStatus.CANCELLED)
        .select_related("unit__building")
        .order_by("appointment_time", "pk")
    )
    counts = dict.fromkeys((MoveInStatus.BOOKED, MoveInStatus.ARRIVED, MoveInStatus.DONE), 0)
    for move_in in queue:
        counts[MoveInStatus(move_in.status)] += 1
    total = len(queue)
    return {
        "queue": queue,
        "counts": counts,
        "total": total,
        "percent": round(counts[MoveInStatus.DONE] * 100 / total) if total else 0,
    }
