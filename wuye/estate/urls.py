from django.urls import path

from wuye.core.routing import crud
from wuye.core.views import LookupView

from . import forms, views

app_name = "estate"

urlpatterns = [
    *crud(
        "buildings",
        "building",
        views.BuildingListView,
        views.BuildingDetailView,
        views.BuildingEditView,
        views.BuildingDeleteView,
    ),
    *crud(
        "units",
        "unit",
        views.UnitListView,
        views.UnitDetailView,
        views.UnitEditView,
        views.UnitDeleteView,
    ),
    path("units/<int:pk>/residents/add/", views.RelationAddView.as_view(), name="relation_add"),
    path("units/<int:pk>/transfer/", views.TransferView.as_view(), name="unit_transfer"),
    path("relations/<int:pk>/end/", views.RelationEndView.as_view(), name="relation_end"),
    *crud(
        "residents",
        "person",
        views.PersonListView,
        views.PersonDetailView,
        views.PersonEditView,
        views.PersonDeleteView,
    ),
    *crud(
        "parking-areas",
        "parkingarea",
        views.ParkingAreaListView,
        views.ParkingAreaDetailView,
        views.ParkingAreaEditView,
        views.ParkingAreaDeleteView,
    ),
    *crud(
        "parking-spaces",
        "parkingspace",
        views.ParkingSpaceListView,
        views.ParkingSpaceDetailView,
        views.ParkingSpaceEditView,
        views.ParkingSpaceDeleteView,
    ),
    *crud(
        "vehicles",
        "vehicle",
        views.VehicleListView,
        views.VehicleDetailView,
        views.VehicleEditView,
        views.VehicleDeleteView,
    ),
    *crud(
        "meters",
        "meter",
        views.MeterListView,
        views.MeterDetailView,
        views.MeterEditView,
        views.MeterDeleteView,
    ),
    path("meters/<int:pk>/replace/", views.MeterReplaceView.as_view(), name="meter_replace"),
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
        views.FacilityListView,
        views.FacilityDetailView,
        views.FacilityEditView,
        views.FacilityDeleteView,
    ),
    *crud(
        "vendors",
        "vendor",
        views.VendorListView,
        views.VendorDetailView,
        views.VendorEditView,
        views.VendorDeleteView,
    ),
    *crud(
        "contacts",
        "externalcontact",
        views.ExternalContactListView,
        views.ExternalContactDetailView,
        views.ExternalContactEditView,
        views.ExternalContactDeleteView,
    ),
    *crud(
        "liaison",
        "liaisonlog",
        views.LiaisonLogListView,
        views.LiaisonLogDetailView,
        views.LiaisonLogEditView,
        views.LiaisonLogDeleteView,
    ),
    path("import/", views.ImportHubView.as_view(), name="import_hub"),
]
