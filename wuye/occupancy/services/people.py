"""Who may ask for something for a unit: the unit's people today, as the desk checks them."""

from __future__ import annotations

from django.utils.translation import gettext as _

from wuye.core.errors import DomainError
from wuye.estate.choices import RelationRole
from wuye.estate.models import Unit, UnitRelation


def unit_people(unit: Unit) -> list[UnitRelation]:
    """The unit's current relations (owners, family, tenants) with their people."""
    return list(
        UnitRelation.objects.filter(unit=unit)
        .current()
        .select_related("person")
        .order_by("role", "start_date", "id")
    )


def check_unit_person(unit: Unit, name: str, *, field: str, role: str | None = None) -> None:
    """Refuse a name that is not one of the unit's people today (with `role`, not one of them
    in that role) — a field error on `field`."""
    names = {r.person.name.strip() for r in unit_people(unit) if role is None or r.role == role}
    if name.strip() in names:
        return
    if role is None:
        message = _(
            "%(name)s is not registered at %(unit)s: it must be one of the unit's people."
        ) % {"name": name, "unit": unit.code}
    else:
        message = _(
            "%(name)s is not a registered %(role)s of %(unit)s: check the name, or choose "
            "“someone else” and record the owner's confirmation."
        ) % {"name": name, "role": RelationRole(role).label, "unit": unit.code}
    raise DomainError(message, field=field)
