from django.urls import path

from wuye.core.routing import crud

from . import views

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
    path("facilities/lookup/", views.FacilityLookupView.as_view(), name="facility_lookup"),
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
