"""The smaller sheets (parking spaces, vehicles, meters): text cells become record ids, then
the pages' own forms validate each row."""

from django.db.models import Q, UniqueConstraint
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.core.forms import TolerantChoiceField
from wuye.core.importing import Column, Importer, register
from wuye.core.models import ScopedModel
from wuye.core.services import save_object

from ..addresses import parse_unit_query
from ..choices import (
    METER_KIND_WORDS,
    METER_SCOPE_WORDS,
    SPACE_KIND_WORDS,
    MeterKind,
    MeterScope,
    SpaceKind,
)
from ..forms import MeterForm, ParkingSpaceForm, UniqueInCommunityForm, VehicleForm
from ..models import Building, Meter, ParkingArea, ParkingSpace, Person, Unit, Vehicle
from ..validators import normalize_plate


class _ModelRowImporter(Importer):
    """Small sheets: text cells become record ids, then the page's own form validates the row.
    An identical existing record makes the row unchanged; a different one is an error."""

    model: type[ScopedModel]
    form_class: type[UniqueInCommunityForm]
    natural_key: tuple[str, ...] = ()

    def existing(self, data, access):
        lookup = {f: data.get(f) for f in self.natural_key}
        if any(v in (None, "") or _unresolved(v) for v in lookup.values()):
            return None
        return self.model.objects.for_access(access).filter(**lookup).first()

    def get_form(self, values, *, access, context=None):
        data = self.form_data(values, context)
        instance = self.existing(data, access)
        form = self.form_class(data=data, instance=instance, access=access)
        form.full_clean()
        for name, value in data.items():
            if _unresolved(value) and name in form.fields:
                # “？地下车库”: a name in the sheet that matches no record — say so plainly.
                form.errors[name] = form.error_class(
                    [_("“%(name)s” was not found in the registry.") % {"name": value[1:]}]
                )
        form.unchanged = False
        if instance is not None and not form.errors:
            if form.has_changed():
                form.add_error(
                    None, _("This record already exists with other data; change it on its page.")
                )
            form.unchanged = not form.errors
        return form

    def row_keys(self, form):
        """One key per unique constraint of the model (without the community, which all rows
        share): the area and number of a space, a plate, a meter's kind and number."""
        keys = []
        for fields in _unique_field_sets(self.model):
            values = tuple(_key_value(form.cleaned_data.get(f)) for f in fields)
            if all(v not in (None, "") for v in values):
                keys.append((fields, values))
        return keys

    def save(self, form, *, access, actor):
        save_object(form, actor=actor, community=access.community)


def _unique_field_sets(model) -> list[tuple[str, ...]]:
    """The field sets the database keeps unique in a community (unconditional constraints)."""
    found = [tuple(fields) for fields in model._meta.unique_together]
    found += [
        tuple(c.fields)
        for c in model._meta.constraints
        if isinstance(c, UniqueConstraint) and c.fields and c.condition is None
    ]
    found += [(f.name,) for f in model._meta.fields if f.unique and not f.primary_key]
    return [tuple(f for f in fields if f != "community") for fields in found]


def _key_value(value):
    return value.pk if hasattr(value, "pk") else value


UNRESOLVED = "？"


def _unresolved(value):
    return isinstance(value, str) and value.startswith(UNRESOLVED)


def _unit_pk(text, access):
    parsed = parse_unit_query(text) if text else None
    if parsed is None:
        return text or ""
    unit = Unit.objects.for_access(access).filter(parsed.q()).first()
    return unit.pk if unit else f"？{text}"


def _person_pk(name, phone, access):
    if not name:
        return ""
    people = Person.objects.for_access(access).filter(name=name)
    if phone:
        people = people.filter(Q(phone=phone) | Q(phone2=phone))
    person = people.first()
    return person.pk if person else f"？{name}"


@register
class ParkingSpaceImporter(_ModelRowImporter):
    key = "estate.spaces"
    title = gettext_lazy("Parking spaces")
    description = gettext_lazy(
        "One row per space; the parking area must exist. 房屋 is written like 3-2-1501."
    )
    permission = "estate.import"
    success_url_name = "estate:parkingspace_list"
    form_class = ParkingSpaceForm
    model = ParkingSpace
    natural_key = ("area", "number")
    columns = [
        Column("停车区域", "area", required=True, example="地下车库"),
        Column("车位号", "number", required=True, example="B1-023"),
        Column("类型", "kind", example="产权", help=gettext_lazy("产权/租赁/公共/人防")),
        Column("面积", "size", example="12.50"),
        Column("房屋", "unit", example="3-2-1501"),
        Column("持有人姓名", "person", example="张三"),
        Column("持有人手机号", "person_phone", example="13812345678"),
    ]

    def form_data(self, values, context):
        access = context
        area = ParkingArea.objects.for_access(access).filter(name=values["area"]).first()
        kind = TolerantChoiceField(choices=SpaceKind.choices, aliases=SPACE_KIND_WORDS).to_python(
            values.get("kind", "")
        )
        return {
            "area": area.pk if area else f"？{values['area']}",
            "number": values["number"],
            "kind": kind or SpaceKind.LEASED,
            "size": values.get("size", ""),
            "unit": _unit_pk(values.get("unit", ""), access),
            "person": _person_pk(values.get("person", ""), values.get("person_phone", ""), access),
        }

    def prepare(self, *, access):
        return access


@register
class VehicleImporter(_ModelRowImporter):
    key = "estate.vehicles"
    title = gettext_lazy("Vehicles")
    description = gettext_lazy(
        "One row per vehicle; the owner must be a registered resident (name and phone)."
    )
    permission = "estate.import"
    success_url_name = "estate:vehicle_list"
    form_class = VehicleForm
    model = Vehicle
    natural_key = ("plate",)
    columns = [
        Column("车牌号", "plate", required=True, example="粤B12345"),
        Column("品牌型号", "brand", example="比亚迪 汉"),
        Column("颜色", "colour", example="白色"),
        Column("车主姓名", "person", required=True, example="张三"),
        Column("车主手机号", "person_phone", example="13812345678"),
        Column("房屋", "unit", example="3-2-1501"),
        Column("车位", "space", example="地下车库B1-023"),
    ]

    def prepare(self, *, access):
        return access

    def form_data(self, values, context):
        access = context
        space = ""
        if values.get("space"):
            match = next(
                (
                    s
                    for s in ParkingSpace.objects.for_access(access).select_related("area")
                    if str(s) == values["space"]
                ),
                None,
            )
            space = match.pk if match else f"？{values['space']}"
        return {
            "plate": normalize_plate(values["plate"]),
            "brand": values.get("brand", ""),
            "colour": values.get("colour", ""),
            "person": _person_pk(values.get("person", ""), values.get("person_phone", ""), access),
            "unit": _unit_pk(values.get("unit", ""), access),
            "space": space,
            "is_active": True,
        }


@register
class MeterImporter(_ModelRowImporter):
    key = "estate.meters"
    title = gettext_lazy("Meters")
    description = gettext_lazy(
        "One row per meter: a unit meter names its unit (3-2-1501), a building meter its building."
    )
    permission = "estate.import"
    success_url_name = "estate:meter_list"
    form_class = MeterForm
    model = Meter
    natural_key = ("kind", "serial")
    columns = [
        Column(
            "表类型", "kind", required=True, example="水表", help=gettext_lazy("水表/电表/燃气表")
        ),
        Column(
            "范围",
            "scope",
            example="户表",
            help=gettext_lazy("户表/楼栋公共表/小区公共表; empty means 户表"),
        ),
        Column("房屋", "unit", example="3-2-1501"),
        Column("楼栋", "building", example="3"),
        Column("表号", "serial", required=True, example="W2020-000123"),
        Column("倍率", "multiplier", example="1"),
        Column("初始读数", "initial_reading", example="0"),
        Column("安装日期", "installed_on", example="2020-06-30"),
    ]

    def prepare(self, *, access):
        return access

    def form_data(self, values, context):
        access = context
        kind = TolerantChoiceField(choices=MeterKind.choices, aliases=METER_KIND_WORDS).to_python(
            values["kind"]
        )
        scope = TolerantChoiceField(
            choices=MeterScope.choices, aliases=METER_SCOPE_WORDS
        ).to_python(values.get("scope", ""))
        scope = scope or MeterScope.UNIT
        building = ""
        if values.get("building"):
            match = (
                Building.objects.for_access(access)
                .filter(number__iexact=values["building"])
                .first()
            )
            building = match.pk if match else f"？{values['building']}"
        return {
            "kind": kind,
            "scope": scope,
            "unit": _unit_pk(values.get("unit", ""), access),
            "building": building,
            "serial": values["serial"],
            "multiplier": values.get("multiplier") or "1",
            "initial_reading": values.get("initial_reading") or "0",
            "installed_on": values.get("installed_on", ""),
        }
