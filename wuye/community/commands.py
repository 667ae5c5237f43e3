"""The actions on announcements and campaigns, each declared once for the page and the API."""

from django.utils.translation import gettext_lazy as _

from wuye.core.commands import Command, Commands

from . import forms
from .choices import AnnouncementAction, CampaignAction
from .models import Announcement, Campaign
from .services import announcements, campaigns

ANNOUNCEMENT_COMMANDS = Commands(
    Announcement,
    (
        Command(
            name=AnnouncementAction.ADD_PICTURES,
            form=forms.PicturesForm,
            permission="community.announcement.change",
            run=announcements.add_pictures,
            done=_("Pictures added."),
            api_path="add-pictures",
            api_doc="The author adds `photos` (JPEG, PNG or WebP) to a draft.",
        ),
        Command(
            name=AnnouncementAction.SUBMIT,
            permission="community.announcement.change",
            run=announcements.submit_announcement,
            done=_("Submitted for review."),
            api_doc="The author submits the draft for review.",
        ),
        Command(
            name=AnnouncementAction.PUBLISH,
            form=forms.PublishForm,
            permission="community.announcement.review",
            run=announcements.publish_announcement,
            done=_("Published."),
            api_doc="Approve and publish, now or at `publish_at` (never the author).",
        ),
        Command(
            name=AnnouncementAction.RETURN,
            form=forms.ReturnForm,
            permission="community.announcement.review",
            run=announcements.return_announcement,
            done=_("Returned to its author."),
            api_path="return",
            api_doc="Return it to the author with a `note` saying what to change.",
        ),
        Command(
            name=AnnouncementAction.WITHDRAW,
            form=forms.WithdrawForm,
            permission="community.announcement.review",
            run=announcements.withdraw_announcement,
            done=_("Withdrawn."),
            api_doc="Take it down, with the `reason`.",
        ),
        Command(
            name=AnnouncementAction.READ,
            permission="community.announcement.view",
            run=announcements.mark_read,
            done=_("Marked as read."),
            api_path="read",
            api_doc="The caller confirms he has read it (once).",
        ),
    ),
)

CAMPAIGN_COMMANDS = Commands(
    Campaign,
    (
        Command(
            name=CampaignAction.PREPARE,
            permission="community.campaign.change",
            run=campaigns.prepare_campaign,
            done=_("%(count)d recipients prepared: check the texts, then send."),
            done_values=lambda campaign, count: {"count": count},
            api_doc="Resolve the recipients and render each one's text (again).",
        ),
        Command(
            name=CampaignAction.SEND,
            permission="community.campaign.change",
            run=campaigns.send_campaign,
            done=_("Queued: it is sent in the background."),
            api_doc="Queue the prepared campaign: sent at once, or at its time.",
        ),
        Command(
            name=CampaignAction.CANCEL,
            form=forms.CancelCampaignForm,
            permission="community.campaign.change",
            run=campaigns.cancel_campaign,
            done=_("Cancelled: what had not gone out is not sent."),
            api_doc="Stop it, with the `reason`: what has not gone out is not sent.",
        ),
    ),
)
