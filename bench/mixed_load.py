"""A service center's staff at work at once, against gunicorn on PostgreSQL over loopback.

BENCH_LOAD_USERS (default 30) staff for BENCH_LOAD_SECONDS (default 120): a third are cashiers
taking payments (POST payments/ with an Idempotency-Key, a tenth of them sent twice), a third
hotline staff registering work orders and watching the open ones, a third managers reading the
arrears list, a unit's open bills, the work-order lists and the collection rates
(bench/load/mixed_locustfile.py). The data is the demo company of `manage.py seed_demo`, in a
fresh database made here and dropped afterwards (BENCH_LOAD_KEEP_DB=1 keeps it); its bills are
made overdue, as they are on any day after their due date, so that the arrears list is the
~1,900 units it then is. gunicorn runs BENCH_LOAD_WORKERS (default 4) sync workers, warmed up
before the run.

Prints the p95 of each API operation with its ratio to 150 ms, and the errors; exits non-zero
when any p95 reaches 150 ms or any request fails. PostgreSQL: DATABASE_URL's server when it is
one, else postgres@127.0.0.1:5432; the database is named BENCH_DB_PREFIX_<pid>.
"""

import json
import math
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "120"))
USERS = int(os.environ.get("BENCH_LOAD_USERS", "30"))
WORKERS = int(os.environ.get("BENCH_LOAD_WORKERS", "4"))
LIMIT_MS = 150
PREFIX = os.environ.get("BENCH_DB_PREFIX", "wuye_bench_mixed")
OPERATIONS = [
    "payment POST",
    "payment POST again (same key)",
    "unit open bills",
    "register work order",
    "work-order list",
    "arrears list",
    "collection rates",
]

server_url = os.environ.get("DATABASE_URL", "")
if not server_url.startswith("postgres"):
    server_url = "postgres://postgres@127.0.0.1:5432/postgres"
parts = urlsplit(server_url)
NAME = f"{PREFIX}_{os.getpid()}"
os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{NAME}"))
ADMIN_URL = urlunsplit(parts._replace(path="/postgres"))
os.environ["WUYE_DEMO_PASSWORD"] = f"bench-{secrets.token_hex(4)}"  # not var/demo-password

import psycopg  # noqa: E402


def admin(sql):
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(sql)


try:
    admin(f'CREATE DATABASE "{NAME}"')
except psycopg.Error as exc:
    print(f"mixed load: needs PostgreSQL ({ADMIN_URL}): {exc}; skipped")
    sys.exit(0)

sys.path.insert(0, str(ROOT / "bench"))
ok = False
server = None
work = Path(tempfile.mkdtemp(prefix="wuye-mixed-"))
try:
    from common import MARGIN, run_locust, setup_django, start_gunicorn, verdict

    t0 = time.perf_counter()
    setup_django()

    import datetime as dt
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection
    from django.db.models import F
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from wuye.billing.choices import BillStatus, PayerKind
    from wuye.billing.models import Bill
    from wuye.estate.models import Unit
    from wuye.org.models import Community, Membership, User

    call_command("seed_demo", stdout=StringIO())
    community = max(  # the largest demo center
        Community.objects.all(), key=lambda c: Unit.objects.filter(community=c).count()
    )
    today = timezone.localdate()
    # The demo's history is mostly paid; the counter's busy days follow a billing run: issue
    # the month the demo leaves unbilled, so every household has a bill to pay.
    from wuye.billing import engine
    from wuye.billing.services.issuing import execute_run
    from wuye.billing.services.runs import confirm_run, preview_run
    from wuye.org.models import User as Staff

    run = preview_run(
        community=community,
        period=engine.add_months(today.replace(day=1), -1),
        actor=Staff.objects.get(username="fin_a"),
    )
    execute_run(confirm_run(run, actor=Staff.objects.get(username="mgr_a"), enqueue=False))
    open_bills = Bill.objects.filter(community=community, status=BillStatus.OPEN)
    open_bills.filter(due_date__gte=today).update(due_date=F("due_date") - dt.timedelta(days=60))

    def tokens_of(*posts):
        users = User.objects.filter(
            memberships__community=community,
            memberships__post__in=posts,
            memberships__is_active=True,
        ).distinct()
        return [Token.objects.get_or_create(user=user)[0].key for user in users]

    cashiers = []
    for number in range(1, math.ceil(USERS / 3) + 2):  # one account per cashier at the counter
        user = User.objects.create_user(
            f"load_csh_{number:02d}",
            password=os.environ["WUYE_DEMO_PASSWORD"],
            name=f"压测收银员{number}",
            company=community.company,
            last_community=community,
        )
        Membership.objects.create(community=community, user=user, post="CSH")
        cashiers.append(Token.objects.create(user=user).key)
    warm_token = cashiers.pop()
    owing = list(
        open_bills.filter(payer_kind=PayerKind.RESIDENT, unit__isnull=False, total__gt=F("paid"))
        .exclude(waivers__isnull=False)  # a waived bill owes less than its total says
        .order_by()  # the bills' own ordering would make a unit with two bills count twice
        .values_list("unit_id", flat=True)
        .distinct()
    )
    random.Random(9).shuffle(owing)
    warm_units, view_units, pay_units = (
        owing[: WORKERS * 2],
        owing[-300:],
        owing[WORKERS * 2 : -300],
    )
    data = {
        "community": community.code,
        "tokens": {
            "cashier": cashiers,
            "hotline": tokens_of("CSR", "DSP", "CSS"),
            "manager": tokens_of("MGR", "AST", "FIN"),
        },
        "pay_units": pay_units,
        "view_units": view_units,
        "unit_codes": list(
            Unit.objects.filter(community=community).values_list("code", flat=True)[:300]
        ),
        "period": f"{open_bills.order_by('period_start').first().period_start:%Y-%m}",
    }
    (work / "data.json").write_text(json.dumps(data))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would have after the demo's bulk inserts
    connection.close()
    print(
        f"{community.name}: {Unit.objects.filter(community=community).count():,} units, "
        f"{len(owing):,} with open bills; data ready in {time.perf_counter() - t0:.0f} s"
    )

    env = {
        **os.environ,
        "BENCH_LOAD_DATA": str(work / "data.json"),
        "BENCH_LOAD_RESULT": str(work / "times.json"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SETTINGS_MODULE": "wuye.settings",
    }
    server, base = start_gunicorn(WORKERS, env)

    def call(path, token, body=None, key=None):
        request = urllib.request.Request(
            base + path,
            data=None if body is None else json.dumps(body).encode(),
            headers={
                "Authorization": f"Token {token}",
                "X-Community": community.code,
                "Content-Type": "application/json",
                **({"Idempotency-Key": key} if key else {}),
            },
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status

    # Every worker imports the views and the API on its first request: warm them all up, as a
    # running server is, with each kind of request (and a payment per worker).
    manager, hotline = data["tokens"]["manager"][0], data["tokens"]["hotline"][0]
    warm = [
        ("/api/v1/arrears/", manager, None, None),
        (f"/api/v1/bills/?unit={view_units[0]}&status=open", manager, None, None),
        ("/api/v1/work-orders/?state=open", hotline, None, None),
        (f"/api/v1/collection-rates/?period={data['period']}", manager, None, None),
    ] * (WORKERS * 2)
    warm += [
        ("/api/v1/payments/", warm_token, {"unit": unit, "channel": "cash"}, secrets.token_hex(8))
        for unit in warm_units
    ]
    warm += [
        (
            "/api/v1/work-orders/",
            hotline,
            {
                "unit": data["unit_codes"][0],
                "kind": "repair",
                "channel": "hotline",
                "description": "预热",
            },
            None,
        )
    ] * (WORKERS * 2)
    with ThreadPoolExecutor(WORKERS * 2) as pool:
        statuses = list(pool.map(lambda args: call(*args), warm))
    assert all(code in (200, 201) for code in statuses), statuses

    def server_cpu():
        """CPU seconds used so far by the gunicorn workers: per request, a figure that a busy
        machine changes far less than the response times. (PostgreSQL's backends come and go
        with CONN_MAX_AGE, so their share is not counted here.)"""
        import psutil

        used = 0.0
        for process in psutil.Process(server.pid).children(recursive=True):
            with suppress(psutil.Error):
                used += sum(process.cpu_times()[:2])
        return used

    cpu_before = server_cpu()
    load_before = os.getloadavg()[0]
    run_locust(
        "mixed_locustfile.py",
        users=USERS,
        seconds=SECONDS,
        host=base,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(work / "locust.log").open("w"),
    )
    cpu_after = server_cpu()
    log = (work / "locust.log").read_text()
    if "Error report" in log:  # locust's own table of what failed, and how often
        print(log[log.index("Error report") :].strip())
    result = json.loads((work / "times.json").read_text())
    ok = True
    total = sum(len(times) for times in result["times"].values())
    errors = sum(result["failures"].values())
    print(
        f"mixed load, {USERS} staff × {SECONDS} s, gunicorn {WORKERS} workers, PostgreSQL: "
        f"{total:,} requests ({total / SECONDS:.1f}/s), {errors} errors"
    )
    print(
        f"  CPU per request in gunicorn: {(cpu_after - cpu_before) / max(total, 1) * 1000:.1f} ms; "
        f"load average "
        f"{load_before:.1f} → {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (other work on "
        "the machine shows in the response times, much less in the CPU per request)"
    )
    for name in [*OPERATIONS, *sorted(set(result["times"]) - set(OPERATIONS))]:
        times = sorted(result["times"].get(name, []))
        if not times:
            continue
        p95 = times[min(len(times) - 1, math.ceil(0.95 * len(times)) - 1)]
        failures = result["failures"].get(name, 0)
        ratio = p95 / LIMIT_MS
        ok &= p95 < LIMIT_MS and not failures
        print(
            f"  {name:<30} {len(times):>5} requests, p50 {times[len(times) // 2]:5.0f} ms, "
            f"p95 {p95:5.0f} ms (limit {LIMIT_MS} ms) ratio {ratio:.2f} "
            f"{verdict(ratio) if ratio < 1 else 'OVER LIMIT'}, {failures} errors"
        )
    ok &= errors == 0 and total > 0
    print(
        f"mixed load: {'OK' if ok else 'OVER LIMIT or ERRORS'} "
        f"(every p95 under {LIMIT_MS} ms, none above {MARGIN} of it wanted, and no error)"
    )
finally:
    if server is not None:
        server.terminate()
        server.wait(timeout=30)
    shutil.rmtree(work, ignore_errors=True)
    from django.db import connections

    connections.close_all()
    if os.environ.get("BENCH_LOAD_KEEP_DB") == "1":
        print(f"database kept: {os.environ['DATABASE_URL']}")
    else:
        admin(f'DROP DATABASE IF EXISTS "{NAME}" WITH (FORCE)')
sys.exit(0 if ok else 1)
