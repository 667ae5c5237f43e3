"""API settings objects DRF imports by dotted path; kept apart from api.py (import cycles)."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from ..errors import ConflictError, DomainError


class Pagination(PageNumberPagination):
    """Pages of 50 records by default; `page_size` up to 500 (more is cut to 500)."""

    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request):
        text = request.query_params.get(self.page_size_query_param)
        if text is None:
            return self.page_size
        if not (text.isascii() and text.isdigit() and int(text) > 0):
            # DRF would fall back to the default silently; a wrong page size is a mistake.
            raise exceptions.ValidationError(
                {self.page_size_query_param: [_("Give a whole number of at least 1.")]}
            )
        return min(int(text), self.max_page_size)

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count"].setdefault("minimum", 0)
        return response

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters


def exception_handler(exc, context):
    """One error body for the whole API: {"error": {"code", "message", "fields"}}."""
    if isinstance(exc, DomainError):
        fields = {exc.field: [str(exc.message)]} if exc.field else {}
        return Response(
            {"error": {"code": exc.code, "message": str(exc.message), "fields": fields}},
            status=_domain_status(exc),
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    fields = {}
    if isinstance(exc, exceptions.ValidationError):
        message = _("The submitted data is invalid.")
        if isinstance(data, dict):
            for key, value in data.items():
                items = value if isinstance(value, list) else [value]
                fields[key] = [_text(v) for v in items]
        else:
            items = data if isinstance(data, list) else [data]
            fields["non_field_errors"] = [_text(v) for v in items]
        # `wrong_type`: a value of another JSON type than the schema gives, found before any
        # business rule ran; `invalid`: the data is well formed but refused.
        code = str(exc.default_code)
    else:
        message = str(data.get("detail", "")) if isinstance(data, dict) else str(data)
        code = str(
            getattr(getattr(exc, "detail", None), "code", None)
            or getattr(exc, "default_code", "error")
        )
    response.data = {"error": {"code": str(code), "message": message, "fields": fields}}
    return response


def _domain_status(exc: DomainError) -> int:
    """403 for a refusal by post, 409 for a collision with what was done before, else 400."""
    if isinstance(exc, ConflictError):
        return status.HTTP_409_CONFLICT
    if exc.code == "permission_denied":
        return status.HTTP_403_FORBIDDEN
    return status.HTTP_400_BAD_REQUEST


def _text(value) -> str:
    """A message; errors of nested values (a list item, an object's field) flattened to text."""
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_text(inner)}" for key, inner in value.items())
    if isinstance(value, list):
        return "; ".join(_text(inner) for inner in value)
    return str(value)
