"""Excel import pages: upload a file, check the preview with its row errors, commit or discard;
and each importer's template."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from ..errors import DomainError
from ..excel import xlsx_response
from ..forms import UploadForm
from ..importing import commit_import, discard_import, get_importer, parse_upload
from ..models import ImportBatch
from .mixins import AccessMixin


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
