"""Surveys (COM-04): the questionnaire on the survey's page, the door-visit answer page for a
phone, and the statistics with charts and Excel."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from wuye.core.commands import CommandPageMixin
from wuye.core.errors import DomainError
from wuye.core.excel import xlsx_response
from wuye.core.views import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
)

from .. import filtersets, forms, tables
from ..choices import SurveyAction, SurveyStatus
from ..commands import SURVEY_COMMANDS
from ..models import Survey
from ..reports import survey_statistics
from ..services import surveys


class SurveyMixin(ScopedObjectMixin):
    model = Survey
    perm_prefix = "community.survey"
    url_base = "community:survey"


class SurveyListView(SurveyMixin, ObjectListView):
    filterset_class = filtersets.SurveyFilterSet
    table_class = tables.SurveyTable


class SurveyEditView(SurveyMixin, ObjectEditView):
    form_class = forms.SurveyForm
    create_service = surveys.create_survey
    update_service = surveys.update_survey


class SurveyDeleteView(SurveyMixin, ObjectDeleteView):
    def perform_delete(self, obj):
        if obj.status != SurveyStatus.DRAFT:
            raise DomainError(_("Only a draft survey is deleted; close an open one."))
        super().perform_delete(obj)


class SurveyDetailView(CommandPageMixin, SurveyMixin, ObjectDetailView):
    commands = SURVEY_COMMANDS
    template_name = "community/survey_detail.html"
    page_forms = {"add_question": "question_form"}
    detail_fields = [
        "number",
        "status",
        "sampling",
        "sample_percent",
        "buildings",
        "ends_on",
        "sample_size",
        "opened_at",
        "closed_at",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        survey = self.object
        draft = survey.status == SurveyStatus.DRAFT
        can_run = self.access.has("community.survey.change")
        context["questions"] = survey.questions.prefetch_related("options")
        context["draft"] = draft
        context["can_run"] = can_run
        context["can_delete"] = context["can_delete"] and draft
        context["can_answer"] = survey.status == SurveyStatus.OPEN and self.access.has(
            "community.survey.answer"
        )
        context["responses"] = survey.responses.count()
        if draft and can_run:
            context.setdefault("question_form", forms.QuestionForm(target=survey))
        return context


class SurveyAnswerView(CommandPageMixin, SurveyMixin, ObjectDetailView):
    """A unit's answers typed at the door on a phone (or on a call); after each, the page is
    ready for the next unit."""

    commands = SURVEY_COMMANDS
    permission = "community.survey.answer"
    template_name = "community/survey_answer.html"
    page_forms = {SurveyAction.ANSWER: "answer_form"}

    def get_permission(self):
        return "community.survey.answer"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault(
            "answer_form", forms.ResponseForm(target=self.object, access=self.access)
        )
        context["responses"] = self.object.responses.count()
        return context

    def get_breadcrumbs(self):
        return [
            self.list_crumb(),
            (str(self.object), self.object.get_absolute_url()),
            (_("Record answers"), None),
        ]

    def command_done(self, command, target, result):
        return redirect(reverse("community:survey_answer", args=[target.pk]))


class SurveyStatisticsView(SurveyMixin, TemplateView):
    """The answers counted per question and per building, with charts; Excel on request."""

    template_name = "community/survey_statistics.html"

    def get(self, request, *args, **kwargs):
        self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        self.stats = survey_statistics(self.object)
        if request.GET.get("export") == "xlsx":
            return xlsx_response(f"{self.object.number}-统计", _sheets(self.stats))
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs(self):
        return [
            self.list_crumb(),
            (str(self.object), self.object.get_absolute_url()),
            (_("Statistics"), None),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["stats"] = self.stats
        context["charts"] = _charts(self.stats)
        context["title"] = f"{self.object} · {_('Statistics')}"
        return context


def _charts(stats):
    """Each choice or score question as a bar chart's data (ECharts, drawn by app.js)."""
    charts = []
    for row in stats["questions"]:
        question = row["question"]
        if "options" in row:
            labels = [o["text"] for o in row["options"]]
            values = [o["count"] for o in row["options"]]
        elif "scores" in row:
            labels = [f"{n}分" for n in range(1, 6)]
            values = row["scores"]
        else:
            continue
        charts.append({"data_id": f"chart-{question.pk}-data", "labels": labels, "values": values})
    return charts


def _sheets(stats):
    answers = []
    for row in stats["questions"]:
        question = row["question"]
        title = f"{question.position}. {question.text}"
        if "options" in row:
            answers += [[title, o["text"], o["count"], o["share"]] for o in row["options"]]
        elif "scores" in row:
            answers += [[title, f"{n}分", c, None] for n, c in enumerate(row["scores"], 1)]
            answers.append([title, _("mean score"), row["mean"], row["satisfied"]])
        else:
            answers += [[title, text, None, None] for text in row["texts"]]
    buildings = [
        [b["building"], b["responses"], b["mean"], b["satisfaction"]] for b in stats["buildings"]
    ]
    return [
        (_("Answers"), [_("question"), _("answer"), _("count"), _("share (%)")], answers),
        (
            _("Buildings"),
            [_("building"), _("responses"), _("mean score"), _("satisfaction (%)")],
            buildings,
        ),
    ]
