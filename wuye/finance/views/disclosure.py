"""Disclosure to owners (FIN-11, MGR-8): drafts, the manager's approval, the printable notice."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from wuye.core import pdf  # module attribute: tests replace pdf.render_pdf
from wuye.core.commands import CommandPageMixin
from wuye.core.views import ObjectDetailView, ObjectEditView, ObjectListView, ScopedObjectMixin

from .. import filtersets, forms, tables
from ..choices import DisclosureStatus
from ..commands import DISCLOSURE_COMMANDS
from ..models import Disclosure
from ..services import disclosure


class DisclosureMixin(ScopedObjectMixin):
    model = Disclosure
    perm_prefix = "finance.disclosure"
    url_base = "finance:disclosure"
    related: tuple[str, ...] = ("published_by",)
    page_actions = ("view", "change")


class DisclosureListView(DisclosureMixin, ObjectListView):
    filterset_class = filtersets.DisclosureFilterSet
    table_class = tables.DisclosureTable


class DisclosureEditView(DisclosureMixin, ObjectEditView):
    """A new draft. On the page a draft with a mistake is left unpublished and a new one drafted;
    the API corrects a draft (PUT) until the manager publishes it."""

    form_class = forms.DisclosureForm
    create_service = disclosure.draft_disclosure

    def get_object(self):
        if self.kwargs.get("pk") is not None:
            raise PermissionDenied
        return None


class DisclosureDetailView(CommandPageMixin, DisclosureMixin, ObjectDetailView):
    commands = DISCLOSURE_COMMANDS
    template_name = "finance/disclosure_detail.html"
    detail_fields = [
        "title",
        "period_start",
        "period_end",
        "status",
        "published_by",
        "published_at",
    ]

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if request.GET.get("format") == "pdf":
            context = {
                "notice": self.object,
                "figures": disclosure.shown_figures(self.object),
                "community": self.access.community,
            }
            return pdf.pdf_response(
                pdf.render_pdf("finance/disclosure_pdf.html", context, request=request),
                f"公示-{self.object.title}.pdf",
            )
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        notice = self.object
        draft = notice.status == DisclosureStatus.DRAFT
        context["can_change"] = False
        context["can_delete"] = False
        context["figures"] = disclosure.shown_figures(notice)
        context["can_publish"] = (
            draft
            and self.access.has("finance.disclosure.publish")
            and notice.created_by_id != self.request.user.pk
        )
        return context
