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
    BIRTHDAYS = "birthdays", _("Today's birthdays")


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


class OutageKind(models.TextChoices):
    WATER = "water", _("Water (停水)")
    POWER = "power", _("Power (停电)")
    GAS = "gas", _("Gas (停气)")


OUTAGE_WORDS = {OutageKind.WATER: "停水", OutageKind.POWER: "停电", OutageKind.GAS: "停气"}
OUTAGE_ADVICE = {
    OutageKind.WATER: "请提前储水",
    OutageKind.POWER: "请提前做好准备，电梯暂停使用",
    OutageKind.GAS: "请关闭燃气阀门",
}


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


SURVEY_BADGES = {
    SurveyStatus.DRAFT: "bg-secondary-lt",
    SurveyStatus.OPEN: "bg-green-lt",
    SurveyStatus.CLOSED: "bg-secondary-lt",
}


class Sampling(models.TextChoices):
    ALL = "all", _("Every unit")
    RANDOM = "random", _("A random share of the units")
    BUILDINGS = "buildings", _("Every unit of some buildings")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    SCALE = "scale", _("Score 1 to 5")
    TEXT = "text", _("Text")


CHOICE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE})


class ResponseChannel(models.TextChoices):
    ONLINE = "online", _("Online")
    VISIT = "visit", _("Door visit")
    PHONE = "phone", _("Telephone")


class SurveyAction(models.TextChoices):
    OPEN = "open_survey", _("Open the survey")
    CLOSE = "close_survey", _("Close the survey")
    ANSWER = "answer", _("Record an answer")


class NoticeKind(models.TextChoices):
    NOTICE = "notice", _("Internal notice")
    MINUTES = "minutes", _("Meeting minutes")


class NoticeAction(models.TextChoices):
    SEND = "send_notice", _("Send")
    CONFIRM = "confirm_read", _("I have read it")


class ActivityCategory(models.TextChoices):
    CULTURE = "culture", _("Culture and arts")
    SPORTS = "sports", _("Sports")
    FESTIVAL = "festival", _("Festival celebration")
    CHILDREN = "children", _("Parents and children")
    ELDERLY = "elderly", _("For the elderly")
    WELFARE = "welfare", _("Public welfare")
    OTHER = "other", _("Other")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Taking sign-ups")
    CLOSED = "closed", _("Sign-ups closed")
    DONE = "done", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVITY_BADGES = {
    ActivityStatus.PLANNED: "bg-secondary-lt",
    ActivityStatus.OPEN: "bg-green-lt",
    ActivityStatus.CLOSED: "bg-yellow-lt",
    ActivityStatus.DONE: "bg-blue-lt",
    ActivityStatus.CANCELLED: "bg-secondary-lt",
}


class ActivityAction(models.TextChoices):
    OPEN = "open_signups", _("Open sign-ups")
    CLOSE = "close_signups", _("Close sign-ups")
    SIGN_UP = "sign_up", _("Sign up")
    CANCEL_SIGNUP = "cancel_signup", _("Cancel a sign-up")
    CHECK_IN = "check_in", _("Check in")
    FINISH = "finish", _("Record it as held")
    CANCEL = "cancel_activity", _("Cancel the activity")


# action → (the statuses it may start from, the status it leads to; None: unchanged)
ACTIVITY_TRANSITIONS = {
    ActivityAction.OPEN: (
        frozenset({ActivityStatus.PLANNED, ActivityStatus.CLOSED}),
        ActivityStatus.OPEN,
    ),
    ActivityAction.CLOSE: (frozenset({ActivityStatus.OPEN}), ActivityStatus.CLOSED),
    ActivityAction.SIGN_UP: (frozenset({ActivityStatus.OPEN}), None),
    ActivityAction.CANCEL_SIGNUP: (frozenset({ActivityStatus.OPEN, ActivityStatus.CLOSED}), None),
    ActivityAction.CHECK_IN: (frozenset({ActivityStatus.OPEN, ActivityStatus.CLOSED}), None),
    ActivityAction.FINISH: (
        frozenset({ActivityStatus.OPEN, ActivityStatus.CLOSED}),
        ActivityStatus.DONE,
    ),
    ActivityAction.CANCEL: (
        frozenset({ActivityStatus.PLANNED, ActivityStatus.OPEN, ActivityStatus.CLOSED}),
        ActivityStatus.CANCELLED,
    ),
}


class SignUpStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Came")


SIGNUP_BADGES = {
    SignUpStatus.CONFIRMED: "bg-green-lt",
    SignUpStatus.WAITING: "bg-yellow-lt",
    SignUpStatus.CANCELLED: "bg-secondary-lt",
    SignUpStatus.ATTENDED: "bg-blue-lt",
}


class GroupRole(models.TextChoices):
    LEADER = "leader", _("Leader")
    MEMBER = "member", _("Member")


class ChronicleCategory(models.TextChoices):
    HONOUR = "honour", _("Honour or award")
    INSPECTION = "inspection", _("Inspection or evaluation")
    WORKS = "works", _("Works and improvements")
    EVENT = "event", _("Community event")
    INCIDENT = "incident", _("Incident")
    MANAGEMENT = "management", _("Management change")


class VisitKind(models.TextChoices):
    AUTHORITY = "authority", _("Inspection by authorities")
    COMPANY = "company", _("Company leaders")
    PEER = "peer", _("Peer visit")
    PRESS = "press", _("Press")
    COMMITTEE = "committee", _("Owners' committee")
    OTHER = "other", _("Other")


class VisitStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Received")
    CANCELLED = "cancelled", _("Cancelled")


VISIT_BADGES = {
    VisitStatus.PLANNED: "bg-yellow-lt",
    VisitStatus.DONE: "bg-green-lt",
    VisitStatus.CANCELLED: "bg-secondary-lt",
}


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    USED = "used", _("Used")
    NO_SHOW = "no_show", _("Did not come")
    CANCELLED = "cancelled", _("Cancelled")


BOOKING_BADGES = {
    BookingStatus.BOOKED: "bg-green-lt",
    BookingStatus.USED: "bg-blue-lt",
    BookingStatus.NO_SHOW: "bg-orange-lt",
    BookingStatus.CANCELLED: "bg-secondary-lt",
}


class BookingAction(models.TextChoices):
    CANCEL = "cancel_booking", _("Cancel the booking")
    USED = "mark_used", _("Came")
    NO_SHOW = "mark_no_show", _("Did not come")


class ForumCategory(models.TextChoices):
    SUGGESTION = "suggestion", _("Suggestion")
    COMPLAINT = "complaint", _("Complaint")
    REPAIR = "repair", _("Repair")
    INQUIRY = "inquiry", _("Question")
    NEIGHBOURS = "neighbours", _("Between neighbours")


class ForumStatus(models.TextChoices):
    SHOWN = "shown", _("Shown")
    HELD = "held", _("Awaiting moderation")
    HIDDEN = "hidden", _("Hidden")


FORUM_BADGES = {
    ForumStatus.SHOWN: "bg-green-lt",
    ForumStatus.HELD: "bg-yellow-lt",
    ForumStatus.HIDDEN: "bg-secondary-lt",
}


class ForumAction(models.TextChoices):
    REPLY = "reply", _("Reply")
    APPROVE = "approve", _("Let through")
    HIDE = "hide", _("Hide")
    RESTORE = "restore", _("Restore")
    APPROVE_REPLY = "approve_reply", _("Approve the reply")
    HIDE_REPLY = "hide_reply", _("Hide the reply")
    RESTORE_REPLY = "restore_reply", _("Restore the reply")
    PIN = "pin", _("Pin to the top")
    UNPIN = "unpin", _("Unpin")
    CLOSE = "close_thread", _("Close to replies")
    REOPEN = "reopen_thread", _("Open to replies")
    ESCALATE = "escalate", _("Report to headquarters")
    TO_ORDER = "to_order", _("Make a work order")


# moderation: action → (the statuses it may start from, the status it leads to)
FORUM_MODERATION = {
    ForumAction.APPROVE: (frozenset({ForumStatus.HELD}), ForumStatus.SHOWN),
    ForumAction.HIDE: (frozenset({ForumStatus.SHOWN, ForumStatus.HELD}), ForumStatus.HIDDEN),
    ForumAction.RESTORE: (frozenset({ForumStatus.HIDDEN}), ForumStatus.SHOWN),
}
