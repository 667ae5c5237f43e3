"""Meter readings from Excel (BIL-04): 楼栋, 单元, 房号, 表类型, 上期读数, 本期读数, 读表日期."""

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.core.forms import NormalizedCharField, TolerantChoiceField
from wuye.core.importing import Column, Importer, RowForm, register
from wuye.estate.choices import METER_KIND_WORDS, MeterKind
from wuye.estate.models import Meter

from .choices import ReadingStatus
from .engine import month_start
from .models import MeterReading
from .services.readings import record_reading


class ReadingRowForm(RowForm):
    building = NormalizedCharField(label=gettext_lazy("building number"), max_length=16)
    entrance = forms.IntegerField(label=gettext_lazy("entrance"), min_value=0, required=False)
    number = NormalizedCharField(label=gettext_lazy("unit number"), max_length=16)
    kind = TolerantChoiceField(
        label=gettext_lazy("meter type"), choices=MeterKind.choices, aliases=METER_KIND_WORDS
    )
    previous_reading = forms.DecimalField(
        label=gettext_lazy("previous reading"),
        max_digits=12,
        decimal_places=2,
        required=False,
        min_value=0,
    )
    current_reading = forms.DecimalField(
        label=gettext_lazy("current reading"), max_digits=12, decimal_places=2, min_value=0
    )
    read_on = forms.DateField(label=gettext_lazy("read on"))

    def __init__(self, data, *, context, **kwargs):
        super().__init__(data, **kwargs)
        self.context = context
        self.unchanged = False

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if self.errors:
            return cleaned
        key = (
            cleaned["building"].upper(),
            cleaned.get("entrance") or 0,
            cleaned["number"].upper(),
            cleaned["kind"],
        )
        meter = self.context["meters"].get(key)
        if meter is None:
            self.add_error(None, _("No meter of this type is registered for this unit."))
            return cleaned
        self.meter = meter
        cleaned["period"] = month_start(cleaned["read_on"])
        existing = self.context["readings"].get((meter.pk, cleaned["period"]))
        if existing is not None:
            same = existing.current_reading == cleaned["current_reading"] and (
                cleaned.get("previous_reading") is None
                or existing.previous_reading == cleaned["previous_reading"]
            )
            if same:
                self.unchanged = True
            elif existing.status == ReadingStatus.BILLED:
                self.add_error(
                    "current_reading", _("This month's reading has been billed already.")
                )
        return cleaned


@register
class ReadingImporter(Importer):
    key = "billing.readings"
    title = gettext_lazy("Meter readings")
    description = gettext_lazy(
        "One row per meter; the month is the month of the reading date. Anomalies are flagged for checking."
    )
    permission = "billing.reading.change"
    success_url_name = "billing:meterreading_list"
    columns = [
        Column("楼栋", "building", required=True, example="3"),
        Column("单元", "entrance", example="2"),
        Column("房号", "number", required=True, example="1501"),
        Column(
            "表类型", "kind", required=True, example="水表", help=gettext_lazy("水表/电表/燃气表")
        ),
        Column(
            "上期读数",
            "previous_reading",
            example="120.5",
            help=gettext_lazy("Empty: last month's reading"),
        ),
        Column("本期读数", "current_reading", required=True, example="132.0"),
        Column("读表日期", "read_on", required=True, example="2026-11-28"),
    ]

    def prepare(self, *, access):
        meters = {
            (m.unit.building.number.upper(), m.unit.entrance, m.unit.number.upper(), m.kind): m
            for m in Meter.objects.for_access(access)
            .filter(is_active=True, unit__isnull=False)
            .select_related("unit__building")
        }
        readings = {(r.meter_id, r.period): r for r in MeterReading.objects.for_access(access)}
        return {"meters": meters, "readings": readings}

    def get_form(self, values, *, access, context=None):
        return ReadingRowForm(values, context=context)

    def row_key(self, form):
        return (form.meter.pk, form.cleaned_data["period"])

    def save(self, form, *, access, actor):
        data = form.cleaned_data
        record_reading(
            meter=form.meter,
            period=data["period"],
            current=data["current_reading"],
            read_on=data["read_on"],
            previous=data.get("previous_reading"),
            actor=actor,
        )
