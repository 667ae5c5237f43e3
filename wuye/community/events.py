"""What community's events are called on the audit page (`core.audit.register_verbs`)."""

from django.utils.translation import gettext_lazy as _

LABELS: dict[str, object] = {
    "announcement.drafted": _("Announcement drafted"),
    "announcement.submitted": _("Announcement submitted for review"),
    "announcement.published": _("Announcement published"),
    "announcement.returned": _("Announcement returned"),
    "announcement.withdrawn": _("Announcement withdrawn"),
    "campaign.created": _("SMS campaign written"),
    "campaign.queued": _("SMS campaign queued"),
    "campaign.cancelled": _("SMS campaign cancelled"),
    "campaign.list_saved": _("Recipient list saved"),
    "outage.announced": _("Outage announced"),
    "forum.hidden": _("Forum post or reply hidden"),
    "forum.restored": _("Forum post or reply restored"),
    "forum.escalated": _("Forum matter reported to headquarters"),
    "forum.to_order": _("Forum post made a work order"),
    "notice.sent": _("Internal notice sent"),
    "activity.held": _("Activity held"),
    "activity.cancelled": _("Activity cancelled"),
    "facility.out_of_limits": _("Facility readings out of limits"),
    "survey.opened": _("Survey opened"),
    "survey.closed": _("Survey closed"),
    "greetings.saved": _("Greeting settings saved"),
}
