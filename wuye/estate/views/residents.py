"""Residents, and their relations to units: adding, ending, and the sale of a unit."""

from typing import Any

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wuye.core.errors import DomainError
from wuye.core.views import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
)

from .. import filtersets, forms, services, tables
from ..choices import RelationRole
from ..models import Person, Unit, UnitRelation
from .units import UnitMixin


class UnitFormPage(UnitMixin, TemplateView):
    """A form about one unit, reached from its card: the unit, the title, the way back."""

    perm_prefix = "estate.person"
    action = "change"
    heading: Any = ""  # the title, with %(unit)s
    step: Any = ""  # the last breadcrumb

    def get_unit(self):
        return get_object_or_404(
            Unit.objects.for_access(self.access).select_related("building"), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = self.get_unit()
        context["unit"] = unit
        context["title"] = self.heading % {"unit": unit}
        context["breadcrumbs"] = [
            (_("Units"), reverse("estate:unit_list")),
            (str(unit), unit.get_absolute_url()),
            (self.step, None),
        ]
        return context


class RelationAddView(UnitFormPage):
    """Add an owner, family member or tenant to a unit from its card."""

    template_name = "estate/relation_form.html"
    heading = gettext_lazy("Add a resident to %(unit)s")
    step = gettext_lazy("Add resident")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = context["unit"]
        if "form" not in context:
            role = self.request.GET.get("role", RelationRole.OWNER)
            context["form"] = forms.RelationForm(
                access=self.access,
                target=unit,
                initial={"role": role, "start_date": timezone.localdate()},
            )
        return context

    def post(self, request, pk):
        unit = self.get_unit()
        form = forms.RelationForm(request.POST, access=self.access, target=unit)
        if form.is_valid():
            person = form.cleaned_data["person"]
            try:
                relation = services.add_resident(
                    unit=unit,
                    new_person=form.person_form.save(commit=False) if person is None else None,
                    actor=request.user,
                    **form.cleaned_data,
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            else:
                messages.success(
                    request,
                    _("%(person)s added to %(unit)s.") % {"person": relation.person, "unit": unit},
                )
                return redirect(unit.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class RelationEndView(ScopedObjectMixin, TemplateView):
    model = UnitRelation
    perm_prefix = "estate.person"
    url_base = "estate:unit"
    action = "change"
    template_name = "estate/relation_end.html"
    related = ("unit__building", "person")

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        relation = self.get_object()
        context["relation"] = relation
        context["title"] = _("End: %(relation)s") % {"relation": relation}
        context.setdefault(
            "form", forms.EndRelationForm(initial={"end_date": timezone.localdate()})
        )
        context["breadcrumbs"] = [
            (_("Units"), reverse("estate:unit_list")),
            (str(relation.unit), relation.unit.get_absolute_url()),
            (_("End relation"), None),
        ]
        return context

    def post(self, request, pk):
        relation = self.get_object()
        form = forms.EndRelationForm(request.POST)
        if form.is_valid():
            try:
                services.end_relation(
                    relation,
                    end_date=form.cleaned_data["end_date"],
                    reason=form.cleaned_data["end_reason"],
                    actor=request.user,
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            else:
                messages.success(
                    request, _("The relation was ended; it stays in the unit's history.")
                )
                return redirect(relation.unit.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class TransferView(UnitFormPage):
    """Record a sale: current owners end, buyers begin; history is kept."""

    template_name = "estate/transfer_form.html"
    heading = gettext_lazy("Transfer of ownership: %(unit)s")
    step = gettext_lazy("Transfer")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault(
            "form", forms.TransferForm(access=self.access, initial={"date": timezone.localdate()})
        )
        return context

    def post(self, request, pk):
        unit = self.get_unit()
        form = forms.TransferForm(request.POST, access=self.access)
        if form.is_valid():
            try:
                services.transfer_ownership(
                    unit=unit,
                    new_owners=form.new_owners(),
                    date=form.cleaned_data["date"],
                    reason=form.cleaned_data["reason"],
                    actor=request.user,
                )
            except DomainError as exc:
                form.add_error(None, str(exc.message))
            else:
                messages.success(request, _("Ownership transferred."))
                return redirect(unit.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class PersonMixin(ScopedObjectMixin):
    model = Person
    perm_prefix = "estate.person"
    url_base = "estate:person"


class PersonListView(PersonMixin, ObjectListView):
    filterset_class = filtersets.PersonFilterSet
    table_class = tables.PersonTable
    importer_key = "estate.units"

    def get_queryset(self):
        # Each person's units today (房号 and role), in one more query for the page.
        current = UnitRelation.objects.current().select_related("unit").order_by("unit__code")
        return (
            super()
            .get_queryset()
            .prefetch_related(Prefetch("relations", queryset=current, to_attr="current_relations"))
        )

    def get_table_kwargs(self):
        return {"show_full_id": self.access.has("estate.person.view_id")}


class PersonDetailView(PersonMixin, ObjectDetailView):
    template_name = "estate/person_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        context["relations"] = person.relations.select_related("unit__building").order_by(
            "-start_date"
        )
        context["vehicles"] = person.vehicles.all()
        context["spaces"] = person.parking_spaces.select_related("area")
        context["show_full_id"] = self.access.has("estate.person.view_id")
        return context


class PersonEditView(PersonMixin, ObjectEditView):
    form_class = forms.PersonForm


class PersonDeleteView(PersonMixin, ObjectDeleteView):
    pass
