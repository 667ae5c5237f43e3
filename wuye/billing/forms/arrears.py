"""Arrears work: collection appointments and dunning contacts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.forms import ScopedModelForm
from wuye.estate.forms import UnitField
from wuye.org.forms import DateInput, DateTimeInput

from ..choices import (
    AppointmentOutcome,
    ContactResult,
)
from ..dunning import owed_total
from ..models import (
    CollectionAppointment,
    DunningContact,
)


class CollectionAppointmentForm(ScopedModelForm):
    unit = UnitField(label=_("unit"))

    class Meta:
        model = CollectionAppointment
        fields = [
            "unit",
            "scheduled_for",
            "assignee",
            "contact",
            "note",
            "outcome",
            "outcome_note",
            "promised_date",
        ]
        widgets = {
            "scheduled_for": DateTimeInput(),
            "promised_date": DateInput(),
        }

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("outcome") == AppointmentOutcome.PROMISED and not cleaned.get(
            "promised_date"
        ):
            self.add_error("promised_date", _("Give the date the payer promised."))
        return cleaned


class DunningContactForm(ScopedModelForm):
    """An entry of the dunning log; the unit's arrears at that moment are kept with it."""

    unit = UnitField(label=_("unit"))

    class Meta:
        model = DunningContact
        fields = [
            "unit",
            "contacted_at",
            "method",
            "person",
            "result",
            "promised_date",
            "promised_amount",
            "note",
        ]
        widgets = {
            "contacted_at": DateTimeInput(),
            "promised_date": DateInput(),
        }

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        contacted_at = cleaned.get("contacted_at")
        if contacted_at and contacted_at > timezone.now() + dt.timedelta(minutes=5):
            self.add_error("contacted_at", _("A contact is recorded after it happened."))
        promised = cleaned.get("promised_date")
        if cleaned.get("result") == ContactResult.PROMISED and not promised:
            self.add_error("promised_date", _("Give the date the payer promised."))
        if promised and contacted_at and promised < timezone.localdate(contacted_at):
            self.add_error("promised_date", _("The promised date cannot be before the contact."))
        unit = cleaned.get("unit")
        if unit is not None and (self.instance.pk is None or unit.pk != self.instance.unit_id):
            self.instance.owed = owed_total(unit)  # what this unit owed (again if corrected)
        return cleaned
