from django.utils.translation import gettext as _
from rest_framework import status

from wuye.core.api.base import ScopedReadOnlyViewSet, ScopedViewSet
from wuye.core.api.commands import command_actions
from wuye.core.errors import DomainError
from wuye.core.services import delete_object

from .. import filtersets, forms
from ..choices import EDITABLE, SurveyStatus
from ..commands import (
    ACTIVITY_COMMANDS,
    ANNOUNCEMENT_COMMANDS,
    BOOKABLE_COMMANDS,
    BOOKING_COMMANDS,
    CAMPAIGN_COMMANDS,
    FORUM_COMMANDS,
    NOTICE_COMMANDS,
    SURVEY_COMMANDS,
)
from ..models import (
    Activity,
    Announcement,
    BookableFacility,
    Booking,
    Campaign,
    ChronicleEntry,
    Delivery,
    FacilityLog,
    ForumDigest,
    ForumKeyword,
    ForumPost,
    ForumReply,
    GroupMember,
    MessageTemplate,
    OptOut,
    Outage,
    RecipientList,
    ResidentGroup,
    Response,
    StaffNotice,
    Survey,
    Visit,
)
from ..services import (
    activities,
    announcements,
    campaigns,
    forum,
    lists,
    notices,
    outages,
    surveys,
)
from . import serializers


@command_actions(ANNOUNCEMENT_COMMANDS)
class AnnouncementViewSet(ScopedViewSet):
    """Announcements (COM-01). POST announcements/ writes a draft (`body` is HTML: formatting is
    kept, a script is refused); PUT/PATCH changes it while a draft (its author); pictures go up
    with …/{id}/add-pictures/ (multipart `photos`); then …/{id}/submit/, …/publish/ or …/return/ (the reviewer),
    …/withdraw/, and …/read/ for the reader."""

    queryset = Announcement.objects.all()
    serializer_class = serializers.AnnouncementSerializer
    filterset_class = filtersets.AnnouncementFilterSet
    form_class = forms.AnnouncementForm
    perm_prefix = "community.announcement"
    prefetch = ("images", "zones", "buildings")
    upload_actions = {"add_pictures": ("photos",)}
    create_service = announcements.create_announcement
    update_service = announcements.update_announcement

    def perform_destroy(self, instance):
        if instance.status not in EDITABLE:
            raise DomainError(_("Only a draft or a returned announcement is deleted."))
        delete_object(instance, actor=self.request.user)


@command_actions(CAMPAIGN_COMMANDS)
class CampaignViewSet(ScopedViewSet):
    """SMS campaigns (COM-02). POST sms-campaigns/ writes one (its `text` or a `template`'s,
    variables checked; `target` with its `zones`, `buildings` or `recipient_list`); then
    …/{id}/prepare/ renders each recipient's text, …/send/ queues it (at once or at
    `scheduled_at`; never in quiet hours unless `urgent`), …/cancel/. The delivery log is
    sms-deliveries/?campaign={id}."""

    queryset = Campaign.objects.all()
    serializer_class = serializers.CampaignSerializer
    filterset_class = filtersets.CampaignFilterSet
    form_class = forms.CampaignForm
    perm_prefix = "community.campaign"
    prefetch = ("zones", "buildings")
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    create_service = campaigns.create_campaign
    update_service = campaigns.update_campaign

    def create(self, request, *args, **kwargs):
        return self._write(request, None, False, status.HTTP_201_CREATED)


class DeliveryViewSet(ScopedReadOnlyViewSet):
    """The delivery log of campaigns: each recipient's text and what became of it."""

    queryset = Delivery.objects.all()
    serializer_class = serializers.DeliverySerializer
    filterset_class = filtersets.DeliveryFilterSet
    perm_prefix = "community.campaign"


class MessageTemplateViewSet(ScopedViewSet):
    """SMS templates: variables ({姓名}, {房号}, {金额}, {日期}, {小区}) checked when saved."""

    queryset = MessageTemplate.objects.all()
    serializer_class = serializers.MessageTemplateSerializer
    filterset_class = filtersets.MessageTemplateFilterSet
    form_class = forms.MessageTemplateForm
    perm_prefix = "community.template"


class RecipientListViewSet(ScopedViewSet):
    """Saved recipient lists. POST sms-lists/ (multipart: `name`, `note`, `file` — an Excel
    file with 姓名, 手机号, 房号, 金额, 日期) saves one whole or names every bad row."""

    queryset = RecipientList.objects.all()
    serializer_class = serializers.RecipientListSerializer
    filterset_class = filtersets.RecipientListFilterSet
    form_class = forms.RecipientListForm
    perm_prefix = "community.list"
    http_method_names = ["get", "post", "delete", "head", "options"]
    upload_actions = {"create": ("file",)}
    create_service = lists.create_list


class OptOutViewSet(ScopedViewSet):
    """Numbers that receive no marketing messages or greetings."""

    queryset = OptOut.objects.all()
    serializer_class = serializers.OptOutSerializer
    filterset_class = filtersets.OptOutFilterSet
    form_class = forms.OptOutForm
    perm_prefix = "community.optout"
    http_method_names = ["get", "post", "delete", "head", "options"]
    create_service = lists.opt_out


class OutageViewSet(ScopedViewSet):
    """Outage notices (COM-03). POST outages/ (`kind`, `buildings`, `starts_at`, `ends_at`,
    `reason`, `urgent`) records one, prepares its SMS to the buildings' residents (send it with
    sms-campaigns/{id}/send/) and submits its announcement for review."""

    queryset = Outage.objects.all()
    serializer_class = serializers.OutageSerializer
    filterset_class = filtersets.OutageFilterSet
    form_class = forms.OutageForm
    perm_prefix = "community.outage"
    prefetch = ("buildings",)
    http_method_names = ["get", "post", "head", "options"]
    create_service = outages.announce_outage


@command_actions(SURVEY_COMMANDS)
class SurveyViewSet(ScopedViewSet):
    """Satisfaction surveys (COM-04). POST surveys/ writes one; while a draft
    …/{id}/add-question/ and …/remove-question/; …/open/ draws the sample; …/answer/ records one
    unit's answers (once per unit); …/close/. Statistics: survey-responses/?survey={id} lists
    the answers."""

    queryset = Survey.objects.all()
    serializer_class = serializers.SurveySerializer
    filterset_class = filtersets.SurveyFilterSet
    form_class = forms.SurveyForm
    perm_prefix = "community.survey"
    prefetch = ("questions__options", "buildings")
    create_service = surveys.create_survey
    update_service = surveys.update_survey

    def perform_destroy(self, instance):
        if instance.status != SurveyStatus.DRAFT:
            raise DomainError(_("Only a draft survey is deleted; close an open one."))
        delete_object(instance, actor=self.request.user)


class ResponseViewSet(ScopedReadOnlyViewSet):
    """The responses to surveys, each with its answers."""

    queryset = Response.objects.all()
    serializer_class = serializers.ResponseSerializer
    filterset_class = filtersets.ResponseFilterSet
    perm_prefix = "community.survey"
    prefetch = ("answers",)


@command_actions(NOTICE_COMMANDS)
class StaffNoticeViewSet(ScopedViewSet):
    """Internal notices and meeting minutes (COM-09). POST staff-notices/ writes one (JSON; an
    attachment is added on the page); PUT/PATCH while unsent; …/{id}/send/ sends it to its
    posts; …/{id}/read/ confirms reading. A recipient sees the notices sent to him."""

    queryset = StaffNotice.objects.all()
    serializer_class = serializers.StaffNoticeSerializer
    filterset_class = filtersets.StaffNoticeFilterSet
    form_class = forms.StaffNoticeApiForm
    perm_prefix = "community.notice"
    prefetch = ("receipts",)
    create_service = notices.create_notice
    update_service = notices.update_notice

    def perform_destroy(self, instance):
        if instance.sent_at is not None:
            raise DomainError(_("A sent notice is kept: it has its read receipts."))
        delete_object(instance, actor=self.request.user)


@command_actions(ACTIVITY_COMMANDS)
class ActivityViewSet(ScopedViewSet):
    """Community activities (COM-06): POST activities/ plans one; …/{id}/open-signups/,
    …/sign-up/ (confirmed, waiting or refused by the places left), …/cancel-signup/ (the
    waiting list moves up), …/check-in/, …/finish/, …/cancel/."""

    queryset = Activity.objects.all()
    serializer_class = serializers.ActivitySerializer
    filterset_class = filtersets.ActivityFilterSet
    form_class = forms.ActivityForm
    perm_prefix = "community.activity"
    prefetch = ("signups",)
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    create_service = activities.create_activity
    update_service = activities.update_activity
    upload_actions = {"finish": ("photos",)}


class ResidentGroupViewSet(ScopedViewSet):
    """Resident groups and clubs."""

    queryset = ResidentGroup.objects.all()
    serializer_class = serializers.ResidentGroupSerializer
    filterset_class = filtersets.ResidentGroupFilterSet
    form_class = forms.ResidentGroupForm
    perm_prefix = "community.group"


class GroupMemberViewSet(ScopedViewSet):
    """The members of resident groups."""

    queryset = GroupMember.objects.all()
    serializer_class = serializers.GroupMemberSerializer
    filterset_class = filtersets.GroupMemberFilterSet
    form_class = forms.GroupMemberForm
    perm_prefix = "community.group"


class ChronicleEntryViewSet(ScopedViewSet):
    """The chronicle of major events (COM-08); photos are added on the page."""

    queryset = ChronicleEntry.objects.all()
    serializer_class = serializers.ChronicleEntrySerializer
    filterset_class = filtersets.ChronicleEntryFilterSet
    form_class = forms.ChronicleEntryApiForm
    perm_prefix = "community.chronicle"


class VisitViewSet(ScopedViewSet):
    """Visits received: inspections by authorities, peers, the press (COM-08)."""

    queryset = Visit.objects.all()
    serializer_class = serializers.VisitSerializer
    filterset_class = filtersets.VisitFilterSet
    form_class = forms.ReceptionVisitForm
    perm_prefix = "community.chronicle"
    related = ("host",)


@command_actions(BOOKABLE_COMMANDS)
class BookableFacilityViewSet(ScopedViewSet):
    """Facilities taking bookings (COM-07): …/{id}/book/ takes a slot (billed to the unit when
    charged), …/{id}/log/ records the operation log."""

    queryset = BookableFacility.objects.all()
    serializer_class = serializers.BookableFacilitySerializer
    filterset_class = filtersets.BookableFacilityFilterSet
    form_class = forms.BookableFacilityForm
    perm_prefix = "community.booking"
    related = ("facility",)


@command_actions(BOOKING_COMMANDS)
class BookingViewSet(ScopedReadOnlyViewSet):
    """Bookings: …/{id}/cancel/, …/used/, …/no-show/."""

    queryset = Booking.objects.all()
    serializer_class = serializers.BookingSerializer
    filterset_class = filtersets.BookingFilterSet
    perm_prefix = "community.booking"
    http_method_names = ["get", "post", "head", "options"]


class FacilityLogViewSet(ScopedReadOnlyViewSet):
    """Facilities' operation logs with the readings out of limits flagged."""

    queryset = FacilityLog.objects.all()
    serializer_class = serializers.FacilityLogSerializer
    filterset_class = filtersets.FacilityLogFilterSet
    perm_prefix = "community.booking"


@command_actions(FORUM_COMMANDS)
class ForumPostViewSet(ScopedViewSet):
    """The owners' forum (COM-05). POST forum-posts/ writes a post for the service center
    (held for a moderator when it contains a keyword); posts are not edited. …/{id}/reply/
    answers officially; moderators …/approve/, …/hide/ (`reason`), …/restore/, the same for a
    reply (…/approve-reply/, …/hide-reply/, …/restore-reply/ with `reply`), …/pin/, …/close/,
    …/escalate/ (to headquarters); …/to-order/ registers it as a work order. Staff who do not
    moderate see what is shown and what they wrote. The replies: forum-replies/?post={id}."""

    queryset = ForumPost.objects.all()
    serializer_class = serializers.ForumPostSerializer
    filterset_class = filtersets.ForumPostFilterSet
    form_class = forms.ForumPostForm
    perm_prefix = "community.forum"
    related = ("work_order",)
    http_method_names = ["get", "post", "head", "options"]
    create_service = forum.write_post


class ForumReplyViewSet(ScopedReadOnlyViewSet):
    """The forum's replies (official ones marked), under the same row rule as the posts."""

    queryset = ForumReply.objects.all()
    serializer_class = serializers.ForumReplySerializer
    filterset_class = filtersets.ForumReplyFilterSet
    perm_prefix = "community.forum"


class ForumKeywordViewSet(ScopedViewSet):
    """The keyword list: a post or reply containing one waits for a moderator."""

    queryset = ForumKeyword.objects.all()
    serializer_class = serializers.ForumKeywordSerializer
    filterset_class = filtersets.ForumKeywordFilterSet
    form_class = forms.ForumKeywordForm
    perm_prefix = "community.keyword"


class ForumDigestViewSet(ScopedReadOnlyViewSet):
    """The forum's daily digests told to the manager (QC-2)."""

    queryset = ForumDigest.objects.all()
    serializer_class = serializers.ForumDigestSerializer
    filterset_class = filtersets.ForumDigestFilterSet
    perm_prefix = "community.digest"
