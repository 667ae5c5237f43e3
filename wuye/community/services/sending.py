"""The sender of campaigns (COM-02): hands each delivery to the SMS transport once.

* Idempotent per (campaign, recipient): a delivery is claimed (pending → sending) alone, in its
  own commit, just before the transport sees it, and its result is written right after. A worker that
  dies between the two leaves it "sending"; the next run — after the dead worker's lease has
  run out — marks it *unconfirmed* and never sends it again by itself (the provider may have
  it). Nothing is ever sent twice; an unconfirmed message is shown in the log for a person to
  decide.
* One worker per campaign at a time: a lease on the campaign's row, renewed every chunk.
* Throttled: at most `SMS_RATE_PER_SECOND` messages a second.
* Quiet hours (21:00–08:00, `SMS_QUIET_HOURS`): a campaign that is not urgent does not start,
  and stops between chunks, until they end; the minute job carries on then.
* A failure the provider calls temporary is retried twice (after 5 and 30 minutes); a
  permanent one, or the third failure, is final.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Q
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.core.sms import SmsMessage, SmsTransportError, get_transport

from ..choices import CAMPAIGN_ACTIVE, CampaignStatus, DeliveryStatus
from ..models import Campaign, Delivery

CHUNK = 200
LEASE = dt.timedelta(minutes=2)
RETRY_AFTER = (dt.timedelta(minutes=5), dt.timedelta(minutes=30))
MAX_ATTEMPTS = len(RETRY_AFTER) + 1


def in_quiet_hours(at: dt.datetime) -> bool:
    start, end = settings.SMS_QUIET_HOURS
    hour = timezone.localtime(at).hour
    return hour >= start or hour < end


def quiet_hours_end(at: dt.datetime) -> dt.datetime:
    """When the quiet hours around `at` end (08:00 local time)."""
    _start, end = settings.SMS_QUIET_HOURS
    local = timezone.localtime(at)
    day = local.date() if local.hour < end else local.date() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(end)))


def _claim_lease(campaign_id: int, now: dt.datetime) -> bool:
    return bool(
        Campaign.objects.filter(pk=campaign_id, status__in=CAMPAIGN_ACTIVE)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(lease_until=now + LEASE)
    )


def _release(campaign_id: int, **changes: Any) -> None:
    Campaign.objects.filter(pk=campaign_id).update(lease_until=None, **changes)


def _due(campaign: Campaign, now: dt.datetime):
    return campaign.deliveries.filter(
        Q(status=DeliveryStatus.PENDING) | Q(status=DeliveryStatus.RETRY, next_attempt_at__lte=now)
    )


class _Pace:
    """At most `rate` messages a second."""

    def __init__(self, rate: float):
        self.gap = 1 / rate if rate > 0 else 0.0
        self.next_at = time.monotonic()

    def wait(self) -> None:
        if not self.gap:
            return
        now = time.monotonic()
        if now < self.next_at:
            time.sleep(self.next_at - now)
        self.next_at = max(now, self.next_at) + self.gap


def _send_one(
    transport: Any, pk: int, phone: str, text: str, attempts: int, now: dt.datetime
) -> bool:
    """Hand one claimed delivery (its `attempts` counting this one) to the transport and write
    what became of it. A transport's own fault (network) is retried like a refusal."""
    try:
        reference = transport.send(SmsMessage(phone=phone, text=text, ref=f"c{pk}"))
    except Exception as exc:
        permanent = isinstance(exc, SmsTransportError) and exc.permanent
        final = permanent or attempts >= MAX_ATTEMPTS
        error = str(exc) if isinstance(exc, SmsTransportError) else f"{type(exc).__name__}: {exc}"
        Delivery.objects.filter(pk=pk).update(
            status=DeliveryStatus.FAILED if final else DeliveryStatus.RETRY,
            last_error=error[:200],
            next_attempt_at=None if final else now + RETRY_AFTER[attempts - 1],
            updated_at=timezone.now(),
        )
        return False
    Delivery.objects.filter(pk=pk).update(
        status=DeliveryStatus.SENT,
        sent_at=timezone.now(),
        provider_ref=(reference or "")[:64],
        last_error="",
        next_attempt_at=None,
        updated_at=timezone.now(),
    )
    return True


def deliver(campaign_id: int, *, now: dt.datetime | None = None) -> int:
    """Send what is due of one campaign (run by its task and by the minute job); the number of
    messages sent. Runs outside any transaction: every claim and result is its own commit."""
    now = now or timezone.now()
    if not _claim_lease(campaign_id, now):
        return 0  # another worker has it, or it is not queued
    campaign = Campaign.objects.select_related("community").get(pk=campaign_id)
    # Handed to the transport by a worker that died before writing the result: never resent.
    campaign.deliveries.filter(status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.UNCONFIRMED,
        last_error=_("The sender stopped while handing it over; it may have gone out."),
        updated_at=now,
    )
    if campaign.scheduled_at and campaign.scheduled_at > now:
        _release(campaign_id, waiting=_("its time"))
        return 0
    if not campaign.urgent and in_quiet_hours(now):
        _release(
            campaign_id,
            waiting=_("the end of quiet hours (%(time)s)")
            % {"time": timezone.localtime(quiet_hours_end(now)).strftime("%m-%d %H:%M")},
        )
        return 0
    Campaign.objects.filter(pk=campaign_id, status__in=CAMPAIGN_ACTIVE).update(
        status=CampaignStatus.SENDING,
        started_at=campaign.started_at or now,
        waiting="",
        updated_at=now,
    )
    transport = get_transport()
    pace = _Pace(settings.SMS_RATE_PER_SECOND)
    sent = 0
    stopped = ""
    while True:
        clock = max(now, timezone.now())
        due = list(
            _due(campaign, clock)
            .order_by("id")
            .values_list("pk", "phone", "text", "attempts")[:CHUNK]
        )
        if not due:
            break
        for pk, phone, text, attempts in due:
            # Claimed alone, in its own commit, just before the transport sees it.
            claimed = Delivery.objects.filter(
                pk=pk, status__in=(DeliveryStatus.PENDING, DeliveryStatus.RETRY)
            ).update(
                status=DeliveryStatus.SENDING,
                attempts=F("attempts") + 1,
                updated_at=timezone.now(),
            )
            if not claimed:
                continue  # cancelled meanwhile
            pace.wait()
            sent += _send_one(transport, pk, phone, text, attempts + 1, clock)
        status = Campaign.objects.filter(pk=campaign_id).values_list("status", flat=True).first()
        if status != CampaignStatus.SENDING:
            stopped = "cancelled"
            break
        clock = max(now, timezone.now())
        Campaign.objects.filter(pk=campaign_id).update(lease_until=clock + LEASE)
        if not campaign.urgent and in_quiet_hours(clock):
            stopped = "quiet"
            break
    _finish(campaign, stopped, max(now, timezone.now()))
    return sent


def _finish(campaign: Campaign, stopped: str, now: dt.datetime) -> None:
    if stopped == "cancelled":
        _release(campaign.pk)
        return
    if stopped == "quiet":
        _release(
            campaign.pk,
            waiting=_("the end of quiet hours (%(time)s)")
            % {"time": timezone.localtime(quiet_hours_end(now)).strftime("%m-%d %H:%M")},
        )
        return
    waiting = campaign.deliveries.filter(
        status__in=(DeliveryStatus.PENDING, DeliveryStatus.RETRY)
    ).count()
    if waiting:
        _release(
            campaign.pk,
            waiting=_("%(count)d messages to retry") % {"count": waiting},
        )
        return
    Campaign.objects.filter(pk=campaign.pk, status=CampaignStatus.SENDING).update(
        status=CampaignStatus.DONE, finished_at=now
    )
    _release(campaign.pk, waiting="")


# The sender's task in words, for the status page (`core.models.TaskRun.label`).
LABELS = {"deliver_campaign": gettext_lazy("Send an SMS campaign")}


@task
def deliver_campaign(campaign_id: int) -> int:
    """Send one campaign now (queued by `send_campaign`; its label is in tasks.LABELS)."""
    return deliver(campaign_id)


def deliver_due(now: dt.datetime | None = None) -> int:
    """Every queued or sending campaign whose time has come and that no worker holds (the
    minute job): those waiting for their time, for the end of quiet hours, for retries, or
    whose worker died."""
    now = now or timezone.now()
    due = (
        Campaign.objects.filter(status__in=CAMPAIGN_ACTIVE)
        .filter(Q(scheduled_at__isnull=True) | Q(scheduled_at__lte=now))
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .order_by("id")
        .values_list("pk", flat=True)
    )
    return sum(deliver(pk, now=now) for pk in list(due))


def progress(campaign: Campaign) -> dict[str, int]:
    """How many deliveries are in each status, and how many are settled (sent, failed or not
    sent) of all."""
    counts = dict.fromkeys(DeliveryStatus.values, 0)
    for status, count in (
        campaign.deliveries.order_by().values_list("status").annotate(n=Count("id"))
    ):
        counts[status] = count
    counts["all"] = sum(counts[s] for s in DeliveryStatus.values)
    counts["settled"] = (
        counts[DeliveryStatus.SENT]
        + counts[DeliveryStatus.FAILED]
        + counts[DeliveryStatus.SKIPPED]
        + counts[DeliveryStatus.UNCONFIRMED]
    )
    counts["percent"] = round(100 * counts["settled"] / counts["all"]) if counts["all"] else 0
    return counts
