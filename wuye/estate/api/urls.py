from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("buildings", views.BuildingViewSet, basename="building")
router.register("units", views.UnitViewSet, basename="unit")
router.register("residents", views.PersonViewSet, basename="person")
router.register("unit-relations", views.UnitRelationViewSet, basename="unitrelation")
router.register("parking-areas", views.ParkingAreaViewSet, basename="parkingarea")
router.register("parking-spaces", views.ParkingSpaceViewSet, basename="parkingspace")
router.register("vehicles", views.VehicleViewSet, basename="vehicle")
router.register("meters", views.MeterViewSet, basename="meter")
router.register("facilities", views.FacilityViewSet, basename="facility")
router.register("vendors", views.VendorViewSet, basename="vendor")
router.register("external-contacts", views.ExternalContactViewSet, basename="externalcontact")
router.register("liaison-logs", views.LiaisonLogViewSet, basename="liaisonlog")
urlpatterns = router.urls
