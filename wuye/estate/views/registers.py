"""The simple registers (parking, vehicles, facilities, vendors, outside contacts, liaison
log) and the page of the registry's Excel imports."""

from django.db.models import Count
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wuye.core.importing import get_importer
from wuye.core.views import AccessMixin, crud_views

from .. import filtersets, forms, tables
from ..models import (
    ExternalContact,
    Facility,
    LiaisonLog,
    ParkingArea,
    ParkingSpace,
    Vehicle,
    Vendor,
)

ParkingAreaListView, ParkingAreaDetailView, ParkingAreaEditView, ParkingAreaDeleteView = crud_views(
    ParkingArea,
    "estate.parking",
    filterset=filtersets.ParkingAreaFilterSet,
    table=tables.ParkingAreaTable,
    form=forms.ParkingAreaForm,
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
    )
)
VehicleListView, VehicleDetailView, VehicleEditView, VehicleDeleteView = crud_views(
    Vehicle,
    "estate.vehicle",
    filterset=filtersets.VehicleFilterSet,
    table=tables.VehicleTable,
    form=forms.VehicleForm,
    related=("person", "unit__building", "space__area"),
)
FacilityListView, FacilityDetailView, FacilityEditView, FacilityDeleteView = crud_views(
    Facility,
    "estate.facility",
    filterset=filtersets.FacilityFilterSet,
    table=tables.FacilityTable,
    form=forms.FacilityForm,
    related=("building", "custodian", "vendor"),
)


VendorListView, VendorDetailView, VendorEditView, VendorDeleteView = crud_views(
    Vendor,
    "estate.vendor",
    filterset=filtersets.VendorFilterSet,
    table=tables.VendorTable,
    form=forms.VendorForm,
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
)
LiaisonLogListView, LiaisonLogDetailView, LiaisonLogEditView, LiaisonLogDeleteView = crud_views(
    LiaisonLog,
    "estate.contact",
    filterset=filtersets.LiaisonLogFilterSet,
    table=tables.LiaisonLogTable,
    form=forms.LiaisonLogForm,
    related=("contact", "staff"),
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
