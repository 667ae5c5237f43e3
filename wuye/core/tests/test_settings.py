"""PLT-09: settings come from the environment; SQLite is tuned for a busy counter."""

import importlib
import sqlite3

import pytest
from django.conf import settings
from django.db import connection


def test_sqlite_uses_wal_busy_timeout_and_immediate_transactions(tmp_path, monkeypatch):
    """PLT-09: the default database is SQLite with WAL, busy_timeout and IMMEDIATE transactions."""
    import wuye.settings as module

    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("WUYE_VAR_DIR", str(tmp_path))
    try:
        default = importlib.reload(module).DATABASES["default"]
    finally:
        monkeypatch.undo()
        importlib.reload(module)
    assert default["ENGINE"] == "django.db.backends.sqlite3"
    assert default["NAME"] == str(tmp_path / "wuye.sqlite3")
    options = default["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    db = sqlite3.connect(tmp_path / "check.sqlite3")
    db.executescript(options["init_command"])
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 20000


def test_database_url_selects_postgresql(monkeypatch):
    """PLT-09: DATABASE_URL switches the database without touching code."""
    import wuye.settings as module

    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.example:5432/wuye")
    try:
        default = importlib.reload(module).DATABASES["default"]
    finally:
        monkeypatch.undo()
        importlib.reload(module)
    assert default["ENGINE"] == "django.db.backends.postgresql"
    assert default["HOST"] == "db.example" and default["NAME"] == "wuye"


def test_redis_url_moves_the_queue_and_cache_to_redis(monkeypatch):
    """PLT-09: REDIS_URL puts huey and the cache on Redis; without it huey uses a SQLite file."""
    import wuye.settings as module

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/3")
    try:
        prod = importlib.reload(module)
        assert prod.HUEY["huey_class"] == "huey.RedisHuey" and prod.HUEY["url"].endswith("/3")
        assert "redis" in prod.CACHES["default"]["BACKEND"].lower()
        monkeypatch.delenv("REDIS_URL")
        assert importlib.reload(module).HUEY["huey_class"] == "huey.SqliteHuey"
    finally:
        monkeypatch.undo()
        importlib.reload(module)


@pytest.mark.django_db
def test_test_database_runs_with_the_configured_engine():
    """The suite runs on whichever DATABASE_URL CI gives it (SQLite, then PostgreSQL)."""
    assert connection.vendor in {"sqlite", "postgresql"}
    assert settings.TIME_ZONE == "Asia/Shanghai" and settings.USE_TZ
