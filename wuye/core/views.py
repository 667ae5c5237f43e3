"""Generic views every module's pages are built from, and the platform's own pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.apps import apps
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView
from django_tables2 import CheckBoxColumn, RequestConfig, SingleTableMixin

from .access import get_access
from .errors import DomainError
from .excel import xlsx_response
from .forms import UploadForm
from .importing import commit_import, discard_import, get_importer, parse_upload
from .models import ImportBatch, Notification, restricted
from .services import delete_object, save_object

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


class AccessMixin:
    """Signed in, in a community, and holding `permission` — or no page."""

    permission: str | None = None
    title: str | StrPromise = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.access = get_access(request)
        if self.access.refused_community:
            raise PermissionDenied
        if self.access.community is None:
            return render(request, "core/no_community.html", status=403)
        # A form opened in one community and submitted after a switch (another tab) is refused
        # rather than saved into the community now selected.
        posted = request.POST.get("_community") if request.method == "POST" else None
        if posted and posted != str(self.access.community.pk):
            messages.error(
                request,
                _(
                    "The service center was switched in another window; nothing was saved. Check and submit again."
                ),
            )
            return redirect(request.get_full_path())
        permission = self.get_permission()
        if permission and not self.access.has(permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_permission(self):
        return self.permission

    def get_breadcrumbs(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("title", self.title)
        context["breadcrumbs"] = self.get_breadcrumbs()
        return context


class ScopedObjectMixin(AccessMixin):
    """Pages about one model. Rows come only from `Model.objects.for_access` (community scope).

    `perm_prefix` is "app.thing"; actions are view / change / delete. `url_base` is
    "app:thing" for the URL names thing_list, thing_detail, thing_add, thing_edit, thing_delete.
    """

    model: type[models.Model]  # set by every page class
    perm_prefix = ""
    url_base = ""
    action = "view"
    related: tuple[str, ...] = ()  # select_related for lists and details
    prefetch: tuple[str | Prefetch, ...] = ()

    def get_permission(self):
        return f"{self.perm_prefix}.{self.action}"

    def get_queryset(self):
        return restricted(self.model, self.access, related=self.related, prefetch=self.prefetch)

    def url(self, suffix, *args):
        return reverse(f"{self.url_base}_{suffix}", args=args)

    # The page actions this model offers at all (e.g. ("view",) for records written only by a
    # service, like payments); the matrix then decides who may use them.
    page_actions: tuple[str, ...] = ("view", "change", "delete")

    def can(self, action):
        """Whether the matrix grants this action on the model (False when it has no such action)."""
        from .roles import PERMISSIONS

        code = f"{self.perm_prefix}.{action}"
        return action in self.page_actions and code in PERMISSIONS and self.access.has(code)

    def list_crumb(self):
        return (self.model._meta.verbose_name_plural, self.url("list"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["opts"] = self.model._meta
        context["url_base"] = self.url_base
        context["can_change"] = self.can("change")
        context["can_delete"] = self.can("delete")
        return context


PAGE_SIZES = ("20", "50", "100")  # the rows per page a list offers (core/table.html)


@dataclass(frozen=True)
class BatchAction:
    """A button above a list that acts on the ticked rows: print notices, send reminders,
    approve requests. The list view's method `batch_<name>(rows)` does the work through the
    app's services and returns the response (a PDF, or back to the list with a message); the
    rows are the ticked ones among those the user may see, never more than `limit`."""

    name: str
    label: str | StrPromise
    permission: str
    icon: str = "ti-checks"
    confirm: str | StrPromise = ""  # asked before a button that changes something
    new_tab: bool = False  # a printout opens beside the list
    note: str | StrPromise = ""  # the label of a text the action takes (a decision note)
    limit: int = 500


def _selection_column():
    return CheckBoxColumn(
        accessor="pk",
        exclude_from_export=True,
        attrs={
            "th": {"class": "w-1"},
            "th__input": {"data-select-all": "", "aria-label": gettext_lazy("tick all rows")},
            "td__input": {"form": "batch-form", "aria-label": gettext_lazy("tick this row")},
        },
    )


class ObjectListView(ScopedObjectMixin, SingleTableMixin, FilterView):
    """Table + filters + search + pagination + Excel export of the filtered rows."""

    template_name = "core/object_list.html"
    importer_key = ""
    export_name: str | StrPromise = ""
    batch_actions: tuple[BatchAction, ...] = ()

    def usable_batch_actions(self) -> list[BatchAction]:
        return [a for a in self.batch_actions if self.access.has(a.permission)]

    def get_table_kwargs(self):
        kwargs = super().get_table_kwargs()
        if self.usable_batch_actions():
            # A tick box before every row (named "select"), tied to the batch form by its id.
            meta = self.table_class._meta
            rest = meta.sequence or ((*meta.fields, "...") if meta.fields else ("...",))
            kwargs["extra_columns"] = [("select", _selection_column())]
            kwargs["sequence"] = ("select", *rest)
        return kwargs

    def post(self, request, *args, **kwargs):
        """A batch action on the ticked rows (`batch_actions`)."""
        if not self.batch_actions:
            return self.http_method_not_allowed(request, *args, **kwargs)
        action = {a.name: a for a in self.usable_batch_actions()}.get(request.POST.get("batch"))
        if action is None:
            raise PermissionDenied
        back = request.get_full_path()
        ticked = request.POST.getlist("select")
        if not all(v.isascii() and v.isdigit() and len(v) < 19 for v in ticked):
            messages.error(request, _("The ticked rows could not be read; tick them again."))
            return redirect(back)
        ids = {int(v) for v in ticked}
        if not ids:
            messages.error(request, _("Tick the rows first, then choose the action."))
            return redirect(back)
        if len(ids) > action.limit:
            messages.error(
                request,
                _("At most %(limit)d rows at a time; %(count)d are ticked.")
                % {"limit": action.limit, "count": len(ids)},
            )
            return redirect(back)
        rows = self.get_queryset().filter(pk__in=ids)
        self.batch_back = back
        return getattr(self, f"batch_{action.name}")(rows)

    def get_template_names(self):
        if getattr(self.request, "htmx", None) and self.request.htmx.target == "results":
            return [f"{self.template_name}#results"]
        return [self.template_name]

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx":
            return self.export()
        if request.GET.get("per_page", PAGE_SIZES[0]) not in PAGE_SIZES:
            # Only the sizes the list offers: a hand-made size of a million rows is not a page.
            query = request.GET.copy()
            query.pop("per_page")
            return redirect(f"{request.path}?{query.urlencode()}")
        return super().get(request, *args, **kwargs)

    def get_table_data(self):
        data = super().get_table_data()
        # A list annotated with counts (GROUP BY) loses the model's default order in Django:
        # put it back, so buildings still read 1, 2, 10 and not as the database found them.
        ordering = self.model._meta.ordering
        if isinstance(data, QuerySet) and not data.ordered and ordering:
            data = data.order_by(*ordering)
        return data

    def get_table_pagination(self, table):
        return {"per_page": int(self.request.GET.get("per_page", PAGE_SIZES[0]))}

    def export(self):
        filterset = self.get_filterset(self.get_filterset_class())
        # An invalid filter exports nothing rather than everything.
        queryset = filterset.qs if filterset.is_valid() else self.get_queryset().none()
        table = self.table_class(queryset, request=self.request)
        RequestConfig(self.request, paginate=False).configure(table)  # keep the on-screen sort
        rows = list(table.as_values(exclude_columns=self.export_exclude(table)))
        headers, body = rows[0], rows[1:]
        name = str(self.export_name or self.model._meta.verbose_name_plural)
        return xlsx_response(name, [(name, headers, body)])

    def export_exclude(self, table):
        return [c.name for c in table.columns if c.name == "actions"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.title or self.model._meta.verbose_name_plural
        query = self.request.GET.copy()
        query.pop("page", None)
        query["export"] = "xlsx"
        context["export_url"] = f"?{query.urlencode()}"
        context["add_url"] = self.url("add") if self.can("change") else None
        context["batch_actions"] = self.usable_batch_actions()
        context["batch_note"] = next((a.note for a in context["batch_actions"] if a.note), "")
        if self.importer_key:
            importer = get_importer(self.importer_key)
            if self.access.has(importer.permission):
                context["import_url"] = reverse("core:import_upload", args=[self.importer_key])
        return context


class LookupView(AccessMixin, TemplateView):
    """The suggestions of a `core.forms.LookupField` search box: up to twenty <option>s for
    the text typed (GET ?field=<name>&<name>=<text>), of the current community only."""

    template_name = "core/lookup_options.html"
    field_class: type | None = None  # the LookupField subclass

    def get_context_data(self, **kwargs):
        from .forms import restrict_queryset
        from .text import normalize

        context = super().get_context_data(**kwargs)
        field = self.field_class()
        text = normalize(self.request.GET.get(self.request.GET.get("field", ""), "")[:50])
        found = (
            field.find(restrict_queryset(field.queryset, self.access), text)[:20] if text else []
        )
        context["options"] = [(field.text_of(obj), field.hint(obj)) for obj in found]
        return context


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
    form_class: type[forms.BaseForm] | None = None
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

    def perform_save(self, form):
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
    model, perm_prefix, *, filterset, table, form, related=(), detail_fields=(), list_queryset=None
):
    """The four generic pages (list, detail, edit, delete) of a simple model."""
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


# --- Platform pages -------------------------------------------------------------------------


class HomeView(AccessMixin, TemplateView):
    template_name = "core/home.html"
    permission = "core.home.view"
    title = gettext_lazy("Workbench")

    def get_template_names(self):
        if getattr(self.request, "htmx", None) and self.request.htmx.target == "home-cards":
            return ["core/home.html#cards"]
        return [self.template_name]

    def get(self, request, *args, **kwargs):
        from .menu import LANDINGS

        # Each post lands on its own work: a technician on his task list (the workbench stays
        # one click away for anyone, with ?workbench).
        if not getattr(request, "htmx", None) and "workbench" not in request.GET:
            for landing in LANDINGS:
                url = landing(self.access)
                if url:
                    return redirect(url)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        from .menu import HOME_CARDS

        context = super().get_context_data(**kwargs)
        cards = []
        for provider in HOME_CARDS:
            cards.extend(provider(self.access))
        # A post's own work first (a card's "order", lower first); the rest as registered.
        cards.sort(key=lambda card: card.get("order", 50))
        context["cards"] = cards
        context["now"] = timezone.localtime()
        return context


class RolesView(AccessMixin, TemplateView):
    template_name = "core/roles.html"
    permission = "core.roles.view"
    title = gettext_lazy("Roles and permissions")

    def get_context_data(self, **kwargs):
        from .roles import PERMISSIONS, CompanyRole, Post

        context = super().get_context_data(**kwargs)
        posts = list(Post)
        context["posts"] = posts
        context["company_roles"] = [CompanyRole.ADMIN.label, CompanyRole.VIEWER.label]
        # One group per app, in the order the apps registered their permissions.
        groups: dict[str, dict] = {}
        for p in PERMISSIONS.values():
            app = p.code.split(".", 1)[0]
            if app not in groups:
                groups[app] = {"app": apps.get_app_config(app).verbose_name, "rows": []}
            groups[app]["rows"].append(
                {
                    "code": p.code,
                    "label": p.label,
                    # Company administrators hold everything; viewers what the matrix lets
                    # them see.
                    "cells": [post in p.posts for post in posts] + [True, p.hq_viewer],
                }
            )
        context["groups"] = list(groups.values())
        context["columns"] = len(posts) + 3
        context["my_posts"] = self.access.posts
        return context


class AuditView(AccessMixin, TemplateView):
    template_name = "core/audit.html"
    permission = "core.audit.view"
    title = gettext_lazy("Audit trail")

    def get_context_data(self, **kwargs):
        from django.core.paginator import Paginator

        from .audit import log_entries_for
        from .filtersets import EventFilterSet, LogEntryFilterSet
        from .models import Event

        context = super().get_context_data(**kwargs)
        tab = self.request.GET.get("tab", "events")
        context["tab"] = tab
        if tab == "changes":
            filterset = LogEntryFilterSet(
                self.request.GET, queryset=log_entries_for(self.access), request=self.request
            )
        else:
            filterset = EventFilterSet(
                self.request.GET,
                queryset=Event.objects.for_access(self.access).select_related("actor"),
                request=self.request,
            )
        context["filter"] = filterset
        page = Paginator(filterset.qs, 50).get_page(self.request.GET.get("page"))
        if tab == "changes":
            for entry in page:
                entry.changed_fields = _changed_fields(entry)
        context["page"] = page
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query"] = query.urlencode()
        return context


def _changed_fields(entry) -> list[tuple[str, str, str]]:
    """An auditlog entry's changes as (the field's name in words, before, after)."""
    from django.core.exceptions import FieldDoesNotExist

    model = entry.content_type.model_class()
    rows = []
    for name, values in (entry.changes_dict or {}).items():
        label = name
        if model is not None:
            try:
                label = str(getattr(model._meta.get_field(name), "verbose_name", name))
            except FieldDoesNotExist:
                label = str(_("other detail"))
        before, after = (list(values) + ["", ""])[:2]
        rows.append((label, before, after))
    return rows


class StatusView(AccessMixin, TemplateView):
    template_name = "core/status.html"
    permission = "core.status.view"
    title = gettext_lazy("System status")

    def get_context_data(self, **kwargs):
        from .jobs import status_summary

        context = super().get_context_data(**kwargs)
        context.update(status_summary())
        return context


# --- Excel import pages ----------------------------------------------------------------------


class ImportMixin(AccessMixin):
    walk_kwargs = {"key": "org.staff"}  # a sample for the isolation walk

    def dispatch(self, request, *args, **kwargs):
        try:
            self.importer = get_importer(kwargs["key"])
        except KeyError:
            raise Http404 from None
        self.permission = self.importer.permission
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs(self):
        return [
            (self.importer.title, reverse(self.importer.success_url_name)),
            (_("Import from Excel"), None),
        ]


class ImportUploadView(ImportMixin, TemplateView):
    template_name = "core/import_upload.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["importer"] = self.importer
        context["title"] = _("Import %(what)s from Excel") % {"what": self.importer.title}
        context.setdefault("form", UploadForm())
        context["recent"] = ImportBatch.objects.for_access(self.access).filter(
            importer=self.importer.key
        )[:5]
        return context

    def post(self, request, *args, **kwargs):
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                batch = parse_upload(
                    self.importer, form.cleaned_data["file"], access=self.access, actor=request.user
                )
            except DomainError as exc:
                form.add_error("file", str(exc.message))
            else:
                return redirect("core:import_preview", key=self.importer.key, pk=batch.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ImportPreviewView(ImportMixin, TemplateView):
    template_name = "core/import_preview.html"
    model = ImportBatch
    url_kwargs_from_object = {"key": "importer"}

    def get_batch(self):
        return get_object_or_404(
            ImportBatch.objects.for_access(self.access),
            pk=self.kwargs["pk"],
            importer=self.importer.key,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        batch = self.get_batch()
        context["batch"] = batch
        context["importer"] = self.importer
        context["title"] = _("Check the file before importing")
        columns = self.importer.columns
        context["columns"] = columns
        show_all = self.request.GET.get("all") == "1"
        rows = (
            batch.rows
            if show_all
            else [r for r in batch.rows if str(r["row"]) in batch.errors] or batch.rows[:200]
        )
        context["preview_rows"] = [
            {
                "row": r["row"],
                "cells": [r["values"].get(c.field, "") for c in columns],
                "errors": batch.errors.get(str(r["row"]), {}),
            }
            for r in rows[:1000]
        ]
        context["show_all"] = show_all
        return context

    def post(self, request, *args, **kwargs):
        batch = self.get_batch()
        if request.POST.get("action") == "discard":
            discard_import(batch, actor=request.user)
            messages.info(request, _("The file was discarded; nothing was imported."))
            return redirect("core:import_upload", key=self.importer.key)
        try:
            count = commit_import(batch, access=self.access, actor=request.user)
        except DomainError as exc:
            messages.error(request, str(exc.message))
            return redirect("core:import_preview", key=self.importer.key, pk=batch.pk)
        messages.success(request, _("%(count)d rows imported.") % {"count": count})
        return redirect(self.importer.success_url_name)


class ImportTemplateView(ImportMixin, View):
    def get(self, request, *args, **kwargs):
        columns = self.importer.columns
        notes = [
            [c.header, _("required") if c.required else _("optional"), c.example, str(c.help)]
            for c in columns
        ]
        return xlsx_response(
            _("%(what)s import template") % {"what": self.importer.title},
            [
                (str(self.importer.title), [c.header for c in columns], []),
                (_("Instructions"), [_("Column"), _("Required"), _("Example"), _("Notes")], notes),
            ],
        )


# --- Error pages ----------------------------------------------------------------------------


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    return render(request, "500.html", status=500)


class SearchView(AccessMixin, TemplateView):
    """Search from the header: names, pinyin or initials, phones, plates, units as spoken."""

    template_name = "core/search.html"
    permission = "core.search.view"
    title = gettext_lazy("Search")

    def get(self, request, *args, **kwargs):
        from .search import search

        self.query = request.GET.get("q", "").strip()
        self.results = search(self.query, self.access)
        exact = [r for r in self.results if r.exact]
        if len(exact) == 1 and not request.GET.get("all") and not getattr(request, "htmx", None):
            # “3-2-1501” at the counter: straight to the unit card.
            return redirect(exact[0].url)
        return super().get(request, *args, **kwargs)

    def get_template_names(self):
        if getattr(self.request, "htmx", None):
            return ["core/search.html#results"]
        return [self.template_name]

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        groups: dict[str, list] = {}
        for result in self.results:
            groups.setdefault(result.kind, []).append(result)
        context.update(query=self.query, groups=groups, count=len(self.results))
        return context


class NotificationsView(AccessMixin, TemplateView):
    """The signed-in person's notifications in this service center, newest first."""

    template_name = "core/notifications.html"
    permission = "core.home.view"
    title = gettext_lazy("Notifications")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["notifications"] = Notification.objects.filter(
            user=self.request.user, community=self.access.community
        )[:100]
        return context

    def post(self, request):
        from .notifications import mark_read

        mark_read(request.user, self.access.community)
        return redirect("core:notifications")


class NotificationOpenView(AccessMixin, View):
    """Open a notification: a POST (the list's buttons) marks it read and follows its link.

    Only one's own. Reading is not writing, so there is no GET: a link preview, a prefetch or a
    colleague's browser history must not mark anything read."""

    model = Notification
    permission = "core.home.view"

    def post(self, request, pk):
        from .notifications import mark_read

        notification = get_object_or_404(Notification, pk=pk, community=self.access.community)
        if notification.user_id != request.user.pk:
            raise PermissionDenied  # a colleague's notification
        mark_read(request.user, self.access.community, ids=[notification.pk])
        target = notification.url
        if not target or not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}
        ):
            target = reverse("core:notifications")
        return redirect(target)


class CalendarForm(forms.Form):
    day = forms.DateField(
        label=gettext_lazy("date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    is_workday = forms.TypedChoiceField(
        label=gettext_lazy("the day is"),
        choices=[("0", gettext_lazy("a holiday (休)")), ("1", gettext_lazy("a working day (班)"))],
        coerce=lambda value: value == "1",
    )
    note = forms.CharField(label=gettext_lazy("note"), max_length=100, required=False)


class CalendarView(AccessMixin, TemplateView):
    """Workdays (used by time limits counted in working hours): the official holidays and
    adjusted working days of a year, and the company's corrections — e.g. next year's schedule
    once the State Council publishes it."""

    template_name = "core/calendar.html"
    permission = "core.calendar.view"
    title = gettext_lazy("Workday calendar")

    def get_context_data(self, **kwargs):
        import datetime as dt

        from .calendar import workday_checker
        from .models import CalendarDay

        context = super().get_context_data(**kwargs)
        try:
            year = int(self.request.GET.get("year", ""))
        except ValueError:
            year = timezone.localdate().year
        year = min(max(year, 2000), 2100)
        company = self.access.community.company_id
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        is_workday = workday_checker(start, end, company)
        days = (start + dt.timedelta(days=n) for n in range((end - start).days + 1))
        context.update(
            year=year,
            # The days that differ from an ordinary week: holidays on weekdays, working weekends.
            special=[(d, is_workday(d)) for d in days if is_workday(d) != (d.weekday() < 5)],
            corrections=CalendarDay.objects.filter(day__range=(start, end))
            .filter(Q(company__isnull=True) | Q(company_id=company))
            .select_related("company"),
            can_change=self.access.has("core.calendar.change"),
        )
        context.setdefault("form", CalendarForm())
        return context

    def post(self, request):
        from .services import delete_calendar_day, save_calendar_day

        if not self.access.has("core.calendar.change"):
            raise PermissionDenied
        company = self.access.community.company
        if "delete" in request.POST:
            delete_calendar_day(company, request.POST.get("delete"), actor=request.user)
            return redirect(f"{reverse('core:calendar')}?year={request.POST.get('year', '')}")
        form = CalendarForm(request.POST)
        if form.is_valid():
            day = save_calendar_day(company, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect(f"{reverse('core:calendar')}?year={day.day.year}")
        return self.render_to_response(self.get_context_data(form=form), status=400)
