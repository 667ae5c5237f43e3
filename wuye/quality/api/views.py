from django.db.models import Prefetch
from rest_framework import status

from wuye.core.api.base import ScopedReadOnlyViewSet, ScopedViewSet
from wuye.core.api.commands import command_actions

from .. import filtersets, forms
from ..commands import TASK_COMMANDS
from ..models import ChecklistItem, Checkpoint, InspectionPlan, InspectionTask, PlanStop
from ..services import plans
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
