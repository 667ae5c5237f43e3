"""QUA-05: equipment maintenance — plans with their interval (an elevator at least every 15
days), records that move the next due date on, the overdue list on the home page, and the
inspection certificates announced before they expire, each alert once."""

import datetime as dt
import io
import threading
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from PIL import Image

from wuye.core.errors import DomainError
from wuye.core.models import Notification
from wuye.estate.tests.factories import FacilityFactory, VendorFactory
from wuye.quality.models import Certificate, MaintenancePlan, MaintenanceRecord
from wuye.quality.services import maintenance
from wuye.quality.tests.factories import CertificateFactory, MaintenancePlanFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")
ZH = {"Accept-Language": "zh-hans"}


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "gray").save(buffer, "JPEG")
    return SimpleUploadedFile("lift.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def tech_a(community_a, make_staff):
    return make_staff(community_a, "TECH")


@pytest.fixture
def lift(community_a):
    return FacilityFactory(community=community_a, kind="elevator", code="DT-1-1", name="1号楼1号梯")


@pytest.mark.django_db
def test_qua05_an_elevator_is_maintained_at_least_every_15_days(community_a, lift, mgr_a, login):
    pump = FacilityFactory(community=community_a, kind="pump", code="SB-01", name="生活水泵")
    fields = {"name": "半月保养", "interval_unit": "days", "next_due": dt.date(2026, 12, 10)}
    for interval, unit in ((16, "days"), (1, "months")):
        with pytest.raises(DomainError) as refused:
            maintenance.save_maintenance_plan(
                community=community_a,
                actor=mgr_a,
                facility=lift,
                **{**fields, "interval": interval, "interval_unit": unit},
            )
        assert refused.value.field == "interval"
    assert not MaintenancePlan.objects.exists()
    maintenance.save_maintenance_plan(
        community=community_a, actor=mgr_a, facility=lift, interval=15, **fields
    )
    # A pump may be maintained quarterly; the page says the elevator rule in Chinese.
    maintenance.save_maintenance_plan(
        community=community_a,
        actor=mgr_a,
        facility=pump,
        name="季度保养",
        interval=3,
        interval_unit="months",
        next_due=dt.date(2027, 1, 31),
    )
    page = login(mgr_a).post(
        "/quality/maintenance/add/",
        {
            "facility": lift.pk,
            "name": "月度保养",
            "interval": "1",
            "interval_unit": "months",
            "next_due": "2026-12-31",
            "is_active": "on",
        },
        headers=ZH,
    )
    assert page.status_code == 400 and "至少每15天" in page.content.decode()
    assert MaintenancePlan.objects.count() == 2


@pytest.mark.django_db
def test_qua05_a_record_moves_the_next_due_date_on(
    community_a, lift, tech_a, mgr_a, login, time_machine
):
    time_machine.move_to(dt.datetime(2026, 12, 7, 15, 0, tzinfo=SHANGHAI))
    vendor = VendorFactory(community=community_a, name="奥的斯维保")
    lifts = MaintenancePlanFactory(
        community=community_a,
        facility=lift,
        interval=15,
        interval_unit="days",
        contractor=vendor,
        next_due=dt.date(2026, 12, 5),
    )
    pump = FacilityFactory(community=community_a, kind="pump", code="SB-02", name="消防水泵")
    quarterly = MaintenancePlanFactory(
        community=community_a,
        facility=pump,
        interval=3,
        interval_unit="months",
        next_due=dt.date(2026, 11, 30),
    )
    home = login(mgr_a).get("/", headers=ZH).content.decode()
    assert "维保逾期" in home
    client = login(tech_a)
    overdue = client.get("/api/v1/maintenance-plans/?overdue=true").json()
    assert overdue["count"] == 2
    recorded = client.post(
        f"/api/v1/maintenance-plans/{lifts.pk}/record/",
        {
            "done_on": "2026-12-07",
            "technician": "王师傅",
            "work": "曳引机检查、门机调整",
            "parts": "层门滑块 ×2\n\n安全触板开关",
            "cost": "180.00",
            "photo": jpeg(),
        },
    )
    assert recorded.status_code == 201, recorded.content
    assert recorded.json()["next_due"] == "2026-12-22"
    record = MaintenanceRecord.objects.get()
    assert record.parts == "层门滑块 ×2\n安全触板开关" and record.contractor == vendor
    assert record.cost == Decimal("180.00") and record.photo
    # Quarterly from 31 August-like month ends: 30 November + 3 months → 28 February.
    maintenance.record_maintenance(
        quarterly, actor=tech_a, done_on=dt.date(2026, 11, 30), technician="李工", work="保养"
    )
    quarterly.refresh_from_db()
    assert quarterly.next_due == dt.date(2027, 2, 28)
    assert client.get("/api/v1/maintenance-plans/?overdue=true").json()["count"] == 0


@pytest.mark.django_db
def test_qua05_bad_records_change_nothing(community_a, community_b, lift, tech_a, time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 7, 15, 0, tzinfo=SHANGHAI))
    plan = MaintenancePlanFactory(
        community=community_a, facility=lift, next_due=dt.date(2026, 12, 10)
    )
    maintenance.record_maintenance(
        plan, actor=tech_a, done_on=dt.date(2026, 12, 5), technician="王师傅", work="保养"
    )
    other_vendor = VendorFactory(community=community_b)
    not_an_image = SimpleUploadedFile("x.jpg", b"GIF89a-nope", content_type="image/jpeg")
    base = {"done_on": dt.date(2026, 12, 6), "technician": "王师傅", "work": "保养"}
    cases = [
        ({**base, "done_on": dt.date(2026, 12, 8)}, "done_on"),  # the future
        ({**base, "done_on": dt.date(2026, 12, 1)}, "done_on"),  # before the last
        ({**base, "technician": " "}, "technician"),
        ({**base, "cost": Decimal("-1")}, "cost"),
        ({**base, "contractor": other_vendor}, "contractor"),
        ({**base, "photo": [not_an_image]}, "photo"),
    ]
    for arguments, field in cases:
        with pytest.raises(DomainError) as refused:
            maintenance.record_maintenance(plan, actor=tech_a, **arguments)
        assert refused.value.field == field
    plan.refresh_from_db()
    assert MaintenanceRecord.objects.count() == 1 and plan.next_due == dt.date(2026, 12, 20)


@pytest.mark.django_db
def test_qua05_certificate_alerts_go_out_once_at_30_and_7_days_and_on_the_day(
    community_a, lift, mgr_a, tech_a, make_staff, time_machine
):
    cashier = make_staff(community_a, "CSH")
    certificate = maintenance.save_certificate(
        community=community_a,
        actor=mgr_a,
        facility=lift,
        kind="elevator",
        number="TSG-2026-0001",
        issuer="市特种设备检验院",
        issued_on=dt.date(2026, 1, 20),
        expires_on=dt.date(2027, 1, 19),
    )
    lift.refresh_from_db()
    assert lift.next_inspection == dt.date(2027, 1, 19)  # the registry follows

    def alerts_on(day):
        time_machine.move_to(dt.datetime.combine(day, dt.time(7, 30), tzinfo=SHANGHAI))
        return maintenance.alert_expiring_certificates(community_a)

    assert alerts_on(dt.date(2026, 12, 19)) == 0  # 31 days ahead
    assert alerts_on(dt.date(2026, 12, 20)) == 1  # 30 days
    assert alerts_on(dt.date(2026, 12, 20)) == 0  # the same day again
    assert alerts_on(dt.date(2026, 12, 25)) == 0  # 25 days: announced already
    assert alerts_on(dt.date(2027, 1, 12)) == 1  # 7 days
    assert alerts_on(dt.date(2027, 1, 19)) == 1  # the day
    assert alerts_on(dt.date(2027, 1, 25)) == 0
    mine = Notification.objects.filter(user=tech_a)
    assert mine.count() == 3 and "TSG-2026-0001" in mine.first().text
    assert Notification.objects.filter(user=mgr_a).count() == 3
    assert not Notification.objects.filter(user=cashier).exists()
    # Renewed: the old certificate is no longer announced, the new one is current.
    certificate.refresh_from_db()
    maintenance.save_certificate(
        community=community_a,
        actor=mgr_a,
        facility=lift,
        kind="elevator",
        number="TSG-2027-0001",
        issuer="市特种设备检验院",
        issued_on=dt.date(2027, 1, 15),
        expires_on=dt.date(2028, 1, 14),
    )
    assert alerts_on(dt.date(2027, 12, 15)) == 1
    assert Notification.objects.filter(user=tech_a).count() == 4


@pytest.mark.django_db
def test_qua05_certificate_scan_is_checked_and_dates_in_order(community_a, lift, mgr_a, login):
    client = login(mgr_a)
    body = {
        "facility": lift.pk,
        "kind": "elevator",
        "number": "TSG-9",
        "issuer": "特检院",
        "issued_on": "2026-12-01",
        "expires_on": "2026-11-30",
    }
    wrong = client.post("/api/v1/certificates/", body, headers=ZH)
    assert wrong.status_code == 400 and "expires_on" in wrong.json()["error"]["fields"]
    fake = SimpleUploadedFile("scan.pdf", b"not a pdf", content_type="application/pdf")
    refused = client.post(
        "/api/v1/certificates/", {**body, "expires_on": "2027-11-30", "document": fake}
    )
    assert refused.status_code == 400
    assert not Certificate.objects.exists()
    pdf = SimpleUploadedFile("scan.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    made = client.post(
        "/api/v1/certificates/", {**body, "expires_on": "2027-11-30", "document": pdf}
    )
    assert made.status_code == 201 and made.json()["has_scan"] is True
    scan = client.get(f"/quality/certificates/{made.json()['id']}/scan/")
    assert scan.status_code == 200
    expiring = CertificateFactory(community=community_a, expires_on=dt.date.today())
    listed = client.get("/quality/certificates/?expiring=true", headers=ZH).content.decode()
    assert expiring.number in listed and "TSG-9" not in listed


@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_qua05_two_records_of_one_plan_at_once_move_it_on_consistently(
    community_a, lift, tech_a, make_staff
):
    """Two technicians record the same plan at the same moment for two days: each record is
    kept, and the plan ends on the later day's next due date (the plan's row decides)."""
    other = make_staff(community_a, "TECH", username="tech_two")
    today = dt.date.today()
    plan = MaintenancePlanFactory(community=community_a, facility=lift, next_due=today)
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def record(actor, day):
        try:
            barrier.wait(timeout=10)
            outcomes.append(
                maintenance.record_maintenance(
                    plan, actor=actor, done_on=day, technician="王师傅", work="保养"
                )
            )
        except DomainError as exc:
            outcomes.append(exc)
        finally:
            connections.close_all()

    days = [(tech_a, today - dt.timedelta(days=1)), (other, today)]
    threads = [threading.Thread(target=record, args=pair) for pair in days]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    plan.refresh_from_db()
    kept = MaintenanceRecord.objects.count()
    # Whichever came first, the plan never goes back: the later day's record sets it, and a
    # record of an earlier day after it is refused.
    assert plan.last_done_on == today and plan.next_due == today + dt.timedelta(days=15)
    assert kept == len([o for o in outcomes if isinstance(o, MaintenanceRecord)]) >= 1
