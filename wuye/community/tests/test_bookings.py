"""COM-07 (QC-9): facility bookings in slots with their places, a charged slot billed to the
unit through billing (paid at the counter), cancelling an unpaid booking cancels its bill; the
pool's operation log flags water readings out of limits and tells the manager."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from wuye.billing.models import Bill
from wuye.community.choices import BookingStatus
from wuye.community.models import BookableFacility, Booking, FacilityLog
from wuye.community.services import bookings
from wuye.core.errors import DomainError
from wuye.core.models import Notification
from wuye.estate.tests.factories import FacilityFactory, UnitFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")
ZH = {"Accept-Language": "zh-hans"}
MORNING = dt.datetime(2026, 12, 7, 8, 0, tzinfo=SHANGHAI)


@pytest.fixture
def court(community_a):
    facility = FacilityFactory(community=community_a, kind="recreation", name="网球场")
    return BookableFacility.objects.create(
        community=community_a,
        facility=facility,
        opens_at=dt.time(8, 0),
        closes_at=dt.time(12, 0),
        slot_minutes=60,
        capacity=1,
        price=Decimal("40.00"),
    )


@pytest.mark.django_db
def test_com07_a_charged_slot_is_billed_once_and_a_full_slot_refused(
    community_a, make_staff, court, time_machine, login
):
    time_machine.move_to(MORNING, tick=False)
    csr = make_staff(community_a, "CSR")
    unit = UnitFactory(community=community_a)
    tomorrow = dt.date(2026, 12, 8)
    assert [s for s, _e in bookings.slots(court)] == [
        dt.time(8),
        dt.time(9),
        dt.time(10),
        dt.time(11),
    ]
    booking = bookings.book(
        court,
        actor=csr,
        day=tomorrow,
        starts_at=dt.time(9),
        name="张先生",
        phone="13800000041",
        unit=unit,
    )
    bill = booking.bill
    assert bill.total == Decimal("40.00") and bill.unit == unit
    with pytest.raises(DomainError, match="已约满"):
        bookings.book(
            court,
            actor=csr,
            day=tomorrow,
            starts_at=dt.time(9),
            name="李女士",
            phone="13800000042",
            unit=unit,
        )
    with pytest.raises(DomainError, match="时段"):
        bookings.book(
            court,
            actor=csr,
            day=tomorrow,
            starts_at=dt.time(9, 30),
            name="李女士",
            phone="13800000042",
            unit=unit,
        )
    with pytest.raises(DomainError, match="房屋"):
        bookings.book(
            court,
            actor=csr,
            day=tomorrow,
            starts_at=dt.time(10),
            name="李女士",
            phone="13800000042",
        )
    with pytest.raises(DomainError, match="7 天"):
        bookings.book(
            court,
            actor=csr,
            day=tomorrow + dt.timedelta(days=10),
            starts_at=dt.time(10),
            name="李女士",
            phone="13800000042",
            unit=unit,
        )
    assert Booking.objects.count() == 1
    # Cancelled before it is paid: the bill goes with it and the slot is free again.
    bookings.cancel_booking(booking, actor=csr, reason="下雨")
    bill.refresh_from_db()
    assert bill.status == "cancelled"
    again = bookings.book(
        court,
        actor=csr,
        day=tomorrow,
        starts_at=dt.time(9),
        name="李女士",
        phone="13800000042",
        unit=unit,
    )
    assert again.status == BookingStatus.BOOKED
    page = login(csr).get(f"{court.get_absolute_url()}?day=2026-12-08", headers=ZH)
    assert "李女士" in page.content.decode() and "已约满" in page.content.decode()


@pytest.mark.django_db
def test_com07_a_paid_booking_is_not_cancelled_before_its_refund(
    community_a, make_staff, court, time_machine
):
    time_machine.move_to(MORNING, tick=False)
    csr = make_staff(community_a, "CSR")
    booking = bookings.book(
        court,
        actor=csr,
        day=dt.date(2026, 12, 8),
        starts_at=dt.time(8),
        name="王先生",
        phone="13800000043",
        unit=UnitFactory(community=community_a),
    )
    Bill.objects.filter(pk=booking.bill_id).update(paid=Decimal("40.00"))
    with pytest.raises(DomainError, match="退款"):
        bookings.cancel_booking(booking, actor=csr, reason="改期")


@pytest.mark.django_db
def test_com07_pool_readings_out_of_limits_are_flagged_and_told(community_a, make_staff, login):
    mgr = make_staff(community_a, "MGR")
    tech = make_staff(community_a, "TECH")
    pool = BookableFacility.objects.create(
        community=community_a,
        facility=FacilityFactory(community=community_a, kind="pool", name="恒温泳池"),
        opens_at=dt.time(9),
        closes_at=dt.time(21),
        capacity=30,
    )
    fine = bookings.record_log(
        pool,
        actor=tech,
        ph=Decimal("7.4"),
        chlorine=Decimal("0.5"),
        temperature=Decimal("27"),
        turbidity=Decimal("0.3"),
    )
    assert fine.out_of_limits == ""
    bad = bookings.record_log(
        pool,
        actor=tech,
        ph=Decimal("8.2"),
        chlorine=Decimal("0.2"),
        temperature=Decimal("27"),
        turbidity=Decimal("0.3"),
    )
    assert bad.out_of_limits == "pH 8.2（7.0–7.8）；游离性余氯 0.2（0.3–1.0）"
    assert Notification.objects.filter(user=mgr, text__contains="pH 8.2").exists()
    response = login(tech).post(
        pool.get_absolute_url(), {"action": "record_log", "ph": "15"}, headers=ZH
    )
    assert response.status_code == 400 and FacilityLog.objects.count() == 2
