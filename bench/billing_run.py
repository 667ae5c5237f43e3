"""Billing run: BENCH_UNITS units (default 100,000) × 3 fee items, through preview + confirm,
against one hand-written INSERT…SELECT that produces the same bill and line rows on the same
database (each line with its coverage key, so the reference pays for the no-month-twice guard
too: the exclusion constraint on PostgreSQL, the triggers on SQLite). Prints seconds, peak
memory and the ratio (limit 3× on SQLite, 1.5× on PostgreSQL; peak memory ≤ 1 GB); the bills
are committed in chunks, as a real run's progress bar needs. Set DATABASE_URL to run it on
PostgreSQL."""

import datetime as dt
import os
import resource
import sys
import time
from decimal import Decimal

from common import setup_django

setup_django()

from django.db import connection, transaction  # noqa: E402

from wuye.billing.models import Bill, BillLine, FeeItem, FeeStandard  # noqa: E402
from wuye.billing.services.issuing import execute_run  # noqa: E402
from wuye.billing.services.runs import confirm_run, preview_run  # noqa: E402
from wuye.estate.models import Building, Unit  # noqa: E402
from wuye.org.models import Community, Company, User  # noqa: E402

UNITS = int(os.environ.get("BENCH_UNITS", "100000"))
# Units of one floor plan share their figures; BENCH_DISTINCT_AREAS=1 gives every unit its own
# areas (the worst case for the run's per-floor-plan memo).
DISTINCT = os.environ.get("BENCH_DISTINCT_AREAS") == "1"
PERIOD = dt.date(2026, 10, 1)

company = Company.objects.create(code="bench", name="基准物业")
community = Community.objects.create(company=company, code="BENCH", name="基准小区")
user = User.objects.create_user("bench_fin", company=company)
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
            gross_area=Decimal("89.50") + (Decimal(i) / 100 if DISTINCT else i % 40),
            inner_area=Decimal("72.30") + (Decimal(i) / 100 if DISTINCT else i % 17),
            status="occupied",
            handover_date=dt.date(2020, 6, 30),
            code=f"{i // 1000 + 1}-1-{i % 1000:04d}",
        )
        for i in range(UNITS)
    ),
    batch_size=5000,
)
items = []
for code, calculation, basis, price in (
    ("WYF", "area", "gross", "2.50"),
    ("NHF", "area", "inner", "0.35"),
    ("LJF", "fixed_unit", "gross", "10.00"),
):
    item = FeeItem.objects.create(
        community=community, code=code, name=code, calculation=calculation, area_basis=basis
    )
    FeeStandard.objects.create(
        community=community,
        fee_item=item,
        effective_from=dt.date(2020, 1, 1),
        unit_price=Decimal(price),
    )
    items.append(item)

t0 = time.perf_counter()
run = preview_run(community=community, period=PERIOD, months=1, fee_items=items, actor=user)
confirm_run(run, actor=user, enqueue=False)
run = execute_run(run)
ours = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
assert run.bills_created == UNITS and run.lines_created == 3 * UNITS, (
    run.bills_created,
    run.lines_created,
)

# The database's own limit: the same rows with one INSERT…SELECT per table, in a fresh period.
bill_table, line_table, unit_table = (
    Bill._meta.db_table,
    BillLine._meta.db_table,
    Unit._meta.db_table,
)
now = "CURRENT_TIMESTAMP"
t0 = time.perf_counter()
with transaction.atomic(), connection.cursor() as cursor:
    cursor.execute(
        f"INSERT INTO {bill_table} (community_id, number, unit_id, payer_kind, payer_name, period_start, period_end, due_date, "
        f"status, total, paid, created_at, updated_at) "
        f"SELECT community_id, 'R' || id, id, 'resident', '', %s, %s, %s, 'open', "
        f"ROUND(gross_area * 2.50, 2) + ROUND(inner_area * 0.35, 2) + 10.00, 0, {now}, {now} FROM {unit_table} WHERE community_id = %s",
        [dt.date(2026, 11, 1), dt.date(2026, 11, 30), dt.date(2026, 11, 15), community.pk],
    )
    for item, expression in zip(
        items,
        ["ROUND(u.gross_area * 2.50, 2)", "ROUND(u.inner_area * 0.35, 2)", "10.00"],
        strict=True,
    ):
        cursor.execute(
            f"INSERT INTO {line_table} (community_id, bill_id, fee_item_id, period, period_end, quantity, unit_price, factor, amount, "
            f"formula, detail, billing_key, coverage, cancelled, created_at, updated_at) "
            f"SELECT b.community_id, b.id, %s, %s, %s, u.gross_area, 2.5, 1, {expression}, 'x', '{{}}', "
            f"'ref' || b.id || ':' || %s, 'ref' || b.unit_id || ':' || %s, %s, {now}, {now} "
            f"FROM {bill_table} b JOIN {unit_table} u ON u.id = b.unit_id "
            f"WHERE b.period_start = %s AND b.community_id = %s",
            [
                item.pk,
                dt.date(2026, 11, 1),
                dt.date(2026, 11, 30),
                str(item.pk),
                str(item.pk),
                False,
                dt.date(2026, 11, 1),
                community.pk,
            ],
        )
reference = time.perf_counter() - t0
ratio = ours / reference
limit = 1.5 if connection.vendor == "postgresql" else 3
print(
    f"{connection.vendor}{' (every unit its own areas)' if DISTINCT else ''}: {UNITS:,} units × 3 fee items = {run.lines_created:,} lines in {run.bills_created:,} bills"
)
print(f"billing run (preview + issue): {ours:.1f} s; INSERT…SELECT reference: {reference:.2f} s")
print(
    f"{ratio:.2f}× the reference (limit {limit}×): ratio {ratio / limit:.2f} of the limit "
    f"{'OK' if ratio <= limit else 'OVER LIMIT'}; peak memory {peak:,.0f} MB "
    f"(limit 1,024 MB): ratio {peak / 1024:.2f} {'OK' if peak <= 1024 else 'OVER LIMIT'}"
)
sys.exit(0 if ratio <= limit and peak <= 1024 else 1)
