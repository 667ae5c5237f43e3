from django.tasks import task
from django.utils.translation import gettext_lazy as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from wuye.core.tasks import run_django_task
from wuye.org.models import Community

from .services.contracts import remind

# Each task in words, for the status page (`core.models.TaskRun.label`).
LABELS = {
    "contract_reminders": _("Tell finance of contract instalments coming due and overdue"),
}


@task
def contract_reminders() -> int:
    """Each community: instalments due within 30 days, and overdue ones, told once (FIN-09)."""
    return sum(remind(c) for c in Community.objects.filter(is_active=True))


@db_periodic_task(crontab(hour="8", minute="15"))
def contract_reminders_every_morning():
    run_django_task.call_local(contract_reminders.module_path, [], {}, "periodic")
