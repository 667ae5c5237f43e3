"""Community's choices: announcements and their review (COM-01), the notification center's
templates, campaigns and deliveries (COM-02)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AnnouncementCategory(models.TextChoices):
    NOTICE = "notice", _("Notice (通知)")
    ANNOUNCEMENT = "announcement", _("Announcement (公告)")
    REMINDER = "reminder", _("Friendly reminder (温馨提示)")
    OUTAGE = "outage", _("Water or power outage (停水停电)")
    ACTIVITY = "activity", _("Community activity")


class AnnouncementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("Awaiting review")
    RETURNED = "returned", _("Returned")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


ANNOUNCEMENT_BADGES = {
    AnnouncementStatus.DRAFT: "bg-secondary-lt",
    AnnouncementStatus.REVIEW: "bg-yellow-lt",
    AnnouncementStatus.RETURNED: "bg-orange-lt",
    AnnouncementStatus.PUBLISHED: "bg-green-lt",
    AnnouncementStatus.WITHDRAWN: "bg-secondary-lt",
}

# Drafts are written and edited by their author while draft or returned.
EDITABLE = frozenset({AnnouncementStatus.DRAFT, AnnouncementStatus.RETURNED})


class AnnouncementAction(models.TextChoices):
    SUBMIT = "submit", _("Submit for review")
    PUBLISH = "publish", _("Approve and publish")
    RETURN = "return_draft", _("Return to the author")
    WITHDRAW = "withdraw", _("Withdraw")
    READ = "mark_read", _("I have read it")
    ADD_PICTURES = "add_pictures", _("Add pictures")


# action → (the statuses it may start from, the status it leads to)
ANNOUNCEMENT_TRANSITIONS = {
    AnnouncementAction.SUBMIT: (EDITABLE, AnnouncementStatus.REVIEW),
    AnnouncementAction.PUBLISH: (
        frozenset({AnnouncementStatus.REVIEW}),
        AnnouncementStatus.PUBLISHED,
    ),
    AnnouncementAction.RETURN: (
        frozenset({AnnouncementStatus.REVIEW}),
        AnnouncementStatus.RETURNED,
    ),
    AnnouncementAction.WITHDRAW: (
        frozenset({AnnouncementStatus.REVIEW, AnnouncementStatus.PUBLISHED}),
        AnnouncementStatus.WITHDRAWN,
    ),
}


class Audience(models.TextChoices):
    COMMUNITY = "community", _("The whole community")
    ZONES = "zones", _("Zones")
    BUILDINGS = "buildings", _("Buildings")


class MessageKind(models.TextChoices):
    """What a text message is: opt-outs hold for marketing and greetings, never for service or
    legal notices."""

    SERVICE = "service", _("Service notice")
    LEGAL = "legal", _("Legal notice (payment demand)")
    MARKETING = "marketing", _("Marketing")
    GREETING = "greeting", _("Greeting")


OPT_OUT_KINDS = frozenset({MessageKind.MARKETING, MessageKind.GREETING})


class TargetKind(models.TextChoices):
    COMMUNITY = "community", _("The whole community")
    ZONES = "zones", _("Zones")
    BUILDINGS = "buildings", _("Buildings")
    ARREARS = "arrears", _("The arrears list")
    LIST = "list", _("A saved list")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PREPARED = "prepared", _("Prepared")
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    DONE = "done", _("Sent")
    CANCELLED = "cancelled", _("Cancelled")


CAMPAIGN_BADGES = {
    CampaignStatus.DRAFT: "bg-secondary-lt",
    CampaignStatus.PREPARED: "bg-azure-lt",
    CampaignStatus.QUEUED: "bg-yellow-lt",
    CampaignStatus.SENDING: "bg-blue-lt",
    CampaignStatus.DONE: "bg-green-lt",
    CampaignStatus.CANCELLED: "bg-secondary-lt",
}

# A campaign is changed and prepared again only before it is sent.
CAMPAIGN_EDITABLE = frozenset({CampaignStatus.DRAFT, CampaignStatus.PREPARED})
# A campaign the sender works on (waiting for its time, for the end of quiet hours, or sending).
CAMPAIGN_ACTIVE = frozenset({CampaignStatus.QUEUED, CampaignStatus.SENDING})


class CampaignAction(models.TextChoices):
    PREPARE = "prepare", _("Prepare the recipients")
    SEND = "send", _("Send")
    CANCEL = "cancel", _("Cancel")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Handing to the provider")
    SENT = "sent", _("Sent")
    RETRY = "retry", _("Failed, will retry")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Not sent")
    UNCONFIRMED = "unconfirmed", _("Unconfirmed")


DELIVERY_BADGES = {
    DeliveryStatus.PENDING: "bg-secondary-lt",
    DeliveryStatus.SENDING: "bg-blue-lt",
    DeliveryStatus.SENT: "bg-green-lt",
    DeliveryStatus.RETRY: "bg-yellow-lt",
    DeliveryStatus.FAILED: "bg-red-lt",
    DeliveryStatus.SKIPPED: "bg-secondary-lt",
    DeliveryStatus.UNCONFIRMED: "bg-orange-lt",
}


class SkipReason(models.TextChoices):
    OPTED_OUT = "opted_out", _("Opted out of such messages")
    TOO_LONG = "too_long", _("The text is too long")
    CANCELLED = "cancelled", _("The campaign was cancelled")
