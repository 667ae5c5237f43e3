from rest_framework import serializers

from wuye.core.api.fields import ClockTimeField

from ..forms import ChecklistItemForm, CheckpointForm, InspectionPlanForm
from ..models import CheckIn, ChecklistItem, Checkpoint, InspectionPlan, InspectionTask, ItemResult


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
