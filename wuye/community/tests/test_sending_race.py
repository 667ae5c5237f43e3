"""COM-02 under real concurrency on PostgreSQL: workers started at once on the same campaign
(the task, a retried task, the minute job) hand each recipient to the transport once."""

import threading
from collections import Counter

import pytest
from django.db import connection, connections

from wuye.community.choices import CampaignStatus, DeliveryStatus
from wuye.community.models import Campaign
from wuye.community.services import campaigns, sending
from wuye.community.tests.factories import RecipientEntryFactory, RecipientListFactory
from wuye.core.sms import MemoryTransport


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL")
def test_com02_workers_at_once_send_each_recipient_once(community_a, make_staff, settings):
    settings.SMS_QUIET_HOURS = (24, 0)  # no quiet hours, whatever the clock says (own test)
    supervisor = make_staff(community_a, "CSS")
    recipients = RecipientListFactory(community=community_a, name="业主名单", size=40)
    for n in range(40):
        RecipientEntryFactory(
            community=community_a,
            recipient_list=recipients,
            position=n + 1,
            name=f"业主{n}",
            phone=f"1390000{n:04d}",
        )
    campaign = campaigns.create_campaign(
        community=community_a,
        actor=supervisor,
        title="通知",
        kind="service",
        text="{姓名}您好",
        target="list",
        recipient_list=recipients,
    )
    campaigns.prepare_campaign(campaign, actor=supervisor)
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.QUEUED)
    MemoryTransport.outbox.clear()
    workers = 4
    barrier = threading.Barrier(workers)
    errors: list[Exception] = []

    def worker(n):
        try:
            barrier.wait(timeout=10)
            if n % 2:
                sending.deliver(campaign.pk)
            else:
                sending.deliver_due()
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    counts = Counter(m.phone for m in MemoryTransport.outbox)
    assert len(counts) == 40 and set(counts.values()) == {1}
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.DONE
    assert set(campaign.deliveries.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    MemoryTransport.outbox.clear()
