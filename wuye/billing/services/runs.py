"""A billing run's life: preview, confirm (queues the issuing task), cancel."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.audit import record_event
from wuye.core.bulk import gc_paused
from wuye.core.errors import DomainError
from wuye.core.jobs import enqueue_on_commit

from .. import engine
from ..choices import RUN_CALCULATIONS, BillStatus, ReadingStatus, RunStatus
from ..models import Bill, BillingRun, BillLine, FeeItem, MeterReading
from ..tasks import execute_billing_run
from .issuing import transition_run
from .ledger import check_posting, run_months
from .planning import plan_run, summarize
from .standards import policy_for


@transaction.atomic
def preview_run(*, community, period, months=None, fee_items=None, actor) -> BillingRun:
    """Plan a run and keep its preview: units, lines, totals by item, anomalies."""
    policy = policy_for(community)
    months = months or {"month": 1, "quarter": 3, "half": 6, "year": 12}[policy.cycle]
    items = (
        list(fee_items)
        if fee_items is not None
        else list(
            FeeItem.objects.filter(
                community=community, is_active=True, calculation__in=RUN_CALCULATIONS
            )
        )
    )
    if not items:
        raise DomainError(_("Choose at least one fee item that a billing run can bill."))
    run = BillingRun.objects.create(
        community=community, period=engine.month_start(period), months=months, created_by=actor
    )
    run.fee_items.set(items)
    with gc_paused():
        run.preview = summarize(plan_run(community, run.period, months, items, texts=False))
    run.save(update_fields=["preview"])
    return run


@transaction.atomic
def confirm_run(run, *, actor, enqueue=True) -> BillingRun:
    """The manager confirms the preview; the run executes in the background (or, with
    enqueue=False, by the caller — the management command)."""

    run = BillingRun.objects.select_for_update().get(pk=run.pk)
    check_posting(run.community, *run_months(run))
    transition_run(run, RunStatus.QUEUED)
    run.confirmed_at = timezone.now()
    run.error = ""
    # The bar has its length from the start (the preview's count; fixed once planning is done).
    run.progress_total = max(run.progress_total, int((run.preview or {}).get("targets") or 0))
    run.save(update_fields=["status", "confirmed_at", "error", "progress_total", "updated_at"])
    record_event(
        verb="billing_run.confirmed",
        actor=actor,
        community=run.community,
        target=run,
        message=_("Billing run %(period)s confirmed") % {"period": f"{run.period:%Y-%m}"},
        data=run.preview,
    )
    if enqueue:
        enqueue_on_commit(execute_billing_run, run.pk)
    return run


@transaction.atomic
def cancel_run(run, *, reason, actor) -> BillingRun:
    """Cancel a run with a reason while none of its bills is paid: its bills are cancelled and
    their lines give back their keys, so the period can be billed again."""
    if not (reason or "").strip():
        raise DomainError(_("Give the reason for cancelling the run."), field="cancel_reason")
    run = BillingRun.objects.select_for_update().get(pk=run.pk)
    check_posting(run.community, *run_months(run))
    # Lock the run's bills: a payment settling one of them now either finishes first (and
    # the run cannot be cancelled) or waits and then finds the bill cancelled.
    list(Bill.objects.select_for_update().filter(run=run).order_by("pk").values_list("pk"))
    if _paid_anything(run):
        raise DomainError(
            _("Some bills of this run have been paid; the run can no longer be cancelled.")
        )
    transition_run(run, RunStatus.CANCELLED)
    run.cancel_reason = reason.strip()
    run.save(update_fields=["status", "cancel_reason", "updated_at"])
    Bill.objects.filter(run=run).update(status=BillStatus.CANCELLED)
    BillLine.objects.filter(bill__run=run).update(cancelled=True, cancelled_at=timezone.now())
    readings = BillLine.objects.filter(bill__run=run, reading__isnull=False).values_list(
        "reading_id", flat=True
    )
    MeterReading.objects.filter(pk__in=list(readings), status=ReadingStatus.BILLED).update(
        status=ReadingStatus.OK
    )
    record_event(
        verb="billing_run.cancelled",
        actor=actor,
        community=run.community,
        target=run,
        message=_("Run cancelled: %(reason)s") % {"reason": run.cancel_reason},
    )
    return run


def _paid_anything(run) -> bool:
    return Bill.objects.filter(run=run, paid__gt=0).exists()
