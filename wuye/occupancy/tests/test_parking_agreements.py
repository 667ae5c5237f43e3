"""OCC-06 (CSD-7): parking lease and usage agreements — whole months, billed through billing
(all at signing when prepaid, month by month otherwise), one agreement per space at a time
(refused by the service and by the database, on both databases and under concurrency),
cancelled only while unpaid, reminded before they end."""

import datetime as dt
import threading
import uuid
from decimal import Decimal

import pytest
import time_machine
from django.db import IntegrityError, connection, connections, transaction
from django.urls import reverse
from django.utils import timezone, translation

from wuye.billing.choices import BillStatus
from wuye.billing.models import Bill, BillLine
from wuye.billing.services.counter import collect_payment
from wuye.core.errors import DomainError
from wuye.core.models import Event, Notification
from wuye.estate.tests.factories import (
    ParkingSpaceFactory,
    PersonFactory,
    UnitFactory,
    UnitRelationFactory,
)
from wuye.occupancy.models import ParkingAgreement
from wuye.occupancy.services import parking
from wuye.occupancy.tests.factories import ParkingAgreementFactory

D = Decimal
ZH = {"Accept-Language": "zh-hans"}


@pytest.fixture
def home(community_a):
    unit = UnitFactory(community=community_a, building__number="5", entrance=1, number="802")
    owner = PersonFactory(community=community_a, name="陈志强")
    UnitRelationFactory(
        community=community_a, unit=unit, person=owner, role="owner", start_date=dt.date(2020, 1, 1)
    )
    return unit


@pytest.fixture
def space(community_a):
    return ParkingSpaceFactory(community=community_a, number="B-018", area__name="地下车库")


def sign(actor, home, space, **changes):
    values = {
        "community": home.community,
        "kind": "lease",
        "space": space,
        "unit": home,
        "party_name": "陈志强",
        "start_date": dt.date(2026, 12, 15),
        "months": 3,
        "monthly_price": D("350.00"),
        "billing": "prepaid",
        "plates": ["粤B12345"],
        "actor": actor,
    }
    values.update(changes)
    return parking.sign_agreement(**values)


def agreement_lines(agreement):
    return BillLine.objects.filter(billing_key__startswith=f"pa{agreement.pk}:", cancelled=False)


def form(**changes):
    data = {
        "kind": "usage",
        "space": "B-018",
        "unit": "5-1-802",
        "party_name": "陈志强",
        "party_phone": "13900002222",
        "plates": "粤b 12345，粤BD12345",
        "start_date": "2026-12-15",
        "months": 2,
        "monthly_price": "280.00",
        "billing": "prepaid",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC), tick=False)
def test_occ06_a_prepaid_lease_is_billed_at_signing_and_paid_at_the_counter(
    home, space, csr_a, csh_a
):
    """OCC-06: three months from 15 December at ¥350: one bill of ¥1,050 in three lines, one
    per month (15th to the 14th), to the unit, due at signing; the counter takes it."""
    agreement = sign(csr_a, home, space)
    assert agreement.number == "CW2026000001" and agreement.end_date == dt.date(2027, 3, 14)
    bill = Bill.objects.get(unit=home)
    assert bill.space == space and bill.total == D("1050.00") and bill.payer_name == "陈志强"
    periods = list(
        agreement_lines(agreement).order_by("period").values_list("period", "period_end")
    )
    assert periods == [
        (dt.date(2026, 12, 15), dt.date(2027, 1, 14)),
        (dt.date(2027, 1, 15), dt.date(2027, 2, 14)),
        (dt.date(2027, 2, 15), dt.date(2027, 3, 14)),
    ]
    assert {line.fee_item.code for line in agreement_lines(agreement)} == {"CWZJ"}
    payment = collect_payment(
        unit=home, channel="cash", cashier=csh_a, idempotency_key=uuid.uuid4().hex
    )
    bill.refresh_from_db()
    assert payment.amount == D("1050.00") and bill.paid == D("1050.00")
    assert Event.objects.filter(verb="parking_agreement.signed", target_id=agreement.pk).exists()


@pytest.mark.django_db
def test_occ06_month_by_month_bills_each_begun_month_once(home, space, csr_a):
    """OCC-06: billed month by month: the first month at signing, each later month when it
    begins (the daily job), never twice however often the job runs."""
    with time_machine.travel(dt.datetime(2026, 12, 1, 2, tzinfo=dt.UTC), tick=False):
        agreement = sign(csr_a, home, space, billing="monthly", start_date=dt.date(2026, 12, 1))
        assert agreement_lines(agreement).count() == 1
        assert parking.bill_due_months(home.community) == 0
    with time_machine.travel(dt.datetime(2027, 1, 1, 2, tzinfo=dt.UTC), tick=False):
        assert parking.bill_due_months(home.community) == 1
        assert parking.bill_due_months(home.community) == 0  # run again: nothing more
    with time_machine.travel(dt.datetime(2027, 4, 20, 2, tzinfo=dt.UTC), tick=False):
        assert parking.bill_due_months(home.community) == 1  # the third month, late
    lines = agreement_lines(agreement).order_by("period")
    assert [line.period for line in lines] == [
        dt.date(2026, 12, 1),
        dt.date(2027, 1, 1),
        dt.date(2027, 2, 1),
    ]
    assert sum(line.amount for line in lines) == D("1050.00")


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC), tick=False)
def test_occ06_an_overlapping_agreement_is_refused_and_a_following_one_is_not(home, space, csr_a):
    """OCC-06: a second agreement for the same space on any day of the first is refused with
    the first's number and dates; one starting the day after it ends is fine."""
    first = sign(csr_a, home, space)
    with translation.override("zh-hans"), pytest.raises(DomainError) as refused:
        sign(csr_a, home, space, start_date=dt.date(2027, 3, 14), months=1)
    assert refused.value.field == "start_date" and refused.value.code == "overlap"
    assert first.number in str(refused.value.message) and "一个车位同一时间只能有一份协议" in str(
        refused.value.message
    )
    assert ParkingAgreement.objects.count() == 1 and Bill.objects.count() == 1
    following = sign(csr_a, home, space, start_date=dt.date(2027, 3, 15), months=1)
    assert following.start_date == first.end_date + dt.timedelta(days=1)


@pytest.mark.django_db
def test_occ06_the_database_refuses_an_overlap_written_past_the_service(community_a, space):
    """OCC-06: the database itself keeps one agreement per space per day (an exclusion
    constraint on PostgreSQL, triggers on SQLite); a cancelled one does not count."""
    ParkingAgreementFactory(community=community_a, space=space, start_date=dt.date(2026, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        ParkingAgreementFactory(
            community=community_a, space=space, start_date=dt.date(2026, 6, 1), months=1
        )
    ParkingAgreementFactory(
        community=community_a,
        space=space,
        start_date=dt.date(2026, 6, 1),
        months=1,
        status="cancelled",
    )
    later = ParkingAgreementFactory(
        community=community_a, space=space, start_date=dt.date(2027, 1, 1), months=1
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ParkingAgreement.objects.filter(pk=later.pk).update(start_date=dt.date(2026, 12, 1))


@pytest.mark.django_db
def test_occ06_the_overlap_guard_is_installed():
    """OCC-06: a migration that dropped the database's guard fails here."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT 1 FROM pg_constraint WHERE conname = 'occupancy_agreement_no_overlap'"
            )
            assert cursor.fetchone() is not None
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'occupancy_agreement_no_overlap_%'"
            )
            assert len(cursor.fetchall()) == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_occ06_two_desks_signing_the_same_space_at_once_sign_one(community_a, make_staff):
    """OCC-06 race: two CSRs sign the same space for overlapping months at the same moment; in
    every trial one agreement stands and the other is refused."""
    desks = [make_staff(community_a, "CSR", username=f"park_csr_{i}") for i in range(2)]
    unit = UnitFactory(community=community_a)
    owner = PersonFactory(community=community_a, name="赵敏")
    UnitRelationFactory(community=community_a, unit=unit, person=owner, role="owner")
    for trial in range(10):
        space = ParkingSpaceFactory(community=community_a)
        barrier = threading.Barrier(2)
        outcomes: list[object] = []

        def run(desk, start, space=space):
            try:
                barrier.wait(timeout=10)
                outcomes.append(
                    sign(desk, unit, space, party_name="赵敏", start_date=start, months=2)
                )
            except DomainError as exc:
                outcomes.append(exc)
            finally:
                connections.close_all()

        starts = [dt.date(2027, 1, 1), dt.date(2027, 2, 1) if trial % 2 else dt.date(2027, 1, 1)]
        threads = [threading.Thread(target=run, args=(d, s)) for d, s in zip(desks, starts)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert sorted(type(o).__name__ for o in outcomes) == ["DomainError", "ParkingAgreement"]
        assert ParkingAgreement.objects.filter(space=space).count() == 1
        assert Bill.objects.filter(space=space).count() == 1


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC), tick=False)
def test_occ06_signed_on_the_page_with_plates_and_read_in_the_api(home, space, csr_a, login):
    client = login(csr_a)
    response = client.post(reverse("occupancy:parkingagreement_add"), form(), headers=ZH)
    assert response.status_code == 302, response.context["form"].errors
    agreement = ParkingAgreement.objects.get()
    assert agreement.plate_list == ["粤B12345", "粤BD12345"] and agreement.kind == "usage"
    page = client.get(agreement.get_absolute_url(), headers=ZH).content.decode()
    assert "agreement-bills" in page and "560.00" in page
    shown = client.get(f"/api/v1/parking-agreements/{agreement.pk}/").json()
    assert shown["plates"] == ["粤B12345", "粤BD12345"] and shown["end_date"] == "2027-02-14"


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC), tick=False)
@pytest.mark.parametrize(
    "changes, field",
    [
        ({"months": 0}, "months"),
        ({"months": 61}, "months"),
        ({"monthly_price": "-5"}, "monthly_price"),
        ({"monthly_price": "0"}, "monthly_price"),
        ({"plates": "ABC123"}, "plates"),
        ({"plates": "粤B12345 粤B12346 粤B12347 粤B12348"}, "plates"),
        ({"party_name": "路人甲"}, "party_name"),
        ({"kind": "rent"}, "kind"),
        ({"space": 999999}, "space"),
        ({"space": "B-018"}, "space"),  # the API names a space by its id
        ({"start_date": "2026-02-30"}, "start_date"),
    ],
)
def test_occ06_bad_agreements_get_a_field_error_and_change_nothing(
    home, space, csr_a, login, changes, field
):
    body = form(space=space.pk, **changes) if "space" not in changes else form(**changes)
    response = login(csr_a).post(
        "/api/v1/parking-agreements/", body, content_type="application/json", headers=ZH
    )
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"], response.json()
    assert not ParkingAgreement.objects.exists() and not Bill.objects.exists()


@pytest.mark.django_db
def test_occ06_a_space_or_unit_of_another_community_cannot_be_named(
    home, space, csr_a, community_b, login
):
    foreign_space = ParkingSpaceFactory(community=community_b)
    foreign_unit = UnitFactory(community=community_b)
    client = login(csr_a)
    for changes, field in (
        ({"space": foreign_space.pk}, "space"),
        ({"space": space.pk, "unit": foreign_unit.pk}, "unit"),
    ):
        response = client.post(
            "/api/v1/parking-agreements/", form(**changes), content_type="application/json"
        )
        assert response.status_code == 400 and field in response.json()["error"]["fields"]
    assert not ParkingAgreement.objects.exists()


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC), tick=False)
def test_occ06_cancelled_while_unpaid_frees_the_space_and_paid_is_refused(
    home, space, csr_a, csh_a, login
):
    """OCC-06: an agreement signed in error is cancelled with its unpaid bills, and the space
    can be signed again for the same months; once a fee is paid, cancelling is refused."""
    wrong = sign(csr_a, home, space)
    client = login(csr_a)
    refused = client.post(
        f"/api/v1/parking-agreements/{wrong.pk}/cancel/", {}, content_type="application/json"
    )
    assert refused.status_code == 400 and "reason" in refused.json()["error"]["fields"]
    done = client.post(
        f"/api/v1/parking-agreements/{wrong.pk}/cancel/",
        {"reason": "车位号填错"},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["status"] == "cancelled"
    assert Bill.objects.get(space=space).status == BillStatus.CANCELLED
    right = sign(csr_a, home, space)
    collect_payment(unit=home, channel="cash", cashier=csh_a, idempotency_key=uuid.uuid4().hex)
    with translation.override("zh-hans"):
        again = client.post(
            f"/api/v1/parking-agreements/{right.pk}/cancel/",
            {"reason": "不想租了"},
            content_type="application/json",
            headers=ZH,
        )
    assert again.status_code == 400 and "已缴" in again.json()["error"]["message"]
    right.refresh_from_db()
    assert right.status == "signed" and Bill.objects.filter(status="open").count() == 1


@pytest.mark.django_db
def test_occ06_the_desk_is_reminded_once_before_an_agreement_ends(
    community_a, space, csr_a, make_staff, django_capture_on_commit_callbacks
):
    """OCC-06: 30 days before an agreement ends the CSR and the CS supervisor get one
    notification each; running the job again sends nothing more."""
    css = make_staff(community_a, "CSS")
    today = timezone.localdate()
    ending = ParkingAgreementFactory(
        community=community_a,
        space=space,
        start_date=today - dt.timedelta(days=340),
        months=12,
    )
    ParkingAgreementFactory(community=community_a, start_date=today, months=12)  # far off
    assert ending.end_date <= today + dt.timedelta(days=30)
    with django_capture_on_commit_callbacks(execute=True):
        assert parking.remind_expiring(community_a) == 1
        assert parking.remind_expiring(community_a) == 0
    notes = Notification.objects.filter(url=ending.get_absolute_url())
    assert sorted(n.user_id for n in notes) == sorted([csr_a.pk, css.pk])
    assert ending.number in notes.first().text


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC), tick=False)
def test_occ06_the_printed_agreement(home, space, csr_a, login, rendered_pdfs):
    agreement = sign(csr_a, home, space, kind="usage")
    response = login(csr_a).get(reverse("occupancy:parkingagreement_pdf", args=[agreement.pk]))
    assert response.status_code == 200
    html = rendered_pdfs[0]
    assert "车位使用协议" in html and agreement.number in html and "¥1050.00" in html
