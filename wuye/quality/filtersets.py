import datetime as dt

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.filtersets import BaseFilterSet

from .choices import RectificationStatus
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
    overdue = django_filters.BooleanFilter(label=_("overdue"), method="filter_overdue")

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = queryset.overdue()
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))

    class Meta:
        model = Finding
        fields = ["status", "checkpoint", "overdue"]


class CheckStandardFilterSet(BaseFilterSet):
    search_fields = ("name",)

    class Meta:
        model = CheckStandard
        fields = ["kind", "department_kind", "is_active"]


class StandardItemFilterSet(BaseFilterSet):
    search_fields = ("text",)

    class Meta:
        model = StandardItem
        fields = ["standard"]


class SignBoardFilterSet(BaseFilterSet):
    search_fields = ("code", "name", "location")

    class Meta:
        model = SignBoard
        fields = ["kind", "building", "condition", "is_active"]


class QualityCheckFilterSet(BaseFilterSet):
    search_fields = ("summary", "entries__remark")
    open_rectification = django_filters.BooleanFilter(
        label=_("with findings being put right"), method="filter_open_rectification"
    )

    class Meta:
        model = QualityCheck
        fields = ["kind", "status", "department", "standard", "open_rectification"]

    def filter_open_rectification(self, queryset, name, value):
        if value is None:
            return queryset
        being = Q(entries__rectification=RectificationStatus.OPEN)
        return (queryset.filter(being) if value else queryset.exclude(being)).distinct()


class MaintenancePlanFilterSet(BaseFilterSet):
    search_fields = ("name", "facility__code", "facility__name")
    overdue = django_filters.BooleanFilter(label=_("overdue"), method="filter_overdue")

    class Meta:
        model = MaintenancePlan
        fields = ["facility__kind", "contractor", "is_active", "overdue"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(is_active=True, next_due__lt=timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)


class MaintenanceRecordFilterSet(BaseFilterSet):
    search_fields = ("technician", "work", "parts", "facility__code", "facility__name")
    # A plan is named with its facility: read them together.
    plan = django_filters.ModelChoiceFilter(
        label=_("plan"), queryset=MaintenancePlan.objects.select_related("facility")
    )
    done_from = django_filters.DateFilter(
        label=_("done from"), field_name="done_on", lookup_expr="gte"
    )
    done_until = django_filters.DateFilter(
        label=_("done until"), field_name="done_on", lookup_expr="lte"
    )

    class Meta:
        model = MaintenanceRecord
        fields = ["plan", "facility", "contractor", "done_from", "done_until"]


class CertificateFilterSet(BaseFilterSet):
    search_fields = ("number", "issuer", "facility__code", "facility__name")
    expiring = django_filters.BooleanFilter(
        label=_("expiring within 30 days"), method="filter_expiring"
    )

    class Meta:
        model = Certificate
        fields = ["kind", "facility", "expiring"]

    def filter_expiring(self, queryset, name, value):
        if value is None:
            return queryset
        soon = Q(expires_on__lte=timezone.localdate() + dt.timedelta(days=30))
        return queryset.filter(soon) if value else queryset.exclude(soon)


class IncidentFilterSet(BaseFilterSet):
    search_fields = ("number", "title", "location")

    class Meta:
        model = Incident
        fields = ["kind", "status", "building"]


class AssessmentItemFilterSet(BaseFilterSet):
    search_fields = ("code", "text")

    class Meta:
        model = AssessmentItem
        fields = ["is_active"]


class AssessmentFilterSet(BaseFilterSet):
    search_fields = ("staff__name", "staff__username", "reason")

    class Meta:
        model = Assessment
        fields = ["status", "department", "item"]


class DepartmentAssessmentFilterSet(BaseFilterSet):
    class Meta:
        model = DepartmentAssessment
        fields = ["department"]


class TrainingSessionFilterSet(BaseFilterSet):
    search_fields = ("title", "trainer", "content")

    class Meta:
        model = TrainingSession
        fields = ["department"]


class VendorEvaluationFilterSet(BaseFilterSet):
    search_fields = ("vendor__name", "summary")

    class Meta:
        model = VendorEvaluation
        fields = ["vendor", "status", "month"]


class ExcellenceReviewFilterSet(BaseFilterSet):
    class Meta:
        model = ExcellenceReview
        fields = ["year", "level"]
