"""What the API shows of community's records (reads; writes go through the forms)."""

from rest_framework import serializers

from ..choices import SkipReason
from ..models import (
    Announcement,
    AnnouncementImage,
    Campaign,
    Delivery,
    MessageTemplate,
    OptOut,
    RecipientList,
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
