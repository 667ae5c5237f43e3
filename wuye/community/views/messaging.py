"""The notification center's pages (COM-02): campaigns with their progress and delivery log,
templates, saved lists and opt-outs."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property

from wuye.core.commands import CommandPageMixin
from wuye.core.models import restricted
from wuye.core.views import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
    crud_views,
)

from .. import filtersets, forms, tables
from ..choices import CAMPAIGN_ACTIVE, CAMPAIGN_EDITABLE, CampaignAction, CampaignStatus
from ..commands import CAMPAIGN_COMMANDS
from ..models import Campaign, Delivery, MessageTemplate, OptOut, Outage, RecipientList
from ..services import campaigns, lists, outages
from ..services.sending import progress

PREVIEW_ROWS = 10

(
    MessageTemplateListView,
    MessageTemplateDetailView,
    MessageTemplateEditView,
    MessageTemplateDeleteView,
) = crud_views(
    MessageTemplate,
    "community.template",
    filterset=filtersets.MessageTemplateFilterSet,
    table=tables.MessageTemplateTable,
    form=forms.MessageTemplateForm,
)


class CampaignMixin(ScopedObjectMixin):
    model = Campaign
    perm_prefix = "community.campaign"
    url_base = "community:campaign"
    related = ("template", "recipient_list", "queued_by")
    page_actions: tuple[str, ...] = ("view", "change")


class CampaignListView(CampaignMixin, ObjectListView):
    filterset_class = filtersets.CampaignFilterSet
    table_class = tables.CampaignTable


class CampaignEditView(CampaignMixin, ObjectEditView):
    form_class = forms.CampaignForm
    create_service = campaigns.create_campaign
    update_service = campaigns.update_campaign


class CampaignDetailView(CommandPageMixin, CampaignMixin, ObjectDetailView):
    commands = CAMPAIGN_COMMANDS
    template_name = "community/campaign_detail.html"
    page_forms = {CampaignAction.CANCEL: "cancel_form"}
    detail_fields = [
        "number",
        "kind",
        "template",
        "urgent",
        "target",
        "zones",
        "buildings",
        "recipient_list",
        "scheduled_at",
        "prepared_at",
        "queued_at",
        "queued_by",
        "started_at",
        "finished_at",
        "cancel_reason",
    ]

    def get_template_names(self):
        htmx = getattr(self.request, "htmx", None)
        if htmx and htmx.target == "campaign-progress":
            return ["community/campaign_detail.html#progress"]
        return super().get_template_names()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaign = self.object
        status = campaign.status
        context["can_change"] = context["can_change"] and status in CAMPAIGN_EDITABLE
        context["counts"] = progress(campaign)
        context["working"] = status in CAMPAIGN_ACTIVE
        context["preview"] = campaign.deliveries.order_by("id")[:PREVIEW_ROWS]
        allowed = self.access.has("community.campaign.change")
        context["can_prepare"] = allowed and status in CAMPAIGN_EDITABLE
        context["can_send"] = allowed and status == CampaignStatus.PREPARED
        if allowed and status not in (CampaignStatus.DONE, CampaignStatus.CANCELLED):
            context.setdefault("cancel_form", forms.CancelCampaignForm(target=campaign))
        return context


class DeliveryListView(ObjectListView):
    """A campaign's delivery log: each recipient, what was sent, and what became of it."""

    model = Delivery
    perm_prefix = "community.campaign"
    url_base = "community:delivery"
    filterset_class = filtersets.DeliveryFilterSet
    table_class = tables.DeliveryTable
    page_actions: tuple[str, ...] = ("view",)
    walk_model = Campaign  # the isolation walk opens it with a campaign's id

    @cached_property
    def campaign(self) -> Campaign:
        return get_object_or_404(restricted(Campaign, self.access), pk=self.kwargs["pk"])

    def get_queryset(self):
        return super().get_queryset().filter(campaign=self.campaign)

    def get_breadcrumbs(self):
        return [
            (Campaign._meta.verbose_name_plural, reverse("community:campaign_list")),
            (str(self.campaign), self.campaign.get_absolute_url()),
            (Delivery._meta.verbose_name_plural, None),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["campaign"] = self.campaign
        context["title"] = f"{self.campaign} · {Delivery._meta.verbose_name_plural}"
        return context


class RecipientListMixin(ScopedObjectMixin):
    model = RecipientList
    perm_prefix = "community.list"
    url_base = "community:recipientlist"
    page_actions: tuple[str, ...] = ("view", "change", "delete")


class RecipientListListView(RecipientListMixin, ObjectListView):
    filterset_class = filtersets.RecipientListFilterSet
    table_class = tables.RecipientListTable


class RecipientListEditView(RecipientListMixin, ObjectEditView):
    form_class = forms.RecipientListForm
    create_service = lists.create_list

    def get_object(self):
        return None  # a list is read again from a new file rather than edited


class RecipientListDetailView(RecipientListMixin, ObjectDetailView):
    template_name = "community/recipientlist_detail.html"
    detail_fields = ["name", "size", "note", "created_at"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = False
        context["entries"] = self.object.entries.order_by("position")[:200]
        return context


class RecipientListDeleteView(RecipientListMixin, ObjectDeleteView):
    pass


class OptOutMixin(ScopedObjectMixin):
    model = OptOut
    perm_prefix = "community.optout"
    url_base = "community:optout"


class OptOutListView(OptOutMixin, ObjectListView):
    filterset_class = filtersets.OptOutFilterSet
    table_class = tables.OptOutTable


class OptOutEditView(OptOutMixin, ObjectEditView):
    form_class = forms.OptOutForm
    create_service = lists.opt_out

    def get_object(self):
        return None


class OptOutDetailView(OptOutMixin, ObjectDetailView):
    detail_fields = ["phone", "reason", "created_at"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = False
        return context


class OptOutDeleteView(OptOutMixin, ObjectDeleteView):
    pass


class OutageMixin(ScopedObjectMixin):
    model = Outage
    perm_prefix = "community.outage"
    url_base = "community:outage"
    related = ("campaign", "announcement")
    page_actions: tuple[str, ...] = ("view", "change")


class OutageListView(OutageMixin, ObjectListView):
    filterset_class = filtersets.OutageFilterSet
    table_class = tables.OutageTable


class OutageEditView(OutageMixin, ObjectEditView):
    """Announce an outage: its SMS is prepared and its announcement submitted for review."""

    form_class = forms.OutageForm
    create_service = outages.announce_outage

    def get_object(self):
        return None

    def get_success_url(self, obj):
        return obj.campaign.get_absolute_url() if obj.campaign else obj.get_absolute_url()


class OutageDetailView(OutageMixin, ObjectDetailView):
    detail_fields = [
        "kind",
        "buildings",
        "starts_at",
        "ends_at",
        "reason",
        "campaign",
        "announcement",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = False
        return context
