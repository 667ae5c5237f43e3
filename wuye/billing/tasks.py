import datetime as dt

from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from wuye.core.errors import DomainError
from wuye.core.tasks import run_django_task
from wuye.org.models import Community

from .choices import RunStatus
from .latefees import charge_late_fees
from .models import BillingPolicy, BillingRun
from .services.arrears import take_arrears_snapshot
from .services.issuing import RUN_STALLED_AFTER, RunBusyError, execute_run

# Each task in words, for the status page (`core.models.TaskRun.label`).
LABELS = {
    "execute_billing_run": _("Issue a billing run's bills"),
    "resume_billing_runs": _("Resume waiting or stalled billing runs"),
    "charge_all_late_fees": _("Charge late fees (nightly)"),
    "snapshot_all_arrears": _("Keep the month's arrears statistics"),
}


@task
def execute_billing_run(run_id: int):
    """Issue the bills of a confirmed billing run (progress is kept on the run)."""

    run = BillingRun.objects.get(pk=run_id)
    try:
        execute_run(run)
    except RunBusyError:
        return None  # another run is issuing: `resume_billing_runs` starts this one after it
    return run_id


@task
def resume_billing_runs():
    """Start runs that waited for another run of their community, and resume runs whose
    worker died (running, progress not moved for ten minutes)."""

    now = timezone.now()
    waiting = BillingRun.objects.filter(
        status=RunStatus.QUEUED, confirmed_at__lt=now - dt.timedelta(minutes=2)
    )
    stalled = BillingRun.objects.filter(
        status=RunStatus.RUNNING, updated_at__lt=now - RUN_STALLED_AFTER
    )
    # Stalled ones first: they hold their community's turn.
    run_ids = [*stalled.values_list("pk", flat=True), *waiting.values_list("pk", flat=True)]
    for run_id in run_ids:
        execute_billing_run.enqueue(run_id)
    return len(run_ids)


@db_periodic_task(crontab(minute="*/5"))
def billing_runs_every_five_minutes():

    run_django_task.call_local(resume_billing_runs.module_path, [], {}, "periodic")


@task
def charge_all_late_fees():
    """Bring late fees up to date in every community whose policy charges them (nightly)."""

    done = 0
    for policy in BillingPolicy.objects.filter(late_fee_enabled=True).select_related("community"):
        try:
            done += charge_late_fees(policy.community, actor=None)
        except DomainError:
            continue
    return done


@db_periodic_task(crontab(hour="2", minute="10"))
def late_fees_nightly():

    run_django_task.call_local(charge_all_late_fees.module_path, [], {}, "periodic")


@task
def snapshot_all_arrears():
    """Keep every community's arrears statistics for the month (on its last day)."""

    count = 0
    for community in Community.objects.filter(is_active=True):
        take_arrears_snapshot(community)
        count += 1
    return count


@db_periodic_task(crontab(hour="23", minute="40"))
def arrears_snapshot_month_end():
    today = timezone.localdate()
    if (today + dt.timedelta(days=1)).day == 1:
        run_django_task.call_local(snapshot_all_arrears.module_path, [], {}, "periodic")
