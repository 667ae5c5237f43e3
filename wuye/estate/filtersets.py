import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wuye.core.filtersets import BaseFilterSet, YesNoFilter
from wuye.org.models import Zone

from .addresses import parse_unit_query
from .choices import (
    BuildingKind,
    ContactKind,
    FacilityKind,
    FacilityStatus,
    MeterKind,
    MeterScope,
    RelationRole,
    SpaceKind,
    UnitStatus,
    UnitUse,
    VendorCategory,
)
from .models import (
    Building,
    ExternalContact,
    Facility,
    LiaisonLog,
    Meter,
    ParkingArea,
    ParkingSpace,
    Person,
    Unit,
    Vehicle,
    Vendor,
)
from .validators import normalize_plate


class BuildingFilterSet(BaseFilterSet):
    search_fields = ("number", "name", "note")
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=BuildingKind.choices)
    zone = django_filters.ModelChoiceFilter(label=_("zone"), queryset=Zone.objects.all())

    class Meta:
        model = Building
        fields = ["kind", "zone"]


class UnitFilterSet(BaseFilterSet):
    building = django_filters.ModelChoiceFilter(
        label=_("building"), queryset=Building.objects.all()
    )
    zone = django_filters.ModelChoiceFilter(
        label=_("zone"), field_name="building__zone", queryset=Zone.objects.all()
    )
    use = django_filters.ChoiceFilter(label=_("use"), choices=UnitUse.choices)
    status = django_filters.ChoiceFilter(label=_("status"), choices=UnitStatus.choices)
    developer_held = YesNoFilter(label=_("held by the developer"))

    class Meta:
        model = Unit
        fields = ["building", "zone", "use", "status", "developer_held"]

    def search(self, queryset, name, value):
        """A unit as people say it (3-2-1501, 3栋2单元1501), an owner's name, or a phone."""
        value = (value or "").strip()
        if not value:
            return queryset
        parsed = parse_unit_query(value)
        condition = Q(code__icontains=value) | Q(note__icontains=value)
        if parsed is not None:
            condition |= parsed.q()
        condition |= Q(relations__person__name__icontains=value) | Q(
            relations__person__phone__startswith=value
        )
        return queryset.filter(condition).distinct()


class PersonFilterSet(BaseFilterSet):
    role = django_filters.ChoiceFilter(
        label=_("role"), choices=RelationRole.choices, field_name="relations__role", distinct=True
    )
    building = django_filters.ModelChoiceFilter(
        label=_("building"),
        queryset=Building.objects.all(),
        field_name="relations__unit__building",
        distinct=True,
    )

    class Meta:
        model = Person
        fields = ["role", "building", "gender"]

    def search(self, queryset, name, value):
        """Name, pinyin (zhangsan), initials (zs), phone, or ID number."""
        value = (value or "").strip()
        if not value:
            return queryset
        lowered = value.lower().replace(" ", "")
        condition = (
            Q(name__icontains=value) | Q(phone__startswith=value) | Q(phone2__startswith=value)
        )
        condition |= Q(id_number__iexact=value)
        if lowered.isascii() and lowered.isalpha():
            condition |= Q(pinyin__startswith=lowered) | Q(initials__startswith=lowered)
        return queryset.filter(condition)


class ParkingAreaFilterSet(BaseFilterSet):
    search_fields = ("name", "location")

    class Meta:
        model = ParkingArea
        fields = ["underground"]


class ParkingSpaceFilterSet(BaseFilterSet):
    search_fields = ("number", "person__name", "unit__code")
    area = django_filters.ModelChoiceFilter(
        label=_("parking area"), queryset=ParkingArea.objects.all()
    )
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=SpaceKind.choices)

    class Meta:
        model = ParkingSpace
        fields = ["area", "kind"]


class VehicleFilterSet(BaseFilterSet):
    search_fields = ("plate", "brand", "person__name", "person__phone")
    is_active = YesNoFilter(label=_("registered"))

    class Meta:
        model = Vehicle
        fields = ["is_active"]

    def search(self, queryset, name, value):
        """A plate however it is typed (粤b 12345), a brand, or the owner's name or phone."""
        value = (value or "").strip()
        if not value:
            return queryset
        condition = (
            Q(brand__icontains=value)
            | Q(person__name__icontains=value)
            | Q(person__phone__startswith=value)
        )
        plate = normalize_plate(value)
        if plate:
            condition |= Q(plate__icontains=plate)
        return queryset.filter(condition)


class MeterFilterSet(BaseFilterSet):
    search_fields = ("serial", "unit__code", "location")
    kind = django_filters.ChoiceFilter(label=_("meter type"), choices=MeterKind.choices)
    scope = django_filters.ChoiceFilter(label=_("scope"), choices=MeterScope.choices)
    building = django_filters.ModelChoiceFilter(
        label=_("building"), queryset=Building.objects.all()
    )
    is_active = YesNoFilter(label=_("in use"))

    class Meta:
        model = Meter
        fields = ["kind", "scope", "building", "is_active"]


class FacilityFilterSet(BaseFilterSet):
    search_fields = ("code", "name", "location", "registration_number")
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=FacilityKind.choices)
    status = django_filters.ChoiceFilter(label=_("status"), choices=FacilityStatus.choices)
    building = django_filters.ModelChoiceFilter(
        label=_("building"), queryset=Building.objects.all()
    )
    inspection_before = django_filters.DateFilter(
        label=_("statutory inspection due before"), field_name="next_inspection", lookup_expr="lte"
    )

    class Meta:
        model = Facility
        fields = ["kind", "status", "building", "vendor"]


class VendorFilterSet(BaseFilterSet):
    search_fields = ("name", "contact_name", "phone")
    category = django_filters.ChoiceFilter(label=_("category"), choices=VendorCategory.choices)
    contract_end_before = django_filters.DateFilter(
        label=_("contract ends before"), field_name="contract_end", lookup_expr="lte"
    )

    class Meta:
        model = Vendor
        fields = ["category"]


class ExternalContactFilterSet(BaseFilterSet):
    search_fields = ("organization", "contact_name", "phone")
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=ContactKind.choices)

    class Meta:
        model = ExternalContact
        fields = ["kind"]


class LiaisonLogFilterSet(BaseFilterSet):
    search_fields = ("subject", "content", "contact__organization")
    date_after = django_filters.DateFilter(label=_("from"), field_name="date", lookup_expr="gte")
    date_before = django_filters.DateFilter(label=_("until"), field_name="date", lookup_expr="lte")

    class Meta:
        model = LiaisonLog
        fields = ["contact", "channel"]
