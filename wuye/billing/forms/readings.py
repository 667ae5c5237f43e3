"""Forms of meter readings: entering, correcting, confirming an anomaly."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wuye.core.commands import CommandForm
from wuye.estate.models import Meter
from wuye.org.forms import DateInput


class ReadingForm(CommandForm):
    """Correct a meter's reading of its month (the reading's page; the API's `correct`)."""

    current_reading = forms.DecimalField(
        label=_("current reading"), max_digits=12, decimal_places=2, min_value=0
    )
    read_on = forms.DateField(label=_("read on"), widget=DateInput())
    note = forms.CharField(label=_("note"), max_length=200, required=False)


class MonthField(forms.DateField):
    """A month typed as YYYY-MM, or any day of it: the first of the month."""

    input_formats = ["%Y-%m-%d", "%Y-%m"]

    def to_python(self, value: Any) -> dt.date | None:
        day = super().to_python(value)
        return day.replace(day=1) if day else None


class RecordReadingForm(ReadingForm):
    """Enter (or correct) a meter's reading for a month; the meter is one of the community's."""

    meter = forms.ModelChoiceField(label=_("meter"), queryset=Meter.objects.all())
    period = MonthField(
        label=_("month read"), help_text=_("The month read: YYYY-MM, or any day of it")
    )
    previous_reading = forms.DecimalField(
        label=_("previous reading"),
        max_digits=12,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text=_("Empty: the last reading before this month (or the meter's initial reading)"),
    )

    field_order = ["meter", "period", "current_reading", "read_on", "previous_reading", "note"]


class ConfirmReadingForm(CommandForm):
    """A person checked the anomaly: the reading is right."""

    note = forms.CharField(label=_("note"), max_length=200, required=False)
