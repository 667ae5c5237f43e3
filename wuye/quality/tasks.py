from django.tasks import task
from django.utils.translation import gettext_lazy as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from wuye.core.tasks import run_django_task
from wuye.org.models import Community

from .services.incidents import alert_late_steps
from .services.maintenance import alert_expiring_certificates
from .services.plans import generate_tasks, mark_missed

# Each task in words, for the status page (`core.models.TaskRun.label`).
LABELS = {
    "inspection_tasks_ahead": _("Generate the coming week's inspection tasks"),
    "inspection_tasks_missed": _("Mark inspection tasks missed when their window has passed"),
    "certificate_alerts": _("Announce inspection certificates about to expire"),
    "incident_step_alerts": _("Announce emergency steps past their limit"),
}


@task
def inspection_tasks_ahead():
    """Each community: its plans' tasks for the coming week (QUA-01). Idempotent."""
    return sum(generate_tasks(community) for community in Community.objects.filter(is_active=True))


@task
def inspection_tasks_missed():
    """Each community: open tasks past their window are missed (QUA-01)."""
    return sum(mark_missed(community) for community in Community.objects.filter(is_active=True))


@task
def certificate_alerts():
    """Each community: certificates 30 or 7 days before expiry, or expiring, announced once
    (QUA-05)."""
    return sum(
        alert_expiring_certificates(community)
        for community in Community.objects.filter(is_active=True)
    )


@task
def incident_step_alerts():
    """Steps of open emergencies past their limit, announced once (QUA-08)."""
    return alert_late_steps()


@db_periodic_task(crontab(minute="*"))
def incident_step_alerts_every_minute():
    run_django_task.call_local(incident_step_alerts.module_path, [], {}, "periodic")


@db_periodic_task(crontab(hour="7", minute="30"))
def certificate_alerts_every_morning():
    run_django_task.call_local(certificate_alerts.module_path, [], {}, "periodic")


@db_periodic_task(crontab(hour="0", minute="20"))
def inspection_tasks_every_night():
    run_django_task.call_local(inspection_tasks_ahead.module_path, [], {}, "periodic")


@db_periodic_task(crontab(minute="*/15"))
def inspection_tasks_every_quarter_hour():
    run_django_task.call_local(inspection_tasks_missed.module_path, [], {}, "periodic")
