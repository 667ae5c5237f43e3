"""Demo billing (收费) of 阳光花园 and 翠湖苑: policy, fee items and standards, two months of
meter readings, and the bills of the earlier month.

Readings are made for the two months before the current one (M-2 and M-1). M-2 is billed by
an ordinary billing run (preview → confirm → execute); M-1 is left for a user to bill from the
billing-run page, with a few anomalous readings (a spike, a reading below the last one) to
check first. The normal readings go through bulk_create (the reading service queries per
reading, too slow for ~5,000 meters); the anomalous ones and the shared meter's go through
`services.record_reading`, so they carry the anomalies the service finds.

Everything is derived from a small stable hash, so every install gets the same figures. A
community that already has fee items is left alone.
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from wuye.estate.choices import MeterKind, MeterScope, SpaceKind, UnitStatus, UnitUse
from wuye.estate.models import Meter
from wuye.org.models import Community

from . import engine, services
from .choices import (
    AreaBasis,
    Calculation,
    Cycle,
    FeeStart,
    ReadingStatus,
    RemainderRule,
    ShareBasis,
    TierBasis,
)
from .models import Bill, BillingPolicy, FeeItem, FeeStandard, MeterReading

BATCH = 1000
MASK64 = (1 << 64) - 1
START = dt.date(2020, 1, 1)
PRICE_CHANGE = dt.date(2026, 7, 1)  # 阳光花园's 物业服务费（住宅） 2.30 → 2.50
RESIDENTIAL = [UnitUse.RESIDENTIAL.value]

# code → (estate demo key, salt, developer, vacant rate %, shared-meter dial usage a month,
#         suffix of the staff accounts)
COMMUNITIES = {
    "YGHY": ("A", 11, "阳光置业发展有限公司", Decimal("70"), 1480, "a"),
    "CHY": ("B", 12, "翠湖房地产开发有限公司", Decimal("100"), 610, "b"),
}
# The public meter shared as 公摊电费: the car park's lighting and ventilation (the two
# transformer meters measure the households' electricity too, so they are not shared).
SHARED_METER = "E-{key}-Z03"

# Water: annual cumulative tiers (杭州 居民阶梯水价 style), ceilings in m³ a year.
WATER_TIERS = [
    {"up_to": "216", "price": "3.20"},
    {"up_to": "300", "price": "4.30"},
    {"up_to": None, "price": "6.90"},
]

IDLE = {UnitStatus.UNSOLD, UnitStatus.VACANT, UnitStatus.HANDED_OVER}


def _h(*parts: int) -> int:
    """A stable pseudo-random 32-bit number for a tuple of integers (no global random state)."""
    x = 0x9E3779B97F4A7C15
    for part in parts:
        x = ((x ^ (part & MASK64)) * 0xBF58476D1CE4E5B9) & MASK64
        x ^= x >> 31
        x = (x * 0x94D049BB133111EB) & MASK64
        x ^= x >> 29
    return x & 0xFFFFFFFF


def _fee_items(key):
    """[(code, name, fields, [(from, until, price, tiers, note)])] of one community."""
    if key == "A":
        service_fee = [
            (START, PRICE_CHANGE - dt.timedelta(days=1), "2.30", [], "前期物业服务合同约定"),
            (PRICE_CHANGE, None, "2.50", [], "2026 年业主大会表决通过调价"),
        ]
        service_note = "空置房按 70% 收取（2019 年业主大会决议，本地约定）"
    else:
        service_fee = [(START, None, "2.30", [], "物业服务合同约定")]
        service_note = "空置房全额收取"
    return [
        (
            "WYF-ZZ",
            "物业服务费（住宅）",
            {
                "calculation": Calculation.AREA,
                "area_basis": AreaBasis.GROSS,
                "applies_to_uses": RESIDENTIAL,
                "vacancy_applies": True,
                "note": service_note,
            },
            service_fee,
        ),
        (
            "WYF-SP",
            "物业服务费（商铺）",
            {
                "calculation": Calculation.AREA,
                "area_basis": AreaBasis.GROSS,
                "applies_to_uses": [UnitUse.SHOP.value],
                "vacancy_applies": False,
            },
            [(START, None, "4.00", [], "")],
        ),
        (
            "LJF",
            "垃圾清运费",
            {
                "calculation": Calculation.FIXED_UNIT,
                "applies_to_uses": RESIDENTIAL,
                "vacancy_applies": False,
            },
            [(START, None, "10.00", [], "")],
        ),
        (
            "CWF",
            "车位管理费",
            {
                "calculation": Calculation.FIXED_SPACE,
                "space_kinds": [SpaceKind.OWNED.value],
                "vacancy_applies": False,
                "note": "产权车位",
            },
            [(START, None, "150.00", [], "")],
        ),
        (
            "CWZJ",
            "车位租金",
            {
                "calculation": Calculation.FIXED_SPACE,
                "space_kinds": [SpaceKind.LEASED.value],
                "vacancy_applies": False,
                "note": "租赁车位",
            },
            [(START, None, "300.00", [], "")],
        ),
        (
            "SF",
            "水费",
            {
                "calculation": Calculation.TIERED,
                "meter_kind": MeterKind.WATER,
                "tier_basis": TierBasis.ANNUAL,
                "pass_through": True,
                "applies_to_uses": RESIDENTIAL,
                "vacancy_applies": False,
                "note": "代收代缴，按年度累计用水量分阶梯",
            },
            [(START, None, "3.20", WATER_TIERS, "居民生活用水阶梯价")],
        ),
        (
            "DF",
            "电费",
            {
                "calculation": Calculation.METERED,
                "meter_kind": MeterKind.ELECTRICITY,
                "pass_through": True,
                "applies_to_uses": RESIDENTIAL,
                "vacancy_applies": False,
                "note": "代收代缴",
            },
            [(START, None, "0.538", [], "居民生活用电")],
        ),
        (
            "GTDF",
            "公摊电费",
            {
                "calculation": Calculation.SHARED,
                "share_basis": ShareBasis.INNER_AREA,
                "remainder_rule": RemainderRule.LARGEST,
                "applies_to_uses": RESIDENTIAL,
                "vacancy_applies": False,
                "note": "地下车库照明及排风，按套内面积分摊，尾差计入最大份额",
            },
            [(START, None, "0.60", [], "")],
        ),
    ]


def seed(*, out, password):
    today = timezone.localdate()
    last_month = engine.add_months(today.replace(day=1), -1)
    billed_month = engine.add_months(today.replace(day=1), -2)
    communities = {c.code: c for c in Community.objects.filter(code__in=COMMUNITIES)}
    for code, spec in COMMUNITIES.items():
        community = communities.get(code)
        if community is None or FeeItem.objects.filter(community=community).exists():
            continue
        if not Meter.objects.filter(community=community).exists():
            continue  # no registry yet
        _Seeder(community, *spec).run(billed_month, last_month)

    seeded = [communities[code] for code in COMMUNITIES if code in communities]
    bills = ", ".join(
        f"{Bill.objects.filter(community=c, period_start=billed_month).count():,}"
        f"{f' bills for {billed_month:%Y-%m}' if i == 0 else ''} in {c.name}"
        for i, c in enumerate(seeded)
    )
    readings = MeterReading.objects.filter(community__in=seeded)
    to_check = readings.filter(status=ReadingStatus.ANOMALY).count()
    out.write(
        f"  billing: {FeeItem.objects.filter(community__in=seeded).count()} fee items, "
        f"{readings.count():,} readings ({to_check} to check), {bills}; "
        f"{last_month:%Y-%m} read, not billed yet"
    )


class _Seeder:
    def __init__(self, community, key, salt, developer, vacant_rate, shared_usage, suffix):
        self.community = community
        self.key = key
        self.salt = salt
        self.developer = developer
        self.vacant_rate = vacant_rate
        self.shared_usage = shared_usage
        users = {
            u.username: u
            for u in get_user_model().objects.filter(
                username__in=[f"{post}_{suffix}" for post in ("mgr", "fin", "tech")]
            )
        }
        self.manager = users.get(f"mgr_{suffix}")
        self.finance = users.get(f"fin_{suffix}")
        self.reader = users.get(f"tech_{suffix}")

    def r(self, *parts):
        return _h(self.salt, *parts)

    def run(self, billed_month, last_month):
        self.policy()
        shared = Meter.objects.filter(
            community=self.community,
            scope=MeterScope.COMMUNITY,
            kind=MeterKind.ELECTRICITY,
            serial=SHARED_METER.format(key=self.key),
        ).first() or (
            Meter.objects.filter(
                community=self.community,
                scope=MeterScope.COMMUNITY,
                kind=MeterKind.ELECTRICITY,
                is_active=True,
            )
            .order_by("serial")
            .first()
        )
        self.fee_items(shared)
        self.readings(billed_month, last_month, shared)
        self.bill(billed_month)

    # policy, fee items, standards

    def policy(self):
        BillingPolicy.objects.get_or_create(
            community=self.community,
            defaults={
                "cycle": Cycle.MONTH,
                "due_day": 15,
                "fee_start": FeeStart.NEXT_MONTH,
                "developer_name": self.developer,
                "vacant_rate": self.vacant_rate,
                "created_by": self.manager,
            },
        )

    def fee_items(self, shared):
        for code, name, fields, standards in _fee_items(self.key):
            if fields["calculation"] == Calculation.SHARED:
                if shared is None:
                    continue
                fields = {**fields, "shared_meter": shared}
            item = FeeItem.objects.create(
                community=self.community, code=code, name=name, created_by=self.manager, **fields
            )
            for start, until, price, tiers, note in standards:
                FeeStandard.objects.create(
                    community=self.community,
                    fee_item=item,
                    effective_from=start,
                    effective_to=until,
                    unit_price=Decimal(price),
                    tiers=tiers,
                    note=note,
                    created_by=self.manager,
                )

    # meter readings

    def _usage(self, kind, status, index, month):
        """A month's usage: a level per meter by how the unit is lived in, ±15% a month."""
        r = self.r(index, 1)
        if kind == MeterKind.WATER:
            if status in IDLE:
                base = Decimal(1 + r % 2)
            elif status == UnitStatus.DECORATING:
                base = Decimal(4 + r % 6)
            else:
                base = Decimal(6 + r % 12)
        elif status in IDLE:
            base = Decimal(800 + r % 2200) / 100
        elif status == UnitStatus.DECORATING:
            base = Decimal(9000 + r % 15000) / 100
        else:
            base = Decimal(11000 + r % 22000) / 100
        factor = Decimal(85 + self.r(index, 2, month) % 31) / 100  # 0.85–1.15
        if kind == MeterKind.WATER:
            return max(Decimal(1), (base * factor).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        return min(
            Decimal(400),
            max(Decimal(5), (base * factor).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)),
        )

    def _read_on(self, period, index):
        return engine.period_end(period, 1) - dt.timedelta(days=self.r(index, 3) % 3)

    def _anomalies(self, meters):
        """Five meters of lived-in units whose M-1 reading is wrong or unusual:
        {index: kind of anomaly}."""
        lived_in = [
            i
            for i, (_pk, _kind, _initial, status) in enumerate(meters)
            if status in (UnitStatus.OCCUPIED, UnitStatus.RENTED)
        ]
        lived_in.sort(key=lambda i: self.r(i, 9))
        water = [i for i in lived_in if meters[i][1] == MeterKind.WATER]
        power = [i for i in lived_in if meters[i][1] == MeterKind.ELECTRICITY]
        return {
            water[0]: "spike10",
            water[1]: "spike8",
            water[2]: "below",
            power[0]: "spike10",
            power[1]: "below",
        }

    def readings(self, billed_month, last_month, shared):
        # (pk, kind, initial reading, unit status) of every unit meter in use, in a stable order
        meters = list(
            Meter.objects.filter(
                community=self.community,
                scope=MeterScope.UNIT,
                kind__in=[MeterKind.WATER, MeterKind.ELECTRICITY],
                is_active=True,
            )
            .order_by("kind", "serial")
            .values_list("pk", "kind", "initial_reading", "unit__status")
        )
        done = set(
            MeterReading.objects.filter(
                community=self.community, period__in=[billed_month, last_month]
            )
            .order_by()
            .values_list("meter_id", "period")
        )
        odd = self._anomalies(meters)
        rows = []
        later = []  # (meter id, current, index): recorded through the service
        for index, (pk, kind, start, status) in enumerate(meters):
            used1 = self._usage(kind, status, index, 1)
            middle = start + used1
            if (pk, billed_month) not in done:
                rows.append(self._row(pk, billed_month, start, middle, index))
            if (pk, last_month) in done:
                continue
            anomaly = odd.get(index)
            if anomaly is None:
                end = middle + self._usage(kind, status, index, 2)
                rows.append(self._row(pk, last_month, middle, end, index))
            elif anomaly == "spike10":
                later.append((pk, middle + used1 * 10, index))
            elif anomaly == "spike8":
                later.append((pk, middle + used1 * 8, index))
            else:  # a figure misread below last month's
                later.append(
                    (pk, middle - (used1 / 2).quantize(Decimal(1), rounding=ROUND_HALF_UP), index)
                )
        MeterReading.objects.bulk_create(rows, batch_size=BATCH)
        by_pk = Meter.objects.in_bulk([pk for pk, _current, _index in later])
        for pk, current, index in later:
            services.record_reading(
                meter=by_pk[pk],
                period=last_month,
                current=current,
                read_on=self._read_on(last_month, index),
                actor=self.reader,
            )
        if shared is not None:
            for n, period in enumerate((billed_month, last_month)):
                if (shared.pk, period) in done:
                    continue
                previous = (
                    MeterReading.objects.filter(meter=shared, period__lt=period)
                    .order_by("-period")
                    .first()
                )
                base = previous.current_reading if previous else shared.initial_reading
                used = self.shared_usage + self.r(n, 20) % (self.shared_usage // 10)
                services.record_reading(
                    meter=shared,
                    period=period,
                    current=base + used,
                    read_on=engine.period_end(period, 1),
                    actor=self.reader,
                )

    def _row(self, meter_id, period, previous, current, index):
        return MeterReading(
            community=self.community,
            meter_id=meter_id,
            period=period,
            previous_reading=previous,
            current_reading=current,
            read_on=self._read_on(period, index),
            status=ReadingStatus.OK,
            anomalies=[],
            created_by=self.reader,
        )

    # the billing run of M-2

    def bill(self, period):
        run = services.preview_run(community=self.community, period=period, actor=self.finance)
        run = services.confirm_run(run, actor=self.manager, enqueue=False)
        services.execute_run(run)
