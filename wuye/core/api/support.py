"""API settings objects DRF imports by dotted path; kept apart from api.py (import cycles)."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from ..errors import DomainError


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500


def exception_handler(exc, context):
    """One error body for the whole API: {"error": {"code", "message", "fields"}}."""
    if isinstance(exc, DomainError):
        fields = {exc.field: [str(exc.message)]} if exc.field else {}
        return Response(
            {"error": {"code": exc.code, "message": str(exc.message), "fields": fields}},
            status=status.HTTP_403_FORBIDDEN
            if exc.code == "permission_denied"
            else status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    from rest_framework.views import exception_handler as drf_exception_handler

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
                fields[key] = [str(v) for v in items]
        else:
            items = data if isinstance(data, list) else [data]
            fields["non_field_errors"] = [str(v) for v in items]
        code = "invalid"
    else:
        message = str(data.get("detail", "")) if isinstance(data, dict) else str(data)
        code = getattr(getattr(exc, "detail", None), "code", None) or getattr(
            exc, "default_code", "error"
        )
    response.data = {"error": {"code": str(code), "message": message, "fields": fields}}
    return response
