"""Units and the unit card (一户一档)."""

from django.db.models import Case, IntegerField, Value, When

from wuye.core.views import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
)
from wuye.org.models import Membership

from .. import filtersets, forms, tables
from ..choices import RelationRole
from ..models import UNIT_NATURAL_ORDER, Facility, Unit
from ..panels import panels_for


class UnitMixin(ScopedObjectMixin):
    model = Unit
    perm_prefix = "estate.unit"
    url_base = "estate:unit"
    related = ("building",)


class UnitListView(UnitMixin, ObjectListView):
    filterset_class = filtersets.UnitFilterSet
    table_class = tables.UnitTable
    importer_key = "estate.units"

    def get_queryset(self):
        queryset = super().get_queryset()
        # A customer-service representative sees the units of his own zones first.
        zones = [
            pk
            for pk in Membership.objects.for_access(self.access)
            .filter(user=self.request.user, is_active=True)
            .values_list("zones", flat=True)
            if pk is not None
        ]
        if zones:
            queryset = queryset.annotate(
                mine=Case(
                    When(building__zone__in=zones, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            ).order_by("mine", *UNIT_NATURAL_ORDER)
        return queryset


class UnitDetailView(UnitMixin, ObjectDetailView):
    template_name = "estate/unit_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = self.object
        relations = list(unit.relations.select_related("person").order_by("role", "-start_date"))
        context["current_relations"] = [r for r in relations if r.is_current]
        context["past_relations"] = [r for r in relations if not r.is_current]
        context["vehicles"] = unit.vehicles.select_related("person", "space")
        context["spaces"] = unit.parking_spaces.select_related("area", "person")
        context["meters"] = unit.meters.order_by("-is_active", "kind")
        context["facilities"] = Facility.objects.for_access(self.access).filter(
            building=unit.building
        )[:10]
        context["panels"] = panels_for(unit, self.access)
        context["can_relate"] = self.access.has("estate.person.change")
        context["show_full_id"] = self.access.has("estate.person.view_id")
        context["roles"] = RelationRole.choices
        return context


class UnitEditView(UnitMixin, ObjectEditView):
    form_class = forms.UnitForm

    def get_form(self, data=None, files=None):
        form = super().get_form(data, files)
        building = self.request.GET.get("building")
        if self.object is None and data is None and building:
            form.initial["building"] = building
        return form


class UnitDeleteView(UnitMixin, ObjectDeleteView):
    pass
