import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.filtersets import BaseFilterSet

from .choices import PassStatus
from .models import ReleasePass


class ReleasePassFilterSet(BaseFilterSet):
    search_fields = ("number", "unit__code", "applicant_name", "applicant_phone", "vehicle_plate")
    valid_on = django_filters.DateFilter(label=_("valid on"), method="filter_valid_on")
    expired = django_filters.BooleanFilter(
        label=_("approved but expired unused"), method="filter_expired"
    )

    class Meta:
        model = ReleasePass
        fields = ["status", "reason", "applicant_role", "valid_on", "expired"]

    def filter_valid_on(self, queryset, name, value):
        return queryset.filter(valid_from__lte=value, valid_until__gte=value)

    def filter_expired(self, queryset, name, value):
        if value is None:
            return queryset
        lapsed = {"status": PassStatus.APPROVED, "valid_until__lt": timezone.localdate()}
        return queryset.filter(**lapsed) if value else queryset.exclude(**lapsed)
