import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from wuye.core.tables import BadgeColumn, BaseTable

from .models import (
    Assessment,
    AssessmentItem,
    Certificate,
    ChecklistItem,
    Checkpoint,
    CheckStandard,
    DepartmentAssessment,
    ExcellenceReview,
    Finding,
    Incident,
    InspectionPlan,
    InspectionTask,
    MaintenancePlan,
    MaintenanceRecord,
    QualityCheck,
    SignBoard,
    StandardItem,
    TrainingSession,
    VendorEvaluation,
)


class CheckpointTable(BaseTable):
    code = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = Checkpoint
        fields = ["code", "name", "kind", "building", "floor", "location", "is_active"]


class ChecklistItemTable(BaseTable):
    text = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = ChecklistItem
        fields = ["checkpoint", "position", "text", "kind", "minimum", "maximum", "photo_required"]


class InspectionPlanTable(BaseTable):
    name = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = InspectionPlan
        fields = [
            "name",
            "category",
            "frequency",
            "window_start",
            "window_end",
            "assigned_post",
            "assignee",
            "is_active",
        ]


class InspectionTaskTable(BaseTable):
    plan = tables.Column(linkify=lambda record: record.get_absolute_url())
    status = BadgeColumn()

    class Meta(BaseTable.Meta):
        model = InspectionTask
        fields = [
            "plan",
            "day",
            "window_start",
            "window_end",
            "assigned_post",
            "assignee",
            "status",
        ]


class FindingTable(BaseTable):
    description = tables.Column(linkify=True)
    work_order = tables.Column(linkify=True)
    due = tables.DateTimeColumn(
        verbose_name=_("to be put right by"), accessor="work_order__completion_due"
    )

    class Meta(BaseTable.Meta):
        model = Finding
        fields = [
            "created_at",
            "checkpoint",
            "description",
            "status",
            "work_order",
            "due",
            "closed_at",
        ]


class CheckStandardTable(BaseTable):
    name = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = CheckStandard
        fields = ["name", "kind", "department_kind", "vendor_category", "is_active"]


class StandardItemTable(BaseTable):
    text = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = StandardItem
        fields = ["standard", "position", "text", "points", "photo_required"]


class SignBoardTable(BaseTable):
    code = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = SignBoard
        fields = ["code", "name", "kind", "building", "location", "condition", "last_checked_on"]


class QualityCheckTable(BaseTable):
    kind = tables.Column(linkify=lambda record: record.get_absolute_url())
    status = BadgeColumn()

    class Meta(BaseTable.Meta):
        model = QualityCheck
        fields = [
            "kind",
            "checked_on",
            "standard",
            "department",
            "score",
            "status",
            "created_by",
        ]


class MaintenancePlanTable(BaseTable):
    name = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = MaintenancePlan
        fields = [
            "name",
            "facility",
            "interval",
            "interval_unit",
            "contractor",
            "last_done_on",
            "next_due",
            "is_active",
        ]


class MaintenanceRecordTable(BaseTable):
    done_on = tables.DateColumn(linkify=True)

    class Meta(BaseTable.Meta):
        model = MaintenanceRecord
        fields = ["done_on", "facility", "plan", "contractor", "technician", "cost", "next_due"]


class CertificateTable(BaseTable):
    number = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = Certificate
        fields = ["number", "kind", "facility", "issuer", "issued_on", "expires_on"]


class IncidentTable(BaseTable):
    number = tables.Column(linkify=True)
    status = BadgeColumn()

    class Meta(BaseTable.Meta):
        model = Incident
        fields = ["number", "kind", "title", "location", "occurred_at", "status", "closed_at"]


class AssessmentItemTable(BaseTable):
    code = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = AssessmentItem
        fields = ["code", "text", "points", "amount", "is_active"]


class AssessmentTable(BaseTable):
    staff = tables.Column(linkify=lambda record: record.get_absolute_url())
    status = BadgeColumn()

    class Meta(BaseTable.Meta):
        model = Assessment
        fields = ["staff", "department", "item", "occurred_on", "points", "amount", "status"]


class DepartmentAssessmentTable(BaseTable):
    department = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(BaseTable.Meta):
        model = DepartmentAssessment
        fields = ["department", "month", "score", "comment"]


class TrainingSessionTable(BaseTable):
    title = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = TrainingSession
        fields = ["title", "held_on", "hours", "trainer", "department"]


class VendorEvaluationTable(BaseTable):
    vendor = tables.Column(linkify=lambda record: record.get_absolute_url())
    status = BadgeColumn()

    class Meta(BaseTable.Meta):
        model = VendorEvaluation
        fields = ["vendor", "month", "standard", "score", "status"]


class ExcellenceReviewTable(BaseTable):
    year = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(BaseTable.Meta):
        model = ExcellenceReview
        fields = ["year", "level", "note"]
