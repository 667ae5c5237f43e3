"""Background jobs: django.tasks is the API, huey the runner. Enqueue after commit only."""

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from .models import TaskRun, TaskRunStatus, WorkerHeartbeat

HEARTBEAT_NAME = "huey"
WORKER_STALE_AFTER = timedelta(minutes=3)


def enqueue_on_commit(task: Any, *args: Any, **kwargs: Any) -> None:
    """Queue a task once the surrounding transaction has committed (never for rolled-back work)."""
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs))


def beat(now: datetime | None = None) -> None:
    now = now or timezone.now()
    WorkerHeartbeat.objects.update_or_create(name=HEARTBEAT_NAME, defaults={"last_seen": now})
    # Keep the run log short: the status page shows the latest runs only.
    old = TaskRun.objects.order_by("-started_at").values_list("pk", flat=True)[500:]
    TaskRun.objects.filter(pk__in=list(old)).delete()


def queue_length() -> int | None:
    try:
        return HUEY.pending_count()
    except Exception:  # storage unreachable: the page says "unknown" rather than failing
        return None


def status_summary(now: datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    heartbeat = WorkerHeartbeat.objects.filter(name=HEARTBEAT_NAME).first()
    alive = heartbeat is not None and now - heartbeat.last_seen <= WORKER_STALE_AFTER
    return {
        "heartbeat": heartbeat,
        "worker_alive": alive,
        "queue_length": queue_length(),
        "runs": TaskRun.objects.all()[:30],
        "failed_today": TaskRun.objects.filter(
            status=TaskRunStatus.FAILED, started_at__gte=now - timedelta(days=1)
        ).count(),
    }
