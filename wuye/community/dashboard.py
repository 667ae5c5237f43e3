"""Community on the home page: announcements waiting for review (for the reviewers), the
announcements on show the staff member has not confirmed reading, campaigns being sent, and
forum posts waiting for a moderator or an official reply, the satisfaction figure of the latest survey (COM-04; the manager's dashboard reads
`reports.latest_satisfaction` too)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from .choices import CAMPAIGN_ACTIVE, AnnouncementStatus, ForumStatus
from .models import Announcement, Campaign, ForumPost, ForumReply, Survey
from .reports import latest_satisfaction


def home_cards(access):
    cards = []
    if access.has("community.announcement.review"):
        waiting = Announcement.objects.for_access(access).filter(status=AnnouncementStatus.REVIEW)
        cards.append(
            {
                "label": _("Announcements to review"),
                "value": waiting.count(),
                "url": f"{reverse('community:announcement_list')}?status="
                f"{AnnouncementStatus.REVIEW}",
                "icon": "ti-news",
            }
        )
    if access.has("community.announcement.view") and access.user is not None:
        unread = (
            Announcement.objects.for_access(access)
            .showing()
            .exclude(reads__user=access.user)
            .count()
        )
        if unread:
            cards.append(
                {
                    "label": _("Announcements I have not read"),
                    "value": unread,
                    "url": f"{reverse('community:announcement_list')}?unread=true",
                    "icon": "ti-bell",
                }
            )
    if access.has("community.campaign.view"):
        sending = Campaign.objects.for_access(access).filter(status__in=CAMPAIGN_ACTIVE)
        count = sending.count()
        if count:
            cards.append(
                {
                    "label": _("SMS campaigns being sent"),
                    "value": count,
                    "url": f"{reverse('community:campaign_list')}?status=sending",
                    "icon": "ti-message-2",
                }
            )
    if access.has("community.forum.moderate"):
        held = (
            ForumPost.objects.for_access(access).filter(status=ForumStatus.HELD).count()
            + ForumReply.objects.for_access(access).filter(status=ForumStatus.HELD).count()
        )
        if held:
            cards.append(
                {
                    "label": _("Forum posts and replies to moderate"),
                    "value": held,
                    "url": reverse("community:forum_queue"),
                    "icon": "ti-shield-check",
                }
            )
    if access.has("community.forum.change"):
        unanswered = ForumPost.objects.for_access(access).unanswered().count()
        if unanswered:
            cards.append(
                {
                    "label": _("Forum posts without an official reply"),
                    "value": unanswered,
                    "url": f"{reverse('community:forumpost_list')}?unanswered=true",
                    "icon": "ti-messages",
                }
            )
    if access.has("community.survey.change"):
        latest = latest_satisfaction(Survey.objects.for_access(access))
        if latest is not None:
            survey, figure = latest
            cards.append(
                {
                    "label": _("Satisfaction (%(survey)s)") % {"survey": survey.title},
                    "value": f"{figure}%",
                    "url": reverse("community:survey_statistics", args=[survey.pk]),
                    "icon": "ti-mood-happy",
                }
            )
    return cards
