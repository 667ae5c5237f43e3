"""The OpenAPI schema says what the API does: error answers, nulls, exact JSON types.

drf-spectacular describes the happy path; this schema class adds what a client meets besides
it (the one error body for 400/401/403/404/409/415), marks values that come back null, takes
the body of a form-validated write from that form (see fields.py) and documents pagination only
where the answer is a page.
"""

from django import forms
from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

from .fields import INT64_MAX, INT64_MIN, decimal_pattern, form_serializer

WRITES = ("POST", "PUT", "PATCH", "DELETE")
FORM_ACTIONS = ("create", "update", "partial_update")

ERROR = inline_serializer(
    name="Error",
    fields={
        "error": inline_serializer(
            name="ErrorDetail",
            fields={
                "code": serializers.CharField(
                    help_text="invalid, wrong_type, parse_error, not_authenticated, "
                    "authentication_failed, permission_denied, not_found, conflict, locked…"
                ),
                "message": serializers.CharField(),
                "fields": serializers.DictField(
                    child=serializers.ListField(child=serializers.CharField()),
                    help_text="Messages by field; non_field_errors for the body as a whole",
                ),
            },
        )
    },
)

ERROR_RESPONSES = {
    "400": "The request is invalid: see `fields`",
    "401": "Not signed in, or the token is not valid",
    "403": "Not allowed for the caller's posts in this service center",
    "404": "No such record here (or no such page)",
    "409": "Collides with what was done before",
    "415": "Send JSON (or multipart/form-data where files are taken)",
}


class AutoSchema(SpectacularAutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = ["400", "401", "403", "404"]
        if self.method in WRITES:
            codes.append("409")
        if self.method in ("POST", "PUT", "PATCH"):
            codes.append("415")
        for code in codes:
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(ERROR, description=ERROR_RESPONSES[code]), code
                )
        return responses

    def get_request_serializer(self):
        form_class = getattr(self.view, "form_class", None)
        if form_class is not None and getattr(self.view, "action", None) in FORM_ACTIONS:
            body = form_serializer(form_class)
            if any(isinstance(f, forms.FileField) for f in form_class.base_fields.values()):
                return {
                    "application/json": body,
                    "multipart/form-data": form_serializer(form_class, files=True),
                }
            return body
        return super().get_request_serializer()

    def _get_paginator(self):
        # Only a list action answers with a page; other actions give their list whole.
        if getattr(self.view, "action", None) != "list":
            return None
        return super()._get_paginator()

    def _get_serializer_field_meta(self, field, direction):
        meta = super()._get_serializer_field_meta(field, direction)
        # A read-only value with `default=None` (a unit's code when there is no unit) comes
        # back null.
        if field.read_only and (field.default is None or _nullable_source(field)):
            meta["nullable"] = True
        return meta

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if not isinstance(schema, dict):
            return schema
        if isinstance(field, serializers.DecimalField) and schema.get("type") == "string":
            schema["pattern"] = decimal_pattern(field.max_digits, field.decimal_places)
        elif isinstance(field, serializers.IntegerField) and schema.get("type") == "integer":
            low = getattr(field, "min_value", None)
            high = getattr(field, "max_value", None)
            schema.setdefault("minimum", INT64_MIN if low is None else low)
            schema.setdefault("maximum", INT64_MAX if high is None else high)
        elif (
            isinstance(field, serializers.PrimaryKeyRelatedField)
            and schema.get("type") == "integer"
        ):
            schema.update(minimum=1, maximum=INT64_MAX)  # an id, whatever its column allows
        return schema


def _nullable_source(field) -> bool:
    """A declared read-only field whose source passes a nullable column (`actor` of an event
    without one, `payment.receipt.number`) gives null."""
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None or field.source == "*" or not getattr(field, "source_attrs", None):
        return False
    for attr in field.source_attrs:
        try:
            model_field = model._meta.get_field(attr)
        except FieldDoesNotExist:
            return False
        if model_field.null:
            return True
        if not model_field.is_relation or model_field.related_model is None:
            return False
        model = model_field.related_model
    return False


def postprocess_ids(result, generator, request, public):
    """Record ids in paths are positive 64-bit integers (anything else is a 404)."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            if not isinstance(operation, dict):
                continue
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "path" and parameter["schema"].get("type") == "integer":
                    parameter["schema"].setdefault("minimum", 1)
                    parameter["schema"].setdefault("maximum", INT64_MAX)
    return result
