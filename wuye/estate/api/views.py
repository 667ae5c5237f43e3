"""The registry's REST API: the same scoping, FilterSets, forms and services as the pages."""

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from wuye.core.access import get_access
from wuye.core.api.base import ScopedReadOnlyViewSet, ScopedViewSet, bind_form
from wuye.core.api.fields import form_serializer
from wuye.core.filtersets import BaseFilterSet

from .. import filtersets, forms, services
from ..choices import RelationRole
from ..models import (
    Building,
    ExternalContact,
    Facility,
    LiaisonLog,
    Meter,
    ParkingArea,
    ParkingSpace,
    Person,
    Unit,
    UnitRelation,
    Vehicle,
    Vendor,
)
from . import serializers


class UnitRelationFilterSet(BaseFilterSet):
    """Relations of one unit or one resident (pickers limited to the current community)."""

    unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.all())
    person = django_filters.ModelChoiceFilter(queryset=Person.objects.all())
    role = django_filters.ChoiceFilter(choices=RelationRole.choices)

    class Meta:
        model = UnitRelation
        fields = ["unit", "person", "role"]


class BuildingViewSet(ScopedViewSet):
    queryset = Building.objects.all()
    serializer_class = serializers.BuildingSerializer
    filterset_class = filtersets.BuildingFilterSet
    form_class = forms.BuildingForm
    perm_prefix = "estate.building"
    ordering_fields = ["sort_key", "number", "name", "floors", "completed_on"]


class UnitViewSet(ScopedViewSet):
    """Units. `q` understands a unit as people say it (3-2-1501, 3栋2单元1501), an owner's
    name or phone. Residents are linked with POST units/{id}/residents/."""

    queryset = Unit.objects.all()
    serializer_class = serializers.UnitSerializer
    filterset_class = filtersets.UnitFilterSet
    form_class = forms.UnitForm
    perm_prefix = "estate.unit"
    related = ("building",)
    ordering_fields = ["code", "floor", "number", "gross_area", "inner_area", "status"]

    def get_required_permission(self):
        if self.action == "residents":
            # Relations belong to the residents' register, whatever the route.
            return "estate.person.change"
        return super().get_required_permission()

    @extend_schema(
        request=form_serializer(forms.ResidentLinkForm),
        responses={201: serializers.UnitRelationSerializer},
    )
    @action(detail=True, methods=["post"])
    def residents(self, request, pk=None):
        """Link a registered resident to the unit as owner, family member or tenant."""
        unit = self.get_object()
        form = bind_form(forms.ResidentLinkForm, request, target=unit, access=get_access(request))
        relation = services.add_relation(unit=unit, actor=request.user, **form.cleaned_data)
        relation = UnitRelation.objects.select_related("unit__building", "person").get(
            pk=relation.pk
        )
        return Response(
            serializers.UnitRelationSerializer(
                relation, context=self.get_serializer_context()
            ).data,
            status=status.HTTP_201_CREATED,
        )


class PersonViewSet(ScopedViewSet):
    """Residents. `q` finds a name, pinyin (zhangsan), initials (zs), a phone or an ID number."""

    queryset = Person.objects.all()
    serializer_class = serializers.PersonSerializer
    filterset_class = filtersets.PersonFilterSet
    form_class = forms.PersonForm
    perm_prefix = "estate.person"
    ordering_fields = ["pinyin", "name", "created_at"]

    def form_data(self, instance, partial):
        data = super().form_data(instance, partial)
        # A caller who reads masked ID numbers sends them back masked (PUT of what GET gave):
        # that means "unchanged", never "store the asterisks".
        if (
            instance is not None
            and instance.id_number
            and not get_access(self.request).has("estate.person.view_id")
            and data.get("id_number") == instance.masked_id_number
        ):
            data["id_number"] = instance.id_number
        return data


class UnitRelationViewSet(ScopedReadOnlyViewSet):
    """Relations of residents to units, current and past. Read-only: they are added on the
    unit (units/{id}/residents/) and ended here, so the history is never lost."""

    queryset = UnitRelation.objects.all()
    serializer_class = serializers.UnitRelationSerializer
    perm_prefix = "estate.person"
    related = ("unit__building", "person")
    http_method_names = ["get", "post", "head", "options"]
    extra_action_perms = {"end": "change"}
    filterset_class = UnitRelationFilterSet
    ordering_fields = ["start_date", "end_date", "role"]

    @extend_schema(
        request=form_serializer(forms.EndRelationForm),
        responses=serializers.UnitRelationSerializer,
    )
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        """End the relation (moved out, lease over, sold); the row stays as history."""
        relation = self.get_object()
        form = bind_form(forms.EndRelationForm, request)
        services.end_relation(
            relation,
            end_date=form.cleaned_data["end_date"],
            reason=form.cleaned_data["end_reason"],
            actor=request.user,
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=relation.pk)).data)


class ParkingAreaViewSet(ScopedViewSet):
    queryset = ParkingArea.objects.all()
    serializer_class = serializers.ParkingAreaSerializer
    filterset_class = filtersets.ParkingAreaFilterSet
    form_class = forms.ParkingAreaForm
    perm_prefix = "estate.parking"
    ordering_fields = ["name"]


class ParkingSpaceViewSet(ScopedViewSet):
    queryset = ParkingSpace.objects.all()
    serializer_class = serializers.ParkingSpaceSerializer
    filterset_class = filtersets.ParkingSpaceFilterSet
    form_class = forms.ParkingSpaceForm
    perm_prefix = "estate.parking"
    related = ("area", "unit__building", "person")
    ordering_fields = ["number", "kind", "size"]


class VehicleViewSet(ScopedViewSet):
    """Vehicles; plates are stored normalized (粤b d1234 5 → 粤BD12345)."""

    queryset = Vehicle.objects.all()
    serializer_class = serializers.VehicleSerializer
    filterset_class = filtersets.VehicleFilterSet
    form_class = forms.VehicleForm
    perm_prefix = "estate.vehicle"
    related = ("person", "unit__building")
    ordering_fields = ["plate", "brand", "is_active"]


class MeterViewSet(ScopedViewSet):
    """Meters of units, buildings and the community. A meter is swapped with
    POST meters/{id}/replace/, which keeps the old one (out of use) and its final reading."""

    queryset = Meter.objects.all()
    serializer_class = serializers.MeterSerializer
    filterset_class = filtersets.MeterFilterSet
    form_class = forms.MeterForm
    perm_prefix = "estate.meter"
    related = ("unit__building",)
    extra_action_perms = {"replace": "change"}
    ordering_fields = ["kind", "serial", "installed_on", "is_active"]

    @extend_schema(
        request=form_serializer(forms.MeterReplaceForm),
        responses={201: serializers.MeterSerializer},
    )
    @action(detail=True, methods=["post"])
    def replace(self, request, pk=None):
        """Replace the meter: the old one stops at its final reading, the new one starts."""
        meter = self.get_object()
        form = bind_form(forms.MeterReplaceForm, request)
        new_meter = services.replace_meter(meter, actor=request.user, **form.cleaned_data)
        return Response(
            self.get_serializer(self.get_queryset().get(pk=new_meter.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class FacilityViewSet(ScopedViewSet):
    queryset = Facility.objects.all()
    serializer_class = serializers.FacilitySerializer
    filterset_class = filtersets.FacilityFilterSet
    form_class = forms.FacilityForm
    perm_prefix = "estate.facility"
    ordering_fields = ["kind", "code", "name", "next_inspection", "status"]


class VendorViewSet(ScopedViewSet):
    queryset = Vendor.objects.all()
    serializer_class = serializers.VendorSerializer
    filterset_class = filtersets.VendorFilterSet
    form_class = forms.VendorForm
    perm_prefix = "estate.vendor"
    ordering_fields = ["category", "name", "contract_end"]


class ExternalContactViewSet(ScopedViewSet):
    queryset = ExternalContact.objects.all()
    serializer_class = serializers.ExternalContactSerializer
    filterset_class = filtersets.ExternalContactFilterSet
    form_class = forms.ExternalContactForm
    perm_prefix = "estate.contact"
    ordering_fields = ["kind", "organization", "contact_name"]


class LiaisonLogViewSet(ScopedViewSet):
    queryset = LiaisonLog.objects.all()
    serializer_class = serializers.LiaisonLogSerializer
    filterset_class = filtersets.LiaisonLogFilterSet
    form_class = forms.LiaisonLogForm
    perm_prefix = "estate.contact"
    related = ("contact",)
    ordering_fields = ["date", "channel", "subject"]
