"""The gate: a release pass scanned and answered, with 50,000 passes on PostgreSQL (OCC-04).

gunicorn (2 workers) on a scratch PostgreSQL database (DATABASE_URL's server when it is one,
else postgres@127.0.0.1; dropped afterwards) with one community of 2,000 units and
BENCH_PASSES (default 50,000) passes, most of them used long ago. BENCH_GATES (default 4) guards
at once each scan BENCH_SCANS (default 100) of today's approved passes: the look-up (GET
release-passes/lookup/?code=, what the phone shows after the scan) and the verification (POST
release-passes/verify/). Prints the p95 of each against 100 ms; exits non-zero over the limit
or on any wrong answer.
"""

import datetime as dt
import json
import math
import os
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PASSES = int(os.environ.get("BENCH_PASSES", "50000"))
GATES = int(os.environ.get("BENCH_GATES", "4"))
SCANS = int(os.environ.get("BENCH_SCANS", "100"))
LIMIT_MS = 100

server_url = os.environ.get("DATABASE_URL", "")
if not server_url.startswith("postgres"):
    server_url = "postgres://postgres@127.0.0.1:5432/postgres"
parts = urlsplit(server_url)
NAME = f"wuye_bench_gate_{os.getpid()}"
ADMIN_URL = urlunsplit(parts._replace(path="/postgres"))

import psycopg  # noqa: E402


def admin(sql):
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(sql)


try:
    admin(f'CREATE DATABASE "{NAME}"')
except psycopg.Error as exc:
    print(f"release-pass gate: needs PostgreSQL ({ADMIN_URL}): {exc}; skipped")
    sys.exit(0)
os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{NAME}"))

sys.path.insert(0, str(ROOT / "bench"))
ok = False
server = None
try:
    from common import setup_django, start_gunicorn, verdict

    setup_django()
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from wuye.estate.models import Building, Unit
    from wuye.occupancy.models import ReleasePass
    from wuye.org.models import Community, Company, Membership, User

    t0 = time.perf_counter()
    company = Company.objects.create(code="benchgate", name="压测物业")
    community = Community.objects.create(company=company, code="GATE", name="压测小区")
    building = Building.objects.create(community=community, number="1", sort_key=1)
    units = Unit.objects.bulk_create(
        Unit(
            community=community,
            building=building,
            entrance=1 + i // 1000,
            number=f"{i % 1000:04d}",
            floor=1,
            gross_area=90,
            inner_area=80,
            code=f"1-{1 + i // 1000}-{i % 1000:04d}",
        )
        for i in range(2000)
    )
    csr = User.objects.create_user("gate_csr", password="x", company=company)
    today = timezone.localdate()
    year = today.year
    fresh = GATES * SCANS  # today's approved passes, scanned in the run
    rows = []
    for i in range(PASSES):
        old = i >= fresh
        day = today - dt.timedelta(days=1 + i % 300) if old else today
        rows.append(
            ReleasePass(
                community=community,
                number=f"FX{year}{i + 1:06d}",
                unit=units[i % len(units)],
                applicant_name=f"业主{i % 2000:04d}",
                applicant_role="owner",
                reason="furniture",
                items="双人床一张\n冰箱一台\n纸箱六个",
                item_count=8,
                valid_from=day,
                valid_until=day,
                status="used" if old else "approved",
                decided_by=csr,
                decided_at=timezone.now(),
                used_at=timezone.now() - dt.timedelta(days=1 + i % 300) if old else None,
                used_by=csr if old else None,
                gate="北门" if old else "",
            )
        )
    ReleasePass.objects.bulk_create(rows, batch_size=5000)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    tokens = []
    for g in range(GATES):
        guard = User.objects.create_user(
            f"gate_sec_{g}", password="x", company=company, last_community=community
        )
        Membership.objects.create(community=community, user=guard, post="SEC")
        tokens.append(Token.objects.create(user=guard).key)
    print(f"{PASSES:,} passes in 2,000 units; data ready in {time.perf_counter() - t0:.0f} s")

    env = {
        **os.environ,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SETTINGS_MODULE": "wuye.settings",
    }
    server, base = start_gunicorn(2, env)

    def call(token, method, path, body=None):
        request = urllib.request.Request(
            base + path,
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={
                "Authorization": f"Token {token}",
                "X-Community": "GATE",
                "Content-Type": "application/json",
            },
        )
        start = time.perf_counter()
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
            payload = json.loads(response.read())
        return (time.perf_counter() - start) * 1000, payload

    for token in tokens:  # warm each worker's imports and caches
        call(token, "GET", f"/api/v1/release-passes/lookup/?code={PASSES}")

    def gate(g):
        looks, lets, wrong = [], [], 0
        for s in range(SCANS):
            seq = g * SCANS + s + 1
            ms, shown = call(tokens[g], "GET", f"/api/v1/release-passes/lookup/?code={seq}")
            looks.append(ms)
            wrong += not shown["can_let_out"]
            ms, used = call(tokens[g], "POST", "/api/v1/release-passes/verify/", {"code": str(seq)})
            lets.append(ms)
            wrong += used["status"] != "used"
        return looks, lets, wrong

    with ThreadPoolExecutor(GATES) as pool:
        results = list(pool.map(gate, range(GATES)))
    wrong = sum(r[2] for r in results)

    def p95(values):
        ordered = sorted(values)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]

    ok = wrong == 0
    for label, index in (("scan → pass shown", 0), ("let out (verify)", 1)):
        figure = p95([ms for r in results for ms in r[index]])
        ratio = figure / LIMIT_MS
        ok = ok and ratio <= 1
        print(
            f"release-pass gate, {label}: p95 {figure:.1f} ms over {GATES * SCANS} scans by "
            f"{GATES} guards at once (limit {LIMIT_MS} ms) ratio {ratio:.2f} {verdict(ratio)}"
        )
    if wrong:
        print(f"release-pass gate: {wrong} wrong answers")
finally:
    if server is not None:
        server.terminate()
        server.wait(timeout=20)
    from contextlib import suppress

    with suppress(Exception):
        from django.db import connections

        connections.close_all()
    admin(f'DROP DATABASE IF EXISTS "{NAME}" WITH (FORCE)')
sys.exit(0 if ok else 1)
