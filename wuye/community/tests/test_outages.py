"""COM-03: an outage notice — what stops, for which buildings, when, why — prepares the SMS to
those buildings' residents and submits the announcement for the boards, worded the same."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from wuye.community.choices import AnnouncementStatus, CampaignStatus
from wuye.community.models import Outage
from wuye.estate.tests.factories import (
    BuildingFactory,
    PersonFactory,
    UnitFactory,
    UnitRelationFactory,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
ZH = {"Accept-Language": "zh-hans"}


@pytest.mark.django_db
def test_com03_an_outage_notice_prepares_the_sms_and_the_announcement(
    community_a, make_staff, login, time_machine
):
    time_machine.move_to(dt.datetime(2026, 12, 7, 10, 0, tzinfo=SHANGHAI), tick=False)
    csr = make_staff(community_a, "CSS")
    b1 = BuildingFactory(community=community_a, number="1", name="1号楼")
    b2 = BuildingFactory(community=community_a, number="2", name="2号楼")
    for building, phone in ((b1, "13800000031"), (b2, "13800000032")):
        UnitRelationFactory(
            community=community_a,
            unit=UnitFactory(community=community_a, building=building),
            person=PersonFactory(community=community_a, name="业主", phone=phone),
            start_date=dt.date(2020, 1, 1),
        )
    client = login(csr)
    response = client.post(
        "/community/outages/add/",
        {
            "kind": "water",
            "buildings": [b1.pk],
            "starts_at": "2026-12-09T08:00",
            "ends_at": "2026-12-09T17:00",
            "reason": "二次供水水箱清洗",
        },
        headers=ZH,
    )
    assert response.status_code == 302
    outage = Outage.objects.get()
    campaign, announcement = outage.campaign, outage.announcement
    assert campaign.status == CampaignStatus.PREPARED
    assert [d.text for d in campaign.deliveries.all()] == [
        "【阳光花园】业主您好：因二次供水水箱清洗，12月9日08:00至17:00，1号楼停水，请提前储水。"
        "给您带来不便，敬请谅解。"
    ]
    assert announcement.status == AnnouncementStatus.REVIEW
    assert "二次供水水箱清洗" in announcement.body and announcement.buildings.get() == b1
    # Bad input: ends before it starts, nothing written.
    response = client.post(
        "/api/v1/outages/",
        {
            "kind": "power",
            "buildings": [b2.pk],
            "starts_at": "2026-12-09T17:00:00+08:00",
            "ends_at": "2026-12-09T08:00:00+08:00",
            "reason": "线路检修",
        },
        content_type="application/json",
        headers=ZH,
    )
    assert response.status_code == 400 and Outage.objects.count() == 1
