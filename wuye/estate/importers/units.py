"""The unit sheet (REG-07): a whole community's buildings, units and owners, 20,000 rows,
validated row by row and saved with bulk inserts."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.core.bulk import insert_rows
from wuye.core.errors import DomainError
from wuye.core.importing import Column, Importer, register
from wuye.core.pinyin import pinyin_and_initials

from ..choices import BuildingKind, RelationRole, UnitUse
from ..forms import UNIT_DATA_FIELDS
from ..models import Building, Person, Unit, UnitRelation
from .unit_rows import UnitRowForm, is_yes


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
        owner_shares: dict[tuple[str, int, str] | None, Decimal] = {}
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
        data["developer_held"] = is_yes(values.get("developer_held", ""))
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
                raise TakenSincePreview(
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
                        *UNIT_DATA_FIELDS,
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
            raise TakenSincePreview(
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
            raise TakenSincePreview(
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


class TakenSincePreview(DomainError):
    """A row's record was registered by someone else between the preview and the commit; it
    is reported on that row of the file (`excel_row`, read by `core.importing`)."""

    def __init__(self, message: str, row: int, *, field: str | None = None) -> None:
        super().__init__(message, field=field)
        self.excel_row = row
