"""The registry's part of the global search (`core.search`): units as people say them,
residents and vehicles."""

from django.utils.translation import gettext as _

from wuye.core.access import Access
from wuye.core.search import SearchResult
from wuye.core.text import normalize

from .addresses import parse_unit_query
from .filtersets import PersonFilterSet
from .models import Person, Unit, Vehicle
from .validators import normalize_plate


def registry_results(query: str, access: Access) -> list[SearchResult]:
    """Units (as spoken), residents (name, pinyin, initials, phone) and vehicles (plate)."""
    results: list[SearchResult] = []
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
        people = PersonFilterSet().search(Person.objects.for_access(access), "q", query)[:10]
        for person in people.prefetch_related("relations__unit__building"):
            addresses = "、".join(r.unit.address for r in person.relations.all() if r.is_current)
            results.append(
                SearchResult(
                    _("Residents"),
                    person.name,
                    " · ".join(filter(None, [person.phone, addresses])),
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
