from django.tasks import task
from django.utils.translation import gettext_lazy as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from wuye.core.tasks import run_django_task
from wuye.org.models import Community

from .services.plans import generate_tasks, mark_missed

# Each task in words, for the status page (`core.models.TaskRun.label`).
LABELS = {
    "inspection_tasks_ahead": _("Generate the coming week's inspection tasks"),
    "inspection_tasks_missed": _("Mark inspection tasks missed when their window has passed"),
}


@task
def inspection_tasks_ahead():
    """Each community: its plans' tasks for the coming week (QUA-01). Idempotent."""
    return sum(generate_tasks(community) for community in Community.objects.filter(is_active=True))


@task
def inspection_tasks_missed():
    """Each community: open tasks past their window are missed (QUA-01)."""
    return sum(mark_missed(community) for community in Community.objects.filter(is_active=True))


@db_periodic_task(crontab(hour="0", minute="20"))
def inspection_tasks_every_night():
    run_django_task.call_local(inspection_tasks_ahead.module_path, [], {}, "periodic")


@db_periodic_task(crontab(minute="*/15"))
def inspection_tasks_every_quarter_hour():
    run_django_task.call_local(inspection_tasks_missed.module_path, [], {}, "periodic")
