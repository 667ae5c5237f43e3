import django_filters
from django.utils.translation import gettext_lazy as _

from wuye.core.filtersets import BaseFilterSet

from .models import ChecklistItem, Checkpoint, Finding, InspectionPlan, InspectionTask


class CheckpointFilterSet(BaseFilterSet):
    search_fields = ("code", "name", "location")

    class Meta:
        model = Checkpoint
        fields = ["kind", "building", "is_active"]


class ChecklistItemFilterSet(BaseFilterSet):
    search_fields = ("text", "checkpoint__code")

    class Meta:
        model = ChecklistItem
        fields = ["checkpoint", "kind"]


class InspectionPlanFilterSet(BaseFilterSet):
    search_fields = ("name",)

    class Meta:
        model = InspectionPlan
        fields = ["category", "frequency", "assigned_post", "is_active"]


class InspectionTaskFilterSet(BaseFilterSet):
    search_fields = ("plan__name",)
    day = django_filters.DateFilter(label=_("day"))

    class Meta:
        model = InspectionTask
        fields = ["day", "plan", "status", "assigned_post"]


class FindingFilterSet(BaseFilterSet):
    search_fields = ("description", "checkpoint__code", "work_order__number")

    class Meta:
        model = Finding
        fields = ["status", "checkpoint"]
