"""Run every benchmark in bench/ (each prints its figure and the ratio to its limit), then the
variants the limits name: the billing run with every unit its own areas, and the billing run,
the collection-rate, the month ledger, the budget execution and the inspection completion reports
on PostgreSQL (a scratch database on
DATABASE_URL's server when that is PostgreSQL, else postgres@127.0.0.1; skipped with a note
when there is none)."""

import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent


def run(script, **env):
    label = " ".join(f"{k}={v}" for k, v in env.items() if k != "DATABASE_URL")
    on = " on PostgreSQL" if env.get("DATABASE_URL", "").startswith("postgres") else ""
    print(f"--- {script}{' ' + label if label else ''}{on}", flush=True)
    return subprocess.call(
        [sys.executable, str(HERE / script)], cwd=HERE.parent, env={**os.environ, **env}
    )


def postgres_admin_url():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        url = "postgres://postgres@127.0.0.1:5432/postgres"
    return urlsplit(url)


def on_postgres(script):
    """`script` against a database of its own, dropped afterwards."""
    import psycopg

    parts = postgres_admin_url()
    admin = urlunsplit(parts._replace(path="/postgres"))
    name = f"wuye_bench_{uuid.uuid4().hex[:8]}"
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as exc:
        print(f"--- {script} on PostgreSQL: skipped, no server ({exc})", flush=True)
        return 0
    try:
        return run(script, DATABASE_URL=urlunsplit(parts._replace(path=f"/{name}")))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


failed = 0
for script in sorted(HERE.glob("*.py")):
    if script.name in {"run_all.py", "common.py"} or script.name.startswith("_"):
        continue  # helpers, and anyone's scratch scripts (_name.py)
    failed += run(script.name) != 0
failed += run("billing_run.py", BENCH_DISTINCT_AREAS="1") != 0
failed += on_postgres("billing_run.py") != 0
failed += on_postgres("collection_rates.py") != 0
failed += on_postgres("finance_ledger.py") != 0
failed += on_postgres("budget_execution.py") != 0
failed += on_postgres("inspection_completion.py") != 0
failed += on_postgres("sms_campaign.py") != 0
failed += on_postgres("survey_statistics.py") != 0
sys.exit(1 if failed else 0)
