"""Return visits (SRV-04) and escalations (SRV-03)."""

from django.shortcuts import redirect

from wuye.core.commands import CommandMixin
from wuye.core.views import (
    ObjectDetailView,
    ObjectListView,
    ScopedObjectMixin,
)

from .. import filtersets, forms, tables
from ..choices import VisitStatus
from ..commands import VISIT_COMMANDS
from ..models import (
    Escalation,
    ReturnVisit,
)

# --- Return visits (SRV-04) and escalations (SRV-03) ----------------------------------------------


class ReturnVisitMixin(ScopedObjectMixin):
    model = ReturnVisit
    perm_prefix = "service.visit"
    url_base = "service:returnvisit"
    related = ("order__unit", "visited_by")
    page_actions = ("view",)


class ReturnVisitListView(ReturnVisitMixin, ObjectListView):
    filterset_class = filtersets.ReturnVisitFilterSet
    table_class = tables.ReturnVisitTable


class ReturnVisitDetailView(CommandMixin, ReturnVisitMixin, ObjectDetailView):
    commands = VISIT_COMMANDS
    template_name = "service/returnvisit_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["order"] = self.object.order
        context["can_record"] = (
            self.access.has("service.visit.change") and self.object.status != VisitStatus.DONE
        )
        context.setdefault("form", forms.VisitForm())
        return context

    def post(self, request, pk):
        self.object = self.get_object()
        return self.run_command(request, self.object)

    def command_invalid(self, command, target, form):
        # The form is on this page: shown again with its errors.
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def command_done(self, command, target, result):
        return redirect("service:returnvisit_list")


class EscalationListView(ObjectListView):
    model = Escalation
    perm_prefix = "service.escalation"
    url_base = "service:escalation"
    related = ("order",)
    page_actions = ("view",)
    filterset_class = filtersets.EscalationFilterSet
    table_class = tables.EscalationTable
