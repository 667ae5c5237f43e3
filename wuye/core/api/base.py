"""API building blocks: the same scoping, permission matrix and services as the pages."""

from django import forms
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from rest_framework import exceptions, permissions, status, viewsets
from rest_framework.response import Response

from ..access import get_access
from ..models import restricted
from ..services import delete_object, save_object

ACTION_PERMS = {
    "list": "view",
    "retrieve": "view",
    "create": "change",
    "update": "change",
    "partial_update": "change",
    "destroy": "delete",
}


class RolePermission(permissions.BasePermission):
    """Allow a viewset action when the post matrix allows `<perm_prefix>.<action kind>`."""

    def has_permission(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return False
        access = get_access(request)
        view.access = access
        if access.refused_community:
            raise exceptions.PermissionDenied(
                _("You hold no post in the service center “%(code)s” named by X-Community.")
                % {"code": access.refused_community}
            )
        code = view.get_required_permission() if hasattr(view, "get_required_permission") else None
        if code is None:
            return True
        if access.community is None:
            return False
        return access.has(code)


class ScopedViewSet(viewsets.ModelViewSet):
    """A model's API: rows from `for_access`, permission from the matrix, writes via services."""

    permission_classes = [RolePermission]
    perm_prefix = ""
    related: tuple[str, ...] = ()
    prefetch: tuple[str | Prefetch, ...] = ()
    extra_action_perms: dict[str, str] = {}

    def get_required_permission(self):
        kind = self.extra_action_perms.get(self.action) or ACTION_PERMS.get(self.action, "view")
        return f"{self.perm_prefix}.{kind}"

    def get_queryset(self):
        return restricted(
            self.queryset.model,
            get_access(self.request),
            related=self.related,
            prefetch=self.prefetch,
        )

    # Writes: the page's form validates (same rules, same Chinese messages), a service saves.
    form_class: type[forms.BaseForm] | None = None

    def get_form(self, data, instance=None):
        return self.form_class(data=data, instance=instance, access=get_access(self.request))

    def form_data(self, instance, partial):
        """The request body as form data: partial updates start from the record's current
        values; fields left out of a full write take the form's defaults (not "false")."""
        incoming = self.request.data
        if not isinstance(incoming, dict):
            raise exceptions.ValidationError({"non_field_errors": [_("Send a JSON object.")]})
        unbound = self.get_form(None, instance if partial else None)
        data = {
            name: unbound[name].value()
            for name in unbound.fields
            if partial or unbound[name].value() is not None
        }
        for key in incoming:
            field = unbound.fields.get(key)
            if hasattr(incoming, "getlist"):
                value = incoming.getlist(key)
                value = (
                    value
                    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)
                    else value[-1]
                )
            else:
                value = incoming[key]
            many = isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)
            if isinstance(value, dict) or (isinstance(value, list) and not many):
                raise exceptions.ValidationError({key: [_("Give a single value.")]})
            data[key] = value
        return data

    def save_form(self, form):
        return save_object(
            form, actor=self.request.user, community=get_access(self.request).community
        )

    def _write(self, request, instance, partial, status_code):
        form = self.get_form(self.form_data(instance, partial), instance)
        if not form.is_valid():
            raise exceptions.ValidationError(
                {
                    (k if k != "__all__" else "non_field_errors"): [str(m) for m in v]
                    for k, v in form.errors.items()
                }
            )
        obj = self.save_form(form)
        return Response(
            self.get_serializer(self.get_queryset().get(pk=obj.pk)).data, status=status_code
        )

    def create(self, request, *args, **kwargs):
        if self.form_class is None:
            return super().create(request, *args, **kwargs)
        return self._write(request, None, False, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        if self.form_class is None:
            return super().update(request, *args, **kwargs)
        return self._write(
            request, self.get_object(), kwargs.get("partial", False), status.HTTP_200_OK
        )

    def perform_destroy(self, instance):
        delete_object(instance, actor=self.request.user)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["access"] = get_access(self.request)
        return context


class ScopedReadOnlyViewSet(ScopedViewSet):
    http_method_names = ["get", "head", "options"]
