import django_tables2 as tables

from wuye.core.tables import BadgeColumn, BaseTable

from .models import ChecklistItem, Checkpoint, Finding, InspectionPlan, InspectionTask


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

    class Meta(BaseTable.Meta):
        model = Finding
        fields = ["created_at", "checkpoint", "description", "status", "work_order", "closed_at"]
