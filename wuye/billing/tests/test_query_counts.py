"""PLT-10: the counter, the arrears pages and the billing lists run the same number of queries
whatever the number of rows they show — no query per row (N+1). Each page is counted with a
few rows and with many; the counts must be equal."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wuye.billing.services.counter import collect_payment
from wuye.billing.tests import factories as f
from wuye.billing.tests.factories import BillFactory, BillLineFactory, FeeItemFactory
from wuye.estate.tests.factories import (
    BuildingFactory,
    MeterFactory,
    PersonFactory,
    UnitFactory,
    UnitRelationFactory,
)


@pytest.fixture
def ledger(community_a, csh_a):
    """add(n): n more units, each with an owner, two bills of two lines, one of them paid."""
    building = BuildingFactory(community=community_a)
    items = [FeeItemFactory(community=community_a) for _ in range(2)]
    made = []

    def add(count):
        for _ in range(count):
            unit = UnitFactory(
                community=community_a, building=building, number=str(1000 + len(made))
            )
            person = PersonFactory(community=community_a, phone=f"139{len(made):08d}")
            UnitRelationFactory(community=community_a, unit=unit, person=person, role="owner")
            for month in (8, 9):
                bill = BillFactory(
                    community=community_a,
                    unit=unit,
                    total=Decimal("200.00"),
                    period_start=dt.date(2026, month, 1),
                    period_end=dt.date(2026, month, 28),
                    due_date=dt.date(2026, month, 15),
                )
                for item in items:
                    BillLineFactory(
                        community=community_a,
                        bill=bill,
                        fee_item=item,
                        amount=Decimal("100.00"),
                        billing_key=f"{unit.pk}:{month}:{item.pk}",
                    )
            collect_payment(
                unit=unit,
                amount=Decimal("200.00"),
                channel="cash",
                cashier=csh_a,
                idempotency_key=uuid.uuid4().hex,
            )
            made.append(unit)
        return made

    return add


def queries(client, url, params=None):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200, url
    return len(captured.captured_queries)


PAGES = [
    ("billing:bill_list", {}),
    ("billing:payment_list", {}),
    ("billing:arrears", {}),
    ("billing:arrears", {"group": "zone"}),
    ("billing:collection_rates", {"period": "2026-08"}),
    ("billing:dunningcontact_list", {}),
    ("billing:waiver_list", {}),
    ("billing:dailyclosing_list", {}),
    ("billing:daily_report", {}),
]


@pytest.mark.django_db
def test_billing_pages_do_not_query_per_row(community_a, ledger, make_staff, login):
    client = login(make_staff(community_a, "FIN"))
    ledger(3)
    few = {(name, tuple(p.items())): queries(client, reverse(name), p) for name, p in PAGES}
    ledger(12)
    many = {(name, tuple(p.items())): queries(client, reverse(name), p) for name, p in PAGES}
    assert many == few


@pytest.mark.django_db
def test_the_counter_does_not_query_per_bill(community_a, csh_a, login):
    """BIL-06: a unit owing two months or eight opens in the same number of queries."""
    unit = UnitFactory(community=community_a)
    UnitRelationFactory(
        community=community_a, unit=unit, person=PersonFactory(community=community_a), role="owner"
    )
    item = FeeItemFactory(community=community_a)

    def owe(months):
        for month in months:
            bill = BillFactory(
                community=community_a,
                unit=unit,
                total=Decimal("50.00"),
                period_start=dt.date(2026, month, 1),
                period_end=dt.date(2026, month, 28),
            )
            BillLineFactory(
                community=community_a,
                bill=bill,
                fee_item=item,
                amount=Decimal("50.00"),
                billing_key=f"c{month}",
            )

    client = login(csh_a)
    url = reverse("billing:counter")
    owe((1, 2))
    statement = reverse("billing:statement", args=[unit.pk])
    client.get(url, {"unit": unit.pk})  # the first visit makes the submission keys
    few = queries(client, url, {"unit": unit.pk}), queries(client, statement)
    owe(range(3, 9))
    assert (queries(client, url, {"unit": unit.pk}), queries(client, statement)) == few


def _unit(community, n):
    building = BuildingFactory(community=community, number=f"Q{n}")
    return UnitFactory(community=community, building=building, entrance=1, number=f"{n + 1}01")


# The other lists, each row its own unit (or cashier, fee item…): route → make one row (n)
ROWS = {
    "billing:feeitem_list": lambda c, n: f.FeeItemFactory(community=c, code=f"Q{n}"),
    "billing:feestandard_list": lambda c, n: f.FeeStandardFactory(
        community=c, fee_item=f.FeeItemFactory(community=c, code=f"Q{n}")
    ),
    "billing:meterreading_list": lambda c, n: f.MeterReadingFactory(
        community=c, meter=MeterFactory(community=c, unit=_unit(c, n), serial=f"Q{n}")
    ),
    "billing:billingrun_list": lambda c, n: f.BillingRunFactory(
        community=c, period=dt.date(2020 + n // 12, n % 12 + 1, 1)
    ),
    "billing:deposit_list": lambda c, n: f.DepositFactory(
        community=c,
        unit=_unit(c, n),
        payment=f.PaymentFactory(community=c, purpose="deposit", amount=Decimal("2000.00")),
    ),
    "billing:refund_list": lambda c, n: f.RefundFactory(community=c, unit=_unit(c, n)),
    "billing:collectionappointment_list": lambda c, n: f.CollectionAppointmentFactory(
        community=c, unit=_unit(c, n)
    ),
    "billing:arrears_snapshots": lambda c, n: f.ArrearsSnapshotFactory(community=c),
}


def _grows(client, url, add_row):
    """Queries with 2 rows and with 12: (fewer, more)."""
    for n in range(2):
        add_row(n)
    client.get(url)  # sessions, content types and the like are read once
    few = queries(client, url)
    for n in range(2, 12):
        add_row(n)
    return few, queries(client, url)


@pytest.mark.django_db
@pytest.mark.parametrize("route", sorted(ROWS))
def test_every_other_billing_list_reads_its_rows_in_a_fixed_number_of_queries(
    route, community_a, mgr_a, login
):
    """BIL-02/04/05/08/09/13: 2 rows or 12, the same queries or fewer."""
    client = login(mgr_a)
    few, many = _grows(client, reverse(route), lambda n: ROWS[route](community_a, n))
    assert many <= few, f"{route}: {few} queries for 2 rows, {many} for 12"
