from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("checkpoints", views.CheckpointViewSet, basename="checkpoint")
router.register("checklist-items", views.ChecklistItemViewSet, basename="checklistitem")
router.register("inspection-plans", views.InspectionPlanViewSet, basename="inspectionplan")
router.register("inspection-tasks", views.InspectionTaskViewSet, basename="inspectiontask")
router.register("check-standards", views.CheckStandardViewSet, basename="checkstandard")
router.register("standard-items", views.StandardItemViewSet, basename="standarditem")
router.register("sign-boards", views.SignBoardViewSet, basename="signboard")
router.register("quality-checks", views.QualityCheckViewSet, basename="qualitycheck")
router.register("maintenance-plans", views.MaintenancePlanViewSet, basename="maintenanceplan")
router.register("maintenance-records", views.MaintenanceRecordViewSet, basename="maintenancerecord")
router.register("certificates", views.CertificateViewSet, basename="certificate")
router.register("incidents", views.IncidentViewSet, basename="incident")
router.register("assessment-items", views.AssessmentItemViewSet, basename="assessmentitem")
router.register("assessments", views.AssessmentViewSet, basename="assessment")
router.register("training-sessions", views.TrainingSessionViewSet, basename="trainingsession")
router.register("vendor-evaluations", views.VendorEvaluationViewSet, basename="vendorevaluation")
router.register("excellence-reviews", views.ExcellenceReviewViewSet, basename="excellencereview")

urlpatterns = router.urls
