"""The work-order API under a bounded locust run on loopback: 20 users, mixed reads and
creates, 60 s (BENCH_SECONDS), gunicorn with 2 workers, on PostgreSQL (a throw-away database
on 127.0.0.1 when DATABASE_URL is not one). Prints p95 against 150 ms and the error count
(the limit: p95 < 150 ms and no errors)."""

import csv
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECONDS = int(os.environ.get("BENCH_SECONDS", "60"))
USERS = 20
LIMIT_MS = 150

if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    name = f"wuye_bench_load_{os.getpid()}"
    created = subprocess.run(
        [
            "psql",
            "-q",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-c",
            f"CREATE DATABASE {name}",
        ],
        capture_output=True,
    )
    if created.returncode != 0:
        print(
            "service API load: needs PostgreSQL on 127.0.0.1 (or DATABASE_URL=postgres://…); skipped"
        )
        sys.exit(0)
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
    DROP = name
else:
    DROP = None

sys.path.insert(0, str(ROOT / "bench"))
from common import run_locust, setup_django, start_gunicorn  # noqa: E402

setup_django()

from rest_framework.authtoken.models import Token  # noqa: E402

from wuye.estate.models import Building, Unit  # noqa: E402
from wuye.org.models import Community, Company, Membership, User  # noqa: E402
from wuye.service import services  # noqa: E402

try:
    company = Company.objects.create(code="benchload", name="压测物业")
    community = Community.objects.create(company=company, code="LOAD", name="压测小区")
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
        for i in range(200)
    )
    dispatcher = User.objects.create_user(
        "load_dsp", password="x", company=company, last_community=community
    )
    Membership.objects.create(community=community, user=dispatcher, post="DSP")
    orders = [
        services.register_order(
            community=community,
            actor=dispatcher,
            kind="repair",
            channel="hotline",
            unit=units[i % 200],
            description=f"既有工单{i}",
        )
        for i in range(500)
    ]
    token = Token.objects.create(user=dispatcher).key
    env = {
        **os.environ,
        "BENCH_TOKEN": token,
        "BENCH_COMMUNITY": community.code,
        "BENCH_UNIT_CODES": ",".join(u.code for u in units[:50]),
        "BENCH_ORDER_IDS": ",".join(str(o.pk) for o in orders),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SETTINGS_MODULE": "wuye.settings",
    }
    server, base = start_gunicorn(2, env)
    out = Path(tempfile.mkdtemp(prefix="wuye-locust-"))
    try:
        run_locust(
            "service_locustfile.py",
            users=USERS,
            seconds=SECONDS,
            host=base,
            env=env,
            extra=["--csv", str(out / "run")],
            stdout=subprocess.DEVNULL,
        )
    finally:
        server.terminate()
        server.wait(timeout=20)
    with open(out / "run_stats.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    shutil.rmtree(out, ignore_errors=True)
    for row in rows:
        print(
            f"  {row['Name']:<22} {int(row['Request Count']):>6} requests, "
            f"p50 {row['50%']} ms, p95 {row['95%']} ms, failures {row['Failure Count']}"
        )
    total = next(row for row in rows if row["Name"] == "Aggregated")
    p95 = float(total["95%"])
    failures = int(total["Failure Count"])
    ratio = p95 / LIMIT_MS
    ok = p95 < LIMIT_MS and failures == 0
    print(
        f"work-order API, {USERS} users × {SECONDS} s on PostgreSQL/gunicorn: "
        f"{int(total['Request Count']):,} requests, p95 {p95:.0f} ms (limit {LIMIT_MS} ms) "
        f"ratio {ratio:.2f}, {failures} errors {'OK' if ok else 'OVER LIMIT'}"
    )
finally:
    if DROP:
        from django.db import connections

        connections.close_all()
        subprocess.run(
            [
                "psql",
                "-q",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-d",
                "postgres",
                "-c",
                f"DROP DATABASE IF EXISTS {DROP} WITH (FORCE)",
            ],
            capture_output=True,
        )
sys.exit(0 if ok else 1)
