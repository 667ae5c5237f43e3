from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("checkpoints", views.CheckpointViewSet, basename="checkpoint")
router.register("checklist-items", views.ChecklistItemViewSet, basename="checklistitem")
router.register("inspection-plans", views.InspectionPlanViewSet, basename="inspectionplan")
router.register("inspection-tasks", views.InspectionTaskViewSet, basename="inspectiontask")

urlpatterns = router.urls
