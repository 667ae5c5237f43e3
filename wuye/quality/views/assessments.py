"""Assessments (QUA-09): the standard items, the proposed and confirmed assessments with their
review, the month's summary per person and department with the payroll export, and the
departments' monthly assessment. Training (QUA-10): sessions with sign-in and the hours per
person in a year."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wuye.core.commands import CommandPageMixin
from wuye.core.excel import xlsx_response
from wuye.core.views import (
    AccessMixin,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
    StoredFileView,
    crud_views,
)

from .. import filtersets, forms, tables
from ..choices import AssessmentAction, AssessmentStatus, TrainingAction
from ..commands import ASSESSMENT_COMMANDS, TRAINING_COMMANDS
from ..models import (
    Assessment,
    AssessmentItem,
    DepartmentAssessment,
    TrainingAttendance,
    TrainingSession,
)
from ..services import assessments

(
    AssessmentItemListView,
    AssessmentItemDetailView,
    AssessmentItemEditView,
    AssessmentItemDeleteView,
) = crud_views(
    AssessmentItem,
    "quality.assessment",
    filterset=filtersets.AssessmentItemFilterSet,
    table=tables.AssessmentItemTable,
    form=forms.AssessmentItemForm,
)


class AssessmentMixin(ScopedObjectMixin):
    model = Assessment
    perm_prefix = "quality.assessment"
    url_base = "quality:assessment"
    related = ("staff", "department", "item")
    page_actions: tuple[str, ...] = ("view", "change")


class AssessmentListView(AssessmentMixin, ObjectListView):
    filterset_class = filtersets.AssessmentFilterSet
    table_class = tables.AssessmentTable


class AssessmentEditView(AssessmentMixin, ObjectEditView):
    """Propose an assessment (reviewed, never edited)."""

    form_class = forms.AssessmentForm
    create_service = assessments.propose_assessment

    def get_object(self):
        return None


class AssessmentDetailView(CommandPageMixin, AssessmentMixin, ObjectDetailView):
    commands = ASSESSMENT_COMMANDS
    page_actions = ("view",)
    page_forms = {AssessmentAction.CONFIRM: "review_form", AssessmentAction.REJECT: "review_form"}
    template_name = "quality/assessment_detail.html"
    detail_fields = [
        "staff",
        "department",
        "item",
        "occurred_on",
        "points",
        "amount",
        "reason",
        "check_entry",
        "finding",
        "status",
        "created_by",
        "reviewed_by",
        "reviewed_at",
        "review_note",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.status == AssessmentStatus.PROPOSED:
            context.setdefault(
                "review_form", forms.AssessmentReviewForm(target=self.object, access=self.access)
            )
        return context


def month_param(request) -> dt.date:
    try:
        return dt.date.fromisoformat(f"{request.GET.get('month')}-01")
    except ValueError:
        return timezone.localdate().replace(day=1)


class AssessmentSummaryView(AccessMixin, TemplateView):
    """The month's assessment per person and department; the payroll sheet as Excel."""

    template_name = "quality/assessment_summary.html"
    permission = "quality.assessment.change"
    title = gettext_lazy("Monthly assessment")

    def get(self, request, *args, **kwargs):
        self.summary = assessments.monthly_summary(
            self.access.community,
            month_param(request),
            source=Assessment.objects.for_access(self.access),
        )
        if request.GET.get("format") == "xlsx":
            month = self.summary["month"]
            return xlsx_response(
                f"考核汇总-{self.access.community}-{month:%Y-%m}",
                [
                    (
                        f"{month:%Y-%m}",
                        ["工号", "姓名", "部门", "考核分", "奖惩金额"],
                        [
                            [r["staff_number"], r["name"], r["department"], r["score"], r["amount"]]
                            for r in self.summary["rows"]
                        ],
                    ),
                    (
                        _("By department"),
                        [
                            _("department"),
                            _("people"),
                            _("average score"),
                            _("rewards and penalties"),
                            _("department assessment"),
                        ],
                        [
                            [d["department"], d["people"], d["average"], d["amount"], d["assessed"]]
                            for d in self.summary["departments"]
                        ],
                    ),
                ],
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.summary)
        month = self.summary["month"]
        context["previous_month"] = (month - dt.timedelta(days=1)).replace(day=1)
        context["next_month"] = (month + dt.timedelta(days=32)).replace(day=1)
        return context


class DepartmentAssessmentMixin(ScopedObjectMixin):
    model = DepartmentAssessment
    perm_prefix = "quality.assessment"
    url_base = "quality:departmentassessment"
    related = ("department",)
    page_actions: tuple[str, ...] = ("view", "change")


class DepartmentAssessmentListView(DepartmentAssessmentMixin, ObjectListView):
    filterset_class = filtersets.DepartmentAssessmentFilterSet
    table_class = tables.DepartmentAssessmentTable


class DepartmentAssessmentEditView(DepartmentAssessmentMixin, ObjectEditView):
    form_class = forms.DepartmentAssessmentForm

    def perform_save(self, form):
        return assessments.assess_department(
            community=self.access.community, actor=self.request.user, **form.cleaned_data
        )


class DepartmentAssessmentDetailView(DepartmentAssessmentMixin, ObjectDetailView):
    detail_fields = ["department", "month", "score", "comment", "created_by", "updated_at"]


class TrainingMixin(ScopedObjectMixin):
    model = TrainingSession
    perm_prefix = "quality.training"
    url_base = "quality:trainingsession"
    related = ("department",)
    page_actions: tuple[str, ...] = ("view", "change")


class TrainingSessionListView(TrainingMixin, ObjectListView):
    filterset_class = filtersets.TrainingSessionFilterSet
    table_class = tables.TrainingSessionTable


class TrainingSessionEditView(TrainingMixin, ObjectEditView):
    form_class = forms.TrainingSessionForm


class TrainingSessionDetailView(CommandPageMixin, TrainingMixin, ObjectDetailView):
    commands = TRAINING_COMMANDS
    page_forms = {TrainingAction.ADD_ATTENDEES: "attendees_form"}
    template_name = "quality/trainingsession_detail.html"
    detail_fields = ["title", "held_on", "hours", "trainer", "department", "content"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = self.object
        attendances = session.attendances.select_related("staff")
        context["attendances"] = attendances
        context["signed_in"] = any(a.staff_id == self.request.user.pk for a in attendances)
        context["today"] = session.held_on == timezone.localdate()
        if self.commands[TrainingAction.ADD_ATTENDEES].allowed(self.access):
            context.setdefault(
                "attendees_form", forms.AttendeesForm(target=session, access=self.access)
            )
        return context


class TrainingMaterialView(StoredFileView):
    model = TrainingSession
    field = "material"
    permission = "quality.training.view"


class TrainingHoursView(AccessMixin, TemplateView):
    template_name = "quality/training_hours.html"
    permission = "quality.training.view"
    title = gettext_lazy("Training hours")

    def get(self, request, *args, **kwargs):
        try:
            self.year = int(request.GET.get("year", ""))
        except ValueError:
            self.year = timezone.localdate().year
        self.rows = assessments.training_hours(
            self.access.community,
            self.year,
            source=TrainingAttendance.objects.for_access(self.access),
        )
        if request.GET.get("format") == "xlsx":
            return xlsx_response(
                f"培训学时-{self.access.community}-{self.year}",
                [
                    (
                        str(self.year),
                        ["工号", "姓名", _("sessions"), _("hours")],
                        [
                            [r["staff_number"], r["name"], r["sessions"], r["hours"]]
                            for r in self.rows
                        ],
                    )
                ],
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(year=self.year, rows=self.rows)
        return context
