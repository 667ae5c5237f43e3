"""What the billing API's viewsets share: the request body, per-record action permissions."""

from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response

from wuye.core.access import get_access
from wuye.core.api.base import ScopedMixin


def request_data(request):
    if not isinstance(request.data, dict):
        raise exceptions.ValidationError({"non_field_errors": [_("Send a JSON object.")]})
    return request.data


# --- The cashier counter (BIL-06..08, BIL-11) ---------------------------------------------------


class ObjectActionPermissionMixin(ScopedMixin):
    """Actions on one record that need another permission than reading it (void, decide,
    confirm…). The permission is checked once the record is found, so another community's id
    is 404 for everybody, and a record of one's own without the permission is 403."""

    object_action_perms: dict[str, str] = {}

    def get_required_permission(self):
        if self.action in self.object_action_perms:
            return f"{self.perm_prefix}.view"
        return super().get_required_permission()

    def check_object_permissions(self, request, obj):
        super().check_object_permissions(request, obj)
        code = self.object_action_perms.get(self.action)
        if code and not get_access(request).has(code):
            self.permission_denied(request)

    def respond(self, obj, status_code=status.HTTP_200_OK, serializer_class=None):
        """The record as the list shows it, re-read through the scoped queryset."""
        if serializer_class is None:
            data = self.get_serializer(self.get_queryset().get(pk=obj.pk)).data
        else:
            data = serializer_class(obj, context=self.get_serializer_context()).data
        return Response(data, status=status_code)
