"""The dispatcher's board and the work-order list with 10,000 open orders (a quarter of them
overdue): median response time vs 300 ms."""

import datetime as dt
import statistics
import sys
import time

from common import report, setup_django

setup_django()

from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from wuye.core.bulk import insert_rows  # noqa: E402
from wuye.estate.models import Building, Unit  # noqa: E402
from wuye.org.models import Community, Company, Membership, User  # noqa: E402
from wuye.service.models import WorkOrder  # noqa: E402

LIMIT_MS = 300
ORDERS = 10_000
company = Company.objects.create(code="bench", name="基准物业")
community = Community.objects.create(company=company, code="BENCH", name="基准小区")
building = Building.objects.create(community=community, number="1", sort_key=1)
units = Unit.objects.bulk_create(
    Unit(
        community=community,
        building=building,
        entrance=1,
        number=f"{i:04d}",
        floor=1,
        gross_area=90,
        inner_area=80,
        code=f"1-1-{i:04d}",
    )
    for i in range(500)
)
dispatcher = User.objects.create_user("bench_dsp", password="x", company=company)
Membership.objects.create(community=community, user=dispatcher, post="DSP")
technicians = User.objects.bulk_create(
    User(username=f"tech{i}", name=f"维修{i}", company=company) for i in range(30)
)
Membership.objects.bulk_create(
    Membership(community=community, user=u, post="TECH") for u in technicians
)
now = timezone.now()
statuses = ["registered", "dispatched", "accepted", "arrived", "paused"]
rows = []
for i in range(ORDERS):
    late = i % 4 == 0
    created = now - dt.timedelta(hours=30 if late else 1, minutes=i % 60)
    status = statuses[i % 5]
    rows.append(
        (
            f"GD2026{i:06d}",
            "repair" if i % 3 else "complaint",
            "hotline",
            "urgent" if i % 7 == 0 else "normal",
            units[i % 500].pk,
            f"报修内容{i}",
            status,
            None if status == "registered" else technicians[i % 30].pk,
            created,
            created + dt.timedelta(minutes=30),
            created + dt.timedelta(hours=24),
        )
    )
insert_rows(
    WorkOrder,
    [
        "number",
        "kind",
        "channel",
        "priority",
        "unit_id",
        "description",
        "status",
        "assignee_id",
        "created_at",
        "response_due",
        "completion_due",
    ],
    rows,
    constants={"community_id": community.pk},
)

client = Client()
client.force_login(dispatcher)
ok = True
for label, url, headers in [
    ("dispatch board", "/service/board/", {}),
    (
        "dispatch board refresh (htmx)",
        "/service/board/",
        {"HX-Request": "true", "HX-Target": "board"},
    ),
    ("work-order list, overdue", "/service/orders/?state=overdue", {}),
    ("work-order API page", "/api/v1/work-orders/?state=open", {}),
]:
    client.get(url, headers=headers)  # warm-up
    times = []
    for _ in range(15):
        t0 = time.perf_counter()
        response = client.get(url, headers=headers)
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    ok &= report(
        f"{label} with {ORDERS:,} open orders, median", statistics.median(times), "ms", LIMIT_MS
    )
sys.exit(0 if ok else 1)
