from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django import forms
from django.db.models import Prefetch, Q
from django.db.models.functions import Concat, Length
from django.utils.translation import gettext_lazy as _

from wuye.core.forms import (
    LookupField,
    MobileField,
    NormalizedCharField,
    ScopedModelForm,
    one_match,
    record_changed,
)
from wuye.core.text import normalize
from wuye.core.validators import mask_phone, validate_resident_id
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
    UnitRelation,
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

    def has_changed(self, initial, data):
        return record_changed(self, initial, data)

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
        return one_match(self, matches, text)


class FacilityField(LookupField):
    """A facility by its code or name — not a list of every elevator, pump and street light of
    a large community. A suggestion reads "DT-01 1号楼1号电梯"; its code alone, or a name only
    one facility has, is enough."""

    url_name = "estate:facility_lookup"
    placeholder = _("code or name")
    default_error_messages = {
        "invalid_choice": _(
            "There is no facility “%(value)s” here: type its code or name and pick a suggestion."
        ),
        "ambiguous": _("“%(value)s” matches several facilities: pick one of the suggestions."),
    }

    @classmethod
    def base_queryset(cls):
        return Facility.objects.all()

    @staticmethod
    def exact(queryset, text):
        return queryset.filter(code__iexact=text.split(" ", 1)[0]) or queryset.filter(name=text)

    @staticmethod
    def find(queryset, text):
        return queryset.filter(
            Q(code__istartswith=text) | Q(name__icontains=text) | Q(location__icontains=text)
        ).select_related("building")

    @staticmethod
    def hint(obj) -> str:
        place = obj.building or obj.location
        return f"{obj.get_kind_display()} · {place}" if place else str(obj.get_kind_display())


_MASKED = re.compile(r"(?P<name>.+?)\s+(?P<head>\d{3})\*+(?P<tail>\d{4})")


class PersonField(LookupField):
    """A resident by name, phone or pinyin initials (王芳, 1390000, wf) — not a list of every
    resident. A suggestion reads "王芳 139****1111" (the phone masked) and names its units."""

    url_name = "estate:person_lookup"
    placeholder = _("name, phone or initials")
    default_error_messages = {
        "invalid_choice": _(
            "There is no resident “%(value)s” here: type the name or phone and pick a suggestion."
        ),
        "ambiguous": _(
            "“%(value)s” matches several residents: pick one of the suggestions (they show the phone)."
        ),
    }

    @classmethod
    def base_queryset(cls):
        return Person.objects.all()

    @staticmethod
    def text_of(obj) -> str:
        return f"{obj.name} {mask_phone(obj.phone)}" if obj.phone else obj.name

    @staticmethod
    def exact(queryset, text):
        masked = _MASKED.fullmatch(text)
        if masked:
            return queryset.filter(
                name=masked["name"],
                phone__startswith=masked["head"],
                phone__endswith=masked["tail"],
            )
        if text.isascii() and text.isdigit():
            return queryset.filter(phone=text)
        return queryset.filter(name=text)

    @staticmethod
    def find(queryset, text):
        condition = Q(name__icontains=text)
        if text.isascii() and text.isdigit() and len(text) >= 4:
            condition |= Q(phone__contains=text)
        elif text.isascii() and text.isalpha():
            condition |= Q(initials__istartswith=text) | Q(pinyin__istartswith=text)
        return (
            queryset.filter(condition)
            .order_by("pinyin", "pk")
            .prefetch_related(
                Prefetch(
                    "relations",
                    queryset=UnitRelation.objects.current().select_related("unit"),
                    to_attr="current_relations",
                )
            )
        )

    @staticmethod
    def hint(obj) -> str:
        return "、".join(
            f"{r.unit.code} {r.get_role_display()}" for r in getattr(obj, "current_relations", [])
        )


class SpaceField(LookupField):
    """A parking space by its number (B-012) or area — not a list of every space."""

    url_name = "estate:space_lookup"
    placeholder = _("space number")
    default_error_messages = {
        "invalid_choice": _(
            "There is no parking space “%(value)s” here: type its number and pick a suggestion."
        ),
        "ambiguous": _("“%(value)s” matches several parking spaces: pick one of the suggestions."),
    }

    @classmethod
    def base_queryset(cls):
        return ParkingSpace.objects.select_related("area")

    @staticmethod
    def exact(queryset, text):
        return queryset.annotate(full=Concat("area__name", "number")).filter(
            Q(full=text.replace(" ", "")) | Q(number__iexact=text)
        )

    @staticmethod
    def find(queryset, text):
        return queryset.filter(Q(number__icontains=text) | Q(area__name__icontains=text)).order_by(
            "area__name", Length("number"), "number"
        )

    @staticmethod
    def hint(obj) -> str:
        return str(obj.get_kind_display())


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
    existing = PersonField(
        label=_("existing resident"),
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
        self.fields["existing"].queryset = Person.objects.for_access(access)
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
    owner1 = PersonField(label=_("new owner"))
    share1 = forms.DecimalField(label=_("share (%)"), required=False, decimal_places=2)
    owner2 = PersonField(label=_("second co-owner"), required=False)
    share2 = forms.DecimalField(label=_("share (%)"), required=False, decimal_places=2)
    owner3 = PersonField(label=_("third co-owner"), required=False)
    share3 = forms.DecimalField(label=_("share (%)"), required=False, decimal_places=2)

    def __init__(self, *args, access=None, **kwargs):
        super().__init__(*args, **kwargs)
        for n in (1, 2, 3):
            self.fields[f"owner{n}"].queryset = Person.objects.for_access(access)

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
    unit = UnitField(label=_("unit"), required=False)
    person = PersonField(label=_("holder"), required=False)

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
    person = PersonField(label=_("owner"))
    unit = UnitField(label=_("unit"), required=False)
    space = SpaceField(label=_("parking space"), required=False)

    class Meta:
        model = Vehicle
        fields = ["plate", "brand", "colour", "person", "unit", "space", "is_active"]


class MeterForm(UniqueInCommunityMixin, ScopedModelForm):
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
