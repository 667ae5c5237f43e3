"""The staff list page and API with 2,000 staff posts: median response time vs 300 ms."""

import statistics
import sys
import time

from common import report, setup_django

setup_django()

from django.test import Client  # noqa: E402

from wuye.org.models import Community, Company, Department, Membership, User, Zone  # noqa: E402

LIMIT_MS = 300
company = Company.objects.create(code="bench", name="基准物业")
community = Community.objects.create(company=company, code="BENCH", name="基准小区")
department = Department.objects.create(community=community, kind="CS", name="客服部")
zones = [Zone.objects.create(community=community, code=f"Z{i}", name=f"{i}区") for i in range(10)]
users = User.objects.bulk_create(
    [
        User(username=f"u{i:05d}", name=f"员工{i:05d}", phone=f"139{i:08d}", company=company)
        for i in range(2000)
    ]
)
posts = ["CSR", "TECH", "SEC", "CLN"]
memberships = Membership.objects.bulk_create(
    [
        Membership(community=community, user=u, post=posts[i % 4], department=department)
        for i, u in enumerate(users)
    ]
)
through = Membership.zones.through
through.objects.bulk_create(
    [through(membership_id=m.pk, zone_id=zones[i % 10].pk) for i, m in enumerate(memberships)]
)
manager = User.objects.create_user(
    "bench_mgr", password="x", company=company, last_community=community
)
Membership.objects.create(community=community, user=manager, post="MGR")

client = Client()
client.force_login(manager)
ok = True
for label, url in [
    ("staff list page", "/org/staff/"),
    ("staff list filtered + search", "/org/staff/?post=CSR&q=员工01"),
    ("staff API page", "/api/v1/staff/"),
]:
    client.get(url)  # warm-up
    times = []
    for _ in range(15):
        t0 = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200
    ok &= report(f"{label} median", statistics.median(times), "ms", LIMIT_MS)
t0 = time.perf_counter()
response = client.get("/org/staff/?export=xlsx")
ok &= report("export of 2,000 staff", (time.perf_counter() - t0) * 1000, "ms", 5000)
sys.exit(0 if ok else 1)
