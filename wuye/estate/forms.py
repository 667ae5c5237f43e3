from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wuye.core.forms import LookupInput, MobileField, NormalizedCharField, ScopedModelForm
from wuye.core.text import normalize
from wuye.core.validators import validate_resident_id
from wuye.org.forms import DateInput

from .choices import IdType, MeterScope, RelationRole
from .models import (
    Building,
    ExternalContact,
    Facility,
    LiaisonLog,
    Meter,
    ParkingArea,
    ParkingSpace,
    Person,
    Unit,
    Vehicle,
    Vendor,
)
from .validators import normalize_plate, validate_plate

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# Rules shared by the pages' forms and the Excel import forms (one set of rules, two shapes).


def check_areas(form, cleaned, gross="gross_area", inner="inner_area"):
    if (
        cleaned.get(gross) is not None
        and cleaned.get(inner) is not None
        and cleaned[inner] > cleaned[gross]
    ):
        form.add_error(inner, _("The inner area cannot be larger than the gross area."))


def normalize_id_number(value):
    return normalize(value).upper().replace(" ", "")


def check_id_number(form, cleaned, id_type="id_type", id_number="id_number"):
    if cleaned.get(id_type) == IdType.RESIDENT_ID and cleaned.get(id_number):
        try:
            validate_resident_id(cleaned[id_number])
        except forms.ValidationError as exc:
            form.add_error(id_number, exc)


class UnitField(forms.ModelChoiceField):
    """A unit typed the way people say it (“3-2-1501”, “3栋2单元1501”) or given by id (the API);
    a text box, not a list of every unit of a large community. Forms restrict its queryset to
    the current community like every other picker."""

    default_error_messages = {
        "invalid_choice": _("There is no unit “%(value)s” here: type it as 3-2-1501."),
        "ambiguous": _("“%(value)s” matches several units: add the entrance, as in 3-2-1501."),
    }

    def __init__(self, **kwargs):
        from .models import Unit

        kwargs.setdefault("queryset", Unit.objects.all())
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"placeholder": "3-2-1501", "autocomplete": "off"})
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        """Shown as the unit's code; an id (a link's ?unit=, a record's value) is looked up in
        this community only."""
        if hasattr(value, "code"):
            return value.code
        if isinstance(value, int) or (
            isinstance(value, str) and value.isascii() and value.isdigit()
        ):
            unit = self.queryset.filter(pk=int(value)).first()
            return unit.code if unit else ""
        return value

    def to_python(self, value):
        from .search import parse_unit_query

        if value in self.empty_values:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            # An id comes only from the API as a JSON number; typed text is never an id
            # (a person typing "1501" means room 1501, not record 1501).
            matches = list(self.queryset.filter(pk=value)[:1])
            text = str(value)
        else:
            text = normalize(str(value))
            parsed = parse_unit_query(text)
            if parsed is not None:
                condition = parsed.q()
            elif text.isascii() and text.isalnum():
                condition = Q(code__iexact=text) | Q(number__iexact=text)
            else:
                condition = Q(code__iexact=text)
            matches = list(self.queryset.filter(condition)[:2])
        return _the_one(self, matches, text)


def _the_one(field, matches, text):
    """The one record a typed text names, or the field's message: several, or none."""
    if len(matches) > 1:
        raise ValidationError(
            field.error_messages["ambiguous"], code="ambiguous", params={"value": text}
        )
    if not matches:
        raise ValidationError(
            field.error_messages["invalid_choice"], code="invalid_choice", params={"value": text}
        )
    return matches[0]


def facility_matches(queryset, text: str, limit: int = 20):
    """Facilities whose code starts with, or whose name or location holds, the text typed."""
    text = normalize(text)
    if not text:
        return queryset.none()
    return queryset.filter(
        Q(code__istartswith=text) | Q(name__icontains=text) | Q(location__icontains=text)
    ).select_related("building")[:limit]


class FacilityField(forms.ModelChoiceField):
    """A facility found by typing its code or name, with suggestions as one types — not a list
    of every elevator, pump and street light of a large community. A suggestion reads
    "DT-01 1号楼1号电梯"; its code alone, or a name only one facility has, is enough."""

    default_error_messages = {
        "invalid_choice": _(
            "There is no facility “%(value)s” here: type its code or name and pick a suggestion."
        ),
        "ambiguous": _("“%(value)s” matches several facilities: pick one of the suggestions."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Facility.objects.all())
        kwargs.setdefault(
            "widget",
            LookupInput("estate:facility_lookup", attrs={"placeholder": _("code or name")}),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Facility):
            return str(value)
        if isinstance(value, int) or (
            isinstance(value, str) and value.isascii() and value.isdigit()
        ):
            facility = self.queryset.filter(pk=int(value)).first()
            return str(facility) if facility else ""
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = normalize(str(value))
        code = text.split(" ", 1)[0]
        matches = list(self.queryset.filter(code__iexact=code)[:2])
        if not matches:
            matches = list(self.queryset.filter(name=text)[:2]) or list(
                facility_matches(self.queryset, text, limit=2)
            )
        return _the_one(self, matches, text)


class UniqueInCommunityMixin:
    """Friendly Chinese messages for per-community uniqueness, checked before the database."""

    unique_together_in_community: list[tuple[tuple[str, ...], str | StrPromise]] = []

    def clean(self):
        cleaned = super().clean()
        access = getattr(self, "access", None)
        if access is None or access.community is None:
            return cleaned
        for fields, message in self.unique_together_in_community:
            if any(cleaned.get(f) in (None, "") for f in fields):
                continue
            clash = self._meta.model.objects.for_access(access).filter(
                **{f: cleaned[f] for f in fields}
            )
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(fields[-1], message)
        return cleaned

    def validate_unique(self):
        # Checked above with a message people understand; the database constraint stays the guard.
        return


class BuildingForm(UniqueInCommunityMixin, ScopedModelForm):
    unique_together_in_community = [(("number",), _("A building with this number already exists."))]
    number = NormalizedCharField(label=_("building number"), max_length=16)

    class Meta:
        model = Building
        fields = [
            "number",
            "name",
            "kind",
            "zone",
            "floors",
            "basement_floors",
            "completed_on",
            "note",
        ]
        widgets = {"completed_on": DateInput()}


class UnitForm(UniqueInCommunityMixin, ScopedModelForm):
    unique_together_in_community = [
        (
            ("building", "entrance", "number"),
            _("This unit already exists in this building and entrance."),
        ),
    ]
    number = NormalizedCharField(label=_("unit number"), max_length=16)

    class Meta:
        model = Unit
        fields = [
            "building",
            "entrance",
            "number",
            "floor",
            "gross_area",
            "inner_area",
            "use",
            "status",
            "handover_date",
            "developer_held",
            "note",
        ]
        widgets = {"handover_date": DateInput()}

    def clean(self):
        cleaned = super().clean()
        check_areas(self, cleaned)
        return cleaned


class PersonForm(UniqueInCommunityMixin, ScopedModelForm):
    unique_together_in_community = [
        (("id_type", "id_number"), _("A resident with this ID number already exists."))
    ]
    name = NormalizedCharField(label=_("full name"), max_length=50)
    phone = MobileField(label=_("mobile phone"), required=False)

    class Meta:
        model = Person
        fields = [
            "name",
            "gender",
            "phone",
            "phone2",
            "id_type",
            "id_number",
            "birthday",
            "birthday_lunar",
            "emergency_contact",
            "emergency_phone",
            "workplace",
            "note",
        ]
        widgets = {"birthday": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.hides_id = bool(self.instance.id_number) and not (
            self.access is not None and self.access.has("estate.person.view_id")
        )
        if self.hides_id:
            # Posts without the right to see ID numbers edit the rest; the number stays as it is
            # unless they type a new one.
            self.initial["id_number"] = self.instance.masked_id_number

    def clean_id_number(self):
        value = normalize_id_number(self.cleaned_data.get("id_number", ""))
        if self.hides_id and value == self.instance.masked_id_number:
            return self.instance.id_number
        return value

    def clean(self):
        cleaned = super().clean()
        check_id_number(self, cleaned)
        return cleaned


class RelationForm(forms.Form):
    """Link a resident to a unit: an existing person, or a new one entered in the same form."""

    role = forms.ChoiceField(label=_("role"), choices=RelationRole.choices)
    existing = forms.ModelChoiceField(
        label=_("existing resident"),
        queryset=Person.objects.all(),
        required=False,
        help_text=_("Choose a resident already registered, or fill in a new one below."),
    )
    share = forms.DecimalField(
        label=_("ownership share (%)"),
        required=False,
        min_value=0.01,
        max_value=100,
        decimal_places=2,
    )
    relationship = forms.CharField(
        label=_("relationship to the owner"), max_length=20, required=False
    )
    start_date = forms.DateField(label=_("from"), widget=DateInput())
    end_date = forms.DateField(
        label=_("until"),
        required=False,
        widget=DateInput(),
        help_text=_("Tenants: end of the lease"),
    )

    def __init__(self, *args, access=None, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.access = access
        self.unit = unit
        self.fields["existing"].queryset = Person.objects.for_access(access).order_by("pinyin")
        self.person_form = PersonForm(*args, access=access, prefix="person", **kwargs)

    def is_valid(self):
        valid = super().is_valid()
        if self.cleaned_data.get("existing") is None:
            valid = self.person_form.is_valid() and valid
        return valid


class EndRelationForm(forms.Form):
    end_date = forms.DateField(label=_("until"), widget=DateInput())
    end_reason = forms.CharField(label=_("reason for ending"), max_length=100)


class TransferForm(forms.Form):
    """A sale: up to three buyers with their shares (empty share for a sole buyer)."""

    date = forms.DateField(label=_("date of transfer"), widget=DateInput())
    reason = forms.CharField(label=_("reason"), max_length=100, initial="出售")
    owner1 = forms.ModelChoiceField(label=_("new owner"), queryset=Person.objects.all())
    share1 = forms.DecimalField(label=_("share (%)"), required=False, decimal_places=2)
    owner2 = forms.ModelChoiceField(
        label=_("second co-owner"), queryset=Person.objects.all(), required=False
    )
    share2 = forms.DecimalField(label=_("share (%)"), required=False, decimal_places=2)
    owner3 = forms.ModelChoiceField(
        label=_("third co-owner"), queryset=Person.objects.all(), required=False
    )
    share3 = forms.DecimalField(label=_("share (%)"), required=False, decimal_places=2)

    def __init__(self, *args, access=None, **kwargs):
        super().__init__(*args, **kwargs)
        for n in (1, 2, 3):
            self.fields[f"owner{n}"].queryset = Person.objects.for_access(access).order_by("pinyin")

    def new_owners(self):
        return [
            (self.cleaned_data[f"owner{n}"], self.cleaned_data.get(f"share{n}"))
            for n in (1, 2, 3)
            if self.cleaned_data.get(f"owner{n}")
        ]


class ParkingAreaForm(UniqueInCommunityMixin, ScopedModelForm):
    unique_together_in_community = [(("name",), _("A parking area with this name already exists."))]

    class Meta:
        model = ParkingArea
        fields = ["name", "underground", "location"]


class ParkingSpaceForm(UniqueInCommunityMixin, ScopedModelForm):
    unique_together_in_community = [
        (("area", "number"), _("This space number already exists in this area."))
    ]
    number = NormalizedCharField(label=_("space number"), max_length=16)

    class Meta:
        model = ParkingSpace
        fields = ["area", "number", "kind", "size", "unit", "person", "note"]


class PlateField(forms.CharField):
    def to_python(self, value):
        return normalize_plate(super().to_python(value))

    default_validators = [validate_plate]


class VehicleForm(UniqueInCommunityMixin, ScopedModelForm):
    unique_together_in_community = [(("plate",), _("This plate is already registered."))]
    plate = PlateField(label=_("plate number"), max_length=16)

    class Meta:
        model = Vehicle
        fields = ["plate", "brand", "colour", "person", "unit", "space", "is_active"]


class MeterForm(UniqueInCommunityMixin, ScopedModelForm):
    unique_together_in_community = [
        (("kind", "serial"), _("A meter of this type with this serial number exists."))
    ]
    serial = NormalizedCharField(label=_("serial number"), max_length=40)

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

    def _post_clean(self):
        # The cleaned scope decides the targets; copy them before the model is validated.
        for name in ("unit", "building"):
            if name in self.cleaned_data:
                setattr(self.instance, name, self.cleaned_data[name])
        super()._post_clean()


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


class FacilityForm(UniqueInCommunityMixin, ScopedModelForm):
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


class VendorForm(UniqueInCommunityMixin, ScopedModelForm):
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


class ExternalContactForm(UniqueInCommunityMixin, ScopedModelForm):
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
