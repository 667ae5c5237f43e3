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


def report(name, value, unit, limit, lower_is_better=True):
    ratio = value / limit if lower_is_better else limit / value
    verdict = "OK" if ratio <= 1 else "OVER LIMIT"
    print(f"{name}: {value:.1f} {unit} (limit {limit} {unit}) ratio {ratio:.2f} {verdict}")
    return ratio <= 1
