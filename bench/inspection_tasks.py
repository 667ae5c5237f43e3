"""Inspection task generation (QUA-01): BENCH_PLANS plans (default 200) — daily, on three
weekdays and monthly, a 12-checkpoint route each — generated 30 days ahead in one run, timed
as the nightly job does it (`generate_tasks`), then run again over the same days (idempotent:
nothing more made). Prints the seconds against the 2 s limit. Set DATABASE_URL to run it on
PostgreSQL."""

import datetime as dt
import os
import sys
import time

from common import report, setup_django

setup_django()

from wuye.org.models import Community, Company  # noqa: E402
from wuye.quality.models import Checkpoint, InspectionPlan, InspectionTask, PlanStop  # noqa: E402
from wuye.quality.services.plans import generate_tasks  # noqa: E402

PLANS = int(os.environ.get("BENCH_PLANS", "200"))
DAYS = 30
START = dt.date(2026, 3, 1)

company = Company.objects.create(code="bench", name="基准物业")
community = Community.objects.create(company=company, code="BENCH", name="基准小区")
checkpoints = Checkpoint.objects.bulk_create(
    Checkpoint(community=community, code=f"XJ-{n:04d}", name=f"巡查点{n}", kind="place")
    for n in range(240)
)
plans = InspectionPlan.objects.bulk_create(
    InspectionPlan(
        community=community,
        name=f"计划{n:03d}",
        category="inspection",
        frequency=("daily", "weekdays", "monthly")[n % 3],
        weekdays=[1, 3, 5] if n % 3 == 1 else [],
        month_day=(n % 28) + 1 if n % 3 == 2 else None,
        window_start=dt.time(8 + n % 10, 0),
        window_end=dt.time(9 + n % 10, 0),
        assigned_post="SEC",
        starts_on=dt.date(2026, 1, 1),
    )
    for n in range(PLANS)
)
PlanStop.objects.bulk_create(
    PlanStop(community=community, plan=plan, checkpoint=checkpoints[(n + k) % 240], position=k + 1)
    for n, plan in enumerate(plans)
    for k in range(12)
)

started = time.perf_counter()
made = generate_tasks(community, start=START, days=DAYS)
seconds = time.perf_counter() - started
again = generate_tasks(community, start=START, days=DAYS)
assert again == 0 and InspectionTask.objects.count() == made, (again, made)
print(f"{PLANS} plans × {DAYS} days: {made:,} tasks generated")
ok = report(f"inspection task generation, {PLANS} plans × {DAYS} days", seconds * 1000, "ms", 2000)
sys.exit(0 if ok else 1)
