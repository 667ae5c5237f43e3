"""The actions on announcements and campaigns, each declared once for the page and the API."""

from django.utils.translation import gettext_lazy as _

from wuye.core.commands import Command, Commands

from . import forms
from .choices import (
    ActivityAction,
    AnnouncementAction,
    BookingAction,
    CampaignAction,
    ForumAction,
    NoticeAction,
    SurveyAction,
)
from .models import (
    Activity,
    Announcement,
    BookableFacility,
    Booking,
    Campaign,
    ForumPost,
    StaffNotice,
    Survey,
)
from .services import activities, announcements, bookings, campaigns, forum, notices, surveys

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

SURVEY_COMMANDS = Commands(
    Survey,
    (
        Command(
            name="add_question",
            label=_("Add a question"),
            form=forms.QuestionForm,
            permission="community.survey.change",
            run=surveys.add_question,
            done=_("Question added."),
            api_path="add-question",
            api_doc="While a draft: a question (`text`, `kind`, `required`, `satisfaction`, "
            "`options` for a choice question).",
        ),
        Command(
            name="remove_question",
            label=_("Remove a question"),
            form=forms.RemoveQuestionForm,
            permission="community.survey.change",
            run=surveys.remove_question,
            done=_("Question removed."),
            api_path="remove-question",
            api_doc="While a draft: remove `question`; the rest are numbered again.",
        ),
        Command(
            name=SurveyAction.OPEN,
            permission="community.survey.change",
            run=surveys.open_survey,
            done=_("Open: the sample is drawn."),
            api_path="open",
            api_doc="Draw the sample and take answers.",
        ),
        Command(
            name=SurveyAction.CLOSE,
            permission="community.survey.change",
            run=surveys.close_survey,
            done=_("Closed."),
            api_path="close",
            api_doc="Stop taking answers.",
        ),
        Command(
            name=SurveyAction.ANSWER,
            form=forms.ResponseForm,
            permission="community.survey.answer",
            run=surveys.submit_response,
            done=_("Answers of %(unit)s recorded."),
            done_values=lambda survey, response: {"unit": response.unit},
            api_doc="One unit's `answers` (once per unit): a list of {`question`, and "
            "`option`, `options`, `score` (1–5) or `text`}.",
        ),
    ),
)

NOTICE_COMMANDS = Commands(
    StaffNotice,
    (
        Command(
            name=NoticeAction.SEND,
            permission="community.notice.change",
            run=notices.send_notice,
            done=_("Sent to %(count)d staff."),
            done_values=lambda notice, count: {"count": count},
            api_path="send",
            api_doc="Send it to the staff of its posts (everyone when none): each is told in "
            "the bell and listed until he confirms reading it.",
        ),
        Command(
            name=NoticeAction.CONFIRM,
            permission="community.notice.view",
            run=notices.confirm_read,
            done=_("Marked as read."),
            api_path="read",
            api_doc="The caller, a recipient, confirms he has read it.",
        ),
    ),
)

ACTIVITY_COMMANDS = Commands(
    Activity,
    (
        Command(
            name=ActivityAction.OPEN,
            permission="community.activity.change",
            run=activities.open_signups,
            done=_("Sign-ups are open."),
            api_path="open-signups",
            api_doc="Take sign-ups (its start time must be set).",
        ),
        Command(
            name=ActivityAction.CLOSE,
            permission="community.activity.change",
            run=activities.close_signups,
            done=_("Sign-ups are closed."),
            api_path="close-signups",
            api_doc="Stop taking sign-ups.",
        ),
        Command(
            name=ActivityAction.SIGN_UP,
            form=forms.SignUpForm,
            permission="community.activity.sign_up",
            run=activities.sign_up,
            done=_("Signed up."),
            api_path="sign-up",
            api_doc="A household (`name`, `phone`, `unit`, `party` people): confirmed while "
            "places are left, else on the waiting list, or refused when it keeps none.",
        ),
        Command(
            name=ActivityAction.CANCEL_SIGNUP,
            form=forms.SignUpPickForm,
            permission="community.activity.sign_up",
            run=activities.cancel_signup,
            done=_("Sign-up cancelled; the waiting list moved up."),
            api_path="cancel-signup",
            api_doc="Cancel `signup`; the waiting list moves up in order.",
        ),
        Command(
            name=ActivityAction.CHECK_IN,
            form=forms.SignUpPickForm,
            permission="community.activity.sign_up",
            run=activities.check_in,
            done=_("Checked in."),
            api_path="check-in",
            api_doc="`signup` has come.",
        ),
        Command(
            name=ActivityAction.FINISH,
            form=forms.FinishActivityForm,
            permission="community.activity.change",
            run=activities.finish_activity,
            done=_("Recorded as held."),
            api_doc="Held: the `summary`, how many `attended` (the check-ins when empty).",
        ),
        Command(
            name=ActivityAction.CANCEL,
            form=forms.CancelActivityForm,
            permission="community.activity.change",
            run=activities.cancel_activity,
            done=_("The activity is cancelled."),
            api_path="cancel",
            api_doc="Cancel it, with the `reason`.",
        ),
    ),
)

BOOKABLE_COMMANDS = Commands(
    BookableFacility,
    (
        Command(
            name="book",
            label=_("Book"),
            form=forms.BookingForm,
            permission="community.booking.change",
            run=bookings.book,
            done=_("Booked."),
            opens_result=True,
            api_doc="Book a slot (`day`, `starts_at`) for `name`, `phone`, `people`; a "
            "charged facility bills `unit`.",
        ),
        Command(
            name="record_log",
            label=_("Operation log"),
            form=forms.FacilityLogForm,
            permission="community.booking.log",
            run=bookings.record_log,
            done=_("Logged."),
            api_path="log",
            api_doc="Hours, visitors and a pool's water readings; those out of limits are "
            "flagged and told to the manager and engineering.",
        ),
    ),
)

BOOKING_COMMANDS = Commands(
    Booking,
    (
        Command(
            name=BookingAction.CANCEL,
            form=forms.CancelBookingForm,
            permission="community.booking.change",
            run=bookings.cancel_booking,
            done=_("The booking is cancelled."),
            api_path="cancel",
            api_doc="Cancel with the `reason`; an unpaid bill is cancelled with it.",
        ),
        Command(
            name=BookingAction.USED,
            permission="community.booking.change",
            run=bookings.mark_used,
            done=_("Marked as come."),
            api_path="used",
            api_doc="The booking was used.",
        ),
        Command(
            name=BookingAction.NO_SHOW,
            permission="community.booking.change",
            run=bookings.mark_no_show,
            done=_("Marked as not come."),
            api_path="no-show",
            api_doc="Nobody came.",
        ),
    ),
)

FORUM_COMMANDS = Commands(
    ForumPost,
    (
        Command(
            name=ForumAction.REPLY,
            form=forms.ForumReplyForm,
            permission="community.forum.change",
            run=forum.reply,
            done=_("Replied."),
            api_doc="An official reply (`body`) for the service center; held for a moderator "
            "when it contains a keyword.",
        ),
        Command(
            name=ForumAction.APPROVE,
            permission="community.forum.moderate",
            run=forum.approve_post,
            done=_("Approved: the post is on the board."),
            api_doc="A held post goes on the board.",
        ),
        Command(
            name=ForumAction.HIDE,
            form=forms.HideForm,
            permission="community.forum.moderate",
            run=forum.hide_post,
            done=_("Hidden."),
            api_doc="Take the post off the board, with the `reason`.",
        ),
        Command(
            name=ForumAction.RESTORE,
            permission="community.forum.moderate",
            run=forum.restore_post,
            done=_("Restored to the board."),
            api_doc="Put a hidden post back on the board.",
        ),
        Command(
            name=ForumAction.APPROVE_REPLY,
            form=forms.ReplyPickForm,
            permission="community.forum.moderate",
            run=forum.approve_reply,
            done=_("Approved: the reply is shown."),
            api_path="approve-reply",
            api_doc="A held `reply` of this post is shown.",
        ),
        Command(
            name=ForumAction.HIDE_REPLY,
            form=forms.HideReplyForm,
            permission="community.forum.moderate",
            run=forum.hide_reply,
            done=_("The reply is hidden."),
            api_path="hide-reply",
            api_doc="Hide a `reply` of this post, with the `reason`.",
        ),
        Command(
            name=ForumAction.RESTORE_REPLY,
            form=forms.ReplyPickForm,
            permission="community.forum.moderate",
            run=forum.restore_reply,
            done=_("The reply is shown again."),
            api_path="restore-reply",
            api_doc="Show a hidden `reply` of this post again.",
        ),
        Command(
            name=ForumAction.PIN,
            permission="community.forum.moderate",
            run=forum.pin_post,
            done=_("Pinned to the top."),
            api_doc="Keep the post at the top of the board.",
        ),
        Command(
            name=ForumAction.UNPIN,
            permission="community.forum.moderate",
            run=forum.unpin_post,
            done=_("Unpinned."),
            api_doc="The post takes its place by date again.",
        ),
        Command(
            name=ForumAction.CLOSE,
            permission="community.forum.moderate",
            run=forum.close_post,
            done=_("Closed to replies."),
            api_path="close",
            api_doc="No more replies.",
        ),
        Command(
            name=ForumAction.REOPEN,
            permission="community.forum.moderate",
            run=forum.reopen_post,
            done=_("Open to replies again."),
            api_path="reopen",
            api_doc="Take replies again.",
        ),
        Command(
            name=ForumAction.ESCALATE,
            form=forms.EscalateForm,
            permission="community.forum.moderate",
            run=forum.escalate_post,
            done=_("Reported: %(count)d people told."),
            done_values=lambda post, count: {"count": count},
            api_doc="Report a major matter to headquarters' quality department with a `note` "
            "(QC-2): headquarters and the manager are told.",
        ),
        Command(
            name=ForumAction.TO_ORDER,
            form=forms.ToOrderForm,
            permission="community.forum.change",
            run=forum.make_work_order,
            done=_("Work order %(number)s registered."),
            done_values=lambda post, order: {"number": order.number},
            api_path="to-order",
            api_doc="Register the post as a work order (channel forum; `kind` from its "
            "category when empty, `priority`, `place`); an official reply (`answer`, or the "
            "order's number) tells the board.",
        ),
    ),
)
