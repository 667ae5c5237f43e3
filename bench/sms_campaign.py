"""An SMS campaign to BENCH_RECIPIENTS residents (default 20,000; COM-02): the campaign written
for the whole community from a template, prepared (every resident's text rendered, opt-outs
kept out, one delivery per mobile number written) and queued for the sender — the time from
the click on "prepare" to the campaign waiting in the queue, with the file transport. Prints the
seconds against the 10 s limit."""

import datetime as dt
import os
import sys
import time

from common import report, setup_django

setup_django()

from django.db import transaction  # noqa: E402

from wuye.community.models import Campaign, MessageTemplate, OptOut  # noqa: E402
from wuye.community.services import campaigns  # noqa: E402
from wuye.estate.models import Building, Person, Unit, UnitRelation  # noqa: E402
from wuye.org.models import Community, Company, Membership, User  # noqa: E402

RECIPIENTS = int(os.environ.get("BENCH_RECIPIENTS", "20000"))
PER_BUILDING = 500

company = Company.objects.create(code="bench", name="基准物业")
community = Community.objects.create(company=company, code="BENCH", name="基准小区")
supervisor = User.objects.create(username="css", name="客服主管")
Membership.objects.create(community=community, user=supervisor, post="CSS")
buildings = Building.objects.bulk_create(
    Building(community=community, number=str(n + 1), name=f"{n + 1}号楼", floors=25)
    for n in range(-(-RECIPIENTS // PER_BUILDING))
)
units = Unit.objects.bulk_create(
    (
        Unit(
            community=community,
            building=buildings[n // PER_BUILDING],
            entrance=1,
            number=f"{n % PER_BUILDING // 20 + 1}{n % 20 + 1:02d}",
            code=f"{n // PER_BUILDING + 1}-1-{n % PER_BUILDING // 20 + 1}{n % 20 + 1:02d}",
            floor=n % PER_BUILDING // 20 + 1,
            gross_area="89.50",
            inner_area="72.30",
            status="occupied",
        )
        for n in range(RECIPIENTS)
    ),
    batch_size=2000,
)
people = Person.objects.bulk_create(
    (
        Person(community=community, name=f"业主{n:05d}", phone=f"139{n:08d}")
        for n in range(RECIPIENTS)
    ),
    batch_size=2000,
)
UnitRelation.objects.bulk_create(
    (
        UnitRelation(
            community=community,
            unit=unit,
            person=person,
            role="owner",
            start_date=dt.date(2020, 1, 1),
        )
        for unit, person in zip(units, people, strict=True)
    ),
    batch_size=2000,
)
OptOut.objects.bulk_create(
    OptOut(community=community, phone=f"139{n:08d}") for n in range(0, RECIPIENTS, 100)
)
template = MessageTemplate.objects.create(
    community=community,
    name="节日问候",
    kind="greeting",
    text="{姓名}您好：{小区}物业服务中心祝您和家人元旦快乐！您的房号{房号}。",
)
print(f"{len(buildings)} buildings, {RECIPIENTS:,} residents with a mobile number")

started = time.perf_counter()
with transaction.atomic():
    campaign = campaigns.create_campaign(
        community=community,
        actor=supervisor,
        title="元旦问候",
        kind="greeting",
        template=template,
        target="community",
    )
ready = campaigns.prepare_campaign(campaign, actor=supervisor)
campaigns.send_campaign(campaign, actor=supervisor)
elapsed = time.perf_counter() - started
campaign = Campaign.objects.get(pk=campaign.pk)
assert campaign.status == "queued", campaign.status
assert campaign.total == RECIPIENTS and ready == RECIPIENTS - RECIPIENTS // 100, (ready, campaign)
assert (
    campaign.deliveries.filter(phone="13900000001").get().text.startswith("【基准小区】业主00001")
)
ok = report(
    f"SMS campaign to {RECIPIENTS:,} residents prepared and queued (file transport)",
    elapsed,
    "s",
    10,
)
sys.exit(0 if ok else 1)
