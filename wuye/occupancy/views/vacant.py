"""Vacant and unsold units and shops (OCC-05): the list with inspections due, a unit's page
(inspect on a phone, keys held), an inspection with its photo; the occupancy settings."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wuye.core.commands import CommandPageMixin, CommandView
from wuye.core.models import restricted
from wuye.core.views import (
    AccessMixin,
    ObjectDetailView,
    ObjectListView,
    ScopedObjectMixin,
    StoredFileView,
)
from wuye.estate.models import Unit

from .. import filtersets, forms, tables
from ..choices import VacantAction
from ..commands import KEY_COMMANDS, VACANT_COMMANDS
from ..models import KeyHolding, VacantInspection
from ..services import vacant


class VacantUnitMixin(ScopedObjectMixin):
    model = Unit
    perm_prefix = "occupancy.vacant"
    url_base = "occupancy:vacantunit"
    related = ("building",)
    page_actions = ("view",)
    walk_prepare = staticmethod(vacant.make_vacant_for_walk)

    def get_queryset(self):
        return vacant.vacant_units(super().get_queryset())


class VacantUnitListView(VacantUnitMixin, ObjectListView):
    filterset_class = filtersets.VacantUnitFilterSet
    table_class = tables.VacantUnitTable
    title = gettext_lazy("Vacant units")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.title
        return context


class VacantUnitDetailView(CommandPageMixin, VacantUnitMixin, ObjectDetailView):
    commands = VACANT_COMMANDS
    page_forms = {VacantAction.INSPECT: "inspect_form", VacantAction.RECEIVE_KEYS: "keys_form"}
    template_name = "occupancy/vacantunit_detail.html"
    detail_fields = ["code", "status", "use", "gross_area"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = self.object
        inspections = list(
            restricted(VacantInspection, self.access, related=("work_order",)).filter(unit=unit)[
                :12
            ]
        )
        context["inspections"] = inspections
        due_before = vacant.due_before(self.access.community)
        context["due"] = not inspections or inspections[0].inspected_on < due_before
        context["holdings"] = restricted(KeyHolding, self.access).filter(unit=unit)
        context["can_change"] = self.access.has("occupancy.vacant.change")
        all_ok = dict.fromkeys(VacantInspection.CHECKS, True)
        context.setdefault("inspect_form", forms.VacantInspectionForm(initial=all_ok))
        context.setdefault("keys_form", forms.ReceiveKeysForm())
        context["return_form"] = forms.ReturnKeysForm()
        return context


class KeyHoldingCommandView(CommandView):
    """Keys given back, posted from the unit's page."""

    commands = KEY_COMMANDS


class VacantInspectionMixin(ScopedObjectMixin):
    model = VacantInspection
    perm_prefix = "occupancy.vacant"
    url_base = "occupancy:vacantinspection"
    related = ("unit__building", "work_order", "created_by")
    page_actions = ("view",)


class VacantInspectionListView(VacantInspectionMixin, ObjectListView):
    filterset_class = filtersets.VacantInspectionFilterSet
    table_class = tables.VacantInspectionTable


class VacantInspectionDetailView(VacantInspectionMixin, ObjectDetailView):
    template_name = "occupancy/vacantinspection_detail.html"
    detail_fields = [
        "unit",
        "inspected_on",
        *VacantInspection.CHECKS,
        "findings",
        "work_order",
        "created_by",
    ]


class VacantInspectionPhotoView(StoredFileView):
    """An inspection's photo, only to those who may see the inspection."""

    model = VacantInspection
    permission = "occupancy.vacant.view"


class OccupancySettingsView(AccessMixin, TemplateView):
    """The community's occupancy settings (how often vacant units are inspected), the
    defaults until changed."""

    template_name = "occupancy/settings.html"
    permission = "occupancy.setup.view"
    title = gettext_lazy("Occupancy settings")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        settings = vacant.settings_for(self.access.community)
        context["settings"] = settings
        context["can_change"] = self.access.has("occupancy.setup.change")
        context.setdefault("form", forms.OccupancySettingsForm(instance=settings))
        return context

    def post(self, request):
        if not self.access.has("occupancy.setup.change"):
            raise PermissionDenied
        form = forms.OccupancySettingsForm(request.POST)
        if form.is_valid():
            vacant.save_settings(
                community=self.access.community, actor=request.user, **form.cleaned_data
            )
            messages.success(request, _("Occupancy settings saved."))
            return redirect("occupancy:settings")
        return self.render_to_response(self.get_context_data(form=form), status=400)
