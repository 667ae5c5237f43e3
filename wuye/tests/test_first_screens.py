"""Each post lands on its own work (PLT-04, BIL-14/15, SRV-02): the technician on his task
list, the cashier on today's collections and the counter, the manager's workbench with money
as well as orders; collection rates open on the latest billed month; lists offer a page size."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from wuye.billing.tests.factories import BillFactory, PaymentFactory


@pytest.mark.django_db
def test_the_technician_lands_on_his_task_list(community_a, tech_a, login):
    client = login(tech_a)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url == reverse("service:my_tasks")
    assert client.get(reverse("home"), {"workbench": 1}).status_code == 200


@pytest.mark.django_db
def test_the_managers_workbench_shows_money_as_well_as_orders(community_a, mgr_a, csh_a, login):
    """BIL-14/15: collected today and this month, the latest billed month's collection rate
    so far, the arrears overdue — each from the records, each a link to its report."""
    with time_machine.travel(dt.datetime(2026, 11, 20, 10), tick=False):
        october = BillFactory(
            community=community_a, total=Decimal("200.00"), paid=Decimal("150.00")
        )
        BillFactory(community=community_a, total=Decimal("200.00"), paid=Decimal("0.00"))
        PaymentFactory(community=community_a, cashier=csh_a, amount=Decimal("150.00"))
        PaymentFactory(
            community=community_a,
            cashier=csh_a,
            amount=Decimal("80.00"),
            business_date=dt.date(2026, 11, 2),
        )
        PaymentFactory(
            community=community_a, cashier=csh_a, amount=Decimal("999.00"), status="voided"
        )
        body = login(mgr_a).get(reverse("home")).content.decode()
        mine = login(csh_a).get(reverse("home")).content.decode()
    assert october.period_start == dt.date(2026, 10, 1)
    assert "今日收款（1 笔）" in body and "¥150.00" in body
    assert "本月收款" in body and "¥230.00" in body
    assert "2026-10 收缴率（至今）" in body and "37.5%" in body  # 150 of 400
    assert "逾期欠费" in body and "¥250.00" in body
    assert "工单" in body  # the orders' cards are still there
    assert "我今日的收款（1 笔）" in mine and "¥150.00" in mine
    assert reverse("billing:counter") in mine


@pytest.mark.django_db
def test_collection_rates_open_on_the_latest_billed_month(community_a, mgr_a, login):
    """BIL-15: in December before its bills are issued the page shows November's rates."""
    BillFactory(
        community=community_a,
        period_start=dt.date(2026, 11, 1),
        period_end=dt.date(2026, 11, 30),
        due_date=dt.date(2026, 11, 15),
    )
    with time_machine.travel(dt.datetime(2026, 12, 3, 10), tick=False):
        response = login(mgr_a).get(reverse("billing:collection_rates"))
    assert response.context["period"] == dt.date(2026, 11, 1)


@pytest.mark.django_db
def test_lists_offer_a_page_size(community_a, mgr_a, login):
    """PLT-04: 20, 50 or 100 rows a page; any other size is not a page the list offers."""
    from wuye.estate.tests.factories import BuildingFactory

    for number in range(60):
        BuildingFactory(community=community_a, number=str(number + 1))
    client = login(mgr_a)
    url = reverse("estate:building_list")
    assert len(client.get(url).context["table"].page.object_list) == 20
    assert len(client.get(url, {"per_page": 50}).context["table"].page.object_list) == 50
    assert client.get(url, {"per_page": 100000}).status_code == 302
    assert 'data-testid="page-size"' in client.get(url).content.decode()


@pytest.mark.django_db
def test_buildings_sort_as_people_count_them(community_a, mgr_a, login):
    """EST-01, BIL-15: buildings 1, 2, 10 (and A2 before A10) in lists and in the collection
    rates by building — never 1, 10, 2."""
    from wuye.billing.reports import collection_rates
    from wuye.estate.models import Building
    from wuye.estate.tests.factories import BuildingFactory, UnitFactory

    for number in ("10", "2", "1", "A10", "A2"):
        building = BuildingFactory(community=community_a, number=number)
        BillFactory(
            community=community_a, unit=UnitFactory(community=community_a, building=building)
        )
    listed = [b.number for b in Building.objects.filter(community=community_a)]
    assert listed == ["1", "2", "A2", "10", "A10"]
    rows = collection_rates(community_a, dt.date(2026, 10, 1), group_by="building")
    assert [row["group"] for row in rows] == listed
    table = login(mgr_a).get(reverse("estate:building_list")).context["table"]
    assert [row.record.number for row in table.page.object_list] == listed
