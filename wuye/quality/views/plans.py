"""Inspection plans (QUA-01, QUA-06): checkpoints with their checklists and QR labels, the plans
with their routes and schedules, and the tasks generated from them."""

from django.utils import timezone
from django.views import View

from wuye.core import pdf
from wuye.core.commands import CommandPageMixin
from wuye.core.qr import qr_svg
from wuye.core.views import (
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
    crud_views,
)

from .. import filtersets, forms, tables
from ..choices import TaskAction, TaskStatus
from ..commands import TASK_COMMANDS
from ..models import ChecklistItem, Checkpoint, Finding, InspectionPlan, InspectionTask
from ..services import plans

(
    CheckpointListView,
    _detail,
    CheckpointEditView,
    CheckpointDeleteView,
) = crud_views(
    Checkpoint,
    "quality.checkpoint",
    filterset=filtersets.CheckpointFilterSet,
    table=tables.CheckpointTable,
    form=forms.CheckpointForm,
    related=("building", "facility"),
)


class CheckpointDetailView(ObjectDetailView):
    model = Checkpoint
    perm_prefix = "quality.checkpoint"
    url_base = "quality:checkpoint"
    related = ("building", "facility")
    detail_fields = forms.CheckpointForm.Meta.fields
    template_name = "quality/checkpoint_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["items"] = self.object.items.all()
        context["qr"] = qr_svg(self.object.code, scale=4)
        return context


class CheckpointLabelsView(ScopedObjectMixin, View):
    """A sheet of QR labels (PDF) for the checkpoints the list's filters choose, to print and
    post at each place."""

    model = Checkpoint
    perm_prefix = "quality.checkpoint"
    url_base = "quality:checkpoint"

    def get(self, request, *args, **kwargs):
        filterset = filtersets.CheckpointFilterSet(
            request.GET, queryset=self.get_queryset().filter(is_active=True), request=request
        )
        checkpoints = list(filterset.qs.order_by("code")[:500])
        context = {
            "community": self.access.community,
            "labels": [
                (checkpoint, qr_svg(checkpoint.code, scale=3)) for checkpoint in checkpoints
            ],
        }
        data = pdf.render_pdf("quality/checkpoint_labels_pdf.html", context, request=request)
        return pdf.pdf_response(data, f"巡查点标签-{timezone.localdate():%Y%m%d}.pdf")


(
    ChecklistItemListView,
    ChecklistItemDetailView,
    ChecklistItemEditView,
    ChecklistItemDeleteView,
) = crud_views(
    ChecklistItem,
    "quality.checkpoint",
    filterset=filtersets.ChecklistItemFilterSet,
    table=tables.ChecklistItemTable,
    form=forms.ChecklistItemForm,
    related=("checkpoint",),
)


class InspectionPlanMixin(ScopedObjectMixin):
    model = InspectionPlan
    perm_prefix = "quality.plan"
    url_base = "quality:inspectionplan"
    related = ("assignee",)
    page_actions = ("view", "change")


class InspectionPlanListView(InspectionPlanMixin, ObjectListView):
    filterset_class = filtersets.InspectionPlanFilterSet
    table_class = tables.InspectionPlanTable


class InspectionPlanEditView(InspectionPlanMixin, ObjectEditView):
    form_class = forms.InspectionPlanForm

    def perform_save(self, form):
        return plans.save_plan(
            community=self.access.community,
            actor=self.request.user,
            plan=self.object,
            **form.cleaned_data,
        )


class InspectionPlanDetailView(InspectionPlanMixin, ObjectDetailView):
    template_name = "quality/inspectionplan_detail.html"
    detail_fields = [
        "name",
        "category",
        "frequency",
        "weekdays",
        "month_day",
        "window_start",
        "window_end",
        "assigned_post",
        "assignee",
        "starts_on",
        "ends_on",
        "is_active",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["stops"] = self.object.stops.select_related("checkpoint").prefetch_related(
            "checkpoint__items"
        )
        context["upcoming"] = self.object.tasks.filter(day__gte=timezone.localdate())[:14]
        return context


class InspectionTaskMixin(ScopedObjectMixin):
    model = InspectionTask
    perm_prefix = "quality.plan"
    url_base = "quality:inspectiontask"
    related = ("plan", "assignee")
    page_actions = ("view",)


class InspectionTaskListView(InspectionTaskMixin, ObjectListView):
    filterset_class = filtersets.InspectionTaskFilterSet
    table_class = tables.InspectionTaskTable


class InspectionTaskDetailView(CommandPageMixin, InspectionTaskMixin, ObjectDetailView):
    """A task on a phone: the route with what has been checked in, the code scanned or typed,
    then that checkpoint's checklist."""

    commands = TASK_COMMANDS
    page_forms = {TaskAction.CHECK_IN: "checkin_form"}
    template_name = "quality/inspectiontask_detail.html"
    detail_fields = [
        "plan",
        "day",
        "window_start",
        "window_end",
        "assigned_post",
        "assignee",
        "status",
        "completed_at",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        task = self.object
        visits = {v.checkpoint_id: v for v in task.check_ins.all()}
        context["route"] = [
            (stop, visits.get(stop.checkpoint_id))
            for stop in task.plan.stops.select_related("checkpoint")
        ]
        command = self.commands[TaskAction.CHECK_IN]
        if command.allowed(self.access) and task.status != TaskStatus.DONE:
            code = self.request.GET.get("code", "")
            context.setdefault(
                "checkin_form",
                forms.CheckInForm(target=task, access=self.access, initial={"code": code}),
            )
            context["code"] = code
        findings = Finding.objects.for_access(self.access)
        context["findings"] = findings.filter(result__check_in__task=task).select_related(
            "work_order", "checkpoint"
        )
        return context


class FindingMixin(ScopedObjectMixin):
    model = Finding
    perm_prefix = "quality.plan"
    url_base = "quality:finding"
    related = ("checkpoint", "work_order")
    page_actions = ("view",)


class FindingListView(FindingMixin, ObjectListView):
    filterset_class = filtersets.FindingFilterSet
    table_class = tables.FindingTable


class FindingDetailView(FindingMixin, ObjectDetailView):
    detail_fields = ["checkpoint", "description", "status", "work_order", "closed_at", "created_at"]
