from .announcements import Announcement, AnnouncementImage, AnnouncementRead
from .messaging import (
    Campaign,
    Delivery,
    MessageTemplate,
    OptOut,
    RecipientEntry,
    RecipientList,
)

__all__ = [
    "Announcement",
    "AnnouncementImage",
    "AnnouncementRead",
    "Campaign",
    "Delivery",
    "MessageTemplate",
    "OptOut",
    "RecipientEntry",
    "RecipientList",
]
