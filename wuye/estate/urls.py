from django.urls import path

from wuye.core.routing import crud
from wuye.core.views import LookupView

from . import forms
from .views import buildings, meters, registers, residents, units

app_name = "estate"

urlpatterns = [
    *crud(
        "buildings",
        "building",
        buildings.BuildingListView,
        buildings.BuildingDetailView,
        buildings.BuildingEditView,
        buildings.BuildingDeleteView,
    ),
    *crud(
        "units",
        "unit",
        units.UnitListView,
        units.UnitDetailView,
        units.UnitEditView,
        units.UnitDeleteView,
    ),
    path("units/<int:pk>/residents/add/", residents.RelationAddView.as_view(), name="relation_add"),
    path("units/<int:pk>/transfer/", residents.TransferView.as_view(), name="unit_transfer"),
    path("relations/<int:pk>/end/", residents.RelationEndView.as_view(), name="relation_end"),
    *crud(
        "residents",
        "person",
        residents.PersonListView,
        residents.PersonDetailView,
        residents.PersonEditView,
        residents.PersonDeleteView,
    ),
    *crud(
        "parking-areas",
        "parkingarea",
        registers.ParkingAreaListView,
        registers.ParkingAreaDetailView,
        registers.ParkingAreaEditView,
        registers.ParkingAreaDeleteView,
    ),
    *crud(
        "parking-spaces",
        "parkingspace",
        registers.ParkingSpaceListView,
        registers.ParkingSpaceDetailView,
        registers.ParkingSpaceEditView,
        registers.ParkingSpaceDeleteView,
    ),
    *crud(
        "vehicles",
        "vehicle",
        registers.VehicleListView,
        registers.VehicleDetailView,
        registers.VehicleEditView,
        registers.VehicleDeleteView,
    ),
    *crud(
        "meters",
        "meter",
        meters.MeterListView,
        meters.MeterDetailView,
        meters.MeterEditView,
        meters.MeterDeleteView,
    ),
    path("meters/<int:pk>/replace/", meters.MeterReplaceView.as_view(), name="meter_replace"),
    # The suggestions of the search boxes that stand in for long selects (core.forms.LookupField).
    path(
        "facilities/lookup/",
        LookupView.as_view(field_class=forms.FacilityField, permission="estate.facility.view"),
        name="facility_lookup",
    ),
    path(
        "residents/lookup/",
        LookupView.as_view(field_class=forms.PersonField, permission="estate.person.view"),
        name="person_lookup",
    ),
    path(
        "parking-spaces/lookup/",
        LookupView.as_view(field_class=forms.SpaceField, permission="estate.parking.view"),
        name="space_lookup",
    ),
    *crud(
        "facilities",
        "facility",
        registers.FacilityListView,
        registers.FacilityDetailView,
        registers.FacilityEditView,
        registers.FacilityDeleteView,
    ),
    *crud(
        "vendors",
        "vendor",
        registers.VendorListView,
        registers.VendorDetailView,
        registers.VendorEditView,
        registers.VendorDeleteView,
    ),
    *crud(
        "contacts",
        "externalcontact",
        registers.ExternalContactListView,
        registers.ExternalContactDetailView,
        registers.ExternalContactEditView,
        registers.ExternalContactDeleteView,
    ),
    *crud(
        "liaison",
        "liaisonlog",
        registers.LiaisonLogListView,
        registers.LiaisonLogDetailView,
        registers.LiaisonLogEditView,
        registers.LiaisonLogDeleteView,
    ),
    path("import/", registers.ImportHubView.as_view(), name="import_hub"),
]
