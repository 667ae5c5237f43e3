"""What the API shows of community's records (reads; writes go through the forms)."""

from rest_framework import serializers

from wuye.core.api.fields import ClockTimeField, StrictSerializer, register_form_field

from ..choices import SkipReason
from ..forms import AnswersField, OptionsField
from ..models import (
    Activity,
    Announcement,
    AnnouncementImage,
    Answer,
    BookableFacility,
    Booking,
    Campaign,
    ChronicleEntry,
    Delivery,
    FacilityLog,
    ForumDigest,
    ForumKeyword,
    ForumPost,
    ForumReply,
    GroupMember,
    MessageTemplate,
    NoticeReceipt,
    Option,
    OptOut,
    Outage,
    Question,
    RecipientList,
    ResidentGroup,
    Response,
    SignUp,
    StaffNotice,
    Survey,
    Visit,
)
from ..services.sending import progress


class AnnouncementImageSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = AnnouncementImage
        fields = ["id", "caption", "url"]
        read_only_fields = fields


class AnnouncementSerializer(serializers.ModelSerializer):
    """An announcement (COM-01): its sanitized text, whom it is for, its review and how many
    have read it."""

    images = AnnouncementImageSerializer(many=True, read_only=True)
    read_count = serializers.SerializerMethodField()

    class Meta:
        model = Announcement
        fields = [
            "id",
            "number",
            "title",
            "category",
            "body",
            "audience",
            "zones",
            "buildings",
            "pinned",
            "publish_at",
            "expires_at",
            "signed_by",
            "status",
            "author",
            "submitted_at",
            "reviewed_by",
            "reviewed_at",
            "review_note",
            "withdrawn_at",
            "withdraw_reason",
            "images",
            "read_count",
        ]
        read_only_fields = fields

    def get_read_count(self, obj: Announcement) -> int:
        return obj.reads.count()


class MessageTemplateSerializer(serializers.ModelSerializer):
    class Meta:
        model = MessageTemplate
        fields = ["id", "name", "kind", "text", "is_active"]
        read_only_fields = fields


class CampaignSerializer(serializers.ModelSerializer):
    """An SMS campaign (COM-02) with its counts per delivery status."""

    counts = serializers.SerializerMethodField()

    class Meta:
        model = Campaign
        fields = [
            "id",
            "number",
            "title",
            "kind",
            "template",
            "text",
            "urgent",
            "target",
            "zones",
            "buildings",
            "recipient_list",
            "scheduled_at",
            "status",
            "prepared_at",
            "total",
            "skipped",
            "without_phone",
            "queued_at",
            "started_at",
            "finished_at",
            "waiting",
            "cancel_reason",
            "counts",
        ]
        read_only_fields = fields

    def get_counts(self, obj: Campaign) -> dict[str, int]:
        return progress(obj)


class DeliverySerializer(serializers.ModelSerializer):
    skip_reason = serializers.ChoiceField(
        choices=SkipReason.choices, allow_blank=True, read_only=True
    )

    class Meta:
        model = Delivery
        fields = [
            "id",
            "campaign",
            "phone",
            "name",
            "unit_code",
            "text",
            "status",
            "skip_reason",
            "attempts",
            "last_error",
            "provider_ref",
            "sent_at",
        ]
        read_only_fields = fields


class RecipientListSerializer(serializers.ModelSerializer):
    class Meta:
        model = RecipientList
        fields = ["id", "name", "note", "size", "created_at"]
        read_only_fields = fields


class OptOutSerializer(serializers.ModelSerializer):
    class Meta:
        model = OptOut
        fields = ["id", "phone", "reason", "created_at"]
        read_only_fields = fields


class OutageSerializer(serializers.ModelSerializer):
    """An outage notice with its SMS campaign and its announcement."""

    class Meta:
        model = Outage
        fields = [
            "id",
            "kind",
            "buildings",
            "starts_at",
            "ends_at",
            "reason",
            "campaign",
            "announcement",
        ]
        read_only_fields = fields


class AnswerInputSerializer(StrictSerializer):
    """One answer: its `question` and, by the question's kind, the `option` chosen, the
    `options` chosen, the `score` (1–5) or the `text`."""

    question = serializers.IntegerField(min_value=1)
    option = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    options = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, max_length=20
    )
    score = serializers.IntegerField(min_value=1, max_value=5, required=False, allow_null=True)
    text = serializers.CharField(max_length=500, required=False, allow_blank=True)


def _answers_field(form_field, **options):
    return serializers.ListField(child=AnswerInputSerializer(), max_length=200, **options)


def _options_field(form_field, **options):
    return serializers.ListField(
        child=serializers.CharField(max_length=100), max_length=20, **options
    )


# The page shows the questions as inputs; the API takes the list.
register_form_field(AnswersField, _answers_field)
register_form_field(OptionsField, _options_field)


class OptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Option
        fields = ["id", "position", "text"]
        read_only_fields = fields


class QuestionSerializer(serializers.ModelSerializer):
    options = OptionSerializer(many=True, read_only=True)

    class Meta:
        model = Question
        fields = ["id", "position", "text", "kind", "required", "satisfaction", "options"]
        read_only_fields = fields


class SurveySerializer(serializers.ModelSerializer):
    """A survey (COM-04) with its questions and options."""

    questions = QuestionSerializer(many=True, read_only=True)

    class Meta:
        model = Survey
        fields = [
            "id",
            "number",
            "title",
            "intro",
            "status",
            "sampling",
            "sample_percent",
            "buildings",
            "ends_on",
            "sample_size",
            "opened_at",
            "closed_at",
            "questions",
        ]
        read_only_fields = fields


class AnswerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Answer
        fields = ["question", "option", "score", "text"]
        read_only_fields = fields


class ResponseSerializer(serializers.ModelSerializer):
    answers = AnswerSerializer(many=True, read_only=True)

    class Meta:
        model = Response
        fields = ["id", "survey", "unit", "channel", "respondent", "answered_at", "answers"]
        read_only_fields = fields


class NoticeReceiptSerializer(serializers.ModelSerializer):
    class Meta:
        model = NoticeReceipt
        fields = ["user", "read_at"]
        read_only_fields = fields


class StaffNoticeSerializer(serializers.ModelSerializer):
    """An internal notice or meeting minutes (COM-09) with its read receipts."""

    receipts = NoticeReceiptSerializer(many=True, read_only=True)

    class Meta:
        model = StaffNotice
        fields = [
            "id",
            "number",
            "kind",
            "title",
            "body",
            "posts",
            "meeting_on",
            "sent_at",
            "recipient_count",
            "receipts",
        ]
        read_only_fields = fields


class SignUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = SignUp
        fields = ["id", "name", "phone", "unit", "party", "status", "note", "checked_in_at"]
        read_only_fields = fields


class ActivitySerializer(serializers.ModelSerializer):
    """A community activity (COM-06) with its sign-ups (waiting ones in order)."""

    signups = SignUpSerializer(many=True, read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "number",
            "title",
            "category",
            "description",
            "planned_month",
            "starts_at",
            "ends_at",
            "place",
            "capacity",
            "waitlist",
            "signup_deadline",
            "organizer",
            "status",
            "summary",
            "attended",
            "cancel_reason",
            "signups",
        ]
        read_only_fields = fields


class ResidentGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = ResidentGroup
        fields = ["id", "name", "description", "meets", "contact", "is_active"]
        read_only_fields = fields


class GroupMemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = GroupMember
        fields = ["id", "group", "person", "role", "joined_on"]
        read_only_fields = fields


class ChronicleEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = ChronicleEntry
        fields = ["id", "occurred_on", "category", "title", "description"]
        read_only_fields = fields


class VisitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Visit
        fields = [
            "id",
            "visit_at",
            "kind",
            "visitor",
            "people",
            "purpose",
            "host",
            "route",
            "status",
            "outcome",
        ]
        read_only_fields = fields


class BookableFacilitySerializer(serializers.ModelSerializer):
    opens_at = ClockTimeField(read_only=True)
    closes_at = ClockTimeField(read_only=True)

    class Meta:
        model = BookableFacility
        fields = [
            "id",
            "facility",
            "opens_at",
            "closes_at",
            "slot_minutes",
            "capacity",
            "price",
            "days_ahead",
            "rules",
            "is_active",
        ]
        read_only_fields = fields


class BookingSerializer(serializers.ModelSerializer):
    starts_at = ClockTimeField(read_only=True)
    ends_at = ClockTimeField(read_only=True)

    class Meta:
        model = Booking
        fields = [
            "id",
            "bookable",
            "day",
            "starts_at",
            "ends_at",
            "unit",
            "name",
            "phone",
            "people",
            "status",
            "bill",
            "cancel_reason",
        ]
        read_only_fields = fields


class FacilityLogSerializer(serializers.ModelSerializer):
    opened_at = ClockTimeField(read_only=True, allow_null=True)
    closed_at = ClockTimeField(read_only=True, allow_null=True)

    class Meta:
        model = FacilityLog
        fields = [
            "id",
            "bookable",
            "measured_at",
            "opened_at",
            "closed_at",
            "visitors",
            "ph",
            "chlorine",
            "temperature",
            "turbidity",
            "out_of_limits",
            "note",
        ]
        read_only_fields = fields


class FlaggedWordsMixin(serializers.Serializer):
    """The keywords a text contains, for moderators only (the list is theirs)."""

    flagged_words = serializers.SerializerMethodField()

    def get_flagged_words(self, obj) -> str:
        access = self.context.get("access")
        moderates = access is not None and access.has("community.forum.moderate")
        return obj.flagged_words if moderates else ""


class ForumPostSerializer(FlaggedWordsMixin, serializers.ModelSerializer):
    """A forum post (COM-05); its replies are at forum-replies/?post={id}."""

    work_order_number = serializers.CharField(
        source="work_order.number", read_only=True, default=""
    )

    class Meta:
        model = ForumPost
        fields = [
            "id",
            "category",
            "title",
            "body",
            "shown_as",
            "author",
            "person",
            "unit",
            "status",
            "flagged_words",
            "hidden_reason",
            "moderated_at",
            "is_pinned",
            "is_closed",
            "reply_count",
            "last_reply_at",
            "answered_at",
            "escalated_at",
            "escalation_note",
            "work_order",
            "work_order_number",
            "created_at",
        ]
        read_only_fields = fields


class ForumReplySerializer(FlaggedWordsMixin, serializers.ModelSerializer):
    class Meta:
        model = ForumReply
        fields = [
            "id",
            "post",
            "body",
            "shown_as",
            "author",
            "person",
            "is_official",
            "status",
            "flagged_words",
            "hidden_reason",
            "moderated_at",
            "created_at",
        ]
        read_only_fields = fields


class ForumKeywordSerializer(serializers.ModelSerializer):
    class Meta:
        model = ForumKeyword
        fields = ["id", "word", "note", "created_at"]
        read_only_fields = fields


class ForumDigestSerializer(serializers.ModelSerializer):
    class Meta:
        model = ForumDigest
        fields = [
            "id",
            "day",
            "new_posts",
            "new_replies",
            "unanswered",
            "held",
            "hidden",
            "escalated",
            "told",
        ]
        read_only_fields = fields
