import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from wuye.core.tables import BadgeColumn, BaseTable

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


class WorkOrderTable(BaseTable):
    number = tables.Column(linkify=True)
    status = BadgeColumn()
    location = tables.Column(verbose_name=_("location"), accessor="unit__code", orderable=False)
    completion_due = tables.DateTimeColumn(format="m-d H:i")

    class Meta(BaseTable.Meta):
        model = WorkOrder
        fields = [
            "number",
            "created_at",
            "kind",
            "priority",
            "location",
            "category",
            "description",
            "status",
            "assignee",
            "completion_due",
        ]

    def render_location(self, record):
        return record.location

    def render_description(self, value):
        return value if len(value) <= 40 else f"{value[:40]}…"


class ReturnVisitTable(BaseTable):
    order = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(BaseTable.Meta):
        model = ReturnVisit
        fields = ["order", "due_date", "status", "score", "comment", "visited_by", "visited_at"]


class EscalationTable(BaseTable):
    order = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = Escalation
        fields = ["created_at", "order", "level", "deadline", "notified"]


class CategoryTable(BaseTable):
    name = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = Category
        fields = ["name", "parent", "level", "department", "is_safety", "is_active"]


class TimeLimitTable(BaseTable):
    category = tables.Column(linkify=lambda record: record.get_absolute_url(), default="—")

    class Meta(BaseTable.Meta):
        model = TimeLimit
        fields = [
            "category",
            "priority",
            "response_minutes",
            "arrival_minutes",
            "completion_minutes",
            "calendar",
        ]


class KnowledgeArticleTable(BaseTable):
    title = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = KnowledgeArticle
        fields = ["topic", "title", "tags", "revision", "is_published", "updated_at"]


class DutyLogTable(BaseTable):
    desk = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = DutyLog
        fields = ["date", "shift", "desk", "on_duty", "status", "handed_to", "acknowledged_at"]


class ReceptionLogTable(BaseTable):
    visitor = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = ReceptionLog
        fields = [
            "visited_at",
            "visitor",
            "phone",
            "unit",
            "purpose",
            "matter",
            "handled_by",
            "order",
        ]


class WarrantyClaimTable(BaseTable):
    order = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(BaseTable.Meta):
        model = WarrantyClaim
        fields = ["order", "vendor", "due_date", "status", "reply", "closed_at"]
