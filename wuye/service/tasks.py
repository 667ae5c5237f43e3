from django.tasks import task
from django.utils.translation import gettext_lazy as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from wuye.core.tasks import run_django_task
from wuye.org.models import Community

from .escalation import check_deadlines

# Each task in words, for the status page (`core.models.TaskRun.label`).
LABELS = {"check_all_deadlines": _("Check work-order deadlines and escalate")}


@task
def check_all_deadlines():
    """Remind, tell the dispatcher and supervisor, then the manager, as orders near or pass
    their time limits (SRV-03). Every community, every few minutes."""
    steps = 0
    for community in Community.objects.filter(is_active=True):
        steps += len(check_deadlines(community))
    return steps


@db_periodic_task(crontab(minute="*/5"))
def deadlines_every_five_minutes():
    run_django_task.call_local(check_all_deadlines.module_path, [], {}, "periodic")
