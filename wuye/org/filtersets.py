import django_filters
from django.utils.translation import gettext_lazy as _

from wuye.core.filtersets import BaseFilterSet, YesNoFilter

from .choices import DepartmentKind, Post
from .models import Community, Delegation, Department, Membership, Zone


class StaffFilterSet(BaseFilterSet):
    search_fields = ("user__username", "user__name", "user__phone")
    post = django_filters.ChoiceFilter(label=_("Post"), choices=Post.choices)
    department = django_filters.ModelChoiceFilter(
        label=_("Department"), queryset=Department.objects.all()
    )
    zone = django_filters.ModelChoiceFilter(
        label=_("Zone"), field_name="zones", queryset=Zone.objects.all()
    )
    is_active = YesNoFilter(label=_("In post"))

    class Meta:
        model = Membership
        fields = ["post", "department", "zone", "is_active"]


class DepartmentFilterSet(BaseFilterSet):
    search_fields = ("name", "phone")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=DepartmentKind.choices)

    class Meta:
        model = Department
        fields = ["kind"]


class ZoneFilterSet(BaseFilterSet):
    search_fields = ("code", "name", "note", "responsible__name", "responsible__username")

    class Meta:
        model = Zone
        fields = ["responsible"]


class DelegationFilterSet(BaseFilterSet):
    search_fields = ("delegate__name", "delegate__username", "reason")

    class Meta:
        model = Delegation
        fields = ["delegate"]


class CommunityFilterSet(BaseFilterSet):
    search_fields = ("code", "name", "address")

    class Meta:
        model = Community
        fields = ["service_grade"]
