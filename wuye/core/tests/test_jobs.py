"""PLT-09: background jobs — django.tasks on huey, enqueue after commit, heartbeat, status page."""

import datetime as dt

import pytest
from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from wuye.core.jobs import enqueue_on_commit, status_summary
from wuye.core.models import TaskRun, WorkerHeartbeat
from wuye.core.tasks import heartbeat, heartbeat_every_minute
from wuye.core.tasks_backend import HueyTaskBackend

CALLS = []


@task
def remember(value):
    CALLS.append(value)
    return value


@pytest.fixture(autouse=True)
def _clear():
    CALLS.clear()
    yield
    CALLS.clear()


@pytest.mark.django_db(transaction=True)
def test_enqueue_on_commit_runs_only_after_commit():
    """PLT-09: side effects wait for the transaction; a rollback sends nothing."""
    with transaction.atomic():
        enqueue_on_commit(remember, "kept")
        assert CALLS == []
    assert CALLS == ["kept"]
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_on_commit(remember, "dropped")
        raise RuntimeError
    assert CALLS == ["kept"]


@pytest.mark.django_db
def test_huey_backend_runs_the_task_and_logs_the_run():
    """PLT-09: the django.tasks API hands work to huey; the worker logs each run."""
    backend = HueyTaskBackend("huey", {})
    assert HUEY.immediate  # tests run huey in-process
    result = backend.enqueue(remember, ["via huey"], {})
    assert result.status == "READY" and result.id
    assert CALLS == ["via huey"]
    run = TaskRun.objects.get(task_id=result.id)
    assert run.status == "succeeded" and run.task_path.endswith("remember")


@task
def explode():
    raise ValueError("故意失败")


@pytest.mark.django_db
def test_failed_task_is_recorded_with_its_error():
    """PLT-09: a failing task shows on the status page with its traceback."""
    backend = HueyTaskBackend("huey", {})
    result = backend.enqueue(explode, [], {})
    run = TaskRun.objects.get(task_id=result.id)
    assert run.status == "failed" and "故意失败" in run.error
    assert status_summary()["failed_today"] == 1


@pytest.mark.django_db
def test_deferred_tasks_are_scheduled_for_later():
    """PLT-09: run_after becomes a huey ETA (the task does not run now)."""
    HUEY.immediate = False
    try:
        HUEY.flush()
        backend = HueyTaskBackend("huey", {})
        later = remember.using(backend="huey", run_after=timezone.now() + dt.timedelta(hours=1))
        backend.enqueue(later, ["later"], {})
        assert CALLS == []
        [pending] = HUEY.pending()
        assert pending.eta is not None and pending.eta > dt.datetime.now(dt.UTC).replace(
            tzinfo=None
        )
    finally:
        HUEY.flush()
        HUEY.immediate = True


@pytest.mark.django_db
def test_periodic_heartbeat_marks_the_worker_alive(community_a, mgr_a, login):
    """PLT-09: the minute heartbeat keeps the status page green; a stale one turns it red."""
    heartbeat_every_minute.call_local()
    assert WorkerHeartbeat.objects.get().last_seen <= timezone.now()
    assert status_summary()["worker_alive"] is True
    body = login(mgr_a).get(reverse("core:status")).content.decode()
    assert "运行中" in body
    later = timezone.now() + dt.timedelta(minutes=10)
    assert status_summary(now=later)["worker_alive"] is False
    assert heartbeat.call() is True


@pytest.mark.django_db
def test_periodic_schedule_is_registered():
    """PLT-09: the heartbeat is on huey's periodic schedule."""
    names = {HUEY._registry.task_to_string(t) for t in HUEY._registry._periodic_tasks}
    assert any("heartbeat_every_minute" in n for n in names)


@pytest.mark.django_db
def test_the_status_page_names_tasks_in_words(community_a, mgr_a, login):
    """PLT-04: the latest runs read 工作进程心跳, not a dotted path; a task nobody named still
    shows its path rather than nothing."""
    now = timezone.now()
    TaskRun.objects.create(
        task_id="t1", task_path=heartbeat.module_path, status="succeeded", started_at=now
    )
    TaskRun.objects.create(
        task_id="t2", task_path="wuye.core.tasks.unnamed_job", status="failed", started_at=now
    )
    client = login(mgr_a)
    client.cookies["django_language"] = "zh-hans"
    body = client.get(reverse("core:status")).content.decode()
    assert "工作进程心跳</td>" in body and f"<code>{heartbeat.module_path}" not in body
    assert "wuye.core.tasks.unnamed_job</td>" in body
