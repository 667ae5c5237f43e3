"""List filters in the API: the pages' FilterSets, with query values read as the schema says.

A FilterSet built for an HTML form is forgiving: an empty date or "null" for yes/no means "no
filter". In the API a query value must be what its parameter's schema gives (a date, true or
false, an id), or the request is a 400; the parameters' schemas are made from the same form
fields as the check (fields.py), so the two cannot drift apart.
"""

import copy

from django import forms
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from rest_framework import serializers

from .fields import WrongType, api_field, check_text, flatten


def query_fields(form_field: forms.Field, name: str) -> dict[str, serializers.Field]:
    """{query parameter: API field} for one filter's form field (a range gives two)."""
    if isinstance(form_field, forms.MultiValueField):
        suffixes = getattr(form_field.widget, "suffixes", None) or ["min", "max"]
        found = {}
        for suffix, inner in zip(suffixes, form_field.fields, strict=False):
            found.update(query_fields(inner, f"{name}_{suffix}" if suffix else name))
        return found
    field = api_field(form_field, required=False)
    field.allow_null = False  # a query string has no null: "null" is text
    if isinstance(field, serializers.ListField):
        field.child.allow_null = False
    return {name: field}


def check_query(filterset, params) -> None:
    """Raise WrongType for query values that do not fit their filter's documented type."""
    fields = {}
    for name, form_field in filterset.form.fields.items():
        fields.update(query_fields(form_field, name))
    errors = check_text(fields, params)
    if errors:
        raise WrongType(flatten(errors))


class FilterBackend(DjangoFilterBackend):
    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            check_query(filterset, request.query_params)
        return filterset


class FilterExtension(DjangoFilterExtension):
    """The parameters of FilterBackend, typed by the same mapping as its check."""

    target_class = "wuye.core.api.filters.FilterBackend"
    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        # `.field` is cached on the filter: build it on a copy, never on the class's own filter
        # (a FilterSet copies its filters, and a cached field would keep every community's
        # records in its picker).
        fields = query_fields(copy.copy(filter_field).field, field_name)
        for parameter in parameters:
            field = fields.get(parameter["name"])
            if field is None:
                continue
            schema = auto_schema._map_serializer_field(field, "request")
            for key in ("title", "description", "readOnly", "writeOnly", "minLength"):
                schema.pop(key, None)
            parameter["schema"] = schema
        return parameters
