import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from wuye.core.tables import BadgeColumn, BaseTable

from .models import (
    Announcement,
    Campaign,
    Delivery,
    MessageTemplate,
    OptOut,
    RecipientList,
)


class AnnouncementTable(BaseTable):
    title = tables.Column(linkify=True)
    status = BadgeColumn(accessor="state_label", verbose_name=_("status"), orderable=False)
    author = tables.Column(accessor="author__display_name", verbose_name=_("author"))

    class Meta(BaseTable.Meta):
        model = Announcement
        fields = ["number", "title", "category", "status", "pinned", "publish_at", "expires_at"]
        sequence = [
            "number",
            "title",
            "category",
            "status",
            "pinned",
            "publish_at",
            "expires_at",
            "author",
        ]


class MessageTemplateTable(BaseTable):
    name = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = MessageTemplate
        fields = ["name", "kind", "text", "is_active"]


class CampaignTable(BaseTable):
    number = tables.Column(linkify=True)
    status = BadgeColumn()

    class Meta(BaseTable.Meta):
        model = Campaign
        fields = [
            "number",
            "title",
            "kind",
            "target",
            "status",
            "total",
            "skipped",
            "scheduled_at",
            "queued_at",
            "finished_at",
        ]


class DeliveryTable(BaseTable):
    status = BadgeColumn()

    class Meta(BaseTable.Meta):
        model = Delivery
        fields = [
            "phone",
            "name",
            "unit_code",
            "status",
            "skip_reason",
            "attempts",
            "sent_at",
            "last_error",
            "provider_ref",
            "text",
        ]


class RecipientListTable(BaseTable):
    name = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = RecipientList
        fields = ["name", "size", "note", "created_at"]


class OptOutTable(BaseTable):
    phone = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = OptOut
        fields = ["phone", "reason", "created_at"]
