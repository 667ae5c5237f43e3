"""PLT-03, BIL-12, CSR-8: row rules live in the querysets, next to the community restriction, so
the pages, the API and the home cards show the same rows: a cashier who is only a cashier sees
his own daily closings; a representative who is only a representative works the arrears of
his own zones. A second post, a company role or a superuser is never narrowed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from wuye.billing.models import Bill, DailyClosing
from wuye.billing.tests.factories import BillFactory, DailyClosingFactory
from wuye.core.access import actor_access
from wuye.estate.tests.factories import BuildingFactory, UnitFactory
from wuye.org.models import Membership
from wuye.org.tests.factories import ZoneFactory

API = "/api/v1"


@pytest.fixture
def two_days(community_a, make_staff):
    mine, other = make_staff(community_a, "CSH"), make_staff(community_a, "CSH", username="csh2")
    for cashier in (mine, other):
        DailyClosingFactory(
            community=community_a, cashier=cashier, business_date=dt.date(2026, 11, 30)
        )
    return mine, other


@pytest.mark.django_db
def test_a_cashier_sees_his_own_closings_everywhere(community_a, two_days, login, make_staff):
    mine, other = two_days
    access = actor_access(mine, community_a)
    assert list(DailyClosing.objects.for_access(access)) == [DailyClosing.objects.get(cashier=mine)]
    client = login(mine)
    page = client.get(reverse("billing:dailyclosing_list"))
    assert [row.record.cashier for row in page.context["table"].page.object_list] == [mine]
    api = client.get(f"{API}/daily-closings/").json()
    assert [row["cashier"] for row in api["results"]] == [mine.pk]
    theirs = DailyClosing.objects.get(cashier=other)
    assert client.get(f"{API}/daily-closings/{theirs.pk}/").status_code == 404
    assert client.get(reverse("billing:dailyclosing_detail", args=[theirs.pk])).status_code == 404
    # The same person also finance administrator is not narrowed.
    Membership.objects.create(community=community_a, user=mine, post="FIN")
    assert DailyClosing.objects.for_access(actor_access(mine, community_a)).count() == 2


@pytest.mark.django_db
def test_a_representatives_arrears_are_his_zones_on_page_api_and_card(
    community_a, make_staff, login, company_admin
):
    east, west = (ZoneFactory(community=community_a, name=n) for n in ("东区", "西区"))
    units = [
        UnitFactory(
            community=community_a,
            building=BuildingFactory(community=community_a, number=str(n), zone=zone),
        )
        for n, zone in enumerate((east, west), 1)
    ]
    for unit in units:
        BillFactory(
            community=community_a, unit=unit, total=Decimal("80.00"), due_date=dt.date(2026, 1, 15)
        )
    csr = make_staff(community_a, "CSR")
    csr.memberships.get().zones.set([east])
    access = actor_access(csr, community_a)
    assert {b.unit for b in Bill.objects.for_arrears(access)} == {units[0]}
    assert Bill.objects.for_access(access).count() == 2  # the bills themselves are not narrowed
    client = login(csr)
    api = client.get(f"{API}/arrears/").json()
    codes = {row["code"] for row in api["results"]} if "results" in api else str(api)
    assert units[0].code in str(codes) and units[1].code not in str(codes)
    page = client.get(reverse("billing:arrears")).content.decode()
    assert units[0].code in page and units[1].code not in page
    assert Bill.objects.for_arrears(actor_access(company_admin, community_a)).count() == 2
