from .activities import Activity, ActivityPhoto, GroupMember, ResidentGroup, SignUp
from .announcements import Announcement, AnnouncementImage, AnnouncementRead
from .bookings import BookableFacility, Booking, FacilityLog
from .chronicle import ChronicleEntry, Visit
from .forum import ForumDigest, ForumKeyword, ForumPost, ForumReply
from .greetings import GreetingLog, GreetingSettings
from .messaging import (
    Campaign,
    Delivery,
    MessageTemplate,
    OptOut,
    RecipientEntry,
    RecipientList,
)
from .notices import NoticeReceipt, StaffNotice
from .outages import Outage
from .surveys import Answer, Option, Question, Response, Survey, SurveySample

__all__ = [
    "ForumDigest",
    "ForumKeyword",
    "ForumPost",
    "ForumReply",
    "BookableFacility",
    "Booking",
    "FacilityLog",
    "ChronicleEntry",
    "Visit",
    "Activity",
    "ActivityPhoto",
    "GroupMember",
    "ResidentGroup",
    "SignUp",
    "Answer",
    "Option",
    "Question",
    "Response",
    "StaffNotice",
    "Survey",
    "SurveySample",
    "Announcement",
    "AnnouncementImage",
    "AnnouncementRead",
    "Campaign",
    "Delivery",
    "GreetingLog",
    "GreetingSettings",
    "MessageTemplate",
    "NoticeReceipt",
    "OptOut",
    "Outage",
    "RecipientEntry",
    "RecipientList",
]
