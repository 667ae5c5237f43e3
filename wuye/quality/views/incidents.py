"""Emergencies (QUA-08): reported from a phone, handled step by step against the SOP's timers
with the timeline beside, and closed with the report (PDF)."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
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
from ..choices import IncidentAction, IncidentKind, IncidentStatus
from ..commands import INCIDENT_COMMANDS
from ..models import Incident
from ..services import incidents


class IncidentMixin(ScopedObjectMixin):
    model = Incident
    perm_prefix = "quality.incident"
    url_base = "quality:incident"
    related = ("building", "facility")
    page_actions: tuple[str, ...] = ("view", "change")


class IncidentListView(IncidentMixin, ObjectListView):
    filterset_class = filtersets.IncidentFilterSet
    table_class = tables.IncidentTable


class IncidentEditView(IncidentMixin, ObjectEditView):
    """Report an emergency (an incident is never edited: its timeline is its record)."""

    form_class = forms.IncidentForm
    create_service = incidents.open_incident

    def get_object(self):
        return None


class IncidentDetailView(CommandPageMixin, IncidentMixin, ObjectDetailView):
    commands = INCIDENT_COMMANDS
    page_actions = ("view",)
    page_forms = {
        IncidentAction.COMPLETE_STEP: "step_form",
        IncidentAction.NOTE: "note_form",
        IncidentAction.NOTIFY_RESIDENTS: "notice_form",
        IncidentAction.CLOSE: "close_form",
    }
    template_name = "quality/incident_detail.html"
    detail_fields = [
        "number",
        "kind",
        "title",
        "location",
        "building",
        "facility",
        "occurred_at",
        "status",
        "closed_at",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        incident = self.object
        now = timezone.now()
        context["steps"] = [
            (step, step.done_at is None and step.due_at is not None and step.due_at < now)
            for step in incident.steps.select_related("done_by")
        ]
        context["timeline"] = incident.log.select_related("actor")
        if incident.status == IncidentStatus.OPEN:
            forms_by_name = {
                IncidentAction.COMPLETE_STEP: ("step_form", forms.StepForm),
                IncidentAction.NOTE: ("note_form", forms.IncidentNoteForm),
                IncidentAction.CLOSE: ("close_form", forms.CloseIncidentForm),
            }
            if incident.kind == IncidentKind.OUTAGE:
                forms_by_name[IncidentAction.NOTIFY_RESIDENTS] = (
                    "notice_form",
                    forms.ResidentNoticeForm,
                )
            for action, (name, form_class) in forms_by_name.items():
                if self.commands[action].allowed(self.access):
                    context.setdefault(name, form_class(target=incident, access=self.access))
        return context


class IncidentReportView(IncidentMixin, View):
    """The closing report (PDF): what happened, the SOP's steps against their limits, the
    timeline, the cause, the handling and the lessons."""

    def get(self, request, pk):
        incident = get_object_or_404(self.get_queryset(), pk=pk)
        context = {
            "incident": incident,
            "community": self.access.community,
            "steps": incident.steps.select_related("done_by"),
            "timeline": incident.log.select_related("actor"),
        }
        data = pdf.render_pdf("quality/incident_report_pdf.html", context, request=request)
        return pdf.pdf_response(data, f"突发事件报告-{incident.number}.pdf")
