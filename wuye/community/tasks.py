from django.tasks import task
from django.utils.translation import gettext_lazy as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from wuye.core.tasks import run_django_task
from wuye.org.models import Community

from .services.forum import morning_digests
from .services.greetings import send_greetings
from .services.sending import deliver_due

# Each task in words, for the status page (`core.models.TaskRun.label`).
LABELS = {
    "deliver_due_campaigns": _("Send SMS campaigns whose time has come"),
    "morning_greetings": _("Send today's festival and birthday greetings"),
    "forum_digests": _("Tell the managers yesterday's forum"),
}


@task
def deliver_due_campaigns() -> int:
    """Campaigns whose time came, whose quiet hours ended, with retries due, or whose worker
    died (COM-02)."""
    return deliver_due()


@db_periodic_task(crontab(minute="*"))
def deliver_due_campaigns_every_minute():
    run_django_task.call_local(deliver_due_campaigns.module_path, [], {}, "periodic")


@task
def morning_greetings() -> int:
    """Each community: today's festival and birthday greetings, each once a year (COM-03)."""
    return sum(send_greetings(c) for c in Community.objects.filter(is_active=True))


@db_periodic_task(crontab(hour="9", minute="0"))
def greetings_every_morning():
    run_django_task.call_local(morning_greetings.module_path, [], {}, "periodic")


@task
def forum_digests() -> int:
    """Each community's manager is told yesterday's forum, once (COM-05, QC-2)."""
    return morning_digests()


@db_periodic_task(crontab(hour="8", minute="30"))
def forum_digests_every_morning():
    run_django_task.call_local(forum_digests.module_path, [], {}, "periodic")
