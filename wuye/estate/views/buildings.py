"""Buildings: the zone tree of buildings and each building's unit grid (楼盘表)."""

from collections import Counter, defaultdict
from typing import Any

from django.db.models import Count

from wuye.core.views import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
)

from .. import filtersets, forms, tables
from ..choices import UNIT_STATUS_COLOURS, UnitStatus
from ..models import Building, Unit


class BuildingMixin(ScopedObjectMixin):
    model = Building
    perm_prefix = "estate.building"
    url_base = "estate:building"
    related = ("zone",)


class BuildingListView(BuildingMixin, ObjectListView):
    """Zones → buildings as a tree of links to each 楼盘表, above the filterable table."""

    template_name = "estate/building_list.html"
    filterset_class = filtersets.BuildingFilterSet
    table_class = tables.BuildingTable
    importer_key = "estate.units"

    def get_queryset(self):
        return super().get_queryset().annotate(unit_count=Count("units"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tree = defaultdict(list)
        for building in self.get_queryset():
            tree[building.zone].append(building)
        context["tree"] = sorted(
            tree.items(), key=lambda item: (item[0] is None, item[0].code if item[0] else "")
        )
        return context


class BuildingDetailView(BuildingMixin, ObjectDetailView):
    """The 楼盘表: floors × units, coloured by status, with counts."""

    template_name = "estate/building_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        units = list(
            self.object.units.only(
                "id", "entrance", "number", "floor", "status", "use", "gross_area"
            )
        )
        context.update(unit_grid(units))
        context["status_counts"] = [
            {
                "label": label,
                "count": context["counts"].get(code, 0),
                "colour": UNIT_STATUS_COLOURS[UnitStatus(code)],
            }
            for code, label in UnitStatus.choices
        ]
        context["can_add_unit"] = self.access.has("estate.unit.change")
        return context


def unit_grid(units: list[Unit]) -> dict[str, Any]:
    """Rows (floors, top first) × columns (entrance, position within the floor)."""

    def position(unit: Unit) -> str:
        floor = str(abs(unit.floor))
        number = unit.number
        return (
            number[len(floor) :]
            if number.startswith(floor) and len(number) > len(floor)
            else number
        )

    columns = sorted(
        {(u.entrance, position(u)) for u in units}, key=lambda c: (c[0], c[1].zfill(6))
    )
    index = {column: i for i, column in enumerate(columns)}
    rows: defaultdict[int, list[Unit | None]] = defaultdict(lambda: [None] * len(columns))
    for unit in units:
        rows[unit.floor][index[(unit.entrance, position(unit))]] = unit
    entrances = Counter(entrance for entrance, _pos in columns)
    return {
        "grid_rows": [
            {"floor": floor, "cells": rows[floor]} for floor in sorted(rows, reverse=True)
        ],
        "grid_entrances": sorted(entrances.items()),
        "grid_columns": columns,
        "counts": Counter(u.status for u in units),
        "unit_total": len(units),
    }


class BuildingEditView(BuildingMixin, ObjectEditView):
    form_class = forms.BuildingForm


class BuildingDeleteView(BuildingMixin, ObjectDeleteView):
    pass
