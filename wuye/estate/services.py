"""Writes about the registry: relations of people to units (with history), sales, meters."""

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.org.models import User

from .choices import MeterScope, RelationRole, UnitStatus
from .models import Facility, Meter, MeterReplacement, Person, Unit, UnitRelation


def _current_owner_share(
    unit: Unit, *, on: dt.date, exclude: UnitRelation | None = None
) -> tuple[Decimal, int]:
    owners = UnitRelation.objects.filter(unit=unit, role=RelationRole.OWNER).current(on)
    if exclude is not None:
        owners = owners.exclude(pk=exclude.pk)
    total = Decimal("0")
    count = 0
    for relation in owners:
        count += 1
        total += relation.share if relation.share is not None else Decimal("100")
    return total, count


@transaction.atomic
def add_relation(
    *,
    unit: Unit,
    person: Person,
    role: str,
    actor: User | None,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    share: Decimal | None = None,
    relationship: str = "",
) -> UnitRelation:
    """Link a person to a unit as owner, family member or tenant from a date.

    Co-owners' shares may not exceed 100 % together; a sole owner has no share.
    """
    if person.community_id != unit.community_id:
        raise DomainError(_("The person and the unit belong to different service centers."))
    start_date = start_date or timezone.localdate()
    if end_date and end_date < start_date:
        raise DomainError(_("The end date must not be before the start date."), field="end_date")
    if (
        UnitRelation.objects.filter(unit=unit, person=person, role=role)
        .current(start_date)
        .exists()
    ):
        raise DomainError(_("This person already has this role on this unit."), field="role")
    if role == RelationRole.OWNER:
        total, _count = _current_owner_share(unit, on=start_date)
        mine = share if share is not None else Decimal("100")
        if total + mine > Decimal("100"):
            raise DomainError(
                _(
                    "Ownership shares would exceed 100%% (already %(total)s%%). Enter each co-owner's share."
                )
                % {"total": total},
                field="share",
            )
    elif share is not None:
        raise DomainError(_("Only owners have an ownership share."), field="share")
    relation = UnitRelation.objects.create(
        community=unit.community,
        unit=unit,
        person=person,
        role=role,
        share=share,
        relationship=relationship,
        start_date=start_date,
        end_date=end_date,
        created_by=actor,
    )
    record_event(
        verb=f"relation.{role}_added",
        actor=actor,
        community=unit.community,
        target=relation,
        message=_("%(person)s is %(role)s of %(unit)s from %(date)s")
        % {"person": person, "role": relation.get_role_display(), "unit": unit, "date": start_date},
    )
    return relation


@transaction.atomic
def end_relation(
    relation: UnitRelation, *, end_date: dt.date, reason: str, actor: User | None
) -> UnitRelation:
    """End a relation (moved out, lease over): the row stays as history."""
    if relation.end_date is not None and relation.end_date < timezone.localdate():
        raise DomainError(_("This relation has already ended."))
    if end_date < relation.start_date:
        raise DomainError(_("The end date must not be before the start date."), field="end_date")
    if not (reason or "").strip():
        raise DomainError(
            _("Give a reason (e.g. moved out, lease ended, sold)."), field="end_reason"
        )
    relation.end_date = end_date
    relation.end_reason = reason.strip()
    relation.save(update_fields=["end_date", "end_reason", "updated_at"])
    record_event(
        verb="relation.ended",
        actor=actor,
        community=relation.community,
        target=relation,
        message=_("Ended on %(date)s: %(reason)s")
        % {"date": end_date, "reason": relation.end_reason},
    )
    return relation


@transaction.atomic
def transfer_ownership(
    *,
    unit: Unit,
    new_owners: Sequence[tuple[Person, Decimal | None]],
    date: dt.date,
    actor: User | None,
    reason: str = "",
) -> list[UnitRelation]:
    """A sale: the current owners and their family members leave on `date - 1`, the buyers own
    the unit from `date`. Nothing is deleted; the unit card shows the whole history.

    `new_owners` is [(person, share or None)].
    """
    if not new_owners:
        raise DomainError(_("Name at least one new owner."))
    shares = [share for _person, share in new_owners if share is not None]
    if len(new_owners) > 1 and (len(shares) < len(new_owners) or sum(shares) != Decimal("100")):
        raise DomainError(_("Co-owners' shares must add up to 100%."), field="share")
    last_day = date - dt.timedelta(days=1)
    leaving = UnitRelation.objects.filter(
        unit=unit, role__in=[RelationRole.OWNER, RelationRole.FAMILY]
    ).current(date)
    for relation in leaving:
        if relation.start_date > last_day:
            raise DomainError(
                _("An owner's relation starts after the sale date; check the date."), field="date"
            )
        relation.end_date = last_day
        relation.end_reason = reason or _("Sold")
        relation.save(update_fields=["end_date", "end_reason", "updated_at"])
    created = [
        add_relation(
            unit=unit,
            person=person,
            role=RelationRole.OWNER,
            share=share if len(new_owners) > 1 else None,
            start_date=date,
            actor=actor,
        )
        for person, share in new_owners
    ]
    record_event(
        verb="unit.ownership_transferred",
        actor=actor,
        community=unit.community,
        target=unit,
        message=_("Sold on %(date)s to %(owners)s")
        % {"date": date, "owners": "、".join(str(p) for p, _s in new_owners)},
        data={"ended": [r.pk for r in leaving], "created": [r.pk for r in created]},
    )
    return created


@transaction.atomic
def replace_meter(
    meter: Meter,
    *,
    new_serial: str,
    old_final_reading: Decimal,
    new_initial_reading: Decimal,
    replaced_on: dt.date,
    reason: str,
    actor: User | None,
) -> Meter:
    """Swap a meter: the old one stops with its final reading; the new one starts from its own."""
    if not meter.is_active:
        raise DomainError(_("This meter has already been replaced or taken out of use."))
    if old_final_reading < meter.initial_reading:
        raise DomainError(
            _("The final reading cannot be below the meter's initial reading (%(initial)s).")
            % {"initial": meter.initial_reading},
            field="old_final_reading",
        )
    if new_initial_reading < 0:
        raise DomainError(_("A reading cannot be negative."), field="new_initial_reading")
    if Meter.objects.filter(community=meter.community, kind=meter.kind, serial=new_serial).exists():
        raise DomainError(_("A meter with this serial number already exists."), field="new_serial")
    new_meter = Meter.objects.create(
        community=meter.community,
        kind=meter.kind,
        scope=meter.scope,
        unit=meter.unit if meter.scope == MeterScope.UNIT else None,
        building=meter.building,
        serial=new_serial,
        multiplier=meter.multiplier,
        initial_reading=new_initial_reading,
        installed_on=replaced_on,
        location=meter.location,
        created_by=actor,
    )
    meter.is_active = False
    meter.save(update_fields=["is_active", "updated_at"])
    replacement = MeterReplacement.objects.create(
        community=meter.community,
        old_meter=meter,
        new_meter=new_meter,
        replaced_on=replaced_on,
        old_final_reading=old_final_reading,
        new_initial_reading=new_initial_reading,
        reason=reason,
        created_by=actor,
    )
    record_event(
        verb="meter.replaced",
        actor=actor,
        community=meter.community,
        target=replacement,
        message=_("Meter %(old)s replaced by %(new)s on %(date)s")
        % {"old": meter.serial, "new": new_serial, "date": replaced_on},
    )
    return new_meter


@transaction.atomic
def add_resident(
    *,
    unit: Unit,
    person: Person | None,
    new_person: Person | None = None,
    role: str,
    actor: User | None,
    share: Decimal | None = None,
    relationship: str = "",
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
) -> UnitRelation:
    """The unit card's “add resident”: an existing person, or `new_person` (checked by the
    page's form, not saved yet), registered in the unit's service center here."""
    if person is None:
        if new_person is None:
            raise DomainError(
                _("Choose an existing resident or fill in the new resident's details.")
            )
        person = new_person
        person.community = unit.community
        person.created_by = actor
        person.save()
        record_event(
            verb="person.created",
            actor=actor,
            community=unit.community,
            target=person,
            message=_("Created"),
        )
    return add_relation(
        unit=unit,
        person=person,
        role=role,
        share=share,
        relationship=relationship,
        start_date=start_date,
        end_date=end_date,
        actor=actor,
    )


@transaction.atomic
def record_move_in(
    *,
    unit: Unit,
    owner_name: str,
    owner_phone: str,
    id_number: str,
    on: dt.date,
    actor: User | None,
) -> UnitRelation:
    """A unit's owner moves in (入伙, OCC-02): the owner's relation runs from that day (an
    owner registered already keeps the earlier start; a new owner is registered from it), the
    unit becomes occupied, and a unit never recorded as handed over is handed over that day.
    Returns the owner's relation."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if unit.status == UnitStatus.UNSOLD:
        raise DomainError(_("The unit is unsold: register its sale before the move-in."))
    owners = UnitRelation.objects.filter(
        unit=unit, role=RelationRole.OWNER, person__name=owner_name.strip()
    ).exclude(end_date__lt=on)
    relation = owners.select_related("person").order_by("start_date", "pk").first()
    if relation is None:
        people = Person.objects.filter(community=unit.community)
        person = people.filter(id_number=id_number).first() if id_number else None
        if person is not None and person.name != owner_name.strip():
            raise DomainError(
                _("ID number %(number)s is registered to %(name)s: check the owner's name.")
                % {"number": id_number, "name": person.name},
                field="id_number",
            )
        if person is None:
            person = people.filter(name=owner_name.strip(), phone=owner_phone).first()
        if person is None:
            person = Person.objects.create(
                community=unit.community,
                name=owner_name.strip(),
                phone=owner_phone,
                id_number=id_number,
                created_by=actor,
            )
        relation = add_relation(
            unit=unit, person=person, role=RelationRole.OWNER, start_date=on, actor=actor
        )
    elif relation.start_date > on:
        relation.start_date = on
        relation.save(update_fields=["start_date", "updated_at"])
    unit.status = UnitStatus.OCCUPIED
    if unit.handover_date is None:
        unit.handover_date = on
    unit.save(update_fields=["status", "handover_date", "updated_at"])
    record_event(
        verb="unit.moved_in",
        actor=actor,
        community=unit.community,
        target=unit,
        message=_("%(owner)s moved in on %(date)s") % {"owner": owner_name, "date": on},
    )
    return relation


@transaction.atomic
def start_meter_at(meter: Meter, *, value: Decimal, actor: User | None) -> Meter:
    """A meter's count starts again from `value` (the reading when the unit is taken over,
    before any reading was billed): the next reading's usage is counted from it."""
    meter = Meter.objects.select_for_update().get(pk=meter.pk)
    meter.initial_reading = value
    meter.save(update_fields=["initial_reading", "updated_at"])
    record_event(
        verb="meter.started",
        actor=actor,
        community=meter.community,
        target=meter,
        message=_("Meter %(serial)s counts from %(value)s")
        % {"serial": meter.serial, "value": value},
    )
    return meter


def record_statutory_inspection(
    facility: Facility, *, next_inspection: dt.date, actor: User | None
) -> Facility:
    """The facility's next statutory inspection, from the certificate its last one gave."""
    if facility.next_inspection != next_inspection:
        Facility.objects.filter(pk=facility.pk).update(
            next_inspection=next_inspection, updated_at=timezone.now()
        )
        facility.next_inspection = next_inspection
        record_event(
            verb="facility.inspection_due",
            actor=actor,
            community=facility.community,
            target=facility,
            message=_("%(facility)s: next statutory inspection by %(day)s")
            % {"facility": facility, "day": f"{next_inspection:%Y-%m-%d}"},
        )
    return facility
