"""The demo's parking, vehicles, meters, vendors, facilities and outside contacts, after the
homes and residents of the same community."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model

from .. import services
from ..choices import (
    BuildingKind,
    FacilityKind,
    FacilityStatus,
    MeterKind,
    MeterScope,
    SpaceKind,
    UnitUse,
    VendorCategory,
)
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
from .data import (
    BUILDINGS,
    CONTACTS,
    EXTRA_VEHICLES,
    GATES,
    LIAISONS,
    PARKING,
    RECREATION,
    SIGNS,
    STREETS,
    VENDOR_CATEGORIES,
    VENDORS,
)
from .homes import HomesSeeder
from .people import BATCH, BRANDS, COLOURS, NEV_BRANDS, Plates


class Seeder(HomesSeeder):
    """Everything of one community, in dependency order."""

    def run(self):
        self.buildings()
        self.units()
        self.residents()
        self.parking()
        self.vendors_and_facilities()
        self.meters()
        self.contacts()

    # parking and vehicles

    def parking(self):
        spaces = []
        areas = []
        for a_index, (name, underground, location, prefix, kinds) in enumerate(PARKING[self.key]):
            area = ParkingArea(
                community=self.community, name=name, underground=underground, location=location
            )
            areas.append(area)
            n = 0
            for kind, count, held in kinds:
                for _ in range(count):
                    n += 1
                    spaces.append((area, a_index, prefix, n, kind, held))
        ParkingArea.objects.bulk_create(areas, batch_size=BATCH)

        # Holders: owned spaces go to owners living here, the others to any resident.
        residents = self.occupants + self.tenants
        owner_iter = iter([self.occupants[k] for k in self._order(len(self.occupants), 50)])
        any_iter = iter([residents[k] for k in self._order(len(residents), 52)])
        taken: set[int] = set()

        def next_from(iterator):
            for person, unit in iterator:
                if person.pk not in taken:
                    taken.add(person.pk)
                    return person, unit
            return None, None

        rows = []
        for area, a_index, prefix, n, kind, held in spaces:
            size = None
            if area.underground:
                size = Decimal("13.80") if n % 10 == 0 else Decimal("12.50")
            person = unit = None
            note = ""
            if held and self.r(a_index, n, 51) % 100 < held:
                person, unit = next_from(owner_iter if kind == SpaceKind.OWNED else any_iter)
            elif kind == SpaceKind.OWNED:
                note = "开发商持有，待售"
            elif kind == SpaceKind.CIVIL_DEFENCE:
                note = "人防车位，可办理租用"
            elif kind == SpaceKind.PUBLIC:
                note = "无障碍车位" if area.underground and n % 5 == 0 else "访客临时停车"
            rows.append(
                ParkingSpace(
                    community=self.community,
                    area=area,
                    number=f"{prefix}-{n:03d}",
                    kind=kind,
                    size=size,
                    unit=unit,
                    person=person,
                    note=note,
                )
            )
        ParkingSpace.objects.bulk_create(rows, batch_size=BATCH)

        plates = Plates(self.salt)
        vehicles = []

        def vehicle(person, unit, space, k):
            plate, new_energy = plates.next()
            brands = NEV_BRANDS if new_energy else BRANDS
            vehicles.append(
                Vehicle(
                    community=self.community,
                    plate=plate,
                    brand=brands[self.r(k, 60) % len(brands)],
                    colour=COLOURS[self.r(k, 61) % len(COLOURS)],
                    person=person,
                    unit=unit,
                    space=space,
                    is_active=self.r(k, 62) % 100 != 0,
                )
            )

        k = 0
        for space in rows:
            if space.person is None:
                continue
            vehicle(space.person, space.unit, space, k)
            k += 1
            if self.r(k, 63) % 100 < 8:  # a second car, parked outside
                vehicle(space.person, space.unit, None, k)
                k += 1
        for _ in range(EXTRA_VEHICLES[self.key]):
            person, unit = next_from(any_iter)
            if person is None:
                break
            vehicle(person, unit, None, k)
            k += 1
        Vehicle.objects.bulk_create(vehicles, batch_size=BATCH)

    # meters

    def meters(self):
        if self.key not in ("A", "B"):
            return
        rows = []
        serial = 0
        replace = None
        for unit in self.unit_list:
            if unit.use != UnitUse.RESIDENTIAL:
                continue
            serial += 1
            installed = unit.building.completed_on
            for kind, letter, where in (
                (MeterKind.WATER, "W", "管道井"),
                (MeterKind.ELECTRICITY, "E", "电表箱"),
            ):
                meter = Meter(
                    community=self.community,
                    kind=kind,
                    scope=MeterScope.UNIT,
                    unit=unit,
                    serial=f"{letter}-{self.key}-{serial:06d}",
                    installed_on=installed,
                    location=f"{unit.floor}层{where}",
                )
                rows.append(meter)
                if self.key == "A" and unit.code == "2-1-1203" and kind == MeterKind.WATER:
                    replace = meter
        public = 0
        for spec in BUILDINGS[self.key]:
            if spec.use != UnitUse.RESIDENTIAL:
                continue
            building = self.building_by_number[spec.number]
            high = spec.kind == BuildingKind.HIGH_RISE
            public += 1
            rows.append(
                Meter(
                    community=self.community,
                    kind=MeterKind.ELECTRICITY,
                    scope=MeterScope.BUILDING,
                    building=building,
                    serial=f"E-{self.key}-B{int(spec.number):02d}",
                    multiplier=Decimal("10") if high else Decimal("1"),
                    installed_on=spec.completed,
                    location="一层配电间" if high else "一单元楼道配电箱",
                )
            )
            if high:
                rows.append(
                    Meter(
                        community=self.community,
                        kind=MeterKind.WATER,
                        scope=MeterScope.BUILDING,
                        building=building,
                        serial=f"W-{self.key}-B{int(spec.number):02d}",
                        installed_on=spec.completed,
                        location="二次供水泵房出水管",
                    )
                )
        completed = BUILDINGS[self.key][0].completed
        community_meters = [
            (MeterKind.WATER, "W", 1, "1", "南门市政进水总表井"),
            (MeterKind.WATER, "W", 2, "1", "绿化及景观用水"),
            (MeterKind.ELECTRICITY, "E", 1, "40", "1号配电房变压器总表"),
            (MeterKind.ELECTRICITY, "E", 2, "40", "2号配电房变压器总表"),
            (MeterKind.ELECTRICITY, "E", 3, "10", "地下车库照明及排风"),
        ]
        if self.key == "A":
            community_meters.append((MeterKind.WATER, "W", 3, "1", "会所游泳池补水"))
        for kind, letter, n, multiplier, location in community_meters:
            rows.append(
                Meter(
                    community=self.community,
                    kind=kind,
                    scope=MeterScope.COMMUNITY,
                    serial=f"{letter}-{self.key}-Z{n:02d}",
                    multiplier=Decimal(multiplier),
                    installed_on=completed,
                    location=location,
                )
            )
        Meter.objects.bulk_create(rows, batch_size=BATCH)
        if replace is not None:
            services.replace_meter(
                replace,
                new_serial=f"W-{self.key}-900001",
                old_final_reading=Decimal("612.40"),
                new_initial_reading=Decimal("0"),
                replaced_on=dt.date(2024, 9, 12),
                reason="表盘卡滞，计量不准",
                actor=None,
            )

    # vendors and facilities

    def vendors_and_facilities(self):
        year = self.today.year
        rows = []
        for k, (category, name, contact, phone, address) in enumerate(VENDORS):
            if category not in VENDOR_CATEGORIES[self.key]:
                continue
            if category == VendorCategory.GARBAGE and self.key == "A":
                # One contract running out soon, for the reminders.
                end = self.today + dt.timedelta(days=26)
                start = end - dt.timedelta(days=364)
            else:
                month = 1 + k * 5 % 12
                start = dt.date(year - 1 - k % 2, month, 1)
                end = dt.date(start.year + 3, month, 1) - dt.timedelta(days=1)
            vendor = Vendor(
                community=self.community,
                name=name,
                category=category,
                contact_name=contact,
                phone=phone,
                contract_start=start,
                contract_end=end,
                address=address,
            )
            rows.append(vendor)
            self.vendors[category] = vendor
        Vendor.objects.bulk_create(rows, batch_size=BATCH)

        v = self.vendors.get
        facilities = []

        def add(kind, code, name, **extra):
            extra.setdefault("installed_on", BUILDINGS[self.key][0].completed)
            facilities.append(
                Facility(
                    community=self.community,
                    kind=kind,
                    code=code,
                    name=name,
                    custodian=self.engineering,
                    **extra,
                )
            )

        # Elevators: two per entrance of every high-rise, inspections spread over a year.
        lift = 0
        for spec in BUILDINGS[self.key]:
            if spec.kind != BuildingKind.HIGH_RISE:
                continue
            building = self.building_by_number[spec.number]
            for entrance in range(1, spec.entrances + 1):
                for car in (1, 2):
                    lift += 1
                    number = int(spec.number)
                    repair = self.key == "A" and (number, entrance, car) == (5, 2, 2)
                    add(
                        FacilityKind.ELEVATOR,
                        f"DT-{number:02d}-{entrance}-{car}",
                        f"{spec.number}栋{entrance}单元{car}号电梯",
                        building=building,
                        location=f"{spec.number}栋{entrance}单元电梯厅",
                        vendor=v(VendorCategory.ELEVATOR),
                        registration_number=(
                            f"3110330100{spec.completed.year}{self.salt}{lift:05d}"
                        ),
                        next_inspection=self.today + dt.timedelta(days=5 + lift * 131 % 358),
                        installed_on=spec.completed,
                        status=FacilityStatus.REPAIR if repair else FacilityStatus.NORMAL,
                        note="曳引机异响，已报维保单位检修" if repair else "",
                    )
        # Pumps
        if self.key != "C":
            for n in range(1, 5 if self.key == "A" else 3):
                add(
                    FacilityKind.PUMP,
                    f"BF-{n:02d}",
                    f"生活给水变频泵{n}号",
                    location="地下车库一层二次供水泵房",
                    vendor=v(VendorCategory.WATER),
                    note="一用一备，每月切换" if n <= 2 else "",
                )
            base = 4 if self.key == "A" else 2
            for n in (1, 2):
                add(
                    FacilityKind.PUMP,
                    f"BF-{base + n:02d}",
                    f"消防水泵{n}号",
                    location="地下车库一层消防泵房",
                    vendor=v(VendorCategory.FIRE),
                )
            for n in range(1, 5 if self.key == "A" else 3):
                add(
                    FacilityKind.PUMP,
                    f"BF-{base + 2 + n:02d}",
                    f"集水井潜污泵{n}号",
                    location=f"地下车库{n}号集水井",
                )
        # Fire systems: yearly inspection
        fire = [("火灾自动报警系统", "消防控制室"), ("室内消火栓系统", "全区")]
        if self.key != "C":
            fire += [("自动喷水灭火系统", "地下车库"), ("防排烟系统", "高层楼栋及地下车库")]
        if self.key == "A":
            fire += [("消防控制室", "会所一层")]
        for n, (name, location) in enumerate(fire, start=1):
            add(
                FacilityKind.FIRE,
                f"XF-{n:02d}",
                name,
                location=location,
                vendor=v(VendorCategory.FIRE),
                next_inspection=self.today + dt.timedelta(days=30 + n * 47 % 300),
            )
        # Street lights and manholes
        streets = STREETS[self.key]
        lights = {"A": 48, "B": 24, "C": 10}[self.key]
        for n in range(1, lights + 1):
            broken = n == 17
            add(
                FacilityKind.STREET_LIGHT,
                f"LD-{n:03d}",
                f"庭院灯{n}号",
                location=streets[n % len(streets)],
                status=FacilityStatus.REPAIR if broken else FacilityStatus.NORMAL,
                note="灯头损坏，已申购配件" if broken else "",
            )
        numbers = [s.number for s in BUILDINGS[self.key] if s.number.isdigit()]
        kinds = ["雨水井", "污水井", "雨水井", "化粪池", "电力井", "通信井"]
        for n in range(1, {"A": 36, "B": 18, "C": 8}[self.key] + 1):
            near = numbers[n % len(numbers)]
            add(
                FacilityKind.MANHOLE,
                f"JG-{n:03d}",
                f"{kinds[n % len(kinds)]}{n}号",
                building=self.building_by_number[near],
                location=f"{near}栋{'东南西北'[n % 4]}侧",
            )
        if self.key == "A":
            add(
                FacilityKind.POOL,
                "YC-01",
                "室外游泳池",
                location="会所南侧",
                vendor=v(VendorCategory.WATER),
                next_inspection=dt.date(year + (self.today.month > 5), 5, 31),
                note="每年 6–9 月开放，开放前完成水质检测",
            )
        for n, name in enumerate(RECREATION[self.key], start=1):
            add(FacilityKind.RECREATION, f"YL-{n:02d}", name, location=name)
        for n, name in enumerate(SIGNS[self.key], start=1):
            add(FacilityKind.SIGNAGE, f"BS-{n:02d}", name)
        n = 0
        for gate in GATES[self.key]:
            n += 1
            add(FacilityKind.BULLETIN, f"GG-{n:02d}", f"{gate}公告栏", location=gate)
        for number in numbers:
            n += 1
            add(
                FacilityKind.BULLETIN,
                f"GG-{n:02d}",
                f"{number}栋公告栏",
                building=self.building_by_number[number],
                location=f"{number}栋一单元门厅",
            )
        Facility.objects.bulk_create(facilities, batch_size=BATCH)

    # outside contacts

    def contacts(self):
        rows = {}
        for kind, organization, name, phone, address, note in CONTACTS[self.key]:
            rows[organization] = ExternalContact(
                community=self.community,
                organization=organization,
                kind=kind,
                contact_name=name,
                phone=phone,
                address=address,
                note=note,
            )
        ExternalContact.objects.bulk_create(rows.values(), batch_size=BATCH)
        wanted = {log[3] for log in LIAISONS[self.key]}
        users = {u.username: u for u in get_user_model().objects.filter(username__in=wanted)}
        logs = [
            LiaisonLog(
                community=self.community,
                contact=rows[organization],
                date=self.today - dt.timedelta(days=days),
                channel=channel,
                subject=subject,
                content=content,
                staff=users.get(staff),
                follow_up=follow_up,
            )
            for organization, days, channel, staff, subject, content, follow_up in LIAISONS[
                self.key
            ]
        ]
        LiaisonLog.objects.bulk_create(logs, batch_size=BATCH)
