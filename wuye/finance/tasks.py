from django.tasks import task
from django.utils.translation import gettext_lazy as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from wuye.core.tasks import run_django_task
from wuye.org.models import Community

from .services import invoices
from .services.contracts import remind

# Each task in words, for the status page (`core.models.TaskRun.label`).
LABELS = {
    "contract_reminders": _("Tell finance of contract instalments coming due and overdue"),
    "issue_invoice": _("Ask the tax system for an invoice"),
    "resend_invoices": _("Ask the tax system again for invoices it did not answer"),
}


@task
def contract_reminders() -> int:
    """Each community: instalments due within 30 days, and overdue ones, told once (FIN-09)."""
    return sum(remind(c) for c in Community.objects.filter(is_active=True))


@db_periodic_task(crontab(hour="8", minute="15"))
def contract_reminders_every_morning():
    run_django_task.call_local(contract_reminders.module_path, [], {}, "periodic")


@task
def issue_invoice(invoice_id: int) -> str:
    """Ask the invoicing provider for one requested invoice (blue or red-letter)."""
    return invoices.send(invoice_id)


@task
def resend_invoices() -> int:
    """Invoices the provider did not answer for: asked again with the same serial."""
    return sum(1 for pk in invoices.unanswered() if invoices.send(pk))


@db_periodic_task(crontab(minute="*/5"))
def resend_invoices_every_five_minutes():
    run_django_task.call_local(resend_invoices.module_path, [], {}, "periodic")
