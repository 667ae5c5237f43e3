"""Vacant and unsold units and shops (OCC-05): the list with when each was last inspected and
when it is due, inspections on a phone (a problem becomes a work order through the
customer-service center's services), and the register of keys held."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files.base import File
from django.db import transaction
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.core.money import q2
from wuye.core.photos import clean_photos
from wuye.estate.choices import UnitStatus
from wuye.estate.models import Unit
from wuye.service.services import register_order

from ..choices import VACANT_STATUSES
from ..models import KeyHolding, OccupancySettings, VacantInspection


def settings_for(community: Any) -> OccupancySettings:
    """The community's occupancy settings; the defaults until edited."""
    return OccupancySettings.objects.filter(community=community).first() or OccupancySettings(
        community=community
    )


@transaction.atomic
def save_settings(
    *,
    community: Any,
    actor: Any,
    vacant_inspection_days: int,
    decoration_deposit: Decimal,
    decoration_hours: str,
    noise_rules: str,
    move_in_months: int = 3,
    house_rules: str = "",
) -> OccupancySettings:
    """Save the community's occupancy settings (made on the first save)."""
    settings = settings_for(community)
    settings.vacant_inspection_days = vacant_inspection_days
    settings.decoration_deposit = q2(decoration_deposit)
    settings.decoration_hours = decoration_hours.strip()
    settings.noise_rules = noise_rules.strip()
    settings.move_in_months = move_in_months
    if house_rules.strip():
        settings.house_rules = house_rules.strip()
    if settings.pk is None:
        settings.created_by = actor
    settings.save()
    record_event(
        verb="occupancy.settings_saved",
        actor=actor,
        community=community,
        target=settings,
        message=_("Occupancy settings saved"),
    )
    return settings


def vacant_units(units: QuerySet[Unit]) -> QuerySet[Unit]:
    """The vacant and unsold units and shops among `units` (the caller's readable units), each
    with `last_inspected` and `keys_held` (sets of keys not yet returned)."""
    return (
        units.filter(status__in=VACANT_STATUSES)
        .annotate(
            last_inspected=Max("vacant_inspections__inspected_on"),
            keys_held=Count(
                "key_holdings", filter=Q(key_holdings__returned_on__isnull=True), distinct=True
            ),
        )
        .order_by("building__sort_key", "entrance", "floor", "number")
    )


def make_vacant_for_walk(unit: Unit) -> None:
    """The isolation walk's records made vacant, so the vacant-unit routes show them."""
    Unit.objects.filter(pk=unit.pk).update(status=UnitStatus.VACANT)


def due_before(community: Any, *, today: dt.date | None = None) -> dt.date:
    """A vacant unit last inspected before this day (or never) is due an inspection."""
    today = today or timezone.localdate()
    return today - dt.timedelta(days=settings_for(community).vacant_inspection_days)


@transaction.atomic
def record_inspection(
    unit: Unit,
    *,
    actor: Any,
    doors_ok: bool,
    windows_ok: bool,
    water_ok: bool,
    no_leak: bool,
    photo: list[File],
    findings: str = "",
    inspected_on: dt.date | None = None,
) -> VacantInspection:
    """Record an inspection of a vacant unit with its photo; anything not in order needs the
    findings, which are registered as a work order (channel: patrol) with the photo."""
    if unit.status not in VACANT_STATUSES:
        raise DomainError(
            _("%(unit)s is not vacant or unsold (%(status)s).")
            % {"unit": unit.code, "status": unit.get_status_display()},
            field="unit",
        )
    photos = clean_photos(photo, field="photo")
    if len(photos) != 1:
        raise DomainError(_("Take one photo of the unit."), field="photo")
    inspected_on = inspected_on or timezone.localdate()
    if inspected_on > timezone.localdate():
        raise DomainError(_("An inspection cannot be in the future."), field="inspected_on")
    inspection = VacantInspection(
        community=unit.community,
        unit=unit,
        inspected_on=inspected_on,
        doors_ok=doors_ok,
        windows_ok=windows_ok,
        water_ok=water_ok,
        no_leak=no_leak,
        findings=findings.strip(),
        photo=photos[0],
        created_by=actor,
    )
    if not inspection.all_ok:
        if not inspection.findings:
            raise DomainError(_("Describe what is not in order."), field="findings")
        inspection.work_order = register_order(
            community=unit.community,
            actor=actor,
            kind="repair",
            channel="patrol",
            unit=unit,
            description=_("Vacant-unit inspection: %(findings)s")
            % {"findings": inspection.findings},
            photos=photos,
        )
    inspection.save()
    record_event(
        verb="vacant.inspected",
        actor=actor,
        community=unit.community,
        target=inspection,
        message=_("Vacant unit %(unit)s inspected: %(result)s")
        % {
            "unit": unit.code,
            "result": _("in order") if inspection.all_ok else inspection.findings,
        },
    )
    return inspection


@transaction.atomic
def receive_keys(
    unit: Unit,
    *,
    keys: str,
    key_count: int,
    received_from: str,
    actor: Any,
    cabinet_slot: str = "",
    received_on: dt.date | None = None,
) -> KeyHolding:
    holding = KeyHolding.objects.create(
        community=unit.community,
        unit=unit,
        keys=keys.strip(),
        key_count=key_count,
        cabinet_slot=cabinet_slot.strip(),
        received_on=received_on or timezone.localdate(),
        received_from=received_from.strip(),
        created_by=actor,
    )
    record_event(
        verb="keys.received",
        actor=actor,
        community=unit.community,
        target=holding,
        message=_("Keys of %(unit)s received from %(who)s: %(keys)s")
        % {"unit": unit.code, "who": holding.received_from, "keys": holding.keys},
    )
    return holding


@transaction.atomic
def return_keys(
    holding: KeyHolding, *, actor: Any, returned_to: str, returned_on: dt.date | None = None
) -> KeyHolding:
    holding = (
        KeyHolding.objects.select_for_update(of=("self",))
        .select_related("unit", "community")
        .get(pk=holding.pk)
    )
    if not holding.held:
        raise DomainError(
            _("These keys were returned on %(day)s.") % {"day": holding.returned_on},
            code="wrong_status",
        )
    returned_on = returned_on or timezone.localdate()
    if returned_on < holding.received_on:
        raise DomainError(
            _("Keys cannot be returned before they were received (%(day)s).")
            % {"day": holding.received_on},
            field="returned_on",
        )
    holding.returned_on, holding.returned_to = returned_on, returned_to.strip()
    holding.save()
    record_event(
        verb="keys.returned",
        actor=actor,
        community=holding.community,
        target=holding,
        message=_("Keys of %(unit)s returned to %(who)s")
        % {"unit": holding.unit.code, "who": holding.returned_to},
    )
    return holding
