"""Pickers that stand in for long selects: a unit as people say it, a facility, a resident or
a parking space by typing, and a plate however it is typed."""

import re

from django import forms
from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Concat, Length
from django.utils.translation import gettext_lazy as _

from wuye.core.forms import LookupField, one_match, record_changed
from wuye.core.text import normalize
from wuye.core.validators import mask_phone

from ..addresses import parse_unit_query
from ..models import Facility, ParkingSpace, Person, Unit, UnitRelation
from ..validators import normalize_plate, validate_plate


class UnitField(forms.ModelChoiceField):
    """A unit typed the way people say it (“3-2-1501”, “3栋2单元1501”) or given by id (the API);
    a text box, not a list of every unit of a large community. Forms restrict its queryset to
    the current community like every other picker."""

    default_error_messages = {
        "invalid_choice": _("There is no unit “%(value)s” here: type it as 3-2-1501."),
        "ambiguous": _("“%(value)s” matches several units: add the entrance, as in 3-2-1501."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Unit.objects.all())
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"placeholder": "3-2-1501", "autocomplete": "off"})
        )
        super().__init__(**kwargs)

    def units(self) -> QuerySet[Unit]:
        """The units this field may name (forms restrict them to the current community)."""
        return self.queryset if self.queryset is not None else Unit.objects.none()

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
            unit = self.units().filter(pk=int(value)).first()
            return unit.code if unit else ""
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            # An id comes only from the API as a JSON number; typed text is never an id
            # (a person typing "1501" means room 1501, not record 1501).
            matches = list(self.units().filter(pk=value)[:1])
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
            matches = list(self.units().filter(condition)[:2])
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


class PlateField(forms.CharField):
    def to_python(self, value):
        return normalize_plate(super().to_python(value) or "")

    default_validators = [validate_plate]
