import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from wuye.core.tables import BadgeColumn, BaseTable

from .models import (
    Activity,
    Announcement,
    BookableFacility,
    Booking,
    Campaign,
    ChronicleEntry,
    Delivery,
    FacilityLog,
    ForumDigest,
    ForumKeyword,
    ForumPost,
    GroupMember,
    MessageTemplate,
    OptOut,
    Outage,
    RecipientList,
    ResidentGroup,
    StaffNotice,
    Survey,
    Visit,
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


class OutageTable(BaseTable):
    kind = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = Outage
        fields = ["kind", "starts_at", "ends_at", "reason", "campaign", "announcement"]


class SurveyTable(BaseTable):
    number = tables.Column(linkify=True)
    status = BadgeColumn()

    class Meta(BaseTable.Meta):
        model = Survey
        fields = ["number", "title", "status", "sampling", "sample_size", "ends_on", "opened_at"]


class StaffNoticeTable(BaseTable):
    number = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = StaffNotice
        fields = ["number", "kind", "title", "meeting_on", "sent_at", "recipient_count"]


class ActivityTable(BaseTable):
    number = tables.Column(linkify=True)
    status = BadgeColumn()
    people = tables.Column(verbose_name=_("people signed up"), default=0)
    waiting = tables.Column(verbose_name=_("waiting"), default=0)

    class Meta(BaseTable.Meta):
        model = Activity
        fields = [
            "number",
            "title",
            "category",
            "planned_month",
            "starts_at",
            "place",
            "capacity",
            "people",
            "waiting",
            "status",
        ]


class ResidentGroupTable(BaseTable):
    name = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = ResidentGroup
        fields = ["name", "meets", "contact", "is_active"]


class GroupMemberTable(BaseTable):
    person = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = GroupMember
        fields = ["group", "person", "role", "joined_on"]


class ChronicleEntryTable(BaseTable):
    title = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = ChronicleEntry
        fields = ["occurred_on", "category", "title", "description"]


class VisitTable(BaseTable):
    visitor = tables.Column(linkify=True)
    status = BadgeColumn()

    class Meta(BaseTable.Meta):
        model = Visit
        fields = ["visit_at", "kind", "visitor", "people", "purpose", "host", "status"]


class BookableFacilityTable(BaseTable):
    facility = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = BookableFacility
        fields = [
            "facility",
            "opens_at",
            "closes_at",
            "slot_minutes",
            "capacity",
            "price",
            "is_active",
        ]


class BookingTable(BaseTable):
    day = tables.Column(linkify=True)
    status = BadgeColumn()

    class Meta(BaseTable.Meta):
        model = Booking
        fields = ["day", "starts_at", "ends_at", "bookable", "name", "unit", "people", "status"]


class FacilityLogTable(BaseTable):
    measured_at = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = FacilityLog
        fields = [
            "measured_at",
            "bookable",
            "visitors",
            "ph",
            "chlorine",
            "temperature",
            "turbidity",
            "out_of_limits",
        ]


class ForumPostTable(BaseTable):
    title = tables.Column(linkify=True)
    status = BadgeColumn()
    answered_at = tables.Column(verbose_name=_("official reply"))
    work_order = tables.Column(
        accessor="work_order__number", verbose_name=_("work order"), default=""
    )

    class Meta(BaseTable.Meta):
        model = ForumPost
        fields = [
            "title",
            "category",
            "shown_as",
            "created_at",
            "reply_count",
            "last_reply_at",
            "answered_at",
            "status",
            "is_pinned",
            "work_order",
        ]


class ForumKeywordTable(BaseTable):
    word = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = ForumKeyword
        fields = ["word", "note", "created_at"]


class ForumDigestTable(BaseTable):
    day = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = ForumDigest
        fields = [
            "day",
            "new_posts",
            "new_replies",
            "unanswered",
            "held",
            "hidden",
            "escalated",
            "told",
        ]
