from django.tasks import task


@task
def execute_billing_run(run_id: int):
    """Issue the bills of a confirmed billing run (progress is kept on the run)."""
    from .models import BillingRun
    from .services import execute_run

    run = BillingRun.objects.get(pk=run_id)
    execute_run(run)
    return run_id
