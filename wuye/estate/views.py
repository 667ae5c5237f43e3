from collections import Counter, defaultdict

from django.contrib import messages
from django.db.models import Case, Count, IntegerField, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wuye.core.errors import DomainError
from wuye.core.importing import get_importer
from wuye.core.views import (
    AccessMixin,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
    crud_views,
)
from wuye.org.models import Membership

from . import filtersets, forms, services, tables
from .choices import UNIT_STATUS_COLOURS, RelationRole, UnitStatus
from .models import (
    Building,
    ExternalContact,
    Facility,
    LiaisonLog,
    Meter,
    ParkingArea,
    ParkingSpace,
    Person,
    Unit,
    UnitRelation,
    Vehicle,
    Vendor,
)
from .panels import panels_for

# --- Buildings and the unit grid (楼盘表) ------------------------------------------------------


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
                "colour": UNIT_STATUS_COLOURS[code],
            }
            for code, label in UnitStatus.choices
        ]
        context["can_add_unit"] = self.access.has("estate.unit.change")
        return context


def unit_grid(units):
    """Rows (floors, top first) × columns (entrance, position within the floor)."""

    def position(unit):
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
    rows = defaultdict(lambda: [None] * len(columns))
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


# --- Units and the unit card (一户一档) --------------------------------------------------------------


class UnitMixin(ScopedObjectMixin):
    model = Unit
    perm_prefix = "estate.unit"
    url_base = "estate:unit"
    related = ("building",)


class UnitListView(UnitMixin, ObjectListView):
    filterset_class = filtersets.UnitFilterSet
    table_class = tables.UnitTable
    importer_key = "estate.units"

    def get_queryset(self):
        queryset = super().get_queryset()
        # A customer-service representative sees the units of his own zones first.
        zones = [
            pk
            for pk in Membership.objects.for_access(self.access)
            .filter(user=self.request.user, is_active=True)
            .values_list("zones", flat=True)
            if pk is not None
        ]
        if zones:
            queryset = queryset.annotate(
                mine=Case(
                    When(building__zone__in=zones, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            ).order_by("mine", *Unit._meta.ordering[1:])
        return queryset


class UnitDetailView(UnitMixin, ObjectDetailView):
    template_name = "estate/unit_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = self.object
        relations = list(unit.relations.select_related("person").order_by("role", "-start_date"))
        context["current_relations"] = [r for r in relations if r.is_current]
        context["past_relations"] = [r for r in relations if not r.is_current]
        context["vehicles"] = unit.vehicles.select_related("person", "space")
        context["spaces"] = unit.parking_spaces.select_related("area", "person")
        context["meters"] = unit.meters.order_by("-is_active", "kind")
        context["facilities"] = Facility.objects.for_access(self.access).filter(
            building=unit.building
        )[:10]
        context["panels"] = panels_for(unit, self.access)
        context["can_relate"] = self.access.has("estate.person.change")
        context["show_full_id"] = self.access.has("estate.person.view_id")
        context["roles"] = RelationRole.choices
        return context


class UnitEditView(UnitMixin, ObjectEditView):
    form_class = forms.UnitForm

    def get_form(self, data=None, files=None):
        form = super().get_form(data, files)
        building = self.request.GET.get("building")
        if self.object is None and data is None and building:
            form.initial["building"] = building
        return form


class UnitDeleteView(UnitMixin, ObjectDeleteView):
    pass


class RelationAddView(UnitMixin, TemplateView):
    """Add an owner, family member or tenant to a unit from its card."""

    template_name = "estate/relation_form.html"
    perm_prefix = "estate.person"
    action = "change"

    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def get_unit(self):
        return get_object_or_404(
            Unit.objects.for_access(self.access).select_related("building"), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = self.get_unit()
        context["unit"] = unit
        context["title"] = _("Add a resident to %(unit)s") % {"unit": unit}
        context["breadcrumbs"] = [
            (_("Units"), reverse("estate:unit_list")),
            (str(unit), unit.get_absolute_url()),
            (_("Add resident"), None),
        ]
        if "form" not in context:
            role = self.request.GET.get("role", RelationRole.OWNER)
            context["form"] = forms.RelationForm(
                access=self.access,
                unit=unit,
                initial={"role": role, "start_date": timezone.localdate()},
            )
        return context

    def post(self, request, pk):
        unit = self.get_unit()
        form = forms.RelationForm(request.POST, access=self.access, unit=unit)
        if form.is_valid():
            try:
                relation = services.add_resident(
                    unit=unit,
                    person=form.cleaned_data.get("existing"),
                    person_form=form.person_form,
                    role=form.cleaned_data["role"],
                    share=form.cleaned_data.get("share"),
                    relationship=form.cleaned_data.get("relationship", ""),
                    start_date=form.cleaned_data["start_date"],
                    end_date=form.cleaned_data.get("end_date"),
                    actor=request.user,
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            else:
                messages.success(
                    request,
                    _("%(person)s added to %(unit)s.") % {"person": relation.person, "unit": unit},
                )
                return redirect(unit.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class RelationEndView(ScopedObjectMixin, TemplateView):
    model = UnitRelation
    perm_prefix = "estate.person"
    url_base = "estate:unit"
    action = "change"
    template_name = "estate/relation_end.html"
    related = ("unit__building", "person")

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        relation = self.get_object()
        context["relation"] = relation
        context["title"] = _("End: %(relation)s") % {"relation": relation}
        context.setdefault(
            "form", forms.EndRelationForm(initial={"end_date": timezone.localdate()})
        )
        context["breadcrumbs"] = [
            (_("Units"), reverse("estate:unit_list")),
            (str(relation.unit), relation.unit.get_absolute_url()),
            (_("End relation"), None),
        ]
        return context

    def post(self, request, pk):
        relation = self.get_object()
        form = forms.EndRelationForm(request.POST)
        if form.is_valid():
            try:
                services.end_relation(
                    relation,
                    end_date=form.cleaned_data["end_date"],
                    reason=form.cleaned_data["end_reason"],
                    actor=request.user,
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            else:
                messages.success(
                    request, _("The relation was ended; it stays in the unit's history.")
                )
                return redirect(relation.unit.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class TransferView(UnitMixin, TemplateView):
    """Record a sale: current owners end, buyers begin; history is kept."""

    template_name = "estate/transfer_form.html"
    perm_prefix = "estate.person"
    action = "change"

    def get_unit(self):
        return get_object_or_404(
            Unit.objects.for_access(self.access).select_related("building"), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = self.get_unit()
        context["unit"] = unit
        context["title"] = _("Transfer of ownership: %(unit)s") % {"unit": unit}
        context.setdefault(
            "form", forms.TransferForm(access=self.access, initial={"date": timezone.localdate()})
        )
        context["breadcrumbs"] = [
            (_("Units"), reverse("estate:unit_list")),
            (str(unit), unit.get_absolute_url()),
            (_("Transfer"), None),
        ]
        return context

    def post(self, request, pk):
        unit = self.get_unit()
        form = forms.TransferForm(request.POST, access=self.access)
        if form.is_valid():
            try:
                services.transfer_ownership(
                    unit=unit,
                    new_owners=form.new_owners(),
                    date=form.cleaned_data["date"],
                    reason=form.cleaned_data["reason"],
                    actor=request.user,
                )
            except DomainError as exc:
                form.add_error(None, str(exc.message))
            else:
                messages.success(request, _("Ownership transferred."))
                return redirect(unit.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


# --- People -------------------------------------------------------------------------------------


class PersonMixin(ScopedObjectMixin):
    model = Person
    perm_prefix = "estate.person"
    url_base = "estate:person"


class PersonListView(PersonMixin, ObjectListView):
    filterset_class = filtersets.PersonFilterSet
    table_class = tables.PersonTable
    importer_key = "estate.units"

    def get_queryset(self):
        # Each person's units today (房号 and role), in one more query for the page.
        from django.db.models import Prefetch

        current = UnitRelation.objects.current().select_related("unit").order_by("unit__code")
        return (
            super()
            .get_queryset()
            .prefetch_related(Prefetch("relations", queryset=current, to_attr="current_relations"))
        )

    def get_table_kwargs(self):
        return {"show_full_id": self.access.has("estate.person.view_id")}


class PersonDetailView(PersonMixin, ObjectDetailView):
    template_name = "estate/person_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        context["relations"] = person.relations.select_related("unit__building").order_by(
            "-start_date"
        )
        context["vehicles"] = person.vehicles.all()
        context["spaces"] = person.parking_spaces.select_related("area")
        context["show_full_id"] = self.access.has("estate.person.view_id")
        return context


class PersonEditView(PersonMixin, ObjectEditView):
    form_class = forms.PersonForm


class PersonDeleteView(PersonMixin, ObjectDeleteView):
    pass


# --- Meters -----------------------------------------------------------------------------------------


class MeterMixin(ScopedObjectMixin):
    model = Meter
    perm_prefix = "estate.meter"
    url_base = "estate:meter"
    related = ("unit__building", "building", "community")


class MeterDetailView(MeterMixin, ObjectDetailView):
    template_name = "estate/meter_detail.html"
    detail_fields = [
        "kind",
        "scope",
        "unit",
        "building",
        "serial",
        "multiplier",
        "initial_reading",
        "installed_on",
        "location",
        "is_active",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meter = self.object
        context["replaced_by"] = getattr(meter, "replacement", None)
        context["replaces"] = getattr(meter, "replaces", None)
        return context


class MeterReplaceView(MeterMixin, TemplateView):
    template_name = "core/object_edit.html"
    action = "change"

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meter = self.get_object()
        context["title"] = _("Replace meter %(serial)s") % {"serial": meter.serial}
        context["cancel_url"] = meter.get_absolute_url()
        context.setdefault(
            "form", forms.MeterReplaceForm(initial={"replaced_on": timezone.localdate()})
        )
        context["breadcrumbs"] = [
            self.list_crumb(),
            (str(meter), meter.get_absolute_url()),
            (_("Replace"), None),
        ]
        return context

    def post(self, request, pk):
        meter = self.get_object()
        form = forms.MeterReplaceForm(request.POST)
        if form.is_valid():
            try:
                new_meter = services.replace_meter(meter, actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            else:
                messages.success(request, _("Meter replaced."))
                return redirect(new_meter.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


# --- Simple registers ----------------------------------------------------------------------------------

MeterListView, _detail, MeterEditView, MeterDeleteView = crud_views(
    Meter,
    "estate.meter",
    filterset=filtersets.MeterFilterSet,
    table=tables.MeterTable,
    form=forms.MeterForm,
    related=("unit__building", "building", "community"),
)
ParkingAreaListView, ParkingAreaDetailView, ParkingAreaEditView, ParkingAreaDeleteView = crud_views(
    ParkingArea,
    "estate.parking",
    filterset=filtersets.ParkingAreaFilterSet,
    table=tables.ParkingAreaTable,
    form=forms.ParkingAreaForm,
    detail_fields=["name", "underground", "location"],
    list_queryset=lambda qs: qs.annotate(space_count=Count("spaces")),
)
ParkingSpaceListView, ParkingSpaceDetailView, ParkingSpaceEditView, ParkingSpaceDeleteView = (
    crud_views(
        ParkingSpace,
        "estate.parking",
        filterset=filtersets.ParkingSpaceFilterSet,
        table=tables.ParkingSpaceTable,
        form=forms.ParkingSpaceForm,
        related=("area", "unit__building", "person"),
        detail_fields=["area", "number", "kind", "size", "unit", "person", "note"],
    )
)
VehicleListView, VehicleDetailView, VehicleEditView, VehicleDeleteView = crud_views(
    Vehicle,
    "estate.vehicle",
    filterset=filtersets.VehicleFilterSet,
    table=tables.VehicleTable,
    form=forms.VehicleForm,
    related=("person", "unit__building", "space__area"),
    detail_fields=["plate", "brand", "colour", "person", "unit", "space", "is_active"],
)
FacilityListView, FacilityDetailView, FacilityEditView, FacilityDeleteView = crud_views(
    Facility,
    "estate.facility",
    filterset=filtersets.FacilityFilterSet,
    table=tables.FacilityTable,
    form=forms.FacilityForm,
    related=("building", "custodian", "vendor"),
    detail_fields=[
        "kind",
        "code",
        "name",
        "building",
        "location",
        "custodian",
        "vendor",
        "status",
        "registration_number",
        "next_inspection",
        "installed_on",
        "note",
    ],
)


VendorListView, VendorDetailView, VendorEditView, VendorDeleteView = crud_views(
    Vendor,
    "estate.vendor",
    filterset=filtersets.VendorFilterSet,
    table=tables.VendorTable,
    form=forms.VendorForm,
    detail_fields=[
        "name",
        "category",
        "contact_name",
        "phone",
        "contract_start",
        "contract_end",
        "address",
        "note",
    ],
)
(
    ExternalContactListView,
    ExternalContactDetailView,
    ExternalContactEditView,
    ExternalContactDeleteView,
) = crud_views(
    ExternalContact,
    "estate.contact",
    filterset=filtersets.ExternalContactFilterSet,
    table=tables.ExternalContactTable,
    form=forms.ExternalContactForm,
    detail_fields=["organization", "kind", "contact_name", "phone", "address", "note"],
)
LiaisonLogListView, LiaisonLogDetailView, LiaisonLogEditView, LiaisonLogDeleteView = crud_views(
    LiaisonLog,
    "estate.contact",
    filterset=filtersets.LiaisonLogFilterSet,
    table=tables.LiaisonLogTable,
    form=forms.LiaisonLogForm,
    related=("contact", "staff"),
    detail_fields=["contact", "date", "channel", "subject", "content", "staff", "follow_up"],
)


class ImportHubView(AccessMixin, TemplateView):
    """One page listing the registry's Excel imports and their templates."""

    template_name = "estate/import_hub.html"
    permission = "estate.import"
    title = gettext_lazy("Import registry")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["importers"] = [
            get_importer(key)
            for key in ("estate.units", "estate.spaces", "estate.vehicles", "estate.meters")
        ]
        return context
