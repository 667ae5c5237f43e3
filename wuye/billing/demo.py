"""Demo billing (收费) of 阳光花园 and 翠湖苑: policy, fee items and standards, four months of
meter readings, three months of bills and their payments until yesterday.

Readings are made for the four months before the current one (M-4 … M-1). M-4, M-3 and M-2
are billed by ordinary billing runs (preview → confirm → execute) and paid as owners pay
(`_Seeder.history`: collection rates between 85% and 95%, every past day closed and
confirmed); M-1 is left for a user to bill from the billing-run page, with a few anomalous
readings (a spike, a reading below the last one) to check first. The normal readings go through bulk_create (the reading service queries per
reading, too slow for ~5,000 meters); the anomalous ones and the shared meter's go through
`services.readings.record_reading`, so they carry the anomalies the service finds.

Everything is derived from a small stable hash, so every install gets the same figures. A
community that already has fee items is left alone.
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import BigIntegerField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone

from wuye.core.models import Event
from wuye.estate.choices import MeterKind, MeterScope, SpaceKind, UnitStatus, UnitUse
from wuye.estate.models import Meter, Unit
from wuye.org.models import Community

from . import engine
from .choices import (
    AreaBasis,
    BillStatus,
    Calculation,
    Channel,
    Cycle,
    FeeStart,
    PayerKind,
    ReadingStatus,
    RemainderRule,
    ShareBasis,
    TierBasis,
)
from .closing import confirm_closing, day_totals, submit_closing
from .models import (
    Allocation,
    Bill,
    BillingPolicy,
    BillingRun,
    BillLine,
    DailyClosing,
    FeeItem,
    FeeStandard,
    MeterReading,
    Payment,
    Receipt,
)
from .services.counter import collect_payment
from .services.issuing import due_date_for, execute_run
from .services.readings import record_reading
from .services.runs import confirm_run, preview_run
from .services.standards import policy_for

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

HISTORY = 3  # months billed and paid before the month that is read but not billed yet
# How owners pay at the counter, most by phone (WeChat, Alipay), some in cash or by card.
CHANNELS = [
    Channel.WECHAT,
    Channel.WECHAT,
    Channel.WECHAT,
    Channel.ALIPAY,
    Channel.ALIPAY,
    Channel.CASH,
    Channel.CASH,
    Channel.POS,
    Channel.TRANSFER,
]


def _at(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour, minute))


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
    service_fee: list[tuple[dt.date, dt.date | None, str, list, str]]
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
    billed = [engine.add_months(today.replace(day=1), n) for n in range(-1 - HISTORY, -1)]
    communities = {c.code: c for c in Community.objects.filter(code__in=COMMUNITIES)}
    for code, spec in COMMUNITIES.items():
        community = communities.get(code)
        if community is None or FeeItem.objects.filter(community=community).exists():
            continue
        if not Meter.objects.filter(community=community).exists():
            continue  # no registry yet
        seeder = _Seeder(community, *spec)
        seeder.run(billed, last_month)
        out.write(f"  billing: {community.name}: payments of {billed[0]:%Y-%m} until yesterday…")
        seeder.history(billed, today)

    seeded = [communities[code] for code in COMMUNITIES if code in communities]
    bills = ", ".join(
        f"{Bill.objects.filter(community=c, period_start__in=billed).count():,}"
        f"{f' bills for {billed[0]:%Y-%m}…{billed[-1]:%Y-%m}' if i == 0 else ''} in {c.name}"
        for i, c in enumerate(seeded)
    )
    readings = MeterReading.objects.filter(community__in=seeded)
    to_check = readings.filter(status=ReadingStatus.ANOMALY).count()
    payments = Payment.objects.filter(community__in=seeded).count()
    out.write(
        f"  billing: {FeeItem.objects.filter(community__in=seeded).count()} fee items, "
        f"{readings.count():,} readings ({to_check} to check), {bills}, "
        f"{payments:,} payments; {last_month:%Y-%m} read, not billed yet"
    )


class _Seeder:
    def __init__(self, community, key, salt, developer, vacant_rate, shared_usage, suffix):
        self.community = community
        self.key = key
        self.salt = salt
        self.developer = developer
        self.vacant_rate = vacant_rate
        self.shared_usage = shared_usage
        self.suffix = suffix
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

    def run(self, billed, last_month):
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
        self.readings(billed, last_month, shared)
        for period in billed:
            self.bill(period)

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

    def readings(self, billed, last_month, shared):
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
            MeterReading.objects.filter(community=self.community, period__in=[*billed, last_month])
            .order_by()
            .values_list("meter_id", "period")
        )
        odd = self._anomalies(meters)
        rows = []
        later = []  # (meter id, current, index): recorded through the service
        for index, (pk, kind, start, status) in enumerate(meters):
            middle, used1 = start, Decimal(0)
            for n, period in enumerate(billed, 1):
                used1 = self._usage(kind, status, index, n)
                if (pk, period) not in done:
                    rows.append(self._row(pk, period, middle, middle + used1, index))
                middle += used1
            if (pk, last_month) in done:
                continue
            anomaly = odd.get(index)
            if anomaly is None:
                end = middle + self._usage(kind, status, index, len(billed) + 1)
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
            record_reading(
                meter=by_pk[pk],
                period=last_month,
                current=current,
                read_on=self._read_on(last_month, index),
                actor=self.reader,
            )
        if shared is not None:
            for n, period in enumerate([*billed, last_month]):
                if (shared.pk, period) in done:
                    continue
                previous = (
                    MeterReading.objects.filter(meter=shared, period__lt=period)
                    .order_by("-period")
                    .first()
                )
                base = previous.current_reading if previous else shared.initial_reading
                used = self.shared_usage + self.r(n, 20) % (self.shared_usage // 10)
                record_reading(
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
        """A month's run, dated back to the month's first working days as it would have been:
        previewed on the 1st, confirmed and issued on the 2nd, due on the policy's due day."""
        run = preview_run(community=self.community, period=period, actor=self.finance)
        run = confirm_run(run, actor=self.manager, enqueue=False)
        execute_run(run)
        issued = period + dt.timedelta(days=1)
        BillingRun.objects.filter(pk=run.pk).update(
            created_at=_at(period, 9, 30),
            confirmed_at=_at(issued, 10, 0),
            finished_at=_at(issued, 10, 2),
        )
        policy = policy_for(self.community)
        Bill.objects.filter(run=run).update(
            due_date=due_date_for(policy, period, issued), created_at=_at(issued, 10, 1)
        )
        # The lines too: the finance ledger counts a bill in the month it was issued (FIN-02).
        BillLine.objects.filter(bill__run=run).update(created_at=_at(issued, 10, 1))

    # payments of the billed months, until yesterday

    def history(self, billed, today):
        """Payments of the billed months as owners pay: seven in ten each month soon after the
        bill, about one in five a quarter at once, a few late, a few not at all — so the
        collection rates come out between 85% and 95%, and the arrears are real. Each payment
        goes through the counter's service and is then dated back to its day; each past day is
        closed by the cashier (counted as the system says) and confirmed by finance."""
        cashier = get_user_model().objects.filter(username=f"csh_{self.suffix}").first()
        if cashier is None or self.finance is None:
            return
        units: dict[int, dict[dt.date, list[int]]] = {}
        for pk, unit_id, period in (
            Bill.objects.filter(
                community=self.community,
                period_start__in=billed,
                payer_kind=PayerKind.RESIDENT,
                unit__isnull=False,
                status=BillStatus.OPEN,
            )
            .order_by("unit_id", "period_start", "pk")
            .values_list("pk", "unit_id", "period_start")
        ):
            units.setdefault(unit_id, {}).setdefault(period, []).append(pk)
        plan: dict[dt.date, list[tuple[int, list[int]]]] = {}
        for unit_id, months in units.items():
            for day, bills in self._paid_when(unit_id, months, billed):
                if day < today:
                    plan.setdefault(day, []).append((unit_id, bills))
        by_pk = Unit.objects.select_related("community").in_bulk(list(units))
        for day in sorted(plan):
            with transaction.atomic():
                self._pay_day(day, plan[day], by_pk, cashier)

    def _paid_when(self, unit_id, months, billed):
        """(day, bills) of each payment a unit makes, by the kind of payer it is."""
        kind = self.r(unit_id, 40) % 100
        periods = [p for p in billed if p in months]
        if kind < 72:  # each month, 3 to 24 days after the bill; the latest maybe not yet
            for n, period in enumerate(periods):
                if n == len(periods) - 1 and self.r(unit_id, 41) % 100 < 4:
                    continue
                yield period + dt.timedelta(days=3 + self.r(unit_id, 42, n) % 22), months[period]
        elif kind < 90:  # the quarter at once, after its last bill
            day = periods[-1] + dt.timedelta(days=2 + self.r(unit_id, 43) % 20)
            yield day, [pk for period in periods for pk in months[period]]
        elif kind < 95:  # late: the first month, weeks after it was due
            yield periods[0] + dt.timedelta(days=35 + self.r(unit_id, 44) % 25), months[periods[0]]

    def _pay_day(self, day, payments_of_the_day, units, cashier):
        made = []
        for n, (unit_id, bills) in enumerate(payments_of_the_day):
            payment = collect_payment(
                unit=units[unit_id],
                channel=CHANNELS[self.r(unit_id, 45, day.toordinal()) % len(CHANNELS)],
                cashier=cashier,
                idempotency_key=f"demo-{unit_id}-{day:%Y%m%d}",
                bill_ids=bills,
            )
            # Through the day, 08:30 to 17:30, in the order they came.
            minutes = 30 + n * 540 // max(1, len(payments_of_the_day))
            payment.received_at = _at(day, 8 + minutes // 60, minutes % 60)
            payment.business_date = day
            made.append(payment)
        Payment.objects.bulk_update(made, ["received_at", "business_date"], batch_size=BATCH)
        ids = [p.pk for p in made]
        paid_at = Subquery(Payment.objects.filter(pk=OuterRef("payment_id")).values("received_at"))
        Allocation.objects.filter(payment_id__in=ids).update(created_at=paid_at)
        Receipt.objects.filter(payment_id__in=ids).update(created_at=paid_at)
        Event.objects.filter(
            target_type="billing.payment", target_id__in=[str(pk) for pk in ids]
        ).update(
            occurred_at=Subquery(
                Payment.objects.filter(pk=Cast(OuterRef("target_id"), BigIntegerField())).values(
                    "received_at"
                )
            )
        )
        totals, _count = day_totals(self.community, cashier, day)
        closing = submit_closing(
            community=self.community,
            cashier=cashier,
            day=day,
            counted_cash=totals.get(Channel.CASH, Decimal(0)),
            actor=cashier,
        )
        confirm_closing(closing, actor=self.finance)
        DailyClosing.objects.filter(pk=closing.pk).update(
            created_at=_at(day, 17, 40), submitted_at=_at(day, 17, 40), confirmed_at=_at(day, 18, 5)
        )
