"""The monthly inspection completion report (QUA-01): a month of BENCH_PLANS plans (default
200) walked every day by 40 guards in 4 departments — 6,000 tasks, most done, some missed —
with BENCH_CHECKINS check-ins (default 100,000), then the report the page shows (per plan,
person and department, with the check-in counts) timed as the page calls it: the best of
three runs. Prints the milliseconds against the 500 ms limit; the limit is PostgreSQL's (set
DATABASE_URL, or run_all.py runs it on a scratch database)."""

import datetime as dt
import os
import sys
import time
from zoneinfo import ZoneInfo

from common import report, setup_django

setup_django()

from wuye.org.models import Community, Company, Department, Membership, User  # noqa: E402
from wuye.quality import reports  # noqa: E402
from wuye.quality.models import (  # noqa: E402
    CheckIn,
    Checkpoint,
    InspectionPlan,
    InspectionTask,
)

PLANS = int(os.environ.get("BENCH_PLANS", "200"))
CHECKINS = int(os.environ.get("BENCH_CHECKINS", "100000"))
MONTH = dt.date(2026, 3, 1)
DAYS = 30
SHANGHAI = ZoneInfo("Asia/Shanghai")

company = Company.objects.create(code="bench", name="基准物业")
community = Community.objects.create(company=company, code="BENCH", name="基准小区")
departments = Department.objects.bulk_create(
    Department(community=community, kind=kind, name=name)
    for kind, name in (
        ("SEC", "秩序维护部"),
        ("ENG", "工程部"),
        ("CLN", "保洁部"),
        ("GRN", "绿化部"),
    )
)
guards = [User.objects.create(username=f"guard{n:02d}", name=f"巡查员{n:02d}") for n in range(40)]
Membership.objects.bulk_create(
    Membership(community=community, user=user, post="SEC", department=departments[n % 4])
    for n, user in enumerate(guards)
)
checkpoints = Checkpoint.objects.bulk_create(
    Checkpoint(community=community, code=f"XJ-{n:04d}", name=f"巡查点{n}", kind="place")
    for n in range(240)
)
plans = InspectionPlan.objects.bulk_create(
    InspectionPlan(
        community=community,
        name=f"计划{n:03d}",
        category="inspection",
        frequency="daily",
        window_start=dt.time(8, 0),
        window_end=dt.time(10, 0),
        assigned_post="SEC",
        starts_on=dt.date(2026, 1, 1),
    )
    for n in range(PLANS)
)
tasks = []
for n, plan in enumerate(plans):
    for d in range(DAYS):
        day = MONTH + dt.timedelta(days=d)
        done = (n + d) % 9 != 0
        tasks.append(
            InspectionTask(
                community=community,
                plan=plan,
                day=day,
                window_start=dt.datetime.combine(day, dt.time(8), tzinfo=SHANGHAI),
                window_end=dt.datetime.combine(day, dt.time(10), tzinfo=SHANGHAI),
                assigned_post="SEC",
                status="done" if done else "missed",
                completed_by=guards[(n + d) % 40] if done else None,
            )
        )
tasks = InspectionTask.objects.bulk_create(tasks, batch_size=2000)
per_task = -(-CHECKINS // len(tasks))
check_ins = []
for t, task in enumerate(tasks):
    for k in range(per_task):
        if len(check_ins) == CHECKINS:
            break
        check_ins.append(
            CheckIn(
                community=community,
                task=task,
                checkpoint=checkpoints[(t + k) % 240],
                checked_at=task.window_start + dt.timedelta(minutes=k),
                out_of_window=k % 50 == 49,
                out_of_order=k % 37 == 36,
            )
        )
CheckIn.objects.bulk_create(check_ins, batch_size=5000)
print(f"{PLANS} plans × {DAYS} days: {len(tasks):,} tasks, {CheckIn.objects.count():,} check-ins")

source = InspectionTask.objects.all()
timings = []
for _ in range(3):
    started = time.perf_counter()
    result = reports.completion_report(community, MONTH, source=source)
    timings.append(time.perf_counter() - started)
assert result["total"]["visits"] == CHECKINS, result["total"]
assert result["total"]["due"] == len(tasks) and len(result["by_person"]) == 41, result["total"]
ok = report(
    f"monthly inspection completion report, {len(tasks):,} tasks, {CHECKINS:,} check-ins",
    min(timings) * 1000,
    "ms",
    500,
)
sys.exit(0 if ok else 1)
