from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("work-orders", views.WorkOrderViewSet, basename="workorder")
router.register("return-visits", views.ReturnVisitViewSet, basename="returnvisit")
router.register("escalations", views.EscalationViewSet, basename="escalation")
router.register("work-order-categories", views.CategoryViewSet, basename="category")
router.register("time-limits", views.TimeLimitViewSet, basename="timelimit")

urlpatterns = router.urls
