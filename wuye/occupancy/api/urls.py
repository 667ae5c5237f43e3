from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("release-passes", views.ReleasePassViewSet, basename="releasepass")

urlpatterns = router.urls
