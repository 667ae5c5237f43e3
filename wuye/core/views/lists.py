"""The list page of a model: table, filters, search, pagination, Excel export of the filtered
rows, and batch actions on ticked rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.views import FilterView
from django_tables2 import CheckBoxColumn, RequestConfig, SingleTableMixin

from ..excel import xlsx_response
from ..importing import get_importer
from .mixins import ScopedObjectMixin

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

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


def _selection_column() -> CheckBoxColumn:
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
        htmx = getattr(self.request, "htmx", None)
        if htmx and htmx.target == "results":
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
