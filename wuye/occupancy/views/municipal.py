"""Municipal service requests (OCC-08): the desk's list, registration and follow-up."""

from wuye.core.commands import CommandPageMixin
from wuye.core.views import ObjectDetailView, ObjectEditView, ObjectListView, ScopedObjectMixin

from .. import filtersets, forms, tables
from ..choices import RequestAction, RequestStatus
from ..commands import REQUEST_COMMANDS
from ..models import MunicipalRequest
from ..services import municipal

# Which command each status offers next, and the form the page shows for it.
NEXT = {
    RequestStatus.REGISTERED: (RequestAction.FORWARD, forms.ForwardRequestForm),
    RequestStatus.FORWARDED: (RequestAction.COMPLETE, forms.CompleteRequestForm),
}


class MunicipalRequestMixin(ScopedObjectMixin):
    model = MunicipalRequest
    perm_prefix = "occupancy.municipal"
    url_base = "occupancy:municipalrequest"
    related = ("unit__building", "created_by")
    page_actions = ("view", "change")  # registered here; changed only by its commands


class MunicipalRequestListView(MunicipalRequestMixin, ObjectListView):
    filterset_class = filtersets.MunicipalRequestFilterSet
    table_class = tables.MunicipalRequestTable


class MunicipalRequestCreateView(MunicipalRequestMixin, ObjectEditView):
    form_class = forms.MunicipalRequestForm
    create_service = municipal.register_request


class MunicipalRequestDetailView(CommandPageMixin, MunicipalRequestMixin, ObjectDetailView):
    commands = REQUEST_COMMANDS
    page_forms = {
        RequestAction.FORWARD: "next_form",
        RequestAction.COMPLETE: "next_form",
        RequestAction.CANCEL: "cancel_form",
    }
    template_name = "occupancy/municipalrequest_detail.html"
    detail_fields = [
        "number",
        *forms.MunicipalRequestForm.Meta.fields,
        "status",
        "forwarded_on",
        "utility_reference",
        "done_on",
        "result",
        "created_by",
        "created_at",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        status = self.object.status
        step = NEXT.get(RequestStatus(status))
        if step is not None and self.commands[step[0]].allowed(self.access):
            context["next_action"] = self.commands[step[0]]
            context.setdefault("next_form", step[1]())
        context["can_cancel"] = status in NEXT and self.commands[RequestAction.CANCEL].allowed(
            self.access
        )
        context.setdefault("cancel_form", forms.CancelRequestForm())
        return context
