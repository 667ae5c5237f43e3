"""Pages of meter readings: the list, one reading, the entry sheet."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wuye.core.commands import CommandMixin
from wuye.core.views import AccessMixin, ObjectDetailView, ObjectListView, ScopedObjectMixin
from wuye.estate.choices import MeterKind
from wuye.estate.models import Building, Meter, natural_unit_order

from .. import filtersets, forms, tables
from ..choices import ReadingStatus
from ..commands import READING_COMMANDS
from ..engine import month_start
from ..models import MeterReading
from ..services.readings import record_readings

# --- Meter readings ------------------------------------------------------------------------------------


class MeterReadingMixin(ScopedObjectMixin):
    model = MeterReading
    perm_prefix = "billing.reading"
    url_base = "billing:meterreading"
    related = ("meter__unit__building",)


class MeterReadingListView(MeterReadingMixin, ObjectListView):
    filterset_class = filtersets.MeterReadingFilterSet
    table_class = tables.MeterReadingTable
    importer_key = "billing.readings"

    # Readings are entered on the entry grid or imported, not one by one from the list.
    page_actions = ("view",)


class MeterReadingDetailView(CommandMixin, MeterReadingMixin, ObjectDetailView):
    commands = READING_COMMANDS
    template_name = "billing/meterreading_detail.html"
    detail_fields = [
        "meter",
        "period",
        "previous_reading",
        "current_reading",
        "read_on",
        "status",
        "confirmed_by",
        "note",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_confirm"] = (
            self.access.has("billing.reading.confirm")
            and self.object.status == ReadingStatus.ANOMALY
        )
        context["can_correct"] = (
            self.access.has("billing.reading.change") and self.object.status != ReadingStatus.BILLED
        )
        context["correct_form"] = forms.ReadingForm(
            initial={
                "current_reading": self.object.current_reading,
                "read_on": self.object.read_on,
                "note": self.object.note,
            }
        )
        return context

    def post(self, request, pk):
        return self.run_command(request, self.get_object())


class ReadingEntryView(AccessMixin, TemplateView):
    """A keyboard-fast grid: one building, one meter type, one month; Tab through the inputs."""

    template_name = "billing/reading_entry.html"
    permission = "billing.reading.change"
    title = gettext_lazy("Reading entry")

    def params(self, source):
        buildings = Building.objects.for_access(self.access)
        building = buildings.filter(pk=source.get("building") or 0).first() or buildings.first()
        kind = source.get("kind") if source.get("kind") in MeterKind.values else MeterKind.WATER
        try:
            period = (
                month_start(dt.date.fromisoformat(f"{source.get('period')}-01"))
                if source.get("period")
                else None
            )
        except ValueError:
            period = None
        period = period or month_start(timezone.localdate())
        return building, kind, period

    def rows(self, building, kind, period):
        if building is None:
            return []
        meters = list(
            Meter.objects.for_access(self.access)
            .filter(unit__building=building, kind=kind, is_active=True)
            .select_related("unit")
            .order_by(*natural_unit_order("unit__"))
        )
        current = {
            r.meter_id: r for r in MeterReading.objects.filter(meter__in=meters, period=period)
        }
        last: dict[int, MeterReading] = {}
        for reading in MeterReading.objects.filter(meter__in=meters, period__lt=period).order_by(
            "meter_id", "-period"
        ):
            last.setdefault(reading.meter_id, reading)
        return [
            {
                "meter": meter,
                "previous": current[meter.pk].previous_reading
                if meter.pk in current
                else (
                    last[meter.pk].current_reading if meter.pk in last else meter.initial_reading
                ),
                "reading": current.get(meter.pk),
            }
            for meter in meters
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        building, kind, period = kwargs.get("params") or self.params(self.request.GET)
        context.update(
            building=building,
            kind=kind,
            period=period,
            buildings=Building.objects.for_access(self.access),
            kinds=MeterKind.choices,
            rows=self.rows(building, kind, period),
            today=timezone.localdate(),
        )
        return context

    def post(self, request):
        building, kind, period = self.params(request.POST)
        read_on = request.POST.get("read_on") or timezone.localdate().isoformat()
        try:
            read_on = dt.date.fromisoformat(read_on)
        except ValueError:
            read_on = timezone.localdate()
        meters = {
            str(m.pk): m
            for m in Meter.objects.for_access(self.access)
            .filter(unit__building=building, kind=kind)
            .select_related("unit", "community")
        }
        entries, problems = [], []
        for key, value in request.POST.items():
            if not key.startswith("m") or not value.strip() or key[1:] not in meters:
                continue
            meter = meters[key[1:]]
            try:
                current = Decimal(value.strip())
                if current < 0:
                    raise InvalidOperation
            except InvalidOperation:
                problems.append(
                    _("%(unit)s: “%(value)s” is not a reading")
                    % {"unit": meter.unit.code, "value": value}
                )
                continue
            entries.append((meter, current))
        saved, refused = record_readings(
            entries=entries, period=period, read_on=read_on, actor=request.user
        )
        problems += refused
        if saved:
            messages.success(request, _("%(count)d readings saved.") % {"count": saved})
        for problem in problems[:20]:
            messages.error(request, problem)
        query = f"?building={building.pk}&kind={kind}&period={period:%Y-%m}" if building else ""
        return redirect(reverse("billing:reading_entry") + query)
