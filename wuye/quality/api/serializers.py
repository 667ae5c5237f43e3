from rest_framework import serializers

from wuye.core.api.fields import ClockTimeField

from ..forms import ChecklistItemForm, CheckpointForm, InspectionPlanForm
from ..models import ChecklistItem, Checkpoint, InspectionPlan, InspectionTask


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
