from django.urls import path

from .views import (
    assessments,
    checks,
    excellence,
    incidents,
    maintenance,
    plans,
    reports,
    vendors,
)

app_name = "quality"

urlpatterns = [
    path("checkpoints/", plans.CheckpointListView.as_view(), name="checkpoint_list"),
    path("checkpoints/add/", plans.CheckpointEditView.as_view(), name="checkpoint_add"),
    path("checkpoints/labels/", plans.CheckpointLabelsView.as_view(), name="checkpoint_labels"),
    path("checkpoints/<int:pk>/", plans.CheckpointDetailView.as_view(), name="checkpoint_detail"),
    path("checkpoints/<int:pk>/edit/", plans.CheckpointEditView.as_view(), name="checkpoint_edit"),
    path(
        "checkpoints/<int:pk>/delete/",
        plans.CheckpointDeleteView.as_view(),
        name="checkpoint_delete",
    ),
    path("items/", plans.ChecklistItemListView.as_view(), name="checklistitem_list"),
    path("items/add/", plans.ChecklistItemEditView.as_view(), name="checklistitem_add"),
    path("items/<int:pk>/", plans.ChecklistItemDetailView.as_view(), name="checklistitem_detail"),
    path("items/<int:pk>/edit/", plans.ChecklistItemEditView.as_view(), name="checklistitem_edit"),
    path(
        "items/<int:pk>/delete/",
        plans.ChecklistItemDeleteView.as_view(),
        name="checklistitem_delete",
    ),
    path("plans/", plans.InspectionPlanListView.as_view(), name="inspectionplan_list"),
    path("plans/add/", plans.InspectionPlanEditView.as_view(), name="inspectionplan_add"),
    path("plans/<int:pk>/", plans.InspectionPlanDetailView.as_view(), name="inspectionplan_detail"),
    path(
        "plans/<int:pk>/edit/", plans.InspectionPlanEditView.as_view(), name="inspectionplan_edit"
    ),
    path("reports/completion/", reports.CompletionReportView.as_view(), name="completion_report"),
    path("tasks/", plans.InspectionTaskListView.as_view(), name="inspectiontask_list"),
    path("findings/", plans.FindingListView.as_view(), name="finding_list"),
    path("findings/<int:pk>/", plans.FindingDetailView.as_view(), name="finding_detail"),
    path("tasks/<int:pk>/", plans.InspectionTaskDetailView.as_view(), name="inspectiontask_detail"),
    path("checks/", checks.QualityCheckListView.as_view(), name="qualitycheck_list"),
    path("checks/add/", checks.QualityCheckEditView.as_view(), name="qualitycheck_add"),
    path("checks/rules/", checks.CheckRulesView.as_view(), name="check_rules"),
    path("checks/recurring/", checks.RecurringProblemsView.as_view(), name="recurring_problems"),
    path("checks/<int:pk>/", checks.QualityCheckDetailView.as_view(), name="qualitycheck_detail"),
    path(
        "checks/entries/<int:pk>/photo/",
        checks.CheckEntryPhotoView.as_view(),
        name="checkentry_photo",
    ),
    path("standards/", checks.CheckStandardListView.as_view(), name="checkstandard_list"),
    path("standards/add/", checks.CheckStandardEditView.as_view(), name="checkstandard_add"),
    path("standards/install/", checks.InstallStandardsView.as_view(), name="install_standards"),
    path(
        "standards/<int:pk>/",
        checks.CheckStandardDetailView.as_view(),
        name="checkstandard_detail",
    ),
    path(
        "standards/<int:pk>/edit/",
        checks.CheckStandardEditView.as_view(),
        name="checkstandard_edit",
    ),
    path(
        "standards/<int:pk>/delete/",
        checks.CheckStandardDeleteView.as_view(),
        name="checkstandard_delete",
    ),
    path("standard-items/", checks.StandardItemListView.as_view(), name="standarditem_list"),
    path("standard-items/add/", checks.StandardItemEditView.as_view(), name="standarditem_add"),
    path(
        "standard-items/<int:pk>/",
        checks.StandardItemDetailView.as_view(),
        name="standarditem_detail",
    ),
    path(
        "standard-items/<int:pk>/edit/",
        checks.StandardItemEditView.as_view(),
        name="standarditem_edit",
    ),
    path(
        "standard-items/<int:pk>/delete/",
        checks.StandardItemDeleteView.as_view(),
        name="standarditem_delete",
    ),
    path("signs/", checks.SignBoardListView.as_view(), name="signboard_list"),
    path("signs/add/", checks.SignBoardEditView.as_view(), name="signboard_add"),
    path("signs/<int:pk>/", checks.SignBoardDetailView.as_view(), name="signboard_detail"),
    path("signs/<int:pk>/edit/", checks.SignBoardEditView.as_view(), name="signboard_edit"),
    path("signs/<int:pk>/delete/", checks.SignBoardDeleteView.as_view(), name="signboard_delete"),
    path(
        "maintenance/", maintenance.MaintenancePlanListView.as_view(), name="maintenanceplan_list"
    ),
    path(
        "maintenance/add/",
        maintenance.MaintenancePlanEditView.as_view(),
        name="maintenanceplan_add",
    ),
    path(
        "maintenance/<int:pk>/",
        maintenance.MaintenancePlanDetailView.as_view(),
        name="maintenanceplan_detail",
    ),
    path(
        "maintenance/<int:pk>/edit/",
        maintenance.MaintenancePlanEditView.as_view(),
        name="maintenanceplan_edit",
    ),
    path(
        "maintenance/records/",
        maintenance.MaintenanceRecordListView.as_view(),
        name="maintenancerecord_list",
    ),
    path(
        "maintenance/records/<int:pk>/",
        maintenance.MaintenanceRecordDetailView.as_view(),
        name="maintenancerecord_detail",
    ),
    path(
        "maintenance/records/<int:pk>/photo/",
        maintenance.MaintenancePhotoView.as_view(),
        name="maintenancerecord_photo",
    ),
    path("certificates/", maintenance.CertificateListView.as_view(), name="certificate_list"),
    path("certificates/add/", maintenance.CertificateEditView.as_view(), name="certificate_add"),
    path(
        "certificates/<int:pk>/",
        maintenance.CertificateDetailView.as_view(),
        name="certificate_detail",
    ),
    path(
        "certificates/<int:pk>/edit/",
        maintenance.CertificateEditView.as_view(),
        name="certificate_edit",
    ),
    path(
        "certificates/<int:pk>/delete/",
        maintenance.CertificateDeleteView.as_view(),
        name="certificate_delete",
    ),
    path(
        "certificates/<int:pk>/scan/",
        maintenance.CertificateScanView.as_view(),
        name="certificate_scan",
    ),
    path("emergencies/", incidents.IncidentListView.as_view(), name="incident_list"),
    path("emergencies/add/", incidents.IncidentEditView.as_view(), name="incident_add"),
    path("emergencies/<int:pk>/", incidents.IncidentDetailView.as_view(), name="incident_detail"),
    path(
        "emergencies/<int:pk>/report/",
        incidents.IncidentReportView.as_view(),
        name="incident_report",
    ),
    path(
        "assessment-items/",
        assessments.AssessmentItemListView.as_view(),
        name="assessmentitem_list",
    ),
    path(
        "assessment-items/add/",
        assessments.AssessmentItemEditView.as_view(),
        name="assessmentitem_add",
    ),
    path(
        "assessment-items/<int:pk>/",
        assessments.AssessmentItemDetailView.as_view(),
        name="assessmentitem_detail",
    ),
    path(
        "assessment-items/<int:pk>/edit/",
        assessments.AssessmentItemEditView.as_view(),
        name="assessmentitem_edit",
    ),
    path(
        "assessment-items/<int:pk>/delete/",
        assessments.AssessmentItemDeleteView.as_view(),
        name="assessmentitem_delete",
    ),
    path("assessments/", assessments.AssessmentListView.as_view(), name="assessment_list"),
    path("assessments/add/", assessments.AssessmentEditView.as_view(), name="assessment_add"),
    path(
        "assessments/summary/",
        assessments.AssessmentSummaryView.as_view(),
        name="assessment_summary",
    ),
    path(
        "assessments/<int:pk>/",
        assessments.AssessmentDetailView.as_view(),
        name="assessment_detail",
    ),
    path(
        "department-assessments/",
        assessments.DepartmentAssessmentListView.as_view(),
        name="departmentassessment_list",
    ),
    path(
        "department-assessments/add/",
        assessments.DepartmentAssessmentEditView.as_view(),
        name="departmentassessment_add",
    ),
    path(
        "department-assessments/<int:pk>/",
        assessments.DepartmentAssessmentDetailView.as_view(),
        name="departmentassessment_detail",
    ),
    path(
        "department-assessments/<int:pk>/edit/",
        assessments.DepartmentAssessmentEditView.as_view(),
        name="departmentassessment_edit",
    ),
    path("training/", assessments.TrainingSessionListView.as_view(), name="trainingsession_list"),
    path(
        "training/add/",
        assessments.TrainingSessionEditView.as_view(),
        name="trainingsession_add",
    ),
    path("training/hours/", assessments.TrainingHoursView.as_view(), name="training_hours"),
    path(
        "training/<int:pk>/",
        assessments.TrainingSessionDetailView.as_view(),
        name="trainingsession_detail",
    ),
    path(
        "training/<int:pk>/edit/",
        assessments.TrainingSessionEditView.as_view(),
        name="trainingsession_edit",
    ),
    path(
        "training/<int:pk>/material/",
        assessments.TrainingMaterialView.as_view(),
        name="trainingsession_material",
    ),
    path(
        "subcontractors/",
        vendors.VendorEvaluationListView.as_view(),
        name="vendorevaluation_list",
    ),
    path(
        "subcontractors/add/",
        vendors.VendorEvaluationEditView.as_view(),
        name="vendorevaluation_add",
    ),
    path(
        "subcontractors/<int:pk>/",
        vendors.VendorEvaluationDetailView.as_view(),
        name="vendorevaluation_detail",
    ),
    path(
        "subcontractors/<int:pk>/sheet/",
        vendors.VendorEvaluationSheetView.as_view(),
        name="vendorevaluation_sheet",
    ),
    path(
        "excellence/", excellence.ExcellenceReviewListView.as_view(), name="excellencereview_list"
    ),
    path(
        "excellence/add/",
        excellence.ExcellenceReviewEditView.as_view(),
        name="excellencereview_add",
    ),
    path(
        "excellence/<int:pk>/",
        excellence.ExcellenceReviewDetailView.as_view(),
        name="excellencereview_detail",
    ),
    path(
        "excellence/evidence/<int:pk>/",
        excellence.ExcellenceEvidenceView.as_view(),
        name="excellenceevidence_file",
    ),
]
