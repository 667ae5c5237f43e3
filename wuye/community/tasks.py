from django.tasks import task
from django.utils.translation import gettext_lazy as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from wuye.core.tasks import run_django_task

from .services.sending import deliver, deliver_due

# Each task in words, for the status page (`core.models.TaskRun.label`).
LABELS = {
    "deliver_campaign": _("Send an SMS campaign"),
    "deliver_due_campaigns": _("Send SMS campaigns whose time has come"),
}


@task
def deliver_campaign(campaign_id: int) -> int:
    """Send one campaign now (queued by `send_campaign`)."""
    return deliver(campaign_id)


@task
def deliver_due_campaigns() -> int:
    """Campaigns whose time came, whose quiet hours ended, with retries due, or whose worker
    died (COM-02)."""
    return deliver_due()


@db_periodic_task(crontab(minute="*"))
def deliver_due_campaigns_every_minute():
    run_django_task.call_local(deliver_due_campaigns.module_path, [], {}, "periodic")
