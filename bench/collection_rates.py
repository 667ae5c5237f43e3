"""Collection-rate report (BIL-15) over BENCH_UNITS units (default 100,000) × 12 monthly periods:
the community-wide rates, by building and by fee item for the last month, each timed. The data
(bills, lines, payments, allocations: 90 % of bills paid, some late) is written with INSERT…SELECT.
Limit 1 s per report on PostgreSQL (set DATABASE_URL); on SQLite the figure is printed with the
same limit for comparison."""

import datetime as dt
import os
import sys
import time
from decimal import Decimal

from common import filled_by_model, report, setup_django

setup_django()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from wuye.billing.engine import add_months, period_end  # noqa: E402
from wuye.billing.models import Allocation, Bill, BillLine, FeeItem, Payment  # noqa: E402
from wuye.billing.reports import collection_rates  # noqa: E402
from wuye.estate.models import Building, Unit  # noqa: E402
from wuye.org.models import Community, Company  # noqa: E402

UNITS = int(os.environ.get("BENCH_UNITS", "100000"))
FIRST = dt.date(2025, 11, 1)
PERIODS = [add_months(FIRST, n) for n in range(12)]

company = Company.objects.create(code="bench", name="基准物业")
community = Community.objects.create(company=company, code="BENCH", name="基准小区")
fee = FeeItem.objects.create(community=community, code="WYF", name="物业费", calculation="area")
buildings = Building.objects.bulk_create(
    [
        Building(community=community, number=str(b + 1), sort_key=b + 1)
        for b in range(UNITS // 1000 + 1)
    ]
)
Unit.objects.bulk_create(
    (
        Unit(
            community=community,
            building=buildings[i // 1000],
            entrance=1,
            number=f"{i % 1000:04d}",
            floor=1 + i % 33,
            gross_area=Decimal("89.50") + i % 40,
            inner_area=Decimal("72.30"),
            status="occupied",
            code=f"{i // 1000 + 1}-1-{i % 1000:04d}",
        )
        for i in range(UNITS)
    ),
    batch_size=5000,
)

t0 = time.perf_counter()
bills, lines, payments, allocations, units = (
    Bill._meta.db_table,
    BillLine._meta.db_table,
    Payment._meta.db_table,
    Allocation._meta.db_table,
    Unit._meta.db_table,
)
now = timezone.now()
with transaction.atomic(), connection.cursor() as cursor:
    # One payment per unit carries all its allocations (what matters to the report is the rows).
    named = (
        "community_id, unit_id, payer_name, channel, amount, change, to_prepayment, received_at, "
        "business_date, status, idempotency_key, purpose, reference, void_reason, created_at, "
        "updated_at"
    )
    more, values = filled_by_model(Payment, {c.strip() for c in named.split(",")})
    cursor.execute(
        f"INSERT INTO {payments} ({', '.join([named, *more])}) SELECT community_id, id, '', "
        f"'cash', 1000, 0, 0, %s, %s, 'posted', 'bench' || id, 'bills', '', '', %s, %s"
        f"{', %s' * len(more)} FROM {units} WHERE community_id = %s",
        [now, now.date(), now, now, *values, community.pk],
    )
    for n, start in enumerate(PERIODS):
        end = period_end(start, 1)
        named = (
            "community_id, number, unit_id, payer_kind, payer_name, period_start, period_end, "
            "due_date, status, total, paid, created_at, updated_at"
        )
        more, values = filled_by_model(Bill, {c.strip() for c in named.split(",")})
        cursor.execute(
            f"INSERT INTO {bills} ({', '.join([named, *more])}) "
            f"SELECT community_id, 'B{n:02d}-' || id, id, 'resident', '', %s, %s, %s, 'open', "
            f"gross_area * 2.5, 0, %s, %s{', %s' * len(more)} FROM {units} WHERE community_id = %s",
            [start, end, start.replace(day=15), now, now, *values, community.pk],
        )
        named = (
            "community_id, bill_id, fee_item_id, period, period_end, quantity, unit_price, factor, "
            "amount, formula, detail, billing_key, cancelled, created_at, updated_at"
        )
        more, values = filled_by_model(BillLine, {c.strip() for c in named.split(",")})
        cursor.execute(
            f"INSERT INTO {lines} ({', '.join([named, *more])}) "
            f"SELECT community_id, id, %s, period_start, period_end, 1, total, 1, total, '', '{{}}', "
            f"'k' || id, %s, %s, %s{', %s' * len(more)} FROM {bills} "
            f"WHERE community_id = %s AND period_start = %s",
            [fee.pk, False, now, now, *values, community.pk, start],
        )
        # 90 % of the bills are paid: most within their month, one in three of those a month late.
        for offset, modulus in ((dt.timedelta(days=10), "<> 0"), (dt.timedelta(days=40), "= 0")):
            paid_at = timezone.make_aware(dt.datetime.combine(start + offset, dt.time(10)))
            cursor.execute(
                f"INSERT INTO {allocations} (community_id, payment_id, bill_id, line_id, amount, "
                f"reversal, created_at, updated_at) "
                f"SELECT b.community_id, p.id, b.id, l.id, b.total, %s, %s, %s FROM {bills} b "
                f"JOIN {lines} l ON l.bill_id = b.id JOIN {payments} p ON p.unit_id = b.unit_id "
                f"WHERE b.community_id = %s AND b.period_start = %s AND b.id %% 10 <> 9 "
                f"AND b.id %% 3 {modulus}",
                [False, paid_at, paid_at, community.pk, start],
            )
    # What the counter keeps on each bill: the sum of its allocations.
    cursor.execute(
        f"UPDATE {bills} SET paid = COALESCE((SELECT SUM(a.amount) FROM {allocations} a "
        f"WHERE a.bill_id = {bills}.id), 0) WHERE community_id = %s",
        [community.pk],
    )
if connection.vendor == "postgresql":
    # The UPDATE above left a dead version of every bill: autovacuum clears them in a live
    # database long before a month's report; here it is done at once, as is the planner's view.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
print(
    f"{connection.vendor}: {UNITS:,} units × {len(PERIODS)} periods: "
    f"{Bill.objects.count():,} bills, {Allocation.objects.count():,} allocations "
    f"written in {time.perf_counter() - t0:.1f} s"
)

ok = True
last = PERIODS[-1]
for label, group in (("community", None), ("by building", "building"), ("by fee item", "fee_item")):
    t0 = time.perf_counter()
    rows = collection_rates(community, last, group_by=group)
    elapsed = time.perf_counter() - t0
    assert rows, label
    if group is None:
        row = rows[0]
        print(
            f"  {last:%Y-%m}: receivable {row['receivable']}, collected {row['collected']}, "
            f"rate {row['collection_rate']}, recovery {row['recovery_rate']}, "
            f"households {row['households_paid']}/{row['households']}"
        )
    ok &= report(f"collection rates {label}", elapsed * 1000, "ms", 1000)
# A month long past: most allocations came after its end (a manager looking back; this took
# minutes on PostgreSQL until the late payments were looked up among the month's bills only).
t0 = time.perf_counter()
collection_rates(community, PERIODS[4], group_by="building")
print(
    f"(collection rates by building for {PERIODS[4]:%Y-%m}: {(time.perf_counter() - t0) * 1000:.0f} ms)"
)
sys.exit(0 if ok else 1)
