"""Shared set-up for benchmarks: a throw-away SQLite database under var/bench/."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django():
    sys.path.insert(0, str(ROOT))
    work = Path(tempfile.mkdtemp(prefix="wuye-bench-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{work / 'bench.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wuye.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return work


def filled_by_model(model, named):
    """Columns an INSERT written by hand (the benchmarks' INSERT…SELECT) would leave NULL though
    the model fills them from a default of its own (not a database default): their names and
    values, so a column added to the model later does not break the benchmark."""
    from django.db import connection
    from django.db.models import NOT_PROVIDED

    columns, values = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.null or field.column in named:
            continue
        if field.db_default is not NOT_PROVIDED or not field.has_default():
            continue
        columns.append(field.column)
        values.append(field.get_db_prep_save(field.get_default(), connection))
    return columns, values


# A figure above this share of its limit passes, but machine noise may flip it: say so.
MARGIN = 0.7


def verdict(ratio: float) -> str:
    if ratio > 1:
        return "OVER LIMIT"
    return "OK" if ratio <= MARGIN else f"OK (but above {MARGIN} of the limit: no margin for noise)"


def report(name, value, unit, limit, lower_is_better=True):
    """Print one figure with its ratio to the limit; True when within the limit (ratio ≤ 1)."""
    ratio = value / limit if lower_is_better else limit / value
    print(f"{name}: {value:.1f} {unit} (limit {limit} {unit}) ratio {ratio:.2f} {verdict(ratio)}")
    return ratio <= 1


def start_gunicorn(workers: int, env: dict):
    """gunicorn serving the project on a free loopback port, once it accepts connections:
    (the process, its base URL). The caller terminates it."""
    import socket
    import subprocess
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "wuye.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.2)
    return server, f"http://127.0.0.1:{port}"


def run_locust(locustfile: str, *, users: int, seconds: int, host: str, env: dict, extra=(), **run):
    """locust headless from bench/load/<locustfile>: `users` users started at once for
    `seconds`; `extra` arguments and subprocess.run keywords (stdout, stderr) as given."""
    import subprocess

    return subprocess.run(
        [
            str(Path(sys.executable).parent / "locust"),
            "-f",
            str(ROOT / "bench" / "load" / locustfile),
            "--headless",
            "-u",
            str(users),
            "-r",
            str(users),
            "-t",
            f"{seconds}s",
            "--host",
            host,
            "--only-summary",
            "--loglevel",
            "WARNING",
            *extra,
        ],
        env=env,
        check=False,
        **run,
    )
