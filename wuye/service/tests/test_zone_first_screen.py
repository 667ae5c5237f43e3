"""CSR-8 / SRV-02: a customer-service representative's first screen is his own zones — their
open and overdue orders and what their units owe past due — each a link to the list behind it,
which shows the same rows."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from wuye.billing.tests.factories import BillFactory
from wuye.estate.tests.factories import BuildingFactory, UnitFactory
from wuye.org.tests.factories import ZoneFactory
from wuye.service.tests.factories import WorkOrderFactory


@pytest.mark.django_db
def test_the_representative_starts_from_his_zones(community_a, make_staff, mgr_a, login):
    east, west = (ZoneFactory(community=community_a, name=n) for n in ("东区", "西区"))
    units = {
        zone.name: UnitFactory(
            community=community_a,
            building=BuildingFactory(community=community_a, number=str(n), zone=zone),
        )
        for n, zone in enumerate((east, west), 1)
    }
    with time_machine.travel(dt.datetime(2026, 11, 20, 10), tick=False):
        mine = WorkOrderFactory(community=community_a, unit=units["东区"], status="dispatched")
        WorkOrderFactory(community=community_a, unit=units["西区"], status="dispatched")
        WorkOrderFactory(community=community_a, unit=units["东区"], status="closed")
        for zone, owed in (("东区", "120.00"), ("西区", "999.00")):
            BillFactory(
                community=community_a,
                unit=units[zone],
                total=Decimal(owed),
                due_date=dt.date(2026, 10, 15),
            )
        csr = make_staff(community_a, "CSR")
        csr.memberships.get().zones.set([east])
        client = login(csr)
        client.cookies["django_language"] = "zh-hans"
        home = client.get(reverse("home")).content.decode()
        office = login(mgr_a).get(reverse("home")).content.decode()
        listed = client.get(f"{reverse('service:workorder_list')}?state=open&zone={east.pk}")
    assert "我片区未完成工单" in home and "我片区欠费（1 户）" in home and "¥120.00" in home
    assert "¥999.00" not in home and "我片区" not in office
    cards = home[home.index("home-cards") :]
    assert cards.index("我片区") < cards.index("房屋")  # his own work before the registry's
    rows = [row.record for row in listed.context["table"].page.object_list]
    assert rows == [mine]
