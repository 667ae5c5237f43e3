"""The demo's buildings, units and residents of one community."""

import datetime as dt
from decimal import ROUND_DOWN, Decimal

from django.utils import timezone

from wuye.org.choices import DepartmentKind
from wuye.org.models import Department, Zone

from ..choices import BuildingKind, RelationRole, UnitStatus, UnitUse
from ..models import Building, Person, Unit, UnitRelation, Vendor
from .data import BUILDINGS, HANDOVER_UNTIL, SALT, SHOP_BUSINESSES
from .people import BATCH, CENT, GIVEN_F, GIVEN_M, People, money, stable_hash


class HomesSeeder:
    """One community's buildings, units, residents and their relations to units."""

    def __init__(self, key, community):
        self.key = key
        self.salt = SALT[key]
        self.community = community
        self.today = timezone.localdate()
        self.zones = {z.code: z for z in Zone.objects.filter(community=community)}
        self.engineering = Department.objects.filter(
            community=community, kind=DepartmentKind.ENGINEERING
        ).first()
        self.people = People(community, self.salt)
        self.relations: list[UnitRelation] = []
        self.occupants: list[tuple[Person, Unit]] = []  # owners living in their unit
        self.tenants: list[tuple[Person, Unit]] = []
        self.since: dict[int, dt.date] = {}  # id(owner) → owner of the flat since
        self.building_by_number: dict[str, Building] = {}
        self.unit_list: list[Unit] = []
        self.vendors: dict[str, Vendor] = {}

    def r(self, *parts):
        return stable_hash(self.salt, *parts)

    def _order(self, length, salt):
        """0..length-1 in a stable shuffled order."""
        return sorted(range(length), key=lambda k: self.r(k, salt))

    # buildings and units

    def buildings(self):
        rows = []
        for spec in BUILDINGS[self.key]:
            building = Building(
                community=self.community,
                number=spec.number,
                name=spec.name,
                kind=spec.kind,
                zone=self.zones.get(spec.zone),
                floors=spec.floors,
                basement_floors=spec.basement,
                completed_on=spec.completed,
                sort_key=Building.sort_key_for(spec.number),
            )
            rows.append(building)
            self.building_by_number[spec.number] = building
        Building.objects.bulk_create(rows, batch_size=BATCH)

    def units(self):
        for b_index, spec in enumerate(BUILDINGS[self.key]):
            building = self.building_by_number[spec.number]
            levels = spec.levels or range(1, spec.floors + 1)
            entrances = range(1, spec.entrances + 1) if spec.entrances else [0]
            for entrance in entrances:
                for floor in levels:
                    for position in range(1, spec.per_floor + 1):
                        self.unit_list.append(
                            self._unit(b_index, spec, building, entrance, floor, position)
                        )
        Unit.objects.bulk_create(self.unit_list, batch_size=BATCH)

    def _unit(self, b_index, spec, building, entrance, floor, position):
        number = str(abs(floor) * (1000 if floor < 0 else 100) + position)
        code = f"{spec.number}-{entrance}-{number}"
        use = spec.use
        if spec.kind == BuildingKind.CAR_PARK and floor == -2 and position <= 12:
            use = UnitUse.GARAGE
        gross = self._gross_area(b_index, spec, position, use)
        ratio = Decimal(7800 + self.r(b_index, position, 2) % 400) / Decimal(10000)
        inner = (gross * ratio).quantize(CENT, rounding=ROUND_DOWN)
        roll = self.r(b_index, entrance, floor + 100, position, 3) % 1000
        status = self._status(use, roll)
        if self.key == "A" and code == "3-2-1501":
            status = UnitStatus.OCCUPIED  # the unit of the journey tests
        handover = None
        if status != UnitStatus.UNSOLD:
            until = HANDOVER_UNTIL[self.key]
            late = self.r(b_index, entrance, floor + 100, position, 4)
            days = 0 if late % 100 < 70 else late % max((until - spec.handover).days, 1)
            handover = spec.handover + dt.timedelta(days=days)
        note = ""
        if status == UnitStatus.DECORATING:
            finish = self.today + dt.timedelta(days=20 + roll % 100)
            note = f"装修备案，预计 {finish:%Y-%m} 完工"
        elif use == UnitUse.SHOP and status == UnitStatus.UNSOLD:
            note = "开发商持有，招租中"
        elif use == UnitUse.SHOP and status == UnitStatus.RENTED:
            note = f"经营：{self._business(number)}"
        elif use == UnitUse.SHOP and status == UnitStatus.OCCUPIED:
            note = f"业主自营：{self._business(number)}"
        return Unit(
            community=self.community,
            building=building,
            entrance=entrance,
            number=number,
            floor=floor,
            gross_area=gross,
            inner_area=inner,
            use=use,
            status=status,
            handover_date=handover,
            developer_held=status == UnitStatus.UNSOLD,
            code=code,
            note=note,
        )

    def _gross_area(self, b_index, spec, position, use):
        jitter = Decimal(self.r(b_index, position, 1) % 400) / 100
        if use == UnitUse.SHOP:
            base = Decimal(42 + self.r(b_index, position, 5) % 140)
        elif use == UnitUse.STORAGE:
            base = Decimal(6 + self.r(b_index, position, 5) % 8)
        elif use == UnitUse.GARAGE:
            base = Decimal(18 + self.r(b_index, position, 5) % 12)
        elif spec.per_floor == 4:  # 一梯四户: big corner flats, smaller middle ones
            base = Decimal([126, 89, 92, 136][position - 1])
        else:
            base = Decimal(96 + self.r(b_index, 6) % 18)
        return money(base + jitter)

    @staticmethod
    def _status(use, roll):
        if use == UnitUse.RESIDENTIAL:
            table = [(25, "unsold"), (85, "vacant"), (125, "handed_over"), (175, "decorating"),
                     (265, "rented")]  # fmt: skip
        elif use == UnitUse.SHOP:
            table = [(80, "unsold"), (180, "vacant"), (680, "rented")]
        else:  # storage rooms and garages
            table = [(250, "unsold"), (300, "vacant")]
        for limit, status in table:
            if roll < limit:
                return UnitStatus(status)
        return UnitStatus.OCCUPIED

    # people and their relations

    def _relate(self, unit, person, role, start, **extra):
        self.relations.append(
            UnitRelation(
                community=self.community,
                unit=unit,
                person=person,
                role=role,
                start_date=start,
                **extra,
            )
        )

    def residents(self):
        storage_units = []
        for i, unit in enumerate(self.unit_list):
            if unit.status == UnitStatus.UNSOLD:
                continue
            if unit.use == UnitUse.RESIDENTIAL:
                self._household(i, unit)
            elif unit.use == UnitUse.SHOP:
                self._shop(i, unit)
            else:
                storage_units.append((i, unit))
        # Storage rooms and garages belong to owners of flats.
        order = self._order(len(self.occupants), 41)
        for k, (_i, unit) in enumerate(storage_units):
            person, _flat = self.occupants[order[k % len(order)]]
            start = self.since[id(person)]
            if unit.handover_date is not None:  # sold units all have one
                start = max(unit.handover_date, start)
            self._relate(unit, person, RelationRole.OWNER, start)
        Person.objects.bulk_create(self.people.items, batch_size=BATCH)
        UnitRelation.objects.bulk_create(self.relations, batch_size=BATCH)

    def _household(self, i, unit):
        people = self.people
        r = self.r(i, 20)
        start = unit.handover_date
        male = r % 100 < 55
        if unit.status == UnitStatus.OCCUPIED and self.r(i, 21) % 100 < 2:
            # Sold on: the first owner's relation ends, the buyer's starts.
            sold_on = start + dt.timedelta(days=400 + self.r(i, 22) % 900)
            seller = people.make(male=not male, born=(1960, 1985))
            self._relate(
                unit,
                seller,
                RelationRole.OWNER,
                start,
                end_date=sold_on - dt.timedelta(days=1),
                end_reason="二手房出售",
            )
            start = sold_on
        owner = people.make(male=male, born=(1962, 1992))
        household = r // 100 % 100
        co_owned = household >= 82
        spouse = None
        if co_owned or (unit.status == UnitStatus.OCCUPIED and household >= 30):
            spouse = people.make(male=not male, born=(1962, 1992), id_share=60)
        if co_owned:
            self._relate(unit, owner, RelationRole.OWNER, start, share=Decimal("50.00"))
            self._relate(unit, spouse, RelationRole.OWNER, start, share=Decimal("50.00"))
        else:
            self._relate(unit, owner, RelationRole.OWNER, start)
        if unit.status == UnitStatus.RENTED:
            self._tenants(i, unit)
            return
        if unit.status != UnitStatus.OCCUPIED:
            return
        self.occupants.append((owner, unit))
        self.since[id(owner)] = start
        if spouse is not None and not co_owned:
            self._relate(unit, spouse, RelationRole.FAMILY, start, relationship="配偶")
        if spouse is not None and household >= 60:
            father = owner if male else spouse
            for k in range(1 + self.r(i, 23) % 2):
                child = people.make(
                    male=self.r(i, 24, k) % 2 == 0,
                    born=(2005, 2019),
                    surname=father.name[0],
                    phone=False,
                )
                self._relate(unit, child, RelationRole.FAMILY, start, relationship="子女")
        if 90 <= household < 98 or (spouse is None and self.r(i, 25) % 100 < 6):
            parent_male = self.r(i, 26) % 2 == 0
            parent = people.make(
                male=parent_male,
                born=(1950, 1960),
                surname=owner.name[0] if parent_male else "",
                id_share=50,
                phone=self.r(i, 27) % 100 < 70,
            )
            label = "父亲" if parent_male else "母亲"
            self._relate(unit, parent, RelationRole.FAMILY, start, relationship=label)
        if spouse is None and owner.birthday and owner.birthday.year < 1966:
            owner.note = "独居，请定期探访"
            names = GIVEN_M if self.r(i, 28) % 2 else GIVEN_F
            child = names[self.r(i, 29) % len(names)]
            owner.emergency_contact = f"{owner.name[0]}{child}（子女）"
            owner.emergency_phone = f"1{3 + self.r(i, 36) % 6}{self.r(i, 37) % 10**9:09d}"

    def _tenants(self, i, unit, workplace=""):
        people = self.people
        # A current lease of one or two years, ending between 9 days and two years from now.
        days = 365 * (1 + self.r(i, 30) % 2)
        start = self.today - dt.timedelta(days=1 + self.r(i, 31) % (days - 11))
        end = start + dt.timedelta(days=days - 1)
        if self.r(i, 32) % 100 < 12:
            moved_out = start - dt.timedelta(days=1 + self.r(i, 33) % 40)
            earlier = max(unit.handover_date, moved_out - dt.timedelta(days=364))
            previous = people.make(male=self.r(i, 34) % 2 == 0, born=(1975, 2000), id_share=85)
            self._relate(
                unit,
                previous,
                RelationRole.TENANT,
                earlier,
                end_date=moved_out,
                end_reason="租期届满退租",
            )
        tenant = people.make(
            male=self.r(i, 35) % 100 < 55, born=(1975, 2000), id_share=85, workplace=workplace
        )
        self._relate(unit, tenant, RelationRole.TENANT, start, end_date=end)
        self.tenants.append((tenant, unit))

    def _shop(self, i, unit):
        owner = self.people.make(male=self.r(i, 40) % 100 < 60, born=(1960, 1985))
        self._relate(unit, owner, RelationRole.OWNER, unit.handover_date)
        if unit.status == UnitStatus.RENTED:
            self._tenants(i, unit, workplace=self._business(unit.number))
        elif unit.status == UnitStatus.OCCUPIED:
            owner.workplace = self._business(unit.number)

    def _business(self, number):
        return SHOP_BUSINESSES[(int(number) + self.salt * 7) % len(SHOP_BUSINESSES)]
