"""Meters, and the swap of a meter for a new one."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from wuye.core.errors import DomainError
from wuye.core.views import ObjectDetailView, ScopedObjectMixin, crud_views

from .. import filtersets, forms, services, tables
from ..models import Meter


class MeterMixin(ScopedObjectMixin):
    model = Meter
    perm_prefix = "estate.meter"
    url_base = "estate:meter"
    related = ("unit__building", "building", "community")


class MeterDetailView(MeterMixin, ObjectDetailView):
    template_name = "estate/meter_detail.html"
    detail_fields = [*forms.MeterForm.Meta.fields, "is_active"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meter = self.object
        context["replaced_by"] = getattr(meter, "replacement", None)
        context["replaces"] = getattr(meter, "replaces", None)
        return context


class MeterReplaceView(MeterMixin, TemplateView):
    template_name = "core/object_edit.html"
    action = "change"

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meter = self.get_object()
        context["title"] = _("Replace meter %(serial)s") % {"serial": meter.serial}
        context["cancel_url"] = meter.get_absolute_url()
        context.setdefault(
            "form", forms.MeterReplaceForm(initial={"replaced_on": timezone.localdate()})
        )
        context["breadcrumbs"] = [
            self.list_crumb(),
            (str(meter), meter.get_absolute_url()),
            (_("Replace"), None),
        ]
        return context

    def post(self, request, pk):
        meter = self.get_object()
        form = forms.MeterReplaceForm(request.POST)
        if form.is_valid():
            try:
                new_meter = services.replace_meter(meter, actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            else:
                messages.success(request, _("Meter replaced."))
                return redirect(new_meter.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


# --- Simple registers ----------------------------------------------------------------------------------

MeterListView, _detail, MeterEditView, MeterDeleteView = crud_views(
    Meter,
    "estate.meter",
    filterset=filtersets.MeterFilterSet,
    table=tables.MeterTable,
    form=forms.MeterForm,
    related=("unit__building", "building", "community"),
)
