from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("seals", views.SealViewSet, basename="seal")
router.register("seal-uses", views.SealUseViewSet, basename="sealuse")
router.register("numbered-books", views.NumberedBookViewSet, basename="numberedbook")

urlpatterns = router.urls
