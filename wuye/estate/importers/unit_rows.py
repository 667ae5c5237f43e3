"""One row of the unit sheet: the unit's fields as on the unit page, and its resident, checked
against the look-ups of one pass over the file."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.core.forms import MobileField, NormalizedCharField, TolerantChoiceField
from wuye.core.importing import RowForm
from wuye.core.text import normalize

from ..choices import (
    ID_TYPE_WORDS,
    ROLE_WORDS,
    UNIT_STATUS_WORDS,
    UNIT_USE_WORDS,
    IdType,
    RelationRole,
    UnitStatus,
    UnitUse,
)
from ..forms import UNIT_DATA_FIELDS, check_areas, check_id_number, normalize_id_number
from ..models import Unit

YES = {"是", "y", "yes", "1", "true", "√"}


def is_yes(text):
    return normalize(text).lower() in YES


_UNIT_FIELDS = forms.fields_for_model(Unit, fields=UNIT_DATA_FIELDS)
# What the unit page calls each of them, for "exists with other data (…)".
UNIT_FIELD_NAMES = {f.name: f.verbose_name for f in Unit._meta.fields if f.name in UNIT_DATA_FIELDS}


class UnitRowForm(RowForm):
    """One row of the unit sheet: the unit's fields exactly as on the unit page (taken from the
    model like the page's form), the same shared rules, plus its resident."""

    floor = _UNIT_FIELDS["floor"]
    gross_area = _UNIT_FIELDS["gross_area"]
    inner_area = _UNIT_FIELDS["inner_area"]
    handover_date = _UNIT_FIELDS["handover_date"]
    developer_held = _UNIT_FIELDS["developer_held"]
    use = TolerantChoiceField(
        label=Unit._meta.get_field("use").verbose_name,
        choices=UnitUse.choices,
        aliases=UNIT_USE_WORDS,
        required=False,
    )
    status = TolerantChoiceField(
        label=Unit._meta.get_field("status").verbose_name,
        choices=UnitStatus.choices,
        aliases=UNIT_STATUS_WORDS,
        required=False,
    )

    building = NormalizedCharField(label=gettext_lazy("building number"), max_length=16)
    entrance = forms.IntegerField(
        label=gettext_lazy("entrance"), min_value=0, max_value=99, required=False
    )
    number = NormalizedCharField(label=gettext_lazy("unit number"), max_length=16)
    person_name = NormalizedCharField(
        label=gettext_lazy("owner name"), max_length=50, required=False
    )
    phone = MobileField(label=gettext_lazy("mobile phone"), required=False)
    id_type = TolerantChoiceField(
        label=gettext_lazy("ID type"), choices=IdType.choices, aliases=ID_TYPE_WORDS, required=False
    )
    id_number = forms.CharField(label=gettext_lazy("ID number"), max_length=32, required=False)
    role = TolerantChoiceField(
        label=gettext_lazy("role"), choices=RelationRole.choices, aliases=ROLE_WORDS, required=False
    )
    share = forms.DecimalField(
        label=gettext_lazy("ownership share (%)"),
        min_value=Decimal("0.01"),
        max_value=100,
        decimal_places=2,
        required=False,
    )

    def __init__(self, data, *, context, **kwargs):
        super().__init__(data, **kwargs)
        self.context = context
        self.unchanged = False

    def clean_id_number(self):
        return normalize_id_number(self.cleaned_data.get("id_number", ""))

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        check_areas(self, cleaned)
        cleaned["entrance"] = cleaned.get("entrance") or 0
        cleaned["use"] = cleaned.get("use") or UnitUse.RESIDENTIAL
        cleaned["status"] = cleaned.get("status") or UnitStatus.UNSOLD
        cleaned["id_type"] = cleaned.get("id_type") or IdType.RESIDENT_ID
        has_person = bool(cleaned.get("person_name"))
        if not has_person and (cleaned.get("phone") or cleaned.get("id_number")):
            self.add_error(
                "person_name", _("Give the name of the person this phone or ID number belongs to.")
            )
        if has_person:
            cleaned["role"] = cleaned.get("role") or RelationRole.OWNER
            check_id_number(self, cleaned)
        if self.errors:
            return cleaned
        self._against_database(cleaned, has_person)
        return cleaned

    def _against_database(self, cleaned, has_person):
        context = self.context
        key = (cleaned["building"].upper(), cleaned["entrance"], cleaned["number"].upper())
        unit = context["units"].get(key)
        unit_values = {f: cleaned.get(f) for f in UNIT_DATA_FIELDS}
        unit_values["developer_held"] = bool(unit_values["developer_held"])
        if unit is not None:
            different = [
                str(UNIT_FIELD_NAMES[f]) for f, v in unit_values.items() if getattr(unit, f) != v
            ]
            if different:
                self.add_error(
                    None,
                    _(
                        "This unit already exists with other data (%(fields)s); change it on its page."
                    )
                    % {"fields": "、".join(different)},
                )
                return
        in_file = context["file_units"].setdefault(key, unit_values)
        if in_file != unit_values:
            self.add_error(None, _("Another row of this file gives this unit different data."))
            return
        self.unit_key, self.unit = key, unit
        self.person_key = self.person = None
        if not has_person:
            self.unchanged = unit is not None
            return
        person = None
        if cleaned["id_number"]:
            person = context["people_by_id"].get((cleaned["id_type"], cleaned["id_number"]))
        if person is None:
            person = context["people_by_name_phone"].get((cleaned["person_name"], cleaned["phone"]))
        if person is not None and person.name != cleaned["person_name"]:
            self.add_error(
                "id_number",
                _("This ID number belongs to %(name)s in the registry.") % {"name": person.name},
            )
            return
        self.person = person
        self.person_key = (
            (cleaned["id_type"], cleaned["id_number"])
            if cleaned["id_number"]
            else (cleaned["person_name"], cleaned["phone"])
        )
        # One ID number is one person: another name for it in the same file would be dropped
        # silently at commit (the first row's person is the one created).
        named = context["file_people"].setdefault(self.person_key, cleaned["person_name"])
        if named != cleaned["person_name"]:
            self.add_error(
                "id_number",
                _("Another row of this file gives this ID number to %(name)s.") % {"name": named},
            )
            return
        related = (
            person is not None
            and unit is not None
            and (unit.pk, person.pk, cleaned["role"]) in context["relations"]
        )
        self.unchanged = unit is not None and related
        if cleaned["role"] == RelationRole.OWNER and not self.unchanged:
            share = cleaned.get("share") or Decimal("100")
            used = context["owner_shares"].get(key, Decimal("0"))
            if used + share > Decimal("100"):
                self.add_error("share", _("The owners' shares of this unit would exceed 100%."))
                return
            context["owner_shares"][key] = used + share
        elif cleaned.get("share") is not None and cleaned["role"] != RelationRole.OWNER:
            self.add_error("share", _("Only owners have an ownership share."))
