"""Registry imports from Excel (REG-07): units with owners, parking spaces, vehicles, meters.

The unit sheet is the big one (a whole community, 20,000 rows); it validates each row with the
unit and person fields of the pages' forms and the same shared rules, against look-ups loaded
once per pass, and saves with bulk inserts. The smaller sheets use the pages' forms directly.
"""

from decimal import Decimal

from django import forms
from django.db import IntegrityError, models, transaction
from django.db.models import Q, UniqueConstraint
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.core.bulk import insert_rows
from wuye.core.errors import DomainError
from wuye.core.forms import MobileField, NormalizedCharField, TolerantChoiceField
from wuye.core.importing import Column, Importer, RowForm, register
from wuye.core.pinyin import pinyin_and_initials
from wuye.core.text import normalize

from .addresses import parse_unit_query
from .choices import (
    ID_TYPE_WORDS,
    METER_KIND_WORDS,
    METER_SCOPE_WORDS,
    ROLE_WORDS,
    SPACE_KIND_WORDS,
    UNIT_STATUS_WORDS,
    UNIT_USE_WORDS,
    BuildingKind,
    IdType,
    MeterKind,
    MeterScope,
    RelationRole,
    SpaceKind,
    UnitStatus,
    UnitUse,
)
from .forms import (
    MeterForm,
    ParkingSpaceForm,
    VehicleForm,
    check_areas,
    check_id_number,
    normalize_id_number,
)
from .models import Building, Meter, ParkingArea, ParkingSpace, Person, Unit, UnitRelation, Vehicle

UNIT_FIELDS = [
    "floor",
    "gross_area",
    "inner_area",
    "use",
    "status",
    "handover_date",
    "developer_held",
]
YES = {"是", "y", "yes", "1", "true", "√"}


def _yes(text):
    return normalize(text).lower() in YES


_UNIT_FIELDS = forms.fields_for_model(Unit, fields=UNIT_FIELDS)


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

    def clean(self):
        cleaned = super().clean()
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
        unit_values = {f: cleaned.get(f) for f in UNIT_FIELDS}
        unit_values["developer_held"] = bool(unit_values["developer_held"])
        if unit is not None:
            different = [
                str(Unit._meta.get_field(f).verbose_name)
                for f, v in unit_values.items()
                if getattr(unit, f) != v
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


@register
class UnitImporter(Importer):
    key = "estate.units"
    title = gettext_lazy("Buildings, units and owners")
    description = gettext_lazy(
        "One row per unit and resident: a unit with two co-owners takes two rows with the same unit data. "
        "Buildings that do not exist yet are created. Rows already in the registry are skipped."
    )
    permission = "estate.import"
    success_url_name = "estate:unit_list"
    columns = [
        Column(
            "楼栋",
            "building",
            required=True,
            example="3",
            help=gettext_lazy("Building number, e.g. 3 or A"),
        ),
        Column(
            "单元",
            "entrance",
            example="2",
            help=gettext_lazy("Empty or 0 when the building has no entrances"),
        ),
        Column("房号", "number", required=True, example="1501"),
        Column("楼层", "floor", required=True, example="15"),
        Column(
            "建筑面积",
            "gross_area",
            required=True,
            example="89.50",
            help=gettext_lazy("m², 2 decimals"),
        ),
        Column(
            "套内面积",
            "inner_area",
            required=True,
            example="72.30",
            help=gettext_lazy("m², not larger than the gross area"),
        ),
        Column(
            "用途",
            "use",
            example="住宅",
            help=gettext_lazy("住宅/商铺/办公/车库/储藏; empty means 住宅"),
        ),
        Column(
            "状态",
            "status",
            example="已入住",
            help=gettext_lazy("未售/空置/已交付/装修中/已入住/出租"),
        ),
        Column("交付日期", "handover_date", example="2020-06-30"),
        Column("开发商持有", "developer_held", example="否"),
        Column(
            "业主姓名",
            "person_name",
            example="张三",
            help=gettext_lazy("The owner (or the resident in 人员类型)"),
        ),
        Column("手机号", "phone", example="13812345678"),
        Column(
            "证件类型",
            "id_type",
            example="居民身份证",
            help=gettext_lazy("Empty means resident ID card"),
        ),
        Column("证件号码", "id_number", example="11010519491231002X"),
        Column(
            "人员类型",
            "role",
            example="业主",
            help=gettext_lazy("业主/家庭成员/租户; empty means 业主"),
        ),
        Column(
            "产权比例",
            "share",
            example="50",
            help=gettext_lazy("Co-owners: percent each; empty for a sole owner"),
        ),
    ]

    def prepare(self, *, access):
        community = access.community
        units = {
            (u.building.number.upper(), u.entrance, u.number.upper()): u
            for u in Unit.objects.filter(community=community).select_related("building")
        }
        people = list(
            Person.objects.filter(community=community).only(
                "id", "name", "phone", "id_type", "id_number"
            )
        )
        relations = set(
            UnitRelation.objects.filter(community=community)
            .current()
            .values_list("unit_id", "person_id", "role")
        )
        owner_shares = {}
        by_pk = {u.pk: key for key, u in units.items()}
        for unit_id, share in (
            UnitRelation.objects.filter(community=community, role=RelationRole.OWNER)
            .current()
            .values_list("unit_id", "share")
        ):
            key = by_pk.get(unit_id)
            owner_shares[key] = owner_shares.get(key, Decimal("0")) + (
                share if share is not None else Decimal("100")
            )
        return {
            "community": community,
            "units": units,
            "buildings": {
                b.number.upper(): b for b in Building.objects.filter(community=community)
            },
            "people_by_id": {(p.id_type, p.id_number): p for p in people if p.id_number},
            "people_by_name_phone": {(p.name, p.phone): p for p in people},
            "relations": relations,
            "owner_shares": owner_shares,
            "file_units": {},
            "file_people": {},
            "clean_cache": {},  # RowForm: each distinct cell text is cleaned once per pass
        }

    def form_data(self, values, context):
        data = dict(values)
        data["developer_held"] = _yes(values.get("developer_held", ""))
        return data

    def get_form(self, values, *, access, context=None):
        cache = context.get("clean_cache") if context else None
        return UnitRowForm(self.form_data(values, context), context=context, clean_cache=cache)

    def row_key(self, form):
        if getattr(form, "person_key", None) is None:
            return ("unit", form.unit_key)
        return ("person", form.unit_key, form.person_key, form.cleaned_data["role"])

    def save_rows(self, forms, *, access, actor):
        """Insert new buildings, units, people and relations (in the commit's transaction).

        Units, people and relations go in as plain rows (core.bulk.insert_rows), without a
        model instance each; their ids are read back by their keys. The rows were checked
        against the look-ups of this same commit; a unit or ID number someone else registered
        since then is refused by the database's unique keys and reported on its row.
        """
        if not forms:
            return
        community = access.community
        now = timezone.now()
        # The look-ups the rows were just checked against (check_rows, same transaction).
        context = getattr(forms[0], "context", None) or self.prepare(access=access)
        buildings = self._save_buildings(forms, context["buildings"], community, actor, now)
        unit_ids = self._save_units(forms, context["units"], buildings, community, actor, now)
        person_ids = self._save_people(forms, community, actor, now)
        relations = []
        today = timezone.localdate()
        known = context["relations"]
        for form in forms:
            if form.person_key is None:
                continue
            data = form.cleaned_data
            unit_id = unit_ids[form.unit_key]
            if form.person is not None:
                person_id = form.person.pk
                if (unit_id, person_id, data["role"]) in known:
                    continue
            else:
                person_id = person_ids[form.person_key]
            relations.append(
                (
                    unit_id,
                    person_id,
                    data["role"],
                    data.get("share") if data["role"] == RelationRole.OWNER else None,
                    data.get("handover_date") or today,
                )
            )
        insert_rows(
            UnitRelation,
            ["unit_id", "person_id", "role", "share", "start_date"],
            relations,
            constants={
                "community_id": community.pk,
                "created_by_id": _pk(actor),
                "created_at": now,
            },
        )

    def _save_buildings(self, forms, buildings, community, actor, now):
        """The file's buildings that do not exist yet (a few): created with model instances."""
        new_buildings: dict[str, tuple[Building, int]] = {}
        for form in forms:
            number = form.cleaned_data["building"]
            if number.upper() not in buildings and number.upper() not in new_buildings:
                building = Building(
                    community=community,
                    number=number,
                    kind=BuildingKind.SHOPS
                    if form.cleaned_data["use"] == UnitUse.SHOP
                    else BuildingKind.HIGH_RISE,
                    floors=1,
                    sort_key=Building.sort_key_for(number),
                    created_by=actor,
                    created_at=now,
                )
                new_buildings[number.upper()] = (building, form.excel_row)
        if new_buildings:
            try:
                with transaction.atomic():
                    Building.objects.bulk_create(b for b, _row in new_buildings.values())
            except IntegrityError as exc:
                taken = {
                    n.upper()
                    for n in Building.objects.filter(community=community).values_list(
                        "number", flat=True
                    )
                }
                taken_rows = [(b, r) for key, (b, r) in new_buildings.items() if key in taken]
                if not taken_rows:
                    raise
                building, row = taken_rows[0]
                raise _taken_since_preview(
                    _(
                        "Building %(number)s was registered by someone else after the preview; "
                        "upload the file again."
                    )
                    % {"number": building.number},
                    row,
                    field="building",
                ) from exc
            buildings = dict(buildings)
            buildings.update(
                {
                    b.number.upper(): b
                    for b in Building.objects.filter(
                        community=community,
                        number__in=[b.number for b, _row in new_buildings.values()],
                    )
                }
            )
        return buildings

    def _save_units(self, forms, units, buildings, community, actor, now):
        """Insert the new units; return {unit key: id} for every unit of the file."""
        ids = {key: unit.pk for key, unit in units.items()}
        new_units = {}  # (building id, entrance, number) as stored → (unit key, Excel row)
        rows = []
        top_floor: dict[int, int] = {}
        for form in forms:
            key = form.unit_key
            if key in ids:
                continue
            ids[key] = None  # taken by this row; the id comes after the insert
            data = form.cleaned_data
            building = buildings[key[0]]
            new_units[(building.pk, data["entrance"], data["number"])] = (key, form.excel_row)
            rows.append(
                (
                    building.pk,
                    data["entrance"],
                    data["number"],
                    f"{building.number}-{data['entrance']}-{data['number']}",
                    data["floor"],
                    data["gross_area"],
                    data["inner_area"],
                    data["use"],
                    data["status"],
                    data.get("handover_date"),
                    bool(data.get("developer_held")),
                )
            )
            top_floor[building.pk] = max(top_floor.get(building.pk, 1), data["floor"])
        if not rows:
            return ids
        building_ids = {building_id for building_id, _e, _n in new_units}
        try:
            with transaction.atomic():
                insert_rows(
                    Unit,
                    [
                        "building_id",
                        "entrance",
                        "number",
                        "code",
                        "floor",
                        "gross_area",
                        "inner_area",
                        "use",
                        "status",
                        "handover_date",
                        "developer_held",
                    ],
                    rows,
                    constants={
                        "community_id": community.pk,
                        "created_by_id": _pk(actor),
                        "created_at": now,
                    },
                )
        except IntegrityError as exc:
            taken = set(
                Unit.objects.filter(community=community, building_id__in=building_ids).values_list(
                    "building_id", "entrance", "number"
                )
            )
            row = next((r for stored, (_k, r) in new_units.items() if stored in taken), None)
            if row is None:
                raise
            raise _taken_since_preview(
                _(
                    "This unit was registered by someone else after the preview; upload the file again."
                ),
                row,
            ) from exc
        for stored in Unit.objects.filter(
            community=community, building_id__in=building_ids
        ).values_list("building_id", "entrance", "number", "id"):
            found = new_units.get(stored[:3])
            if found is not None:
                ids[found[0]] = stored[3]
        if any(pk is None for pk in ids.values()):
            raise DomainError(
                _("The database did not return the new records' ids; import in smaller files.")
            )
        for building in buildings.values():
            if top_floor.get(building.pk, 0) > building.floors:
                Building.objects.filter(pk=building.pk).update(floors=top_floor[building.pk])
        return ids

    def _save_people(self, forms, community, actor, now):
        """Insert the people the registry does not know yet; return {person key: id}."""
        keys = {}  # person key → Excel row of its first row
        rows = []
        for form in forms:
            if form.person_key is None or form.person is not None or form.person_key in keys:
                continue
            keys[form.person_key] = form.excel_row
            data = form.cleaned_data
            pinyin, initials = pinyin_and_initials(data["person_name"])
            rows.append(
                (
                    data["person_name"],
                    data.get("phone", ""),
                    data["id_type"],
                    data.get("id_number", ""),
                    pinyin,
                    initials,
                )
            )
        if not rows:
            return {}
        try:
            with transaction.atomic():
                insert_rows(
                    Person,
                    ["name", "phone", "id_type", "id_number", "pinyin", "initials"],
                    rows,
                    constants={
                        "community_id": community.pk,
                        "created_by_id": _pk(actor),
                        "created_at": now,
                    },
                )
        except IntegrityError as exc:
            # The one unique key of a person: an ID number (of its type) in the community.
            taken = set(
                Person.objects.filter(community=community)
                .exclude(id_number="")
                .values_list("id_type", "id_number")
            )
            row = next((r for key, r in keys.items() if key in taken), None)
            if row is None:
                raise
            raise _taken_since_preview(
                _(
                    "This ID number was registered by someone else after the preview; upload the file again."
                ),
                row,
                field="id_number",
            ) from exc
        # Read the new ids back: this commit's people are the ones created at its moment by
        # its actor (no one else writes that timestamp); a person's key is its ID number, or
        # its name and phone, as the rows gave them.
        ids = {}
        for pk, name, phone, id_type, id_number in Person.objects.filter(
            community=community, created_at=now, created_by=actor
        ).values_list("id", "name", "phone", "id_type", "id_number"):
            ids[(id_type, id_number) if id_number else (name, phone)] = pk
        if any(key not in ids for key in keys):
            raise DomainError(
                _("The database did not return the new records' ids; import in smaller files.")
            )
        return ids


def _pk(obj):
    return obj.pk if obj is not None else None


def _taken_since_preview(message, row, *, field=None):
    error = DomainError(message, field=field)
    error.excel_row = row
    return error


class _ModelRowImporter(Importer):
    """Small sheets: text cells become record ids, then the page's own form validates the row.
    An identical existing record makes the row unchanged; a different one is an error."""

    model: type[models.Model] | None = None
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
        from wuye.core.services import save_object

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
        from .validators import normalize_plate

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
