"""Forms of parking, vehicles, meters, facilities, vendors and outside contacts."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wuye.core.forms import NormalizedCharField, ScopedModelForm
from wuye.org.forms import DateInput

from ..choices import MeterScope
from ..models import (
    ExternalContact,
    Facility,
    LiaisonLog,
    Meter,
    ParkingArea,
    ParkingSpace,
    Vehicle,
    Vendor,
)
from .fields import PersonField, PlateField, SpaceField, UnitField
from .rules import UniqueInCommunityForm


class ParkingAreaForm(UniqueInCommunityForm):
    unique_together_in_community = [(("name",), _("A parking area with this name already exists."))]

    class Meta:
        model = ParkingArea
        fields = ["name", "underground", "location"]


class ParkingSpaceForm(UniqueInCommunityForm):
    unique_together_in_community = [
        (("area", "number"), _("This space number already exists in this area."))
    ]
    number = NormalizedCharField(label=_("space number"), max_length=16)
    unit = UnitField(label=_("unit"), required=False)
    person = PersonField(label=_("holder"), required=False)

    class Meta:
        model = ParkingSpace
        fields = ["area", "number", "kind", "size", "unit", "person", "note"]


class VehicleForm(UniqueInCommunityForm):
    unique_together_in_community = [(("plate",), _("This plate is already registered."))]
    plate = PlateField(label=_("plate number"), max_length=16)
    person = PersonField(label=_("owner"))
    unit = UnitField(label=_("unit"), required=False)
    space = SpaceField(label=_("parking space"), required=False)

    class Meta:
        model = Vehicle
        fields = ["plate", "brand", "colour", "person", "unit", "space", "is_active"]


class MeterForm(UniqueInCommunityForm):
    unique_together_in_community = [
        (("kind", "serial"), _("A meter of this type with this serial number exists."))
    ]
    serial = NormalizedCharField(label=_("serial number"), max_length=40)
    unit = UnitField(label=_("unit"), required=False)

    class Meta:
        model = Meter
        fields = [
            "kind",
            "scope",
            "unit",
            "building",
            "serial",
            "multiplier",
            "initial_reading",
            "installed_on",
            "location",
        ]
        widgets = {"installed_on": DateInput()}

    def clean(self):
        cleaned = super().clean()
        scope, unit, building = cleaned.get("scope"), cleaned.get("unit"), cleaned.get("building")
        if scope == MeterScope.UNIT and unit is None:
            self.add_error("unit", _("A unit meter needs its unit."))
        if scope == MeterScope.BUILDING:
            if building is None:
                self.add_error("building", _("A building meter needs its building."))
            cleaned["unit"] = None
        if scope == MeterScope.COMMUNITY:
            cleaned["unit"] = cleaned["building"] = None
        if scope == MeterScope.UNIT and unit is not None:
            cleaned["building"] = unit.building
        if cleaned.get("initial_reading") is not None and cleaned["initial_reading"] < 0:
            self.add_error("initial_reading", _("A reading cannot be negative."))
        return cleaned

    def _post_clean(self) -> None:
        # The cleaned scope decides the targets; copy them before the model is validated.
        for name in ("unit", "building"):
            if name in self.cleaned_data:
                setattr(self.instance, name, self.cleaned_data[name])
        super()._post_clean()  # type: ignore[misc]  # the stubs omit BaseModelForm._post_clean


class MeterReplaceForm(forms.Form):
    new_serial = NormalizedCharField(label=_("new meter serial number"), max_length=40)
    old_final_reading = forms.DecimalField(
        label=_("old meter final reading"), max_digits=12, decimal_places=2
    )
    new_initial_reading = forms.DecimalField(
        label=_("new meter initial reading"), max_digits=12, decimal_places=2, min_value=0
    )
    replaced_on = forms.DateField(label=_("replaced on"), widget=DateInput())
    reason = forms.CharField(label=_("reason"), max_length=100, required=False)


class FacilityForm(UniqueInCommunityForm):
    unique_together_in_community = [(("code",), _("A facility with this code already exists."))]

    class Meta:
        model = Facility
        fields = [
            "kind",
            "code",
            "name",
            "building",
            "location",
            "custodian",
            "vendor",
            "status",
            "registration_number",
            "next_inspection",
            "installed_on",
            "note",
        ]
        widgets = {"next_inspection": DateInput(), "installed_on": DateInput()}


class VendorForm(UniqueInCommunityForm):
    unique_together_in_community = [(("name",), _("A vendor with this name already exists."))]

    class Meta:
        model = Vendor
        fields = [
            "name",
            "category",
            "contact_name",
            "phone",
            "contract_start",
            "contract_end",
            "address",
            "note",
        ]
        widgets = {"contract_start": DateInput(), "contract_end": DateInput()}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("contract_start"), cleaned.get("contract_end")
        if start and end and end < start:
            self.add_error("contract_end", _("The end date must not be before the start date."))
        return cleaned


class ExternalContactForm(UniqueInCommunityForm):
    unique_together_in_community = [
        (("organization", "contact_name"), _("This contact of this organization already exists."))
    ]

    class Meta:
        model = ExternalContact
        fields = ["organization", "kind", "contact_name", "phone", "address", "note"]


class LiaisonLogForm(ScopedModelForm):
    class Meta:
        model = LiaisonLog
        fields = ["contact", "date", "channel", "subject", "content", "staff", "follow_up"]
        widgets = {"date": DateInput()}
