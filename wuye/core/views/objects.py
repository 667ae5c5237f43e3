"""The pages of one record: detail, create/edit through a service, delete; and `crud_views`,
the four pages of a simple model in one call."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, TemplateView

from ..errors import DomainError
from ..models import restricted
from ..photos import document_response
from ..services import delete_object, save_object
from .lists import ObjectListView
from .mixins import AccessMixin, ScopedObjectMixin


class ObjectDetailView(ScopedObjectMixin, DetailView):
    detail_fields: list[str] = []

    def get_template_names(self):
        names = [
            f"{self.model._meta.app_label}/{self.model._meta.model_name}_detail.html",
            "core/object_detail.html",
        ]
        return [self.template_name, *names] if self.template_name else names

    def get_breadcrumbs(self):
        return [self.list_crumb(), (str(self.object), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = str(self.object)
        context["fields"] = [_field_row(self.object, name) for name in self.detail_fields]
        return context


def _field_row(obj, name):
    field = obj._meta.get_field(name)
    if field.many_to_many:
        value = "、".join(str(o) for o in getattr(obj, name).all()) or "—"
    elif field.choices:
        value = getattr(obj, f"get_{name}_display")() or "—"
    else:
        value = getattr(obj, name)
        if isinstance(value, bool):
            value = _("Yes") if value else _("No")
        elif value in (None, ""):
            value = "—"
    return {"label": field.verbose_name, "value": value}


class ObjectEditView(ScopedObjectMixin, TemplateView):
    """Create (no pk) or edit a record; the write goes through `perform_save` (a service)."""

    template_name = "core/object_edit.html"
    # A form class taking `instance=` and `access=` (a core.forms.ScopedModelForm or alike).
    form_class: Any = None
    action = "change"

    def get_object(self):
        pk = self.kwargs.get("pk")
        if pk is None:
            return None
        return get_object_or_404(self.get_queryset(), pk=pk)

    def get_form(self, data=None, files=None):
        initial = {}
        if self.object is None and data is None:
            # A link may preset fields of a new record: “record a contact” from a unit's row.
            initial = {
                name: value
                for name, value in self.request.GET.items()
                if name in self.form_class.base_fields
            }
        return self.form_class(
            data=data, files=files, instance=self.object, initial=initial, access=self.access
        )

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.get_form(request.POST, request.FILES)
        if form.is_valid():
            try:
                obj = self.perform_save(form)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            else:
                messages.success(request, _("Saved “%(name)s”.") % {"name": obj})
                return redirect(self.get_success_url(obj))
        return self.render_to_response(self.get_context_data(form=form), status=400)

    # A record made by a service rather than saved from the form: a plain function, called as
    # create_service(community=, actor=, **form.cleaned_data) for a new record.
    create_service: Callable[..., Any] | None = None
    # … and a change made by a service: update_service(record, actor=, **form.cleaned_data).
    update_service: Callable[..., Any] | None = None

    def perform_save(self, form):
        create = type(self).create_service  # read from the class: the function, not a method
        if self.object is None and create is not None:
            return create(
                community=self.access.community, actor=self.request.user, **form.cleaned_data
            )
        update = type(self).update_service
        if self.object is not None and update is not None:
            return update(self.object, actor=self.request.user, **form.cleaned_data)
        return save_object(form, actor=self.request.user, community=self.access.community)

    def get_success_url(self, obj):
        return obj.get_absolute_url()

    def get_breadcrumbs(self):
        crumbs = [self.list_crumb()]
        if self.object is not None:
            crumbs.append((str(self.object), self.object.get_absolute_url()))
            crumbs.append((_("Edit"), None))
        else:
            crumbs.append((_("Add"), None))
        return crumbs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        if self.object is not None:
            context["title"] = _("Edit %(name)s") % {"name": self.object}
            context["cancel_url"] = self.object.get_absolute_url()
        else:
            context["title"] = _("Add %(model)s") % {"model": self.model._meta.verbose_name}
            context["cancel_url"] = self.url("list")
        return context


class ObjectDeleteView(ScopedObjectMixin, TemplateView):
    template_name = "core/object_delete.html"
    action = "delete"

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data(object=self.object))

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            self.perform_delete(self.object)
        except DomainError as exc:
            messages.error(request, str(exc.message))
            return redirect(self.object.get_absolute_url())
        messages.success(request, _("Deleted “%(name)s”.") % {"name": self.object})
        return redirect(self.url("list"))

    def perform_delete(self, obj):
        delete_object(obj, actor=self.request.user)

    def get_breadcrumbs(self):
        return [
            self.list_crumb(),
            (str(self.object), self.object.get_absolute_url()),
            (_("Delete"), None),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Delete %(name)s") % {"name": self.object}
        return context


def crud_views(
    model,
    perm_prefix,
    *,
    filterset,
    table,
    form,
    related=(),
    detail_fields=None,
    list_queryset=None,
):
    """The four generic pages (list, detail, edit, delete) of a simple model. The detail page
    shows `detail_fields`, by default what the form edits."""
    if detail_fields is None:
        detail_fields = form._meta.fields
    base = {
        "model": model,
        "perm_prefix": perm_prefix,
        "url_base": f"{model._meta.app_label}:{model._meta.model_name}",
        "related": related,
    }
    list_attrs = {**base, "filterset_class": filterset, "table_class": table}
    if list_queryset is not None:
        list_attrs["get_queryset"] = lambda self: list_queryset(ObjectListView.get_queryset(self))
    return (
        type(f"{model.__name__}ListView", (ObjectListView,), list_attrs),
        type(
            f"{model.__name__}DetailView",
            (ObjectDetailView,),
            {**base, "detail_fields": list(detail_fields)},
        ),
        type(f"{model.__name__}EditView", (ObjectEditView,), {**base, "form_class": form}),
        type(f"{model.__name__}DeleteView", (ObjectDeleteView,), base),
    )


class StoredFileView(AccessMixin, View):
    """A photo or document stored on a record (`model`'s `field`), only to those holding
    `permission`, the record read through the caller's scope: a picture shown (sandboxed), a
    PDF downloaded, anything else never served."""

    model: type[models.Model]
    field = "photo"

    def get(self, request, pk):
        record = get_object_or_404(restricted(self.model, self.access), pk=pk)
        stored = getattr(record, self.field)
        if not stored:
            raise Http404
        return document_response(stored)
