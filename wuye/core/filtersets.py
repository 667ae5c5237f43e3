from functools import reduce
from operator import or_

import django_filters
from auditlog.models import LogEntry
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .access import get_access
from .forms import restrict_queryset
from .models import Event


class YesNoFilter(django_filters.BooleanFilter):
    """全部 / 是 / 否 instead of the bare “unknown / yes / no” select."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.Select(choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))]),
        )
        super().__init__(*args, **kwargs)


class BaseFilterSet(django_filters.FilterSet):
    """One FilterSet serves the HTML list and the API list. `q` searches `search_fields`."""

    search_fields: tuple[str, ...] = ()
    q = django_filters.CharFilter(method="search", label=_("Search"))

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        access = get_access(request) if request is not None else None
        for flt in self.filters.values():
            # A form field built on the class's filters (the OpenAPI schema does that) has
            # no label of its own, and the page would then say “Service grade”: each
            # filterset builds its fields afresh, labelled in the request's language.
            flt.__dict__.pop("_field", None)
            if isinstance(flt, (django_filters.ChoiceFilter, django_filters.ModelChoiceFilter)):
                flt.extra.setdefault("empty_label", _("All"))
            queryset = getattr(flt, "queryset", None)
            if queryset is not None and not callable(queryset):
                flt.queryset = restrict_queryset(queryset, access)

    def search(self, queryset, name, value):
        value = (value or "").strip()
        if not value or not self.search_fields:
            return queryset
        condition = reduce(or_, (Q(**{f"{f}__icontains": value}) for f in self.search_fields))
        return queryset.filter(condition).distinct()


class EventFilterSet(BaseFilterSet):
    search_fields = ("verb", "target_repr", "message", "actor__username", "actor__name")
    occurred_after = django_filters.DateFilter(
        field_name="occurred_at", lookup_expr="date__gte", label=_("From")
    )
    occurred_before = django_filters.DateFilter(
        field_name="occurred_at", lookup_expr="date__lte", label=_("Until")
    )
    acting_manager = YesNoFilter(label=_("As acting manager"))

    class Meta:
        model = Event
        fields = ["actor", "acting_manager"]


class LogEntryFilterSet(BaseFilterSet):
    search_fields = ("object_repr", "actor__username", "actor__name")
    timestamp_after = django_filters.DateFilter(
        field_name="timestamp", lookup_expr="date__gte", label=_("From")
    )
    timestamp_before = django_filters.DateFilter(
        field_name="timestamp", lookup_expr="date__lte", label=_("Until")
    )

    class Meta:
        model = LogEntry
        fields = ["action", "actor"]


class YearFilter(django_filters.NumberFilter):
    """A year (2000–2100) of a date field: `YearFilter(field_name="occurred_on")`."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("year"))
        kwargs.setdefault("lookup_expr", "year")
        kwargs.setdefault("min_value", 2000)
        kwargs.setdefault("max_value", 2100)
        super().__init__(*args, **kwargs)
