from django.tasks import task
from django.utils.translation import gettext_lazy as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from wuye.core.tasks import run_django_task
from wuye.org.models import Community

from .services.parking import bill_due_months, remind_expiring

# Each task in words, for the status page (`core.models.TaskRun.label`).
LABELS = {"parking_agreements_daily": _("Bill parking agreements' months and remind before expiry")}


@task
def parking_agreements_daily():
    """Each community: bill the months of month-by-month parking agreements that have begun,
    and remind the desk of agreements ending within 30 days (OCC-06). Idempotent."""
    done = 0
    for community in Community.objects.filter(is_active=True):
        done += bill_due_months(community) + remind_expiring(community)
    return done


@db_periodic_task(crontab(hour="6", minute="10"))
def parking_agreements_every_morning():
    run_django_task.call_local(parking_agreements_daily.module_path, [], {}, "periodic")
