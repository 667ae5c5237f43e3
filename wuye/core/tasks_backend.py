"""A django.tasks backend that hands tasks to huey (SQLite file by default, Redis in production)."""

import uuid

from django.tasks.backends.base import BaseTaskBackend
from django.tasks.base import TaskResult, TaskResultStatus
from django.tasks.signals import task_enqueued
from django.utils import timezone


class HueyTaskBackend(BaseTaskBackend):
    supports_defer = True
    supports_get_result = False

    def enqueue(self, task, args, kwargs):
        # Cycle: core.tasks defines @task functions, and a task loads this backend.
        from .tasks import run_django_task

        self.validate_task(task)
        result: TaskResult = TaskResult(
            task=task,
            id=uuid.uuid4().hex,
            status=TaskResultStatus.READY,
            enqueued_at=timezone.now(),
            started_at=None,
            finished_at=None,
            last_attempted_at=None,
            args=list(args),
            kwargs=dict(kwargs),
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        call = (task.module_path, result.args, result.kwargs, result.id)
        if task.run_after is not None:
            run_django_task.schedule(args=call, eta=task.run_after)
        else:
            run_django_task(*call)
        task_enqueued.send(type(self), task_result=result)
        return result
