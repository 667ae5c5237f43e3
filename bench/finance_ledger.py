"""Month-end ledger and reconciliation (FIN-02, FIN-06) over BENCH_UNITS units (default 100,000)
× 12 months of bills and payments: every bill issued in its month, 90 % paid (one payment each,
one in three of those a month late), a few units keeping prepayment. Months 1–11 are closed the
way finance closes them (each close reconciles and keeps its balances); then the 12th month's
ledger and its reconciliation are timed — what FIN opens at month end. Limit 2 s on PostgreSQL
(set DATABASE_URL), 5 s on SQLite. The same month with no earlier close (every balance from the
whole history, as on the first close) is printed for comparison."""

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
from wuye.billing.models import (  # noqa: E402
    Allocation,
    Bill,
    BillLine,
    FeeItem,
    Payment,
    Wallet,
    WalletEntry,
)
from wuye.estate.models import Building, Unit  # noqa: E402
from wuye.finance.models import MonthClose  # noqa: E402
from wuye.finance.services import closing, ledger  # noqa: E402
from wuye.org.models import Community, Company, Membership, User  # noqa: E402

UNITS = int(os.environ.get("BENCH_UNITS", "100000"))
LIMIT_MS = 2000 if connection.vendor == "postgresql" else 5000
today = timezone.localdate()
LAST = add_months(today.replace(day=1), -1)  # the month just ended
MONTHS = [add_months(LAST, n - 11) for n in range(12)]

company = Company.objects.create(code="bench", name="基准物业")
community = Community.objects.create(company=company, code="BENCH", name="基准小区")
fin = User.objects.create(username="bench-fin", name="财务")
Membership.objects.create(community=community, user=fin, post="FIN")
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


def aware(day: dt.date, hour=10):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def insert(cursor, model, named: str, select: str, params: list):
    """INSERT … SELECT with the model's own defaults filled in (`common.filled_by_model`)."""
    columns = [c.strip() for c in named.split(",")]
    more, values = filled_by_model(model, set(columns))
    extra = "".join(", %s" for _ in more)
    select = select.replace(" FROM ", f"{extra} FROM ", 1)
    head = select.index(" FROM ")
    sql = f"INSERT INTO {model._meta.db_table} ({', '.join([*columns, *more])}) {select}"
    # the model's default values are the parameters right before the FROM clause's own
    before = select[:head].count("%s") - len(more)
    cursor.execute(sql, params[:before] + values + params[before:])


t0 = time.perf_counter()
bills, lines, payments, units = (
    Bill._meta.db_table,
    BillLine._meta.db_table,
    Payment._meta.db_table,
    Unit._meta.db_table,
)
with transaction.atomic(), connection.cursor() as cursor:
    for n, start in enumerate(MONTHS):
        issued = aware(start.replace(day=3))
        # 90 % of the bills are paid, one payment each: most within the month (the 10th), one
        # in three of those a month late (the 10th of the next month, once it has come).
        late_day = start + dt.timedelta(days=40)
        paid = f"(id + {n}) %% 10 <> 9 AND ((id + {n}) %% 3 <> 0 OR %s)"
        insert(
            cursor,
            Bill,
            "community_id, number, unit_id, payer_kind, payer_name, period_start, period_end, "
            "due_date, status, total, paid, created_at, updated_at",
            f"SELECT community_id, 'B{n:02d}-' || id, id, 'resident', '', %s, %s, %s, 'open', "
            f"gross_area * 2.5, CASE WHEN {paid} THEN gross_area * 2.5 ELSE 0 END, %s, %s "
            f"FROM {units} WHERE community_id = %s",
            [
                start,
                period_end(start, 1),
                start.replace(day=15),
                late_day < today,
                issued,
                issued,
                community.pk,
            ],
        )
        insert(
            cursor,
            BillLine,
            "community_id, bill_id, fee_item_id, period, period_end, quantity, unit_price, "
            "factor, amount, formula, detail, billing_key, cancelled, paid, created_at, updated_at",
            f"SELECT community_id, id, %s, period_start, period_end, 1, total, 1, total, '', "
            f"'{{}}', 'k' || id, %s, paid, %s, %s FROM {bills} "
            f"WHERE community_id = %s AND period_start = %s",
            [fee.pk, False, issued, issued, community.pk, start],
        )
        for on_time, paid_on in ((True, start + dt.timedelta(days=9)), (False, late_day)):
            if paid_on >= today:
                continue
            at = aware(paid_on)
            which = f"(unit_id + {n}) %% 3 {'<>' if on_time else '='} 0"
            insert(
                cursor,
                Payment,
                "community_id, unit_id, payer_name, channel, amount, change, to_prepayment, "
                "received_at, business_date, status, idempotency_key, purpose, reference, "
                "void_reason, created_at, updated_at",
                f"SELECT community_id, unit_id, '', 'transfer', total, 0, 0, %s, %s, 'posted', "
                f"'bench-' || id, 'bills', '', '', %s, %s FROM {bills} "
                f"WHERE community_id = %s AND period_start = %s AND paid > 0 AND {which}",
                [at, paid_on, at, at, community.pk, start],
            )
            insert(
                cursor,
                Allocation,
                "community_id, payment_id, bill_id, line_id, amount, reversal, created_at, "
                "updated_at",
                f"SELECT b.community_id, p.id, b.id, l.id, b.total, %s, %s, %s FROM {bills} b "
                f"JOIN {lines} l ON l.bill_id = b.id JOIN {payments} p "
                f"ON p.community_id = b.community_id AND p.idempotency_key = 'bench-' || b.id "
                f"WHERE b.community_id = %s AND b.period_start = %s AND b.paid > 0 "
                f"AND (b.unit_id + {n}) %% 3 {'<>' if on_time else '='} 0",
                [False, at, at, community.pk, start],
            )
    # One unit in a hundred keeps 100.00 of prepayment, topped up in the first month.
    top_up = aware(MONTHS[0].replace(day=5))
    keepers = list(
        Unit.objects.filter(community=community).order_by("pk").values_list("pk", flat=True)[::100]
    )
    Wallet.objects.bulk_create(
        Wallet(community=community, unit_id=pk, balance=Decimal("100.00")) for pk in keepers
    )
    WalletEntry.objects.bulk_create(
        WalletEntry(
            community=community,
            unit_id=pk,
            kind="top_up",
            amount=Decimal("100.00"),
            created_at=top_up,
            updated_at=top_up,
        )
        for pk in keepers
    )
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
print(
    f"{connection.vendor}: {UNITS:,} units × {len(MONTHS)} months: {Bill.objects.count():,} "
    f"bills, {Payment.objects.count():,} payments, {Allocation.objects.count():,} allocations "
    f"written in {time.perf_counter() - t0:.1f} s"
)

t0 = time.perf_counter()
for month in MONTHS[:-1]:
    closing.close_month(community=community, month=month, actor=fin)
print(f"months {MONTHS[0]:%Y-%m}…{MONTHS[-2]:%Y-%m} closed in {time.perf_counter() - t0:.1f} s")


def timed(label):
    """The reconciliation page (the ledger and every figure the other way), timed."""
    t0 = time.perf_counter()
    result = ledger.reconcile(community, LAST)
    elapsed = (time.perf_counter() - t0) * 1000
    book = result.ledger
    totals = book.totals()
    assert result.balanced, [(c.label, c.difference) for c in result.checks if c.difference]
    assert totals["opening"] + totals["billed"] - totals["collected"] == totals["closing"]
    print(
        f"  {LAST:%Y-%m} ({label}): opening {totals['opening']}, billed {totals['billed']}, "
        f"collected {totals['collected']}, closing {totals['closing']}, arrears "
        f"{book.arrears_closing}, prepaid {book.prepaid['closing']}; "
        f"{len(result.checks)} checks balanced"
    )
    return elapsed


elapsed = min(timed("previous month closed") for _ in range(2))
ok = report(f"month ledger + reconciliation on {connection.vendor}", elapsed, "ms", LIMIT_MS)
t0 = time.perf_counter()
ledger.ledger(community, LAST)
print(f"(the ledger page alone: {(time.perf_counter() - t0) * 1000:.0f} ms)")
MonthClose.objects.filter(community=community).delete()
cold = timed("no month closed before")
print(f"(the same with every balance from the whole history, as on a first close: {cold:.0f} ms)")
sys.exit(0 if ok else 1)
