import datetime as dt

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.access import get_access
from wuye.core.filtersets import BaseFilterSet
from wuye.estate.models import Building, Unit

from .choices import AgreementStatus, PassStatus, PermitStatus
from .models import (
    DecorationPermit,
    Handover,
    HandoverDefect,
    Listing,
    MoveIn,
    MunicipalRequest,
    PaidService,
    ParkingAgreement,
    ReleasePass,
    ServiceOrder,
    VacantInspection,
)
from .services.vacant import due_before


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


class ParkingAgreementFilterSet(BaseFilterSet):
    search_fields = ("number", "space__number", "unit__code", "party_name", "plates")
    expiring = django_filters.BooleanFilter(
        label=_("ending within 30 days"), method="filter_expiring"
    )
    in_force_on = django_filters.DateFilter(label=_("in force on"), method="filter_in_force")

    class Meta:
        model = ParkingAgreement
        fields = ["kind", "billing", "status", "expiring", "in_force_on"]

    def filter_expiring(self, queryset, name, value):
        if value is None:
            return queryset
        today = timezone.localdate()
        ending = {
            "status": AgreementStatus.SIGNED,
            "end_date__gte": today,
            "end_date__lte": today + dt.timedelta(days=30),
        }
        return queryset.filter(**ending) if value else queryset.exclude(**ending)

    def filter_in_force(self, queryset, name, value):
        return queryset.filter(
            status=AgreementStatus.SIGNED, start_date__lte=value, end_date__gte=value
        )


class MunicipalRequestFilterSet(BaseFilterSet):
    search_fields = ("number", "unit__code", "applicant_name", "applicant_phone", "provider")

    class Meta:
        model = MunicipalRequest
        fields = ["service", "status"]


class HandoverFilterSet(BaseFilterSet):
    search_fields = ("number", "name", "developer__name")

    class Meta:
        model = Handover
        fields = ["status"]


class HandoverDefectFilterSet(BaseFilterSet):
    search_fields = ("location", "description", "work_order__number")
    overdue = django_filters.BooleanFilter(label=_("overdue"), method="filter_overdue")

    class Meta:
        model = HandoverDefect
        fields = ["handover", "system", "severity", "status", "overdue"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(status="open", due_date__lt=timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)


class ListingFilterSet(BaseFilterSet):
    search_fields = ("number", "unit__code", "owner_name", "owner_phone")

    class Meta:
        model = Listing
        fields = ["kind", "status"]


class PaidServiceFilterSet(BaseFilterSet):
    search_fields = ("name",)

    class Meta:
        model = PaidService
        fields = ["category", "is_active"]


class ServiceOrderFilterSet(BaseFilterSet):
    search_fields = ("number", "unit__code", "contact_name", "contact_phone")

    class Meta:
        model = ServiceOrder
        fields = ["service", "channel", "status", "wanted_on"]


class MoveInFilterSet(BaseFilterSet):
    search_fields = ("number", "unit__code", "owner_name", "owner_phone")
    appointment_date = django_filters.DateFilter(label=_("appointment day"))
    building = django_filters.ModelChoiceFilter(
        label=_("building"), field_name="unit__building", queryset=Building.objects.all()
    )

    class Meta:
        model = MoveIn
        fields = ["appointment_date", "building", "status"]


class VacantUnitFilterSet(BaseFilterSet):
    search_fields = ("code",)
    building = django_filters.ModelChoiceFilter(
        label=_("building"), queryset=Building.objects.all()
    )
    due = django_filters.BooleanFilter(label=_("inspection due"), method="filter_due")

    class Meta:
        model = Unit
        fields = ["building", "status", "use", "due"]

    def filter_due(self, queryset, name, value):
        if value is None:
            return queryset
        cutoff = due_before(get_access(self.request).community)
        due = Q(last_inspected__isnull=True) | Q(last_inspected__lt=cutoff)
        return queryset.filter(due) if value else queryset.exclude(due)


class VacantInspectionFilterSet(BaseFilterSet):
    search_fields = ("unit__code", "findings")
    problems = django_filters.BooleanFilter(label=_("with problems"), method="filter_problems")

    class Meta:
        model = VacantInspection
        fields = ["problems"]

    def filter_problems(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(work_order__isnull=not value)


class DecorationPermitFilterSet(BaseFilterSet):
    search_fields = ("number", "unit__code", "applicant_name", "contractor", "contractor_leader")
    period = django_filters.ChoiceFilter(
        label=_("works"),
        method="filter_period",
        choices=[("ending", _("ending within 3 days")), ("overdue", _("overdue"))],
    )

    class Meta:
        model = DecorationPermit
        fields = ["status", "period"]

    def filter_period(self, queryset, name, value):
        today = timezone.localdate()
        issued = queryset.filter(status=PermitStatus.ISSUED)
        if value == "ending":
            return issued.filter(end_date__gte=today, end_date__lte=today + dt.timedelta(days=3))
        if value == "overdue":
            return issued.filter(end_date__lt=today)
        return queryset
