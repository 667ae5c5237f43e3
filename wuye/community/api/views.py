from django.utils.translation import gettext as _
from rest_framework import status

from wuye.core.api.base import ScopedReadOnlyViewSet, ScopedViewSet
from wuye.core.api.commands import command_actions
from wuye.core.errors import DomainError
from wuye.core.services import delete_object

from .. import filtersets, forms
from ..choices import EDITABLE
from ..commands import ANNOUNCEMENT_COMMANDS, CAMPAIGN_COMMANDS
from ..models import (
    Announcement,
    Campaign,
    Delivery,
    MessageTemplate,
    OptOut,
    RecipientList,
)
from ..services import announcements, campaigns, lists
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
