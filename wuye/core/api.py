"""API building blocks: the same scoping, permission matrix and services as the pages."""

from rest_framework import exceptions, permissions, status, viewsets
from rest_framework.response import Response

from .access import get_access
from .services import delete_object, save_object

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
    related = ()
    prefetch = ()
    extra_action_perms: dict[str, str] = {}

    def get_required_permission(self):
        kind = self.extra_action_perms.get(self.action) or ACTION_PERMS.get(self.action, "view")
        return f"{self.perm_prefix}.{kind}"

    def get_queryset(self):
        queryset = self.queryset.model.objects.for_access(get_access(self.request))
        if self.related:
            queryset = queryset.select_related(*self.related)
        if self.prefetch:
            queryset = queryset.prefetch_related(*self.prefetch)
        return queryset

    # Writes: the page's form validates (same rules, same Chinese messages), a service saves.
    form_class = None

    def get_form(self, data, instance=None):
        return self.form_class(data=data, instance=instance, access=get_access(self.request))

    def form_data(self, instance, partial):
        data = {}
        if partial and instance is not None:
            unbound = self.get_form(None, instance)
            data = {name: unbound[name].value() for name in unbound.fields}
        incoming = self.request.data
        for key in incoming:
            value = incoming.getlist(key) if hasattr(incoming, "getlist") else incoming[key]
            if hasattr(incoming, "getlist") and len(value) == 1:
                value = value[0]
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
