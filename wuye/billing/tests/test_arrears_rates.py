"""BIL-14 arrears with aging and dunning; BIL-15 collection rates on hand-computed data."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from wuye.billing import reports
from wuye.billing.models import Payment
from wuye.billing.services.arrears import take_arrears_snapshot
from wuye.billing.services.counter import collect_payment, void_payment
from wuye.billing.tests.factories import BillFactory, BillLineFactory, FeeItemFactory
from wuye.core.sms import MemoryTransport
from wuye.estate.models import UnitRelation
from wuye.estate.tests.factories import BuildingFactory, PersonFactory, UnitFactory
from wuye.org.tests.factories import ZoneFactory

D = Decimal


def at(day, hour=10):
    return time_machine.travel(
        dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=dt.UTC), tick=False
    )


@pytest.fixture
def ledger(community_a, csh_a):
    """U1 (zone 东区, building 1) and U2 (zone 西区, building 2); September and October bills.

    20 Sep: U1 pays September (100). 10 Oct: U1 pays October (200); U2 pays 50 of September.
    5 Nov: U2 pays October (300)."""
    east, west = (
        ZoneFactory(community=community_a, name="东区"),
        ZoneFactory(community=community_a, name="西区"),
    )
    u1 = UnitFactory(
        community=community_a,
        building=BuildingFactory(community=community_a, number="1", zone=east),
    )
    u2 = UnitFactory(
        community=community_a,
        building=BuildingFactory(community=community_a, number="2", zone=west),
    )
    for unit, sep, oct_ in ((u1, "100", "200"), (u2, "100", "300")):
        for month, amount in ((9, sep), (10, oct_)):
            start = dt.date(2026, month, 1)
            bill = BillFactory(
                community=community_a,
                unit=unit,
                total=D(amount),
                period_start=start,
                period_end=start.replace(day=28),
                due_date=start.replace(day=15),
            )
            BillLineFactory(
                community=community_a,
                bill=bill,
                amount=D(amount),
                period=start,
                period_end=start.replace(day=28),
                billing_key=f"u{unit.pk}-{month}",
            )

    def pay(unit, amount):
        collect_payment(
            unit=unit,
            amount=D(amount),
            channel="cash",
            cashier=csh_a,
            idempotency_key=uuid.uuid4().hex,
        )

    with at(dt.date(2026, 9, 20)):
        pay(u1, "100")
    with at(dt.date(2026, 10, 10)):
        pay(u1, "200")
        pay(u2, "50")
    with at(dt.date(2026, 11, 5)):
        pay(u2, "300")  # settles the rest of September (50) first, then 250 of October
    return u1, u2


@pytest.mark.django_db
def test_collection_rates_for_october(community_a, ledger):
    """BIL-15: 当期收缴率 200/500 = 40%; 清欠率 50/100 = 50%; 户收费率 1/2 = 50%."""
    [row] = reports.collection_rates(community_a, dt.date(2026, 10, 1))
    assert (row["receivable"], row["collected"], row["collection_rate"]) == (
        D("500.00"),
        D("200.00"),
        D("40.00"),
    )
    assert (row["prior_arrears"], row["recovered"], row["recovery_rate"]) == (
        D("100.00"),
        D("50.00"),
        D("50.00"),
    )
    assert (row["households"], row["households_paid"], row["household_rate"]) == (2, 1, D("50.00"))


@pytest.mark.django_db
def test_collection_rates_of_an_earlier_month_ignore_later_payments(
    community_a, ledger, make_staff
):
    """BIL-15: September as it stood on 30 Sep — later payments and a later void change nothing."""
    u1, _u2 = ledger
    with at(dt.date(2026, 11, 6)):
        october = Payment.objects.get(unit=u1, amount=D("200.00"))
        void_payment(october, reason="退回", actor=make_staff(community_a, "FIN"))
    [row] = reports.collection_rates(community_a, dt.date(2026, 9, 1))
    assert (row["receivable"], row["collected"], row["collection_rate"]) == (
        D("200.00"),
        D("100.00"),
        D("50.00"),
    )
    assert (row["prior_arrears"], row["households"], row["households_paid"]) == (D("0.00"), 2, 1)
    [row] = reports.collection_rates(community_a, dt.date(2026, 10, 1))
    assert row["collected"] == D("200.00") and row["households_paid"] == 1


@pytest.mark.django_db
def test_collection_rates_by_building_and_zone(community_a, ledger):
    """BIL-15: the same figures per building and per zone."""
    by_building = {
        r["group"]: r
        for r in reports.collection_rates(community_a, dt.date(2026, 10, 1), group_by="building")
    }
    assert by_building["1"]["collection_rate"] == D("100.00") and by_building["2"][
        "collection_rate"
    ] == D("0.00")
    assert by_building["2"]["recovery_rate"] == D("50.00")
    assert [(by_building[b]["households"], by_building[b]["households_paid"]) for b in "12"] == [
        (1, 1),
        (1, 0),
    ]
    by_zone = {
        r["group"]: r
        for r in reports.collection_rates(community_a, dt.date(2026, 10, 1), group_by="zone")
    }
    assert set(by_zone) == {"东区", "西区"}


@pytest.mark.django_db
def test_prepayment_does_not_count_until_it_settles_a_bill(community_a, ledger, csh_a):
    """BIL-15: a top-up in October is not October's collection."""
    u1, _u2 = ledger
    with at(dt.date(2026, 10, 20)):
        collect_payment(
            unit=u1,
            amount=D("500"),
            channel="cash",
            cashier=csh_a,
            idempotency_key=uuid.uuid4().hex,
            purpose="top_up",
        )
    [row] = reports.collection_rates(community_a, dt.date(2026, 10, 1))
    assert row["collected"] == D("200.00")


@pytest.mark.django_db
def test_aging_buckets_and_unit_list(community_a, ledger):
    """BIL-14: as of 26 Nov, U2 owes 50 of October (its 300 on 5 Nov settled September's 50 first):
    42 days past the 15 Oct due date, the 31–90 bucket."""
    with at(dt.date(2026, 11, 26)):
        aging, labels = reports.aging(_bills(community_a))
        units = reports.arrears_by_unit(_bills(community_a))
    assert labels[1] == "31–90"
    [row] = aging
    assert row["group"] == "2" and row["buckets"][1] == D("50.00") and row["total"] == D("50.00")
    [unit] = units
    assert unit["owed"] == D("50.00") and unit["days"] == 42 and unit["limitation"] is False


def _bills(community):
    from wuye.billing.models import Bill

    return Bill.objects.filter(community=community)


@pytest.mark.django_db
def test_claims_older_than_three_years_are_flagged(community_a):
    """BIL-14 (民法典 §188): a debt due more than three years ago is marked."""
    old = UnitFactory(community=community_a)
    BillFactory(
        community=community_a,
        unit=old,
        total=D("80.00"),
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2022, 1, 31),
        due_date=dt.date(2022, 1, 15),
    )
    with at(dt.date(2026, 11, 26)):
        [unit] = reports.arrears_by_unit(_bills(community_a))
    assert unit["limitation"] is True


@pytest.mark.django_db
def test_arrears_page_reminders_and_notice(community_a, ledger, make_staff, login):
    """BIL-14: the page lists units owing; SMS reminders go to the owners; a notice PDF prints."""
    _u1, u2 = ledger
    owner = PersonFactory(community=community_a, name="欠费业主", phone="13700001111")
    UnitRelation.objects.create(
        community=community_a, unit=u2, person=owner, role="owner", start_date=dt.date(2020, 1, 1)
    )
    MemoryTransport.outbox.clear()
    client = login(make_staff(community_a, "FIN"))
    page = client.get(reverse("billing:arrears")).content.decode()
    assert u2.code in page and "¥50.00" in page

    response = client.post(reverse("billing:arrears"), {"units": [u2.pk]})
    assert response.status_code == 302
    notice = client.get(reverse("billing:dunning_notice", args=[u2.pk]))
    assert notice.content.startswith(b"%PDF")
    assert not any("停水" in m.text or "停电" in m.text for m in MemoryTransport.outbox)


@pytest.mark.django_db
def test_reminder_sms_text(community_a, ledger, django_capture_on_commit_callbacks):
    """BIL-14: the reminder names the unit and the amount, and asks — nothing more."""
    from wuye.billing import dunning

    _u1, u2 = ledger
    owner = PersonFactory(community=community_a, name="欠费业主", phone="13700002222")
    UnitRelation.objects.create(
        community=community_a, unit=u2, person=owner, role="owner", start_date=dt.date(2020, 1, 1)
    )
    MemoryTransport.outbox.clear()
    with at(dt.date(2026, 11, 26)), django_capture_on_commit_callbacks(execute=True):
        assert dunning.send_reminders([u2], actor=None) == 1
    [message] = MemoryTransport.outbox
    assert message.phone == "13700002222" and u2.code in message.text and "50.00" in message.text


@pytest.mark.django_db
def test_a_csr_sees_the_arrears_of_his_zone_only(community_a, ledger, make_staff, login):
    """BIL-14 (CSR-8): zone lists for the customer-service representative."""
    u1, u2 = ledger
    BillFactory(
        community=community_a,
        unit=u1,
        total=D("70.00"),
        period_start=dt.date(2026, 8, 1),
        period_end=dt.date(2026, 8, 31),
        due_date=dt.date(2026, 8, 15),
    )
    csr = make_staff(community_a, "CSR")
    csr.memberships.get().zones.set([u1.building.zone])
    page = login(csr).get(reverse("billing:arrears")).content.decode()
    assert u1.code in page and u2.code not in page


@pytest.mark.django_db
def test_monthly_arrears_snapshot_keeps_the_month(community_a, ledger, mgr_a, login):
    """BIL-14: the month's arrears statistics are kept (by bucket and building) and shown by month."""
    from wuye.billing import tasks
    from wuye.billing.models import ArrearsSnapshot

    snapshot = take_arrears_snapshot(community_a, as_of=dt.date(2026, 10, 31))
    # After 5 Nov only 50 of U2's October bill (due 15 Oct) is unpaid: 16 days late on 31 Oct.
    assert snapshot.month == dt.date(2026, 10, 1) and snapshot.total == D("50.00")
    assert (snapshot.units, snapshot.bills) == (1, 1)
    assert [b["amount"] for b in snapshot.buckets] == ["50.00", "0.00", "0.00", "0.00", "0.00"]
    assert snapshot.by_building == [
        {"group": "2", "buckets": ["50.00", "0.00", "0.00", "0.00", "0.00"], "total": "50.00"}
    ]
    again = take_arrears_snapshot(community_a, as_of=dt.date(2026, 10, 31))
    assert again.pk == snapshot.pk and ArrearsSnapshot.objects.count() == 1

    with at(dt.date(2026, 11, 30), hour=15):  # 23:00 in Beijing, the month's last day
        assert tasks.snapshot_all_arrears.call() >= 1
    november = ArrearsSnapshot.objects.get(month=dt.date(2026, 11, 1))
    assert november.total == D("50.00") and november.buckets[1]["amount"] == "50.00"

    client = login(mgr_a)
    body = client.get(reverse("billing:arrears_snapshots")).content.decode()
    assert "2026-10" in body and "2026-11" in body and "50.00" in body
    assert reverse("billing:arrears_snapshots") in client.get(reverse("home")).content.decode()
    response = client.post(reverse("billing:arrears_snapshots"), {"_community": community_a.pk})
    assert response.status_code == 302
    workbook = client.get(reverse("billing:arrears_snapshots"), {"format": "xlsx"})
    assert workbook["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.django_db
def test_only_managers_and_finance_keep_the_figure(community_a, ledger, csh_a, login):
    """BIL-14: a cashier reads the monthly arrears but cannot take the snapshot."""
    client = login(csh_a)
    assert client.get(reverse("billing:arrears_snapshots")).status_code == 200
    response = client.post(reverse("billing:arrears_snapshots"), {"_community": community_a.pk})
    assert response.status_code == 403
    from wuye.billing.models import ArrearsSnapshot

    assert not ArrearsSnapshot.objects.exists()


@pytest.mark.django_db
def test_arrears_snapshots_api(community_a, ledger, mgr_a, community_b, login):
    """BIL-14: the monthly statistics under /api/v1/, only the caller's community."""
    from wuye.billing.tests.factories import ArrearsSnapshotFactory

    take_arrears_snapshot(community_a, as_of=dt.date(2026, 10, 31))
    ArrearsSnapshotFactory(community=community_b, month=dt.date(2026, 9, 1))
    response = login(mgr_a).get("/api/v1/arrears-snapshots/")
    assert response.status_code == 200, response.content
    rows = response.json()["results"]
    assert [(r["month"], r["total"], r["units"]) for r in rows] == [("2026-10-01", "50.00", 1)]


@pytest.mark.django_db
def test_a_unit_with_two_bills_of_the_month_is_paid_only_when_both_are(community_a, csh_a):
    """BIL-15: U1 has two October bills (100 and 60). 20 Oct: it pays 100 (the first bill);
    3 Nov: the other 60. October: 当期收缴率 100/160 = 62.50%; 户收费率 0/1 — the unit still owed
    60 on 31 Oct; per fee item the same 100/160. In November the 60 is earlier arrears, all
    recovered (清欠率 100%)."""
    unit = UnitFactory(community=community_a)
    item = FeeItemFactory(community=community_a)
    start = dt.date(2026, 10, 1)
    for n, amount in enumerate(("100", "60")):
        bill = BillFactory(
            community=community_a,
            unit=unit,
            total=D(amount),
            period_start=start,
            period_end=start.replace(day=31),
            due_date=start.replace(day=15),
        )
        BillLineFactory(
            community=community_a,
            bill=bill,
            fee_item=item,
            amount=D(amount),
            period=start,
            period_end=start.replace(day=31),
            billing_key=f"two-{n}",
        )

    def pay(amount):
        collect_payment(
            unit=unit,
            amount=D(amount),
            channel="cash",
            cashier=csh_a,
            idempotency_key=uuid.uuid4().hex,
        )

    with at(dt.date(2026, 10, 20)):
        pay("100")
    with at(dt.date(2026, 11, 3)):
        pay("60")
    [row] = reports.collection_rates(community_a, start)
    assert (row["receivable"], row["collected"], row["collection_rate"]) == (
        D("160.00"),
        D("100.00"),
        D("62.50"),
    )
    assert (row["households"], row["households_paid"], row["household_rate"]) == (1, 0, D("0.00"))
    [item] = reports.collection_rates(community_a, start, group_by="fee_item")
    assert (item["receivable"], item["collected"], item["collection_rate"]) == (
        D("160.00"),
        D("100.00"),
        D("62.50"),
    )
    [november] = reports.collection_rates(community_a, dt.date(2026, 11, 1))
    assert (november["prior_arrears"], november["recovered"], november["recovery_rate"]) == (
        D("60.00"),
        D("60.00"),
        D("100.00"),
    )
