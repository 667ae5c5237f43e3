from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("communities", views.CommunityViewSet, basename="community")
router.register("departments", views.DepartmentViewSet, basename="department")
router.register("zones", views.ZoneViewSet, basename="zone")
router.register("staff", views.StaffViewSet, basename="staff")
router.register("delegations", views.DelegationViewSet, basename="delegation")
urlpatterns = router.urls
