import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.filtersets import BaseFilterSet
from wuye.org.models import Zone

from .choices import (
    OPEN_STATUSES,
    OrderChannel,
    OrderKind,
    OrderStatus,
    Priority,
    VisitStatus,
    WarrantyStatus,
)
from .models import (
    Category,
    DutyLog,
    Escalation,
    KnowledgeArticle,
    ReceptionLog,
    ReturnVisit,
    TimeLimit,
    WarrantyClaim,
    WorkOrder,
)

STATES = [
    ("open", _("Open")),
    ("overdue", _("Overdue")),
    ("today", _("Registered today")),
    ("major", _("Major complaints, open")),
]


class WorkOrderFilterSet(BaseFilterSet):
    search_fields = (
        "number",
        "unit__code",
        "place",
        "reporter_name",
        "reporter_phone",
        "description",
    )
    state = django_filters.ChoiceFilter(label=_("view"), choices=STATES, method="filter_state")
    status = django_filters.ChoiceFilter(label=_("status"), choices=OrderStatus.choices)
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=OrderKind.choices)
    channel = django_filters.ChoiceFilter(label=_("intake channel"), choices=OrderChannel.choices)
    priority = django_filters.ChoiceFilter(label=_("priority"), choices=Priority.choices)
    zone = django_filters.ModelMultipleChoiceFilter(
        label=_("zone"), field_name="unit__building__zone", queryset=Zone.objects.all()
    )
    created_after = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__gte", label=_("From")
    )
    created_before = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__lte", label=_("Until")
    )

    class Meta:
        model = WorkOrder
        fields = [
            "state",
            "status",
            "kind",
            "channel",
            "priority",
            "zone",
            "assignee",
            "department",
            "created_after",
            "created_before",
        ]

    def filter_state(self, queryset, name, value):
        if value == "open":
            return queryset.filter(status__in=OPEN_STATUSES)
        if value == "overdue":
            return queryset.overdue()
        if value == "today":
            return queryset.filter(created_at__date=timezone.localdate())
        if value == "major":
            return queryset.filter(is_major=True).exclude(
                status__in=[OrderStatus.CLOSED, OrderStatus.CANCELLED]
            )
        return queryset


class ReturnVisitFilterSet(BaseFilterSet):
    search_fields = ("order__number", "order__unit__code", "order__reporter_name", "comment")
    status = django_filters.ChoiceFilter(label=_("status"), choices=VisitStatus.choices)
    due = django_filters.BooleanFilter(label=_("due by today"), method="filter_due")

    class Meta:
        model = ReturnVisit
        fields = ["status", "due"]

    def filter_due(self, queryset, name, value):
        """To do by today: due visits, and visits that could not reach anyone (to retry)."""
        if value:
            return queryset.filter(
                Q(status=VisitStatus.DUE, due_date__lte=timezone.localdate())
                | Q(status=VisitStatus.UNREACHABLE, order__status=OrderStatus.COMPLETED)
            )
        return queryset


class EscalationFilterSet(BaseFilterSet):
    search_fields = ("order__number", "notified")

    class Meta:
        model = Escalation
        fields = ["level"]


class CategoryFilterSet(BaseFilterSet):
    search_fields = ("name", "parent__name")

    class Meta:
        model = Category
        fields = ["level", "department", "is_active"]


class TimeLimitFilterSet(BaseFilterSet):
    search_fields = ("category__name",)

    class Meta:
        model = TimeLimit
        fields = ["priority", "calendar"]


class KnowledgeArticleFilterSet(BaseFilterSet):
    """Full text over title, question, answer and keywords, and the title's pinyin/initials."""

    search_fields = ("title", "question", "answer", "tags", "pinyin", "initials")
    topic = django_filters.CharFilter(label=_("topic"))

    class Meta:
        model = KnowledgeArticle
        fields = ["topic", "is_published"]


class DutyLogFilterSet(BaseFilterSet):
    search_fields = ("desk", "notes", "items__text")

    class Meta:
        model = DutyLog
        fields = ["desk", "date", "shift", "status", "on_duty"]


class ReceptionLogFilterSet(BaseFilterSet):
    search_fields = ("visitor", "phone", "unit__code", "matter", "result")
    visited_after = django_filters.DateFilter(
        field_name="visited_at", lookup_expr="date__gte", label=_("From")
    )
    visited_before = django_filters.DateFilter(
        field_name="visited_at", lookup_expr="date__lte", label=_("Until")
    )

    class Meta:
        model = ReceptionLog
        fields = ["purpose", "handled_by", "visited_after", "visited_before"]


class WarrantyClaimFilterSet(BaseFilterSet):
    search_fields = ("order__number", "vendor__name", "reply")
    overdue = django_filters.BooleanFilter(label=_("overdue"), method="filter_overdue")

    class Meta:
        model = WarrantyClaim
        fields = ["status", "vendor", "overdue"]

    def filter_overdue(self, queryset, name, value):
        if value:
            return queryset.filter(
                status=WarrantyStatus.FORWARDED, due_date__lt=timezone.localdate()
            )
        return queryset
