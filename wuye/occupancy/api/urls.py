from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("release-passes", views.ReleasePassViewSet, basename="releasepass")
router.register("parking-agreements", views.ParkingAgreementViewSet, basename="parkingagreement")

router.register("handovers", views.HandoverViewSet, basename="handover")
router.register("handover-defects", views.HandoverDefectViewSet, basename="handoverdefect")
router.register("listings", views.ListingViewSet, basename="listing")
router.register("paid-services", views.PaidServiceViewSet, basename="paidservice")
router.register("service-orders", views.ServiceOrderViewSet, basename="serviceorder")
router.register("move-ins", views.MoveInViewSet, basename="movein")
router.register("municipal-requests", views.MunicipalRequestViewSet, basename="municipalrequest")
router.register("vacant-units", views.VacantUnitViewSet, basename="vacantunit")
router.register("vacant-inspections", views.VacantInspectionViewSet, basename="vacantinspection")
router.register("keys-held", views.KeyHoldingViewSet, basename="keyholding")
router.register("decoration-permits", views.DecorationPermitViewSet, basename="decorationpermit")
router.register(
    "decoration-inspections", views.DecorationInspectionViewSet, basename="decorationinspection"
)

urlpatterns = router.urls
