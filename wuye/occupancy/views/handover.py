"""Handover acceptance (OCC-01): the handovers, one handover's page (checklist by system,
rounds, defects, signing), a defect's page (on a phone: photo, work order, re-inspection) and
the signed acceptance record (PDF) with the open-defect list."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from wuye.core import pdf
from wuye.core.commands import CommandPageMixin
from wuye.core.models import restricted
from wuye.core.photos import photo_response
from wuye.core.views import (
    AccessMixin,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
)

from .. import filtersets, forms, tables
from ..choices import (
    CheckResult,
    DefectAction,
    DefectStatus,
    HandoverAction,
    HandoverStatus,
    HandoverSystem,
)
from ..commands import DEFECT_COMMANDS, HANDOVER_COMMANDS
from ..models import Handover, HandoverDefect
from ..services import handover as handovers

# The forms a handover's page shows, by the command each posts.
FORMS = {
    HandoverAction.ROUND: ("round_form", forms.HandoverRoundForm),
    HandoverAction.DEFECT: ("defect_form", forms.HandoverDefectForm),
    HandoverAction.ACCEPT: ("accept_form", forms.AcceptHandoverForm),
}


class HandoverMixin(ScopedObjectMixin):
    model = Handover
    perm_prefix = "occupancy.handover"
    url_base = "occupancy:handover"
    related = ("developer", "created_by")
    page_actions = ("view", "change")  # started here; moved on by its commands


class HandoverListView(HandoverMixin, ObjectListView):
    filterset_class = filtersets.HandoverFilterSet
    table_class = tables.HandoverTable


class HandoverCreateView(HandoverMixin, ObjectEditView):
    form_class = forms.HandoverForm
    create_service = handovers.start_handover


def checklist(handover):
    """The checklist grouped by system: [(system label, [items])]."""
    groups: dict[str, list] = {}
    for check in handover.checks.select_related("checked_in"):
        groups.setdefault(str(HandoverSystem(check.system).label), []).append(check)
    return list(groups.items())


class HandoverDetailView(CommandPageMixin, HandoverMixin, ObjectDetailView):
    commands = HANDOVER_COMMANDS
    page_forms = {action: key for action, (key, _form) in FORMS.items()}
    template_name = "occupancy/handover_detail.html"
    detail_fields = [
        "number",
        "name",
        "developer",
        "started_on",
        "status",
        "accepted_on",
        "developer_signatory",
        "our_signatory",
        "conclusion",
        "note",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        handover = self.object
        allowed = {c.name for c in self.commands if c.allowed(self.access)}
        inspecting = handover.status == HandoverStatus.INSPECTING
        rounds = list(handover.rounds.all())
        today = timezone.localdate()
        offered = {
            HandoverAction.ROUND: inspecting,
            HandoverAction.DEFECT: inspecting and bool(rounds),
            HandoverAction.ACCEPT: inspecting,
        }
        initial = {
            HandoverAction.ROUND: {"inspected_on": today},
            HandoverAction.ACCEPT: {"accepted_on": today},
        }
        for action, (key, form_class) in FORMS.items():
            if action in allowed and offered[action]:
                context.setdefault(
                    key,
                    form_class(target=handover, access=self.access, initial=initial.get(action)),
                )
        context["buildings"] = handover.buildings.order_by("sort_key", "number")
        context["checklist"] = checklist(handover)
        context["rounds"] = rounds
        context["defects"] = handover.defects.select_related("work_order", "building")
        context["can_print"] = handover.status == HandoverStatus.ACCEPTED
        return context


class HandoverPdfView(HandoverMixin, ObjectDetailView):
    """The acceptance record (承接查验记录) with the checklist, the rounds, the defects still
    open and the two signatures."""

    def get(self, request, *args, **kwargs):
        handover = self.get_object()
        if handover.status != HandoverStatus.ACCEPTED:
            messages.error(request, _("The record is printed once the acceptance is signed."))
            return redirect(handover.get_absolute_url())
        defects = list(handover.defects.select_related("work_order", "building"))
        context = {
            "object": handover,
            "community": self.access.community,
            "buildings": handover.buildings.order_by("sort_key", "number"),
            "checklist": checklist(handover),
            "rounds": handover.rounds.all(),
            "open_defects": [d for d in defects if d.status == DefectStatus.OPEN],
            "fixed_count": sum(1 for d in defects if d.status == DefectStatus.FIXED),
            "failed": CheckResult.FAILED,
        }
        data = pdf.render_pdf("occupancy/handover_pdf.html", context, request=request)
        return pdf.pdf_response(data, f"承接查验记录-{handover.number}.pdf")


class HandoverDefectMixin(ScopedObjectMixin):
    model = HandoverDefect
    perm_prefix = "occupancy.handover"
    url_base = "occupancy:handoverdefect"
    related = ("handover", "building", "work_order", "found_in", "fixed_in")
    page_actions = ("view",)


class HandoverDefectListView(HandoverDefectMixin, ObjectListView):
    filterset_class = filtersets.HandoverDefectFilterSet
    table_class = tables.HandoverDefectTable


class HandoverDefectDetailView(CommandPageMixin, HandoverDefectMixin, ObjectDetailView):
    commands = DEFECT_COMMANDS
    page_forms = {DefectAction.RECHECK: "recheck_form"}
    template_name = "occupancy/handoverdefect_detail.html"
    detail_fields = [
        "handover",
        "found_in",
        "system",
        "building",
        "location",
        "description",
        "severity",
        "due_date",
        "status",
        "work_order",
        "fixed_in",
        "recheck_note",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        defect = self.object
        if (
            self.commands[DefectAction.RECHECK].allowed(self.access)
            and defect.status == DefectStatus.OPEN
            and defect.handover.status == HandoverStatus.INSPECTING
        ):
            context.setdefault("recheck_form", forms.RecheckDefectForm())
        return context


class HandoverDefectPhotoView(AccessMixin, View):
    """A defect's photo, only to those who may see the handover."""

    model = HandoverDefect
    permission = "occupancy.handover.view"

    def get(self, request, pk):
        defect = get_object_or_404(restricted(HandoverDefect, self.access), pk=pk)
        if not defect.photo:
            raise Http404
        return photo_response(defect.photo)
