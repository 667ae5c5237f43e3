"""The customer-service API's shapes: orders are read through these and changed only through
the services (the actions), like the pages."""

from rest_framework import serializers

from ..choices import OrderStatus, VisitStatus
from ..forms import KnowledgeArticleForm, ReceptionLogForm, TimeLimitForm
from ..models import (
    Category,
    DutyItem,
    DutyLog,
    Escalation,
    KnowledgeArticle,
    ReceptionLog,
    ReturnVisit,
    TimeLimit,
    WarrantyClaim,
    WorkOrder,
    WorkOrderEvent,
)

STAMPS = ["created_at", "updated_at"]


# Statuses as plain strings on purpose: the same choice sets under several field names would
# give the schema enums named by a hash (drf-spectacular's collision handling).
ORDER_STATUSES = f"One of: {', '.join(OrderStatus.values)}"


class WorkOrderEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="created_by.username", read_only=True, default="")
    from_status = serializers.CharField(read_only=True, help_text=ORDER_STATUSES)
    to_status = serializers.CharField(read_only=True, help_text=ORDER_STATUSES)

    class Meta:
        model = WorkOrderEvent
        fields = [
            "id",
            "action",
            "from_status",
            "to_status",
            "assignee",
            "note",
            "actor",
            "created_at",
        ]
        read_only_fields = fields


class WorkOrderSerializer(serializers.ModelSerializer):
    """A work order (SRV-01) with its time limits; `overdue` lists the limits missed so far."""

    unit_code = serializers.CharField(source="unit.code", read_only=True, default=None)
    category_path = serializers.CharField(source="category.path", read_only=True, default=None)
    status = serializers.CharField(read_only=True, help_text=ORDER_STATUSES)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = WorkOrder
        fields = [
            "id",
            "number",
            "kind",
            "channel",
            "category",
            "category_path",
            "priority",
            "unit",
            "unit_code",
            "place",
            "facility",
            "reporter",
            "reporter_name",
            "reporter_phone",
            "description",
            "is_major",
            "is_paid",
            "under_warranty",
            "status",
            "department",
            "assignee",
            "response_due",
            "arrival_due",
            "completion_due",
            "dispatched_at",
            "accepted_at",
            "arrived_at",
            "completed_at",
            "closed_at",
            "reopened",
            "result",
            "materials",
            "material_cost",
            "labour_cost",
            "bill",
            "satisfaction",
            "overdue",
            *STAMPS,
        ]
        read_only_fields = fields

    def get_overdue(self, order) -> list[str]:
        return [str(d) for d in order.overdue_deadlines()]


class ReturnVisitSerializer(serializers.ModelSerializer):
    order_number = serializers.CharField(source="order.number", read_only=True)
    status = serializers.CharField(
        read_only=True, help_text=f"One of: {', '.join(VisitStatus.values)}"
    )

    class Meta:
        model = ReturnVisit
        fields = [
            "id",
            "order",
            "order_number",
            "due_date",
            "status",
            "visited_by",
            "visited_at",
            "score",
            "comment",
            "reopened_order",
            *STAMPS,
        ]
        read_only_fields = fields


class EscalationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Escalation
        fields = ["id", "order", "level", "deadline", "round", "notified", "created_at"]
        read_only_fields = fields


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "parent", "name", "level", "department", "is_safety", "is_active", "sort"]
        read_only_fields = ["id", "level"]


class TimeLimitSerializer(serializers.ModelSerializer):
    class Meta:
        model = TimeLimit
        fields = [
            "id",
            *TimeLimitForm.Meta.fields,
        ]
        read_only_fields = ["id"]


class ReceptionLogSerializer(serializers.ModelSerializer):
    """A visitor or inquiry at the front desk (SRV-08). `unit` takes the id or "3-2-1501"."""

    unit = serializers.IntegerField(
        source="unit_id", required=False, allow_null=True, help_text="id, or 3-2-1501"
    )

    class Meta:
        model = ReceptionLog
        fields = [
            "id",
            *ReceptionLogForm.Meta.fields,
            "order",
            *STAMPS,
        ]
        read_only_fields = ["id", "order", *STAMPS]


class KnowledgeArticleSerializer(serializers.ModelSerializer):
    """An FAQ article (SRV-09); every edit keeps the previous text as a revision."""

    class Meta:
        model = KnowledgeArticle
        fields = [
            "id",
            *KnowledgeArticleForm.Meta.fields,
            "revision",
            *STAMPS,
        ]
        read_only_fields = ["id", "revision", *STAMPS]


class DutyItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = DutyItem
        fields = ["id", "text", "done", "done_note", "carried_from"]
        read_only_fields = fields


class DutyLogSerializer(serializers.ModelSerializer):
    """A desk's shift log (SRV-07) with its open matters."""

    items = DutyItemSerializer(many=True, read_only=True)
    status = serializers.CharField(read_only=True, help_text="on_duty, handed_over, acknowledged")

    class Meta:
        model = DutyLog
        fields = [
            "id",
            "desk",
            "date",
            "shift",
            "on_duty",
            "notes",
            "status",
            "handed_to",
            "handed_at",
            "acknowledged_at",
            "items",
            *STAMPS,
        ]
        read_only_fields = fields


class WarrantyClaimSerializer(serializers.ModelSerializer):
    """A defect under the developer's warranty forwarded and tracked (SRV-10)."""

    status = serializers.CharField(read_only=True, help_text="forwarded, confirmed, rejected")

    class Meta:
        model = WarrantyClaim
        fields = [
            "id",
            "order",
            "vendor",
            "due_date",
            "status",
            "reply",
            "closed_at",
            "closed_by",
            *STAMPS,
        ]
        read_only_fields = ["id", "status", "reply", "closed_at", "closed_by", *STAMPS]
