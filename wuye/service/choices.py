"""The customer-service center's choices: work-order kinds, channels, priorities, and the one
status model with its transition map (SRV-01, SRV-02)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrderKind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    REPAIR = "repair", _("Repair")
    REQUEST = "request", _("Service request")
    SUGGESTION = "suggestion", _("Suggestion")
    INQUIRY = "inquiry", _("Inquiry")


class OrderChannel(models.TextChoices):
    HOTLINE = "hotline", _("Hotline")
    FRONT_DESK = "front_desk", _("Front desk")
    RADIO = "radio", _("Walkie-talkie")
    PORTAL = "portal", _("Owner portal")
    PATROL = "patrol", _("Found on patrol")
    FORUM = "forum", _("Forum")
    REFERRAL = "referral", _("12345 referral")


class Priority(models.TextChoices):
    URGENT = "urgent", _("Urgent")
    NORMAL = "normal", _("Normal")


class ClockCalendar(models.TextChoices):
    """How a time limit is counted: around the clock, or in working hours on workdays."""

    ROUND_THE_CLOCK = "24h", _("Around the clock")
    WORKING_HOURS = "working", _("Working hours on workdays")


class OrderStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    DISPATCHED = "dispatched", _("Dispatched")
    ACCEPTED = "accepted", _("Accepted")
    ARRIVED = "arrived", _("On site")
    COMPLETED = "completed", _("Completed")
    VISITED = "visited", _("Visited back")
    CLOSED = "closed", _("Closed")
    PAUSED = "paused", _("Paused")
    CANCELLED = "cancelled", _("Cancelled")


ORDER_BADGES: dict[str, str] = {
    OrderStatus.REGISTERED: "bg-yellow-lt",
    OrderStatus.DISPATCHED: "bg-blue-lt",
    OrderStatus.ACCEPTED: "bg-azure-lt",
    OrderStatus.ARRIVED: "bg-cyan-lt",
    OrderStatus.COMPLETED: "bg-teal-lt",
    OrderStatus.VISITED: "bg-green-lt",
    OrderStatus.CLOSED: "bg-secondary-lt",
    OrderStatus.PAUSED: "bg-orange-lt",
    OrderStatus.CANCELLED: "bg-red-lt",
}

OPEN_STATUSES = frozenset(
    {
        OrderStatus.REGISTERED,
        OrderStatus.DISPATCHED,
        OrderStatus.ACCEPTED,
        OrderStatus.ARRIVED,
        OrderStatus.PAUSED,
    }
)


class OrderAction(models.TextChoices):
    """What happens to an order; every action is one line of its timeline."""

    REGISTER = "register", _("Registered")
    DISPATCH = "dispatch", _("Dispatched")
    REASSIGN = "reassign", _("Reassigned")
    RETURN = "return", _("Returned by the assignee")
    ACCEPT = "accept", _("Accepted")
    ARRIVE = "arrive", _("Arrived on site")
    COMPLETE = "complete", _("Completed")
    VISIT = "visit", _("Visited back")
    CLOSE = "close", _("Closed")
    PAUSE = "pause", _("Paused")
    RESUME = "resume", _("Resumed")
    REOPEN = "reopen", _("Reopened")
    CANCEL = "cancel", _("Cancelled")
    NOTE = "note", _("Note")
    ESCALATE = "escalate", _("Escalated")
    REMIND = "remind", _("Reminded before a limit")


# The one transition map: action → (statuses it may start from, status it leads to).
# RESUME returns to the status the order was paused in (kept on the order).
TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    OrderAction.DISPATCH: (frozenset({OrderStatus.REGISTERED}), OrderStatus.DISPATCHED),
    OrderAction.REASSIGN: (
        frozenset({OrderStatus.DISPATCHED, OrderStatus.ACCEPTED, OrderStatus.ARRIVED}),
        OrderStatus.DISPATCHED,
    ),
    OrderAction.RETURN: (
        frozenset({OrderStatus.DISPATCHED, OrderStatus.ACCEPTED}),
        OrderStatus.REGISTERED,
    ),
    OrderAction.ACCEPT: (frozenset({OrderStatus.DISPATCHED}), OrderStatus.ACCEPTED),
    OrderAction.ARRIVE: (frozenset({OrderStatus.ACCEPTED}), OrderStatus.ARRIVED),
    # Complaints, inquiries and suggestions are often settled without going anywhere.
    OrderAction.COMPLETE: (
        frozenset({OrderStatus.ACCEPTED, OrderStatus.ARRIVED}),
        OrderStatus.COMPLETED,
    ),
    OrderAction.VISIT: (frozenset({OrderStatus.COMPLETED}), OrderStatus.VISITED),
    OrderAction.CLOSE: (
        frozenset({OrderStatus.COMPLETED, OrderStatus.VISITED}),
        OrderStatus.CLOSED,
    ),
    OrderAction.PAUSE: (
        frozenset({OrderStatus.DISPATCHED, OrderStatus.ACCEPTED, OrderStatus.ARRIVED}),
        OrderStatus.PAUSED,
    ),
    OrderAction.RESUME: (frozenset({OrderStatus.PAUSED}), None),
    OrderAction.REOPEN: (
        frozenset({OrderStatus.COMPLETED, OrderStatus.VISITED, OrderStatus.CLOSED}),
        OrderStatus.DISPATCHED,
    ),
    OrderAction.CANCEL: (
        frozenset(
            {
                OrderStatus.REGISTERED,
                OrderStatus.DISPATCHED,
                OrderStatus.ACCEPTED,
                OrderStatus.PAUSED,
            }
        ),
        OrderStatus.CANCELLED,
    ),
}


class VisitStatus(models.TextChoices):
    DUE = "due", _("To visit")
    DONE = "done", _("Visited")
    UNREACHABLE = "unreachable", _("Could not reach")
    VOID = "void", _("Void (order reopened)")


class EscalationLevel(models.TextChoices):
    """The escalation chain of an order's time limit (SRV-03)."""

    REMINDER = "reminder", _("Reminder to the assignee")
    BREACH = "breach", _("Overdue: dispatcher and CS supervisor")
    MANAGER = "manager", _("Twice the limit: manager")
    MAJOR = "major", _("Major complaint: manager")


class Deadline(models.TextChoices):
    RESPONSE = "response", _("response")
    ARRIVAL = "arrival", _("arrival")
    COMPLETION = "completion", _("completion")


class Shift(models.TextChoices):
    DAY = "day", _("Day shift")
    NIGHT = "night", _("Night shift")


class DutyStatus(models.TextChoices):
    ON_DUTY = "on_duty", _("On duty")
    HANDED_OVER = "handed_over", _("Handed over, waiting for acknowledgement")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged by the next shift")


class ReviewMark(models.TextChoices):
    GOOD = "good", _("In order")
    ISSUE = "issue", _("Needs correcting")


class VisitPurpose(models.TextChoices):
    INQUIRY = "inquiry", _("Inquiry")
    COMPLAINT = "complaint", _("Complaint")
    REPAIR = "repair", _("Repair")
    PROCEDURE = "procedure", _("Paperwork (move-in, decoration, passes)")
    PAYMENT = "payment", _("Payment")
    OTHER = "other", _("Other")


class WarrantyStatus(models.TextChoices):
    FORWARDED = "forwarded", _("Forwarded to the developer")
    CONFIRMED = "confirmed", _("Repair confirmed")
    REJECTED = "rejected", _("Rejected by the developer")
