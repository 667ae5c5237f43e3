from rest_framework import serializers

from wuye.core.api.fields import ClockTimeField

from ..forms import (
    AssessmentItemForm,
    CertificateForm,
    ChecklistItemForm,
    CheckpointForm,
    CheckStandardForm,
    InspectionPlanForm,
    MaintenancePlanForm,
    SignBoardForm,
    StandardItemForm,
)
from ..models import (
    Assessment,
    AssessmentItem,
    Certificate,
    CheckEntry,
    CheckIn,
    ChecklistItem,
    Checkpoint,
    CheckStandard,
    EvaluationDeduction,
    ExcellenceItem,
    ExcellenceReview,
    Incident,
    IncidentLog,
    IncidentStep,
    InspectionPlan,
    InspectionTask,
    ItemResult,
    MaintenancePlan,
    MaintenanceRecord,
    QualityCheck,
    SignBoard,
    StandardItem,
    TrainingAttendance,
    TrainingSession,
    VendorEvaluation,
)


class CheckpointSerializer(serializers.ModelSerializer):
    """A checkpoint inspections check in at (its QR label carries `code`)."""

    class Meta:
        model = Checkpoint
        fields = ["id", *CheckpointForm.Meta.fields]
        read_only_fields = ["id"]


class ChecklistItemSerializer(serializers.ModelSerializer):
    """What is checked at a checkpoint: passed/failed, or a number within its limits."""

    class Meta:
        model = ChecklistItem
        fields = ["id", *ChecklistItemForm.Meta.fields]
        read_only_fields = ["id"]


class InspectionPlanSerializer(serializers.ModelSerializer):
    """An inspection plan (QUA-01): its route (`route`: checkpoint codes in walking order), its
    schedule and window, who walks it."""

    route = serializers.SerializerMethodField()
    window_start = ClockTimeField(read_only=True)
    window_end = ClockTimeField(read_only=True)

    class Meta:
        model = InspectionPlan
        fields = ["id", *InspectionPlanForm.Meta.fields, "created_at", "updated_at"]
        read_only_fields = fields

    def get_route(self, plan) -> list[str]:
        return [stop.checkpoint.code for stop in plan.stops.all()]


class InspectionTaskSerializer(serializers.ModelSerializer):
    """One walk of a plan's route on one day within its window: open, done or missed."""

    plan_name = serializers.CharField(source="plan.name", read_only=True)

    class Meta:
        model = InspectionTask
        fields = [
            "id",
            "plan",
            "plan_name",
            "day",
            "window_start",
            "window_end",
            "assigned_post",
            "assignee",
            "status",
            "completed_at",
        ]
        read_only_fields = fields


class ItemResultSerializer(serializers.ModelSerializer):
    finding = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)  # type: ignore[var-annotated]
    work_order_number = serializers.SerializerMethodField()

    class Meta:
        model = ItemResult
        fields = ["id", "item", "passed", "value", "remark", "finding", "work_order_number"]
        read_only_fields = fields

    def get_work_order_number(self, result) -> str | None:
        finding = getattr(result, "finding", None)
        return finding.work_order.number if finding is not None else None


class CheckInSerializer(serializers.ModelSerializer):
    """A check-in at a checkpoint with its checklist's results; a failed item's `finding` has
    its rectification work order."""

    checkpoint_code = serializers.CharField(source="checkpoint.code", read_only=True)
    results = ItemResultSerializer(many=True, read_only=True)
    task_status = serializers.CharField(source="task.status", read_only=True)

    class Meta:
        model = CheckIn
        fields = [
            "id",
            "task",
            "task_status",
            "checkpoint",
            "checkpoint_code",
            "checked_at",
            "out_of_order",
            "out_of_window",
            "note",
            "results",
        ]
        read_only_fields = fields


class CheckStandardSerializer(serializers.ModelSerializer):
    """A standard checklist for spot checks of a department, or for the safety check."""

    class Meta:
        model = CheckStandard
        fields = ["id", *CheckStandardForm.Meta.fields]
        read_only_fields = ["id"]


class StandardItemSerializer(serializers.ModelSerializer):
    """An item of a standard checklist with its points (分值)."""

    class Meta:
        model = StandardItem
        fields = ["id", *StandardItemForm.Meta.fields]
        read_only_fields = ["id"]


class SignBoardSerializer(serializers.ModelSerializer):
    """A sign, warning sign or notice board, with the state the last check found it in."""

    class Meta:
        model = SignBoard
        fields = ["id", *SignBoardForm.Meta.fields, "last_checked_on"]
        read_only_fields = ["id", "last_checked_on"]


class CheckEntrySerializer(serializers.ModelSerializer):
    work_order_number = serializers.CharField(
        source="work_order.number", read_only=True, allow_null=True
    )

    class Meta:
        model = CheckEntry
        fields = [
            "id",
            "quality_check",
            "item",
            "sign_board",
            "subject",
            "recorded_at",
            "passed",
            "on_duty",
            "deduction",
            "remark",
            "action",
            "rectification",
            "work_order",
            "work_order_number",
            "rectified_at",
        ]
        read_only_fields = fields


class QualityCheckSerializer(serializers.ModelSerializer):
    """A night post check, a spot check or a safety check with its entries and score."""

    entries = CheckEntrySerializer(many=True, read_only=True)

    class Meta:
        model = QualityCheck
        fields = [
            "id",
            "kind",
            "standard",
            "department",
            "checked_on",
            "status",
            "score",
            "summary",
            "finished_at",
            "created_by",
            "entries",
        ]
        read_only_fields = fields


class MaintenancePlanSerializer(serializers.ModelSerializer):
    """A facility's maintenance plan (QUA-05): its interval, subcontractor and next due date."""

    facility_name = serializers.CharField(source="facility.name", read_only=True)

    class Meta:
        model = MaintenancePlan
        fields = ["id", *MaintenancePlanForm.Meta.fields, "facility_name", "last_done_on"]
        read_only_fields = ["id", "facility_name", "last_done_on"]


class MaintenanceRecordSerializer(serializers.ModelSerializer):
    """A maintenance done: when, by whom, the work, the parts, the next due date it set."""

    class Meta:
        model = MaintenanceRecord
        fields = [
            "id",
            "plan",
            "facility",
            "done_on",
            "contractor",
            "technician",
            "work",
            "parts",
            "cost",
            "next_due",
            "created_at",
        ]
        read_only_fields = fields


class CertificateSerializer(serializers.ModelSerializer):
    """A statutory inspection certificate of a facility and its expiry."""

    has_scan = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = ["id", *CertificateForm.Meta.fields, "has_scan"]
        read_only_fields = ["id", "has_scan"]

    def get_has_scan(self, certificate) -> bool:
        return bool(certificate.document)


class IncidentStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = IncidentStep
        fields = ["id", "position", "code", "text", "due_at", "done_at", "done_by", "note"]
        read_only_fields = fields


class IncidentLogSerializer(serializers.ModelSerializer):
    class Meta:
        model = IncidentLog
        fields = ["id", "at", "actor", "text"]
        read_only_fields = fields


class IncidentSerializer(serializers.ModelSerializer):
    """An emergency (QUA-08) with its SOP steps and their limits, and its timeline."""

    steps = IncidentStepSerializer(many=True, read_only=True)
    log = IncidentLogSerializer(many=True, read_only=True)

    class Meta:
        model = Incident
        fields = [
            "id",
            "number",
            "kind",
            "title",
            "location",
            "building",
            "facility",
            "occurred_at",
            "status",
            "cause",
            "handling",
            "result",
            "closed_at",
            "steps",
            "log",
        ]
        read_only_fields = fields


class AssessmentItemSerializer(serializers.ModelSerializer):
    """A standard assessment item: its points and reward or penalty."""

    class Meta:
        model = AssessmentItem
        fields = ["id", *AssessmentItemForm.Meta.fields]
        read_only_fields = ["id"]


class AssessmentSerializer(serializers.ModelSerializer):
    """Points for or against a staff member (QUA-09), proposed and then reviewed."""

    staff_name = serializers.CharField(source="staff.display_name", read_only=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "staff",
            "staff_name",
            "department",
            "item",
            "occurred_on",
            "points",
            "amount",
            "reason",
            "check_entry",
            "finding",
            "status",
            "reviewed_by",
            "reviewed_at",
            "review_note",
        ]
        read_only_fields = fields


class TrainingAttendanceSerializer(serializers.ModelSerializer):
    class Meta:
        model = TrainingAttendance
        fields = ["id", "staff", "signed_in_at"]
        read_only_fields = fields


class TrainingSessionSerializer(serializers.ModelSerializer):
    """A training session (QUA-10) and who attended."""

    attendances = TrainingAttendanceSerializer(many=True, read_only=True)

    class Meta:
        model = TrainingSession
        fields = [
            "id",
            "title",
            "held_on",
            "hours",
            "trainer",
            "department",
            "content",
            "attendances",
        ]
        read_only_fields = fields


class EvaluationDeductionSerializer(serializers.ModelSerializer):
    class Meta:
        model = EvaluationDeduction
        fields = ["id", "item", "points", "reason", "check_entry", "finding"]
        read_only_fields = fields


class VendorEvaluationSerializer(serializers.ModelSerializer):
    """A subcontractor's month scored against its scorecard (QUA-07)."""

    deductions = EvaluationDeductionSerializer(many=True, read_only=True)

    class Meta:
        model = VendorEvaluation
        fields = [
            "id",
            "vendor",
            "month",
            "standard",
            "status",
            "score",
            "summary",
            "finished_at",
            "deductions",
        ]
        read_only_fields = fields


class ExcellenceItemSerializer(serializers.ModelSerializer):
    evidence_count = serializers.SerializerMethodField()

    class Meta:
        model = ExcellenceItem
        fields = ["id", "section", "code", "text", "points", "awarded", "note", "evidence_count"]
        read_only_fields = fields

    def get_evidence_count(self, item) -> int:
        return len(item.evidence.all())


class ExcellenceReviewSerializer(serializers.ModelSerializer):
    """A year's excellent-community evaluation (QUA-11) with its items."""

    items = ExcellenceItemSerializer(many=True, read_only=True)

    class Meta:
        model = ExcellenceReview
        fields = ["id", "year", "level", "note", "items"]
        read_only_fields = fields
