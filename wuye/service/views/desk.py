"""The front desk: FAQ knowledge base (SRV-09), duty log and handover (SRV-07), reception log
(SRV-08) and warranty claims (SRV-10)."""

from django.db.models import Exists, OuterRef
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wuye.core.commands import CommandMixin, CommandView
from wuye.core.errors import DomainError
from wuye.core.views import (
    AccessMixin,
    ObjectDetailView,
    ObjectListView,
    ScopedObjectMixin,
    crud_views,
)

from .. import filtersets, forms, services, tables
from ..choices import DutyStatus, WarrantyStatus
from ..commands import DUTY_COMMANDS, FORWARD_COMMANDS, WARRANTY_COMMANDS
from ..models import (
    DutyItem,
    DutyLog,
    KnowledgeArticle,
    ReceptionLog,
    WarrantyClaim,
)

# --- FAQ knowledge base (SRV-09) -------------------------------------------------------------------

(
    KnowledgeArticleListView,
    KnowledgeArticleDetailView,
    _KnowledgeArticleEditView,  # the page's save goes through the FAQ service (below)
    KnowledgeArticleDeleteView,
) = crud_views(
    KnowledgeArticle,
    "service.faq",
    filterset=filtersets.KnowledgeArticleFilterSet,
    table=tables.KnowledgeArticleTable,
    form=forms.KnowledgeArticleForm,
    detail_fields=["topic", "title", "question", "answer", "tags", "revision", "is_published"],
)
KnowledgeArticleDetailView.template_name = "service/knowledgearticle_detail.html"


class KnowledgeArticleEditView(_KnowledgeArticleEditView):  # type: ignore[valid-type,misc]
    def perform_save(self, form):
        return services.save_article(
            self.object,
            actor=self.request.user,
            community=self.access.community,
            **form.cleaned_data,
        )


# --- Duty log and handover (SRV-07) -------------------------------------------------------------------


class DutyLogMixin(ScopedObjectMixin):
    model = DutyLog
    perm_prefix = "service.duty"
    url_base = "service:dutylog"
    related = ("on_duty", "handed_to")
    page_actions = ("view",)


class DutyLogListView(DutyLogMixin, ObjectListView):
    filterset_class = filtersets.DutyLogFilterSet
    table_class = tables.DutyLogTable

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.access.has("service.duty.change"):
            context["add_url"] = reverse("service:dutylog_open")
        return context


class DutyLogOpenView(AccessMixin, TemplateView):
    """Take a desk's shift (today's day or night shift by default)."""

    template_name = "core/object_edit.html"
    permission = "service.duty.change"
    title = gettext_lazy("Take a shift")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.localtime()
        shift = "day" if 8 <= now.hour < 20 else "night"
        context.setdefault(
            "form", forms.DutyLogOpenForm(initial={"date": now.date(), "shift": shift})
        )
        return context

    def post(self, request):
        form = forms.DutyLogOpenForm(request.POST)
        if form.is_valid():
            try:
                log = services.open_duty_log(
                    community=self.access.community, actor=request.user, **form.cleaned_data
                )
            except DomainError as exc:
                form.add_error(None, str(exc.message))
            else:
                return redirect(log.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class DutyLogDetailView(CommandMixin, DutyLogMixin, ObjectDetailView):
    commands = DUTY_COMMANDS
    template_name = "service/dutylog_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        log, user = self.object, self.request.user
        context.update(
            items=log.items.select_related("carried_from__log").annotate(
                carried_on=Exists(DutyItem.objects.filter(carried_from=OuterRef("pk")))
            ),
            reviews=log.reviews.select_related("created_by"),
            mine=log.on_duty_id == user.pk and log.status == DutyStatus.ON_DUTY,
            to_acknowledge=log.status == DutyStatus.HANDED_OVER and log.handed_to_id == user.pk,
            can_review=self.access.has("service.duty.review"),
            handover_form=forms.HandOverForm(access=self.access),
            review_form=forms.ReviewForm(),
        )
        return context

    def post(self, request, pk):
        return self.run_command(request, self.get_object())


# --- Reception log (SRV-08) and warranty claims (SRV-10) -------------------------------------------

(
    ReceptionLogListView,
    ReceptionLogDetailView,
    ReceptionLogEditView,
    ReceptionLogDeleteView,
) = crud_views(
    ReceptionLog,
    "service.reception",
    filterset=filtersets.ReceptionLogFilterSet,
    table=tables.ReceptionLogTable,
    form=forms.ReceptionLogForm,
    related=("unit", "handled_by", "order"),
    detail_fields=[*forms.ReceptionLogForm.Meta.fields, "order"],
)
ReceptionLogDetailView.template_name = "service/receptionlog_detail.html"


class WarrantyClaimMixin(ScopedObjectMixin):
    model = WarrantyClaim
    perm_prefix = "service.warranty"
    url_base = "service:warrantyclaim"
    related = ("order", "vendor", "closed_by")
    page_actions = ("view",)


class WarrantyClaimListView(WarrantyClaimMixin, ObjectListView):
    filterset_class = filtersets.WarrantyClaimFilterSet
    table_class = tables.WarrantyClaimTable


class WarrantyClaimDetailView(CommandMixin, WarrantyClaimMixin, ObjectDetailView):
    commands = WARRANTY_COMMANDS
    template_name = "service/warrantyclaim_detail.html"
    detail_fields = ["order", "vendor", "due_date", "status", "reply", "closed_at", "closed_by"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_close"] = (
            self.access.has("service.order.dispatch")
            and self.object.status == WarrantyStatus.FORWARDED
        )
        return context

    def post(self, request, pk):
        return self.run_command(request, self.get_object())


class WarrantyForwardView(CommandView):
    """Forward an order under the developer's warranty (from the order's page)."""

    commands = FORWARD_COMMANDS
    permission = "service.order.dispatch"
