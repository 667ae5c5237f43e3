from django.db.models import Prefetch
from rest_framework import status

from wuye.core.api.base import ScopedReadOnlyViewSet, ScopedViewSet
from wuye.core.api.commands import command_actions

from .. import filtersets, forms
from ..commands import (
    ASSESSMENT_COMMANDS,
    CHECK_COMMANDS,
    EVALUATION_COMMANDS,
    EXCELLENCE_COMMANDS,
    INCIDENT_COMMANDS,
    MAINTENANCE_COMMANDS,
    TASK_COMMANDS,
    TRAINING_COMMANDS,
)
from ..models import (
    Assessment,
    AssessmentItem,
    Certificate,
    ChecklistItem,
    Checkpoint,
    CheckStandard,
    ExcellenceReview,
    Incident,
    InspectionPlan,
    InspectionTask,
    MaintenancePlan,
    MaintenanceRecord,
    PlanStop,
    QualityCheck,
    SignBoard,
    StandardItem,
    TrainingSession,
    VendorEvaluation,
)
from ..services import (
    assessments,
    checks,
    excellence,
    incidents,
    maintenance,
    plans,
    vendors,
)
from . import serializers


class CheckpointViewSet(ScopedViewSet):
    """Checkpoints (巡查点, QUA-01) with the code their QR label carries."""

    queryset = Checkpoint.objects.all()
    serializer_class = serializers.CheckpointSerializer
    filterset_class = filtersets.CheckpointFilterSet
    form_class = forms.CheckpointForm
    perm_prefix = "quality.checkpoint"


class ChecklistItemViewSet(ScopedViewSet):
    """The items checked at each checkpoint."""

    queryset = ChecklistItem.objects.all()
    serializer_class = serializers.ChecklistItemSerializer
    filterset_class = filtersets.ChecklistItemFilterSet
    form_class = forms.ChecklistItemForm
    perm_prefix = "quality.checkpoint"


class InspectionPlanViewSet(ScopedViewSet):
    """Inspection plans (QUA-01). POST inspection-plans/ makes one with its route (checkpoint
    codes in walking order); tasks are generated from it every night for the coming week."""

    queryset = InspectionPlan.objects.all()
    serializer_class = serializers.InspectionPlanSerializer
    filterset_class = filtersets.InspectionPlanFilterSet
    perm_prefix = "quality.plan"
    prefetch = (Prefetch("stops", PlanStop.objects.select_related("checkpoint")),)
    http_method_names = ["get", "post", "head", "options"]

    form_class = forms.InspectionPlanForm
    create_service = plans.save_plan


@command_actions(
    TASK_COMMANDS,
    answers={"check_in": (serializers.CheckInSerializer, status.HTTP_201_CREATED)},
)
class InspectionTaskViewSet(ScopedReadOnlyViewSet):
    """Inspection tasks generated from the plans: one per plan and due day. POST
    …/{id}/check-in/ checks in at a checkpoint of the route with its checklist; a failed item
    becomes a finding with its rectification work order."""

    queryset = InspectionTask.objects.all()
    serializer_class = serializers.InspectionTaskSerializer
    filterset_class = filtersets.InspectionTaskFilterSet
    perm_prefix = "quality.plan"
    related = ("plan",)
    http_method_names = ["get", "post", "head", "options"]


class CheckStandardViewSet(ScopedViewSet):
    """Standard checklists (QUA-03, QUA-04): what a spot check of a department, or the monthly
    safety check, looks at."""

    queryset = CheckStandard.objects.all()
    serializer_class = serializers.CheckStandardSerializer
    filterset_class = filtersets.CheckStandardFilterSet
    form_class = forms.CheckStandardForm
    perm_prefix = "quality.standard"


class StandardItemViewSet(ScopedViewSet):
    """The items of the standard checklists, with their points."""

    queryset = StandardItem.objects.all()
    serializer_class = serializers.StandardItemSerializer
    filterset_class = filtersets.StandardItemFilterSet
    form_class = forms.StandardItemForm
    perm_prefix = "quality.standard"


class SignBoardViewSet(ScopedViewSet):
    """The sign boards and notice boards (QC-5) the checks look at."""

    queryset = SignBoard.objects.all()
    serializer_class = serializers.SignBoardSerializer
    filterset_class = filtersets.SignBoardFilterSet
    form_class = forms.SignBoardForm
    perm_prefix = "quality.sign"


@command_actions(
    CHECK_COMMANDS,
    answers={
        "record": (serializers.CheckEntrySerializer, status.HTTP_201_CREATED),
        "record_sign": (serializers.CheckEntrySerializer, status.HTTP_201_CREATED),
    },
)
class QualityCheckViewSet(ScopedReadOnlyViewSet):
    """Night post checks, quality spot checks and safety checks (QUA-02..04). POST
    quality-checks/ starts one (`kind`, and for spot and safety checks the `standard`; a spot
    check names the `department`); then …/{id}/record/ entry by entry and …/{id}/finish/."""

    queryset = QualityCheck.objects.all()
    serializer_class = serializers.QualityCheckSerializer
    filterset_class = filtersets.QualityCheckFilterSet
    perm_prefix = "quality.check"
    prefetch = ("entries__work_order",)
    http_method_names = ["get", "post", "head", "options"]

    form_class = forms.QualityCheckForm
    create_service = checks.start_check

    def create(self, request, *args, **kwargs):
        return self._write(request, None, False, status.HTTP_201_CREATED)


@command_actions(
    MAINTENANCE_COMMANDS,
    answers={"record": (serializers.MaintenanceRecordSerializer, status.HTTP_201_CREATED)},
)
class MaintenancePlanViewSet(ScopedViewSet):
    """Maintenance plans of the facilities (QUA-05); `?overdue=true` lists the overdue ones.
    POST …/{id}/record/ records a maintenance done."""

    queryset = MaintenancePlan.objects.all()
    serializer_class = serializers.MaintenancePlanSerializer
    filterset_class = filtersets.MaintenancePlanFilterSet
    perm_prefix = "quality.maintenance"
    related = ("facility",)
    http_method_names = ["get", "post", "head", "options"]

    form_class = forms.MaintenancePlanForm
    create_service = maintenance.save_maintenance_plan


class MaintenanceRecordViewSet(ScopedReadOnlyViewSet):
    """The maintenance done, newest first."""

    queryset = MaintenanceRecord.objects.all()
    serializer_class = serializers.MaintenanceRecordSerializer
    filterset_class = filtersets.MaintenanceRecordFilterSet
    perm_prefix = "quality.maintenance"


class CertificateViewSet(ScopedViewSet):
    """Statutory inspection certificates (年检); `?expiring=true` lists those expiring within
    30 days. POST (multipart with `document`) records a new one."""

    queryset = Certificate.objects.all()
    serializer_class = serializers.CertificateSerializer
    filterset_class = filtersets.CertificateFilterSet
    perm_prefix = "quality.maintenance"
    related = ("facility",)
    http_method_names = ["get", "post", "head", "options"]

    upload_actions = {"create": ("document",)}
    form_class = forms.CertificateForm
    create_service = maintenance.save_certificate


@command_actions(
    INCIDENT_COMMANDS,
    answers={
        "complete_step": (serializers.IncidentStepSerializer, status.HTTP_200_OK),
        "note": (serializers.IncidentLogSerializer, status.HTTP_201_CREATED),
    },
)
class IncidentViewSet(ScopedReadOnlyViewSet):
    """Emergencies (QUA-08). POST incidents/ reports one (its SOP's steps and timers follow its
    `kind`; everyone is told); then …/{id}/complete-step/, …/note/, …/notify-residents/ (an
    outage) and …/close/ with the report."""

    queryset = Incident.objects.all()
    serializer_class = serializers.IncidentSerializer
    filterset_class = filtersets.IncidentFilterSet
    perm_prefix = "quality.incident"
    prefetch = ("steps", "log")
    http_method_names = ["get", "post", "head", "options"]

    form_class = forms.IncidentForm
    create_service = incidents.open_incident

    def create(self, request, *args, **kwargs):
        return self._write(request, None, False, status.HTTP_201_CREATED)


class AssessmentItemViewSet(ScopedViewSet):
    """The standard assessment items (QUA-09)."""

    queryset = AssessmentItem.objects.all()
    serializer_class = serializers.AssessmentItemSerializer
    filterset_class = filtersets.AssessmentItemFilterSet
    form_class = forms.AssessmentItemForm
    perm_prefix = "quality.assessment"


@command_actions(ASSESSMENT_COMMANDS)
class AssessmentViewSet(ScopedReadOnlyViewSet):
    """Staff assessments (QUA-09). POST assessments/ proposes one; the department head (or the
    manager) POSTs …/{id}/confirm/ or …/reject/."""

    queryset = Assessment.objects.all()
    serializer_class = serializers.AssessmentSerializer
    filterset_class = filtersets.AssessmentFilterSet
    perm_prefix = "quality.assessment"
    related = ("staff",)
    http_method_names = ["get", "post", "head", "options"]

    form_class = forms.AssessmentForm
    create_service = assessments.propose_assessment

    def create(self, request, *args, **kwargs):
        return self._write(request, None, False, status.HTTP_201_CREATED)


@command_actions(
    TRAINING_COMMANDS,
    answers={"sign_in": (serializers.TrainingAttendanceSerializer, status.HTTP_201_CREATED)},
)
class TrainingSessionViewSet(ScopedReadOnlyViewSet):
    """Training sessions (QUA-10) with their attendees; …/{id}/sign-in/ signs the caller in on
    the day, …/add-attendees/ adds those on a paper sheet."""

    queryset = TrainingSession.objects.all()
    serializer_class = serializers.TrainingSessionSerializer
    filterset_class = filtersets.TrainingSessionFilterSet
    perm_prefix = "quality.training"
    prefetch = ("attendances",)
    http_method_names = ["get", "post", "head", "options"]


@command_actions(
    EVALUATION_COMMANDS,
    answers={"deduct": (serializers.EvaluationDeductionSerializer, status.HTTP_201_CREATED)},
)
class VendorEvaluationViewSet(ScopedReadOnlyViewSet):
    """Subcontractor evaluations (QUA-07). POST vendor-evaluations/ starts a month's (`vendor`,
    `month`: any day of it, the `standard` scorecard); …/{id}/deduct/ and …/finish/."""

    queryset = VendorEvaluation.objects.all()
    serializer_class = serializers.VendorEvaluationSerializer
    filterset_class = filtersets.VendorEvaluationFilterSet
    perm_prefix = "quality.vendor"
    prefetch = ("deductions",)
    http_method_names = ["get", "post", "head", "options"]

    form_class = forms.VendorEvaluationForm
    create_service = vendors.start_evaluation

    def create(self, request, *args, **kwargs):
        return self._write(request, None, False, status.HTTP_201_CREATED)


@command_actions(EXCELLENCE_COMMANDS)
class ExcellenceReviewViewSet(ScopedReadOnlyViewSet):
    """The excellent-community evaluation (QUA-11): POST starts a year's with every item of
    the standard; …/{id}/assess/ and …/attach/ (multipart)."""

    queryset = ExcellenceReview.objects.all()
    serializer_class = serializers.ExcellenceReviewSerializer
    filterset_class = filtersets.ExcellenceReviewFilterSet
    perm_prefix = "quality.excellence"
    prefetch = ("items__evidence",)
    http_method_names = ["get", "post", "head", "options"]

    form_class = forms.ExcellenceReviewForm
    create_service = excellence.start_review

    def create(self, request, *args, **kwargs):
        return self._write(request, None, False, status.HTTP_201_CREATED)
