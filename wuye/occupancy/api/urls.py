from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("release-passes", views.ReleasePassViewSet, basename="releasepass")
router.register("parking-agreements", views.ParkingAgreementViewSet, basename="parkingagreement")

urlpatterns = router.urls
