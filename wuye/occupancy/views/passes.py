"""Release passes (OCC-04): the desk's list, application and decision; the guard's gate page."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wuye.billing.dunning import owed_total
from wuye.core import pdf
from wuye.core.commands import CommandPageMixin, CommandView
from wuye.core.models import restricted
from wuye.core.qr import qr_svg
from wuye.core.views import (
    AccessMixin,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
)

from .. import filtersets, forms, tables
from ..choices import PassAction, PassStatus
from ..commands import PASS_COMMANDS
from ..models import ReleasePass
from ..services import passes
from ..services.people import unit_people


class ReleasePassMixin(ScopedObjectMixin):
    model = ReleasePass
    perm_prefix = "occupancy.pass"
    url_base = "occupancy:releasepass"
    related = ("unit__building", "decided_by", "used_by", "created_by")
    page_actions = ("view", "change")  # applied for here; changed only by its commands


class ReleasePassListView(ReleasePassMixin, ObjectListView):
    filterset_class = filtersets.ReleasePassFilterSet
    table_class = tables.ReleasePassTable


class ReleasePassCreateView(ReleasePassMixin, ObjectEditView):
    form_class = forms.ReleasePassForm
    create_service = passes.request_pass


def _gate_facts(release_pass: ReleasePass) -> dict:
    """What the desk and the gate are shown beside a pass: the unit's arrears (shown, never a
    reason to refuse) and, for a used pass, when and by whom."""
    return {
        "owed": owed_total(release_pass.unit),
        "used_message": (
            passes.used_message(release_pass) if release_pass.status == PassStatus.USED else ""
        ),
    }


class ReleasePassDetailView(CommandPageMixin, ReleasePassMixin, ObjectDetailView):
    commands = PASS_COMMANDS
    page_forms = {PassAction.APPROVE: "approve_form", PassAction.REJECT: "reject_form"}
    template_name = "occupancy/releasepass_detail.html"
    detail_fields = [
        "number",
        *(name for name in forms.ReleasePassForm.Meta.fields if name != "items"),  # own panel
        *ReleasePass.COURSE_FIELDS,
        "created_by",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        release_pass = self.object
        status = release_pass.status
        allowed = {c.name for c in self.commands if c.allowed(self.access)}
        context.update(_gate_facts(release_pass))
        context["people"] = unit_people(release_pass.unit)
        context["needs_confirmation"] = passes.needs_owner_confirmation(release_pass)
        context["can_decide"] = PassAction.APPROVE in allowed and status == PassStatus.REQUESTED
        context["can_cancel"] = PassAction.CANCEL in allowed and status in (
            PassStatus.REQUESTED,
            PassStatus.APPROVED,
        )
        context["can_verify"] = PassAction.VERIFY in allowed and status == PassStatus.APPROVED
        context.setdefault("approve_form", forms.ApprovePassForm())
        context.setdefault("reject_form", forms.RejectPassForm())
        return context


class ReleasePassPdfView(ReleasePassMixin, ObjectDetailView):
    """The printed pass (A5) with its QR code, for the applicant to show at the gate."""

    def get(self, request, *args, **kwargs):
        release_pass = self.get_object()
        context = {
            "object": release_pass,
            "community": self.access.community,
            "qr": qr_svg(release_pass.number, scale=3),
        }
        data = pdf.render_pdf("occupancy/releasepass_pdf.html", context, request=request)
        return pdf.pdf_response(data, f"放行条-{release_pass.number}.pdf")


class ReleasePassCommandView(CommandView):
    """A pass's command posted from another page (the gate): back to it afterwards."""

    commands = PASS_COMMANDS


class GateView(AccessMixin, TemplateView):
    """The guard's phone at the gate: scan or type a pass number, see the unit and the items,
    let them out once. Reading a pass here changes nothing; letting out is a POST."""

    template_name = "occupancy/gate.html"
    permission = "occupancy.pass.verify"
    title = _("Gate check")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        code = self.request.GET.get("code", "").strip()[:30]
        context["code"] = code
        if not code:
            return context
        found = passes.find_pass(restricted(ReleasePass, self.access), code)
        context["release_pass"] = found
        if found is None:
            return context
        context.update(_gate_facts(found))
        problem = passes.gate_problem(found)
        context["problem_code"], context["problem"] = problem or ("", "")
        context["back"] = f"{reverse('occupancy:gate')}?code={found.number}"
        return context

    def get(self, request, *args, **kwargs):
        if "code" in request.GET and not request.GET["code"].strip():
            return redirect("occupancy:gate")
        return super().get(request, *args, **kwargs)
