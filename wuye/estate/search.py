"""Understanding a unit the way people say it: “3-2-1501”, “3栋2单元1501”, “3幢1501室”, “S-101”."""

import re
from dataclasses import dataclass

from django.db.models import Q

from wuye.core.text import normalize

_SPOKEN = re.compile(
    r"^(?P<building>[0-9A-Za-z]+)\s*(?:栋|幢|号楼|座|楼)\s*(?:(?P<entrance>\d+)\s*单元)?\s*(?P<number>[0-9A-Za-z]+)\s*(?:室|号)?$"
)
_DASHED = re.compile(
    r"^(?P<building>[0-9A-Za-z]+)[-－—/](?:(?P<entrance>\d+)[-－—/])?(?P<number>[0-9A-Za-z]+)$"
)


@dataclass(frozen=True)
class UnitQuery:
    building: str
    entrance: int | None
    number: str

    def q(self, prefix=""):
        condition = Q(
            **{
                f"{prefix}building__number__iexact": self.building,
                f"{prefix}number__iexact": self.number,
            }
        )
        if self.entrance is not None:
            condition &= Q(**{f"{prefix}entrance": self.entrance})
        return condition


def parse_unit_query(text: str) -> UnitQuery | None:
    """The unit address in a search text, or None if it does not look like one."""
    text = normalize(text).replace(" ", "")
    for pattern in (_SPOKEN, _DASHED):
        match = pattern.match(text)
        if match:
            entrance = match.group("entrance")
            return UnitQuery(
                building=match.group("building").upper(),
                entrance=int(entrance) if entrance is not None else None,
                number=match.group("number").upper(),
            )
    return None


def registry_results(query, access):
    """Units (as spoken), residents (name, pinyin, initials, phone) and vehicles (plate)."""
    from django.utils.translation import gettext as _

    from wuye.core.search import SearchResult

    from .models import Person, Unit, Vehicle
    from .validators import normalize_plate

    results = []
    if access.has("estate.unit.view"):
        units = Unit.objects.for_access(access).select_related("building")
        parsed = parse_unit_query(query)
        if parsed is not None:
            matches = list(units.filter(parsed.q())[:10])
            exact = len(matches) == 1
        else:
            matches = (
                list(units.filter(code__icontains=normalize(query))[:5])
                if any(c.isdigit() for c in query)
                else []
            )
            exact = False
        results += [
            SearchResult(
                _("Units"),
                u.address,
                f"{u.code} · {u.get_status_display()} · {u.gross_area} m²",
                u.get_absolute_url(),
                exact,
            )
            for u in matches
        ]
    if access.has("estate.person.view"):
        from .filtersets import PersonFilterSet

        people = PersonFilterSet().search(Person.objects.for_access(access), "q", query)[:10]
        for person in people.prefetch_related("relations__unit__building"):
            units = "、".join(r.unit.address for r in person.relations.all() if r.is_current)
            results.append(
                SearchResult(
                    _("Residents"),
                    person.name,
                    " · ".join(filter(None, [person.phone, units])),
                    person.get_absolute_url(),
                )
            )
    if access.has("estate.vehicle.view"):
        plate = normalize_plate(query)
        if len(plate) >= 3 and any(c.isdigit() for c in plate):
            for vehicle in (
                Vehicle.objects.for_access(access)
                .filter(plate__icontains=plate)
                .select_related("person")[:10]
            ):
                results.append(
                    SearchResult(
                        _("Vehicles"),
                        vehicle.plate,
                        f"{vehicle.person} · {vehicle.brand}",
                        vehicle.get_absolute_url(),
                        vehicle.plate == plate,
                    )
                )
    return results
