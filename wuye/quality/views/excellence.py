"""The excellent-community evaluation (QUA-11): the year's review with its readiness by
section, each item assessed and its evidence attached, and the gaps still without evidence."""

from wuye.core.commands import CommandPageMixin
from wuye.core.views import (
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
    StoredFileView,
)

from .. import filtersets, forms, tables
from ..choices import ExcellenceAction
from ..commands import EXCELLENCE_COMMANDS
from ..models import ExcellenceEvidence, ExcellenceReview
from ..services import excellence


class ExcellenceMixin(ScopedObjectMixin):
    model = ExcellenceReview
    perm_prefix = "quality.excellence"
    url_base = "quality:excellencereview"
    page_actions: tuple[str, ...] = ("view", "change")


class ExcellenceReviewListView(ExcellenceMixin, ObjectListView):
    filterset_class = filtersets.ExcellenceReviewFilterSet
    table_class = tables.ExcellenceReviewTable


class ExcellenceReviewEditView(ExcellenceMixin, ObjectEditView):
    form_class = forms.ExcellenceReviewForm
    create_service = excellence.start_review

    def get_object(self):
        return None


class ExcellenceReviewDetailView(CommandPageMixin, ExcellenceMixin, ObjectDetailView):
    commands = EXCELLENCE_COMMANDS
    page_actions = ("view",)
    page_forms = {ExcellenceAction.ASSESS: "assess_form", ExcellenceAction.ATTACH: "evidence_form"}
    template_name = "quality/excellencereview_detail.html"
    detail_fields = ["year", "level", "note"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        review = self.object
        context["readiness"] = excellence.readiness(review)
        context["evidence"] = ExcellenceEvidence.objects.for_access(self.access).filter(
            item__review=review
        )
        if self.commands[ExcellenceAction.ASSESS].allowed(self.access):
            context.setdefault(
                "assess_form", forms.AssessItemForm(target=review, access=self.access)
            )
            context.setdefault(
                "evidence_form", forms.EvidenceForm(target=review, access=self.access)
            )
        return context


class ExcellenceEvidenceView(StoredFileView):
    model = ExcellenceEvidence
    field = "document"
    permission = "quality.excellence.view"
