"""Platform tasks. huey discovers this module (`tasks.py` of every app) when the worker starts."""

import traceback

from django.tasks import task
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from .jobs import beat
from .models import TaskRun, TaskRunStatus

# Each task in words, for the status page (`TaskRun.label`); every app's tasks.py has its own.
LABELS = {"heartbeat": _("Worker heartbeat")}


@db_task()
def run_django_task(module_path, args, kwargs, task_id):
    """Execute a django.tasks Task inside the huey worker and log the run."""
    run = TaskRun.objects.create(
        task_id=task_id,
        task_path=module_path,
        status=TaskRunStatus.RUNNING,
        started_at=timezone.now(),
    )
    try:
        result = import_string(module_path).call(*args, **kwargs)
    except Exception:
        run.status = TaskRunStatus.FAILED
        run.error = traceback.format_exc()[-4000:]
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "error", "finished_at"])
        raise
    run.status = TaskRunStatus.SUCCEEDED
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "finished_at"])
    return result


@task
def heartbeat():
    """Prove the worker is alive; the status page reads the time."""
    beat()
    return True


# Periodic schedule. Each entry calls a django task through the same logged path.
@db_periodic_task(crontab(minute="*"))
def heartbeat_every_minute():
    run_django_task.call_local(heartbeat.module_path, [], {}, "periodic")
