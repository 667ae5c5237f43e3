"""The demo's payment history (`billing.demo`): made through the counter's service and dated
back, so every report has something real after `make run` — collection rates between 85% and
95%, arrears, payments on past days, each of those days closed and confirmed."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db.models import Sum

from wuye.billing import reports
from wuye.billing.demo import _Seeder
from wuye.billing.models import Allocation, Bill, DailyClosing, Payment
from wuye.billing.tests.factories import BillFactory, BillLineFactory
from wuye.estate.tests.factories import BuildingFactory, UnitFactory

MONTHS = [dt.date(2026, 8, 1), dt.date(2026, 9, 1), dt.date(2026, 10, 1)]


@pytest.mark.django_db
def test_the_demo_history_pays_like_owners_and_closes_every_day(community_a, make_staff, csh_a):
    make_staff(community_a, "FIN")
    building = BuildingFactory(community=community_a)
    for n in range(200):
        unit = UnitFactory(community=community_a, building=building, number=str(1000 + n))
        for month in MONTHS:
            bill = BillFactory(
                community=community_a,
                unit=unit,
                total=Decimal("200.00"),
                period_start=month,
                period_end=month.replace(day=28),
                due_date=month.replace(day=15),
            )
            BillLineFactory(
                community=community_a,
                bill=bill,
                amount=Decimal("200.00"),
                period=month,
                period_end=month.replace(day=28),
                billing_key=f"{unit.pk}:{month}",
            )
    seeder = _Seeder(community_a, "A", 11, "开发商", Decimal("100"), 100, "a")
    today = dt.date(2026, 12, 6)
    with time_machine.travel(dt.datetime(2026, 12, 6, 8, tzinfo=dt.UTC), tick=False):
        seeder.history(MONTHS, today)

        rates = []
        for month in MONTHS:
            figures = Bill.objects.filter(period_start=month).aggregate(
                total=Sum("total"), paid=Sum("paid")
            )
            rates.append(figures["paid"] * 100 / figures["total"])
        assert all(Decimal(82) <= rate <= Decimal(98) for rate in rates), rates
        assert rates[0] > rates[-1]  # older months are paid more
        overdue = reports.overdue_bills(Bill.objects.all(), today)
        assert overdue.exists()

    payments = Payment.objects.all()
    assert payments.count() > 400
    assert not payments.filter(business_date__gte=today).exists()
    for payment in payments.order_by("?")[:20]:
        assert payment.received_at.astimezone().date() == payment.business_date
        assert set(payment.allocations.values_list("created_at", flat=True)) == {
            payment.received_at
        }
    days = set(payments.values_list("business_date", flat=True))
    closings = DailyClosing.objects.all()
    assert set(closings.values_list("business_date", flat=True)) == days
    assert not closings.exclude(status="confirmed").exists()
    assert not closings.exclude(difference=0).exists()
    assert (
        Allocation.objects.aggregate(s=Sum("amount"))["s"]
        == payments.aggregate(s=Sum("amount"))["s"]
    )
