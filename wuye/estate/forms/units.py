"""Forms of buildings and units, residents, their relations to units and sales."""

from decimal import Decimal
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from wuye.core.commands import CommandForm
from wuye.core.forms import MobileField, NormalizedCharField
from wuye.org.forms import DateInput

from ..choices import RelationRole
from ..models import Building, Person, Unit
from .fields import PersonField
from .rules import UniqueInCommunityForm, check_areas, check_id_number, normalize_id_number

# What describes a unit once it is placed (building, entrance, number): the page's form and
# the Excel import read the same fields.
UNIT_DATA_FIELDS = [
    "floor",
    "gross_area",
    "inner_area",
    "use",
    "status",
    "handover_date",
    "developer_held",
]


class BuildingForm(UniqueInCommunityForm):
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


class UnitForm(UniqueInCommunityForm):
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
            *UNIT_DATA_FIELDS,
            "note",
        ]
        widgets = {"handover_date": DateInput()}

    def clean(self):
        cleaned = super().clean()
        check_areas(self, cleaned)
        return cleaned


class PersonForm(UniqueInCommunityForm):
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


class ResidentLinkForm(CommandForm):
    """Link a registered resident to a unit as owner, family member or tenant (the `target`
    is the unit; the resident is one of the caller's service center)."""

    person = PersonField(label=_("resident"))
    role = forms.ChoiceField(label=_("role"), choices=RelationRole.choices)
    share = forms.DecimalField(
        label=_("ownership share (%)"),
        required=False,
        min_value=Decimal("0.01"),
        max_value=Decimal("100"),
        max_digits=5,
        decimal_places=2,
    )
    relationship = forms.CharField(
        label=_("relationship to the owner"), max_length=20, required=False
    )
    start_date = forms.DateField(
        label=_("from"), required=False, widget=DateInput(), help_text=_("Empty: today")
    )
    end_date = forms.DateField(
        label=_("until"),
        required=False,
        widget=DateInput(),
        help_text=_("Tenants: end of the lease"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(PersonField, self.fields["person"]).queryset = Person.objects.for_access(self.access)


class RelationForm(ResidentLinkForm):
    """The unit card's “add resident”: a registered resident, or a new one entered in the same
    form (`person_form`)."""

    field_order = ["role", "person"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        person.label = _("existing resident")
        person.required = False
        person.help_text = _("Choose a resident already registered, or fill in a new one below.")
        rest = {k: v for k, v in kwargs.items() if k not in ("target", "access")}
        self.person_form = PersonForm(*args, access=self.access, prefix="person", **rest)

    def is_valid(self):
        valid = super().is_valid()
        if self.cleaned_data.get("person") is None:
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
            cast(PersonField, self.fields[f"owner{n}"]).queryset = Person.objects.for_access(access)

    def new_owners(self) -> list[tuple[Person, Decimal | None]]:
        return [
            (self.cleaned_data[f"owner{n}"], self.cleaned_data.get(f"share{n}"))
            for n in (1, 2, 3)
            if self.cleaned_data.get(f"owner{n}")
        ]
