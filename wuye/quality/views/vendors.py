"""Subcontractor evaluation (QUA-07): the month's evaluations, each scored item by item with
the month's findings offered as the reasons, and the evaluation sheet (PDF) to sign."""

from django.shortcuts import get_object_or_404
from django.views import View

from wuye.core import pdf
from wuye.core.commands import CommandPageMixin
from wuye.core.views import (
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
)

from .. import filtersets, forms, tables
from ..choices import EvaluationAction, EvaluationStatus
from ..commands import EVALUATION_COMMANDS
from ..models import VendorEvaluation
from ..services import vendors


class VendorEvaluationMixin(ScopedObjectMixin):
    model = VendorEvaluation
    perm_prefix = "quality.vendor"
    url_base = "quality:vendorevaluation"
    related = ("vendor", "standard")
    page_actions: tuple[str, ...] = ("view", "change")


class VendorEvaluationListView(VendorEvaluationMixin, ObjectListView):
    filterset_class = filtersets.VendorEvaluationFilterSet
    table_class = tables.VendorEvaluationTable


class VendorEvaluationEditView(VendorEvaluationMixin, ObjectEditView):
    """Start a month's evaluation (then scored on its page, never edited)."""

    form_class = forms.VendorEvaluationForm
    create_service = vendors.start_evaluation

    def get_object(self):
        return None


def sheet(evaluation):
    """The scorecard's items with what was deducted from each and why."""
    deductions = list(evaluation.deductions.select_related("check_entry", "finding"))
    rows = []
    for item in evaluation.standard.items.all():
        taken = [d for d in deductions if d.item_id == item.pk]
        deducted = sum((d.points for d in taken), 0)
        rows.append({"item": item, "deductions": taken, "kept": item.points - deducted})
    return rows


class VendorEvaluationDetailView(CommandPageMixin, VendorEvaluationMixin, ObjectDetailView):
    commands = EVALUATION_COMMANDS
    page_actions = ("view",)
    page_forms = {EvaluationAction.DEDUCT: "deduct_form", EvaluationAction.FINISH: "finish_form"}
    template_name = "quality/vendorevaluation_detail.html"
    detail_fields = ["vendor", "month", "standard", "status", "score", "summary", "finished_at"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        evaluation = self.object
        context["rows"] = sheet(evaluation)
        context["score_now"] = vendors.score_of(evaluation)
        if evaluation.status == EvaluationStatus.SCORING and self.commands[
            EvaluationAction.DEDUCT
        ].allowed(self.access):
            context.setdefault(
                "deduct_form", forms.ScorecardDeductionForm(target=evaluation, access=self.access)
            )
            context.setdefault(
                "finish_form", forms.FinishForm(target=evaluation, access=self.access)
            )
            context["candidates"] = vendors.month_findings(evaluation)
        return context


class VendorEvaluationSheetView(VendorEvaluationMixin, View):
    """The monthly evaluation sheet (PDF), for the subcontractor and the manager to sign."""

    def get(self, request, pk):
        evaluation = get_object_or_404(self.get_queryset(), pk=pk)
        context = {
            "evaluation": evaluation,
            "community": self.access.community,
            "rows": sheet(evaluation),
            "score": evaluation.score
            if evaluation.score is not None
            else vendors.score_of(evaluation),
        }
        data = pdf.render_pdf("quality/vendorevaluation_pdf.html", context, request=request)
        return pdf.pdf_response(
            data, f"外包考评-{evaluation.vendor.name}-{evaluation.month:%Y-%m}.pdf"
        )
