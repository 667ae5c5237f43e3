"""API building blocks: the same scoping, permission matrix and services as the pages."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from rest_framework import exceptions, mixins, parsers, permissions, serializers, status, viewsets
from rest_framework.response import Response

from ..access import get_access
from ..models import restricted
from ..scoping import check_scoped
from ..services import delete_object, save_object
from .fields import (
    INT64_MAX,
    WrongType,
    check_fields,
    check_text,
    flatten,
    form_fields,
    from_text,
    require_object,
)

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


def validated_form(form):
    """The form once valid, or a 400 naming every bad field with the page's messages."""
    if not form.is_valid():
        raise exceptions.ValidationError(
            {
                (k if k != "__all__" else "non_field_errors"): [str(m) for m in v]
                for k, v in form.errors.items()
            }
        )
    return form


def bind_form(form_class, request, **kwargs):
    """A plain Django form bound to the request body (JSON types checked against the form's
    fields first), valid, or a 400 naming every bad field. Its schema is
    `fields.form_serializer(form_class)`."""
    data = body_for_form(form_class(**kwargs), request.data)
    return validated_form(form_class(data=data, **kwargs))


def body_for_form(form, incoming, *, base=None):
    """A request body as data for a Django form, after its JSON types were checked against the
    form's own fields (the schema is made from the same fields). `base` holds the values a
    field takes when the body leaves it out. Files go to the form separately (`request.FILES`)."""
    incoming = require_object(incoming)
    fields = {name: field for name, field in form_fields(form).items() if name in incoming}
    text = hasattr(incoming, "getlist")  # multipart: every value arrives as text
    errors = check_text(fields, incoming, nulls=True) if text else check_fields(fields, incoming)
    for name, form_field in form.fields.items():
        if isinstance(form_field, forms.FileField) and name in incoming and not text:
            errors[name] = [_("Send files as multipart/form-data.")]
    if errors:
        raise WrongType(flatten(errors))
    data = dict(base or {})
    for name, field in fields.items():
        if isinstance(form.fields[name], forms.FileField):
            continue
        if text:
            texts = incoming.getlist(name)
            if isinstance(field, serializers.ListField):
                value = [from_text(field.child, t) for t in texts]
            elif field.allow_null and texts[-1] in ("", "null"):
                value = None
            else:
                value = from_text(field, texts[-1])
        else:
            value = incoming[name]
        data[name] = value
    return data


class ScopedMixin(viewsets.GenericViewSet):
    """What every API view of records shares: rows from `for_access`, permission from the
    matrix, writes validated by the page's form and saved by a service."""

    permission_classes = [RolePermission]
    perm_prefix = ""
    related: tuple[str, ...] = ()
    prefetch: tuple[str | Prefetch, ...] = ()
    extra_action_perms: dict[str, str] = {}

    # Actions that take files (multipart/form-data), with the names of the files they take;
    # every other action reads JSON only, so no file can be sent and silently dropped.
    upload_actions: dict[str, tuple[str, ...]] = {}

    def _current_action(self):
        action = getattr(self, "action", None)
        if action is None and getattr(self, "request", None) is not None:
            action = getattr(self, "action_map", {}).get((self.request.method or "").lower())
        return action

    def get_parsers(self):
        found = super().get_parsers()
        if self._current_action() in self.upload_actions:
            found = [*found, parsers.MultiPartParser()]
        return found

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        taken = self.upload_actions.get(self.action)
        if taken is not None:
            unknown = sorted(set(request.FILES) - set(taken))
            if unknown:
                raise exceptions.ValidationError(
                    {
                        name: [_("This operation takes no file named “%(name)s”.") % {"name": name}]
                        for name in unknown
                    }
                )

    def get_required_permission(self):
        if (self.request.method or "").lower() not in self.http_method_names:
            return None  # DRF answers 405 Method Not Allowed
        kind = self.extra_action_perms.get(self.action) or ACTION_PERMS.get(self.action, "view")
        return f"{self.perm_prefix}.{kind}"

    def get_queryset(self):
        return restricted(
            self.model_class(),
            get_access(self.request),
            related=self.related,
            prefetch=self.prefetch,
        )

    def filter_queryset(self, queryset):
        # Whatever a subclass's get_queryset did, the rows shown went through for_access.
        check_scoped(queryset, f"{type(self).__name__}.get_queryset()")
        return super().filter_queryset(queryset)

    def model_class(self) -> type:
        """The viewset's model (from its `queryset`, which is only ever read through here)."""
        queryset = type(self).queryset
        assert queryset is not None, f"{type(self).__name__} declares no queryset"
        return queryset.model

    def get_object(self):
        # Ids are positive 64-bit integers: anything else names no record (and must not reach
        # the database, which refuses to compare with a number beyond its range).
        if (self.lookup_url_kwarg or self.lookup_field) == "pk":
            value = str(self.kwargs.get("pk", ""))
            if not (value.isascii() and value.isdigit() and 0 < int(value) <= INT64_MAX):
                raise exceptions.NotFound()
        return super().get_object()

    # Writes: the page's form validates (same rules, same Chinese messages), a service saves.
    form_class: type[forms.BaseForm] | None = None

    def get_form(self, data, instance=None):
        files = self.request.FILES if data is not None else None
        assert self.form_class is not None, f"{type(self).__name__} declares no form_class"
        form_class: Any = self.form_class  # a ScopedModelForm: takes instance= and access=
        return form_class(
            data=data, files=files or None, instance=instance, access=get_access(self.request)
        )

    def form_data(self, instance, partial):
        """The request body as form data: partial updates start from the record's current
        values; fields left out of a full write take the form's defaults (not "false")."""
        unbound = self.get_form(None, instance if partial else None)
        base = {
            name: unbound[name].value()
            for name in unbound.fields
            if partial or unbound[name].value() is not None
        }
        return body_for_form(unbound, self.request.data, base=base)

    # A record made by a service rather than saved from the form (as on the page): a plain
    # function, called as create_service(community=, actor=, **form.cleaned_data).
    create_service: Callable[..., Any] | None = None
    # … and a change made by a service: update_service(record, actor=, **form.cleaned_data).
    update_service: Callable[..., Any] | None = None

    def save_form(self, form):
        community = get_access(self.request).community
        create = type(self).create_service  # read from the class: the function, not a method
        instance = getattr(form, "instance", None)
        if getattr(instance, "pk", None) is None and create is not None:
            return create(community=community, actor=self.request.user, **form.cleaned_data)
        update = type(self).update_service
        if instance is not None and instance.pk is not None and update is not None:
            return update(instance, actor=self.request.user, **form.cleaned_data)
        return save_object(form, actor=self.request.user, community=community)

    def _write(self, request, instance, partial, status_code):
        form = validated_form(self.get_form(self.form_data(instance, partial), instance))
        obj = self.save_form(form)
        return Response(
            self.get_serializer(self.get_queryset().get(pk=obj.pk)).data, status=status_code
        )

    def get_serializer_context(self):
        context = dict(super().get_serializer_context())
        context["access"] = get_access(self.request)
        return context


class ScopedViewSet(ScopedMixin, viewsets.ModelViewSet):
    """A model's API: rows from `for_access`, permission from the matrix, writes via services.
    Without a form there is nothing to write with: never a serializer's save()."""

    def create(self, request, *args, **kwargs):
        if self.form_class is None:
            raise exceptions.MethodNotAllowed(request.method)
        return self._write(request, None, False, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        if self.form_class is None:
            raise exceptions.MethodNotAllowed(request.method)
        return self._write(
            request, self.get_object(), kwargs.get("partial", False), status.HTTP_200_OK
        )

    def perform_destroy(self, instance):
        delete_object(instance, actor=self.request.user)


class ScopedReadOnlyViewSet(ScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Records read through the API; changed only by the actions a subclass declares (there
    is no generic create, update or delete to fall into)."""
