"""OCC-02: move-in (入伙) — booked for the unit's owner (one at a time, or a building's owners
queued on a batch move-in day), served at the desk, completed once with its checklist: the
owner's relation from that day, the unit occupied, the meters' starting readings in billing's
readings, the first months' property fees billed through billing; the move-in pack printed."""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.utils import timezone

from wuye.billing.models import Bill, BillLine, FeeItem, MeterReading
from wuye.billing.services.issuing import execute_run
from wuye.billing.services.runs import confirm_run, preview_run
from wuye.billing.tests.factories import (
    BillingPolicyFactory,
    FeeStandardFactory,
    MeterReadingFactory,
)
from wuye.core.errors import DomainError
from wuye.core.models import Event
from wuye.estate.models import UnitRelation
from wuye.estate.tests.factories import (
    BuildingFactory,
    MeterFactory,
    PersonFactory,
    UnitFactory,
    UnitRelationFactory,
)
from wuye.occupancy.models import MoveIn
from wuye.occupancy.services import movein

D = Decimal
ZH = {"Accept-Language": "zh-hans"}


@pytest.fixture
def home(community_a):
    """2-1-1201, handed over, its owner registered since the purchase, two meters; the
    property fee 2.50 元/m² of gross area and a 10 元 rubbish fee per unit."""
    unit = UnitFactory(
        community=community_a,
        building__number="2",
        entrance=1,
        number="1201",
        status="handed_over",
        handover_date=dt.date(2026, 6, 30),
        gross_area=D("100.00"),
    )
    owner = PersonFactory(community=community_a, name="林海生", phone="13900001111")
    UnitRelationFactory(
        community=community_a,
        unit=unit,
        person=owner,
        role="owner",
        start_date=dt.date(2026, 5, 1),
    )
    MeterFactory(community=community_a, unit=unit, kind="water", serial="W-2-1201")
    MeterFactory(community=community_a, unit=unit, kind="electricity", serial="E-2-1201")
    BillingPolicyFactory(community=community_a)
    FeeStandardFactory(
        community=community_a,
        fee_item__code="WYF",
        fee_item__name="物业服务费",
        unit_price=D("2.50"),
    )
    FeeStandardFactory(
        community=community_a,
        fee_item__code="LJF",
        fee_item__name="垃圾处理费",
        fee_item__calculation="fixed_unit",
        unit_price=D("10.00"),
    )
    return unit


def book(client, **changes):
    data = {
        "unit": "2-1-1201",
        "owner_name": "林海生",
        "owner_phone": "139 0000 1111",
        "appointment_date": f"{timezone.localdate():%Y-%m-%d}",
        "appointment_time": "09:30",
    }
    data.update(changes)
    return client.post("/api/v1/move-ins/", data, content_type="application/json")


def checklist(unit, **changes):
    data = {
        "moved_in_on": f"{timezone.localdate():%Y-%m-%d}",
        "id_checked": True,
        "contract_checked": True,
        "rules_signed": True,
        "keys_count": 3,
        "access_cards": 2,
        "months": 3,
    }
    for meter in movein.unit_meters(unit):
        data[f"reading_{meter.pk}"] = "12.50" if meter.kind == "water" else "230.00"
    data.update(changes)
    return data


def written(unit):
    """What a completion writes, counted: bills, lines, readings, owner relations, events."""
    return (
        Bill.objects.filter(unit=unit).count(),
        BillLine.objects.filter(bill__unit=unit).count(),
        MeterReading.objects.filter(meter__unit=unit).count(),
        UnitRelation.objects.filter(unit=unit, role="owner").count(),
        Event.objects.filter(verb="movein.done").count(),
    )


@pytest.mark.django_db
def test_occ02_a_move_in_is_booked_served_and_completed_once(home, csr_a, login):
    """OCC-02: booked for the registered owner, served, completed: the unit is occupied, the
    owner's relation runs from the move-in day, each meter's starting reading is in billing's
    readings (no usage billed up to it), three months of fees are billed with the run's keys.
    The same completion sent again answers the move-in as it is and writes nothing more."""
    client = login(csr_a)
    made = book(client)
    assert made.status_code == 201, made.content
    move_in = MoveIn.objects.get()
    assert move_in.number == f"RH{timezone.localdate().year}000001"
    assert move_in.owner_phone == "13900001111" and move_in.status == "booked"
    url = f"/api/v1/move-ins/{move_in.pk}"
    assert client.post(f"{url}/arrive/").status_code == 200
    done = client.post(f"{url}/complete/", checklist(home), content_type="application/json")
    assert done.status_code == 200, done.content
    body = done.json()
    assert body["status"] == "done" and body["keys_count"] == 3 and body["access_cards"] == 2

    today = timezone.localdate()
    home.refresh_from_db()
    assert home.status == "occupied"
    relation = UnitRelation.objects.get(unit=home, role="owner")
    assert relation.start_date == dt.date(2026, 5, 1)  # registered before: the earlier start
    water = MeterReading.objects.get(meter__unit=home, meter__kind="water")
    assert water.period == today.replace(day=1)
    assert (water.previous_reading, water.current_reading) == (D("12.50"), D("12.50"))
    assert water.meter.initial_reading == D("12.50")
    bill = Bill.objects.get(unit=home)
    assert body["first_bill_number"] == bill.number and bill.payer_name == "林海生"
    lines = {line.fee_item.code: line for line in bill.lines.all()}
    assert lines["WYF"].amount == D("750.00")  # 2.50 × 100 m² × 3 months
    assert lines["LJF"].amount == D("30.00")
    assert bill.total == D("780.00")
    assert lines["WYF"].period == today.replace(day=1)
    assert lines["WYF"].billing_key == f"u{home.pk}:f{lines['WYF'].fee_item_id}:{today:%Y%m}:r"

    before = written(home)
    again = client.post(f"{url}/complete/", checklist(home), content_type="application/json")
    assert again.status_code == 200 and again.json()["first_bill"] == bill.pk
    assert written(home) == before


@pytest.mark.django_db
def test_occ02_a_new_owner_is_registered_from_the_move_in_day(home, csr_a):
    """OCC-02: a unit sold to someone not yet registered: the owner's relation starts on the
    move-in day; a unit never recorded as handed over is handed over that day."""
    unit = UnitFactory(
        community=home.community, building=home.building, status="vacant", handover_date=None
    )
    move_in = movein.book_move_in(
        community=home.community,
        unit=unit,
        owner_name="韩雪",
        owner_phone="13700002222",
        id_number="11010519491231002X",
        appointment_date=timezone.localdate(),
        actor=csr_a,
    )
    day = timezone.localdate() - dt.timedelta(days=1)
    movein.complete_move_in(
        move_in,
        actor=csr_a,
        moved_in_on=day,
        id_checked=True,
        contract_checked=True,
        rules_signed=True,
        keys_count=2,
        readings={},
    )
    relation = UnitRelation.objects.get(unit=unit, role="owner")
    assert relation.person.name == "韩雪" and relation.start_date == day
    assert relation.person.id_number == "11010519491231002X"
    unit.refresh_from_db()
    assert unit.status == "occupied" and unit.handover_date == day


@pytest.mark.django_db
def test_occ02_a_run_of_the_billed_months_does_not_bill_them_again(home, csr_a, mgr_a):
    """OCC-02 with BIL-03: the months billed at the move-in are skipped by the billing run of
    those months — the unit is never billed twice for a month."""
    today = timezone.localdate()
    move_in = movein.book_move_in(
        community=home.community,
        unit=home,
        owner_name="林海生",
        owner_phone="13900001111",
        appointment_date=today,
        actor=csr_a,
    )
    form_values = checklist(home)
    readings = {
        int(k.split("_")[1]): D(v) for k, v in form_values.items() if k.startswith("reading_")
    }
    movein.complete_move_in(
        move_in,
        actor=csr_a,
        moved_in_on=today,
        id_checked=True,
        contract_checked=True,
        rules_signed=True,
        keys_count=1,
        readings=readings,
        months=2,
    )
    items = list(FeeItem.objects.filter(community=home.community))
    run = preview_run(
        community=home.community,
        period=today.replace(day=1) + dt.timedelta(days=32),
        months=1,
        fee_items=items,
        actor=mgr_a,
    )
    confirm_run(run, actor=mgr_a, enqueue=False)
    run = execute_run(run)
    assert run.lines_skipped == 2 and not Bill.objects.filter(run=run, unit=home).exists()
    assert Bill.objects.filter(unit=home).count() == 1


@pytest.mark.django_db
def test_occ02_bad_input_is_refused_and_nothing_changes(home, csr_a, login, community_b):
    """OCC-02: an unchecked document, a missing reading, a reading below the meter's last, a
    unit of another service center, a second open appointment: a clear error, nothing saved."""
    client = login(csr_a)
    other = UnitFactory(community=community_b, building__number="9", number="101")
    refused = book(client, unit=str(other.pk))
    assert refused.status_code == 400 and "unit" in refused.json()["error"]["fields"]
    stranger = book(client, owner_name="王小二")
    assert stranger.status_code == 400 and "owner_name" in stranger.json()["error"]["fields"]
    assert book(client).status_code == 201
    twice = book(client, appointment_date="2026-12-31")
    assert twice.status_code == 400
    assert "已有入伙预约" in str(twice.json()) or "already has" in str(twice.json())
    move_in = MoveIn.objects.get()
    url = f"/api/v1/move-ins/{move_in.pk}/complete/"
    before = written(home)
    for changes, field in (
        ({"id_checked": False}, "id_checked"),
        ({"rules_signed": False}, "rules_signed"),
        ({"keys_count": 0}, "keys_count"),
        ({"moved_in_on": "2099-01-01"}, "moved_in_on"),
    ):
        answer = client.post(
            url, checklist(home, **changes), content_type="application/json", headers=ZH
        )
        assert answer.status_code == 400, (changes, answer.content)
        assert field in answer.json()["error"]["fields"], answer.json()
    water = home.meters.get(kind="water")
    missing = checklist(home)
    del missing[f"reading_{water.pk}"]
    answer = client.post(url, missing, content_type="application/json", headers=ZH)
    assert answer.status_code == 400 and f"reading_{water.pk}" in answer.json()["error"]["fields"]
    assert written(home) == before
    move_in.refresh_from_db()
    assert move_in.status == "booked"

    MeterReadingFactory(
        community=home.community,
        meter=water,
        period=timezone.localdate().replace(day=1) - dt.timedelta(days=40),
        previous_reading=D("0"),
        current_reading=D("40.00"),
    )
    before = written(home)
    lower = client.post(
        url, checklist(home), content_type="application/json", headers=ZH
    )  # 12.50 < 40
    assert lower.status_code == 400 and f"reading_{water.pk}" in lower.json()["error"]["fields"]
    assert "40" in str(lower.json()["error"]["fields"][f"reading_{water.pk}"])
    assert written(home) == before
    home.refresh_from_db()
    assert home.status == "handed_over"


@pytest.mark.django_db
def test_occ02_a_batch_move_in_day_queues_a_buildings_owners(community_a, csr_a, login):
    """OCC-02: a batch move-in day books every unit of the building whose registered owner has
    not moved in, two owners every 30 minutes from 09:00 in the building's order; units with
    no owner, already occupied or already booked are left out. The day's board counts them."""
    building = BuildingFactory(community=community_a, number="5")
    units = []
    for number in ("101", "102", "201", "202", "301"):
        unit = UnitFactory(  # the floor from the number: the day books them in that order
            community=community_a,
            building=building,
            number=number,
            floor=int(number[:-2]),
            status="handed_over",
        )
        UnitRelationFactory(
            community=community_a,
            unit=unit,
            person=PersonFactory(community=community_a),
            role="owner",
            start_date=dt.date(2026, 1, 1),
        )
        units.append(unit)
    UnitFactory(community=community_a, building=building, number="302", status="handed_over")
    occupied = UnitFactory(community=community_a, building=building, number="401")
    UnitRelationFactory(community=community_a, unit=occupied, role="owner")
    day = timezone.localdate() + dt.timedelta(days=3)
    client = login(csr_a)
    answer = client.post(
        "/occupancy/move-ins/day/",
        {
            "_community": community_a.pk,
            "building": building.pk,
            "appointment_date": f"{day:%Y-%m-%d}",
            "first_time": "09:00",
            "minutes_per_slot": 30,
            "per_slot": 2,
        },
        headers=ZH,
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    booked = list(MoveIn.objects.order_by("appointment_time", "pk"))
    assert [m.unit.number for m in booked] == ["101", "102", "201", "202", "301"]
    assert [f"{m.appointment_time:%H:%M}" for m in booked] == [
        "09:00",
        "09:00",
        "09:30",
        "09:30",
        "10:00",
    ]
    movein.arrive(booked[0], actor=csr_a)
    board = client.get(f"/occupancy/move-ins/day/?day={day:%Y-%m-%d}", headers=ZH)
    html = board.content.decode()
    assert board.status_code == 200 and "5-1-101" in html and "办理中" in html
    again = client.post(
        "/occupancy/move-ins/day/",
        {
            "_community": community_a.pk,
            "building": building.pk,
            "appointment_date": f"{day:%Y-%m-%d}",
            "first_time": "09:00",
            "minutes_per_slot": 30,
            "per_slot": 2,
        },
        headers=ZH,
    )
    assert again.status_code == 400 and "没有等待入伙的房屋" in again.content.decode()
    assert MoveIn.objects.count() == 5
    assert client.get("/occupancy/move-ins/day/?day=junk", headers=ZH).status_code == 200


@pytest.mark.django_db
def test_occ02_the_desk_completes_on_the_page_and_prints_the_pack(
    home, csr_a, login, rendered_pdfs
):
    """OCC-02 on the page: the checklist asks for each meter by name, a missing tick is shown
    on its field in Chinese, the completed move-in prints its pack with readings and bill."""
    client = login(csr_a)
    move_in = movein.book_move_in(
        community=home.community,
        unit=home,
        owner_name="林海生",
        owner_phone="13900001111",
        appointment_date=timezone.localdate(),
        actor=csr_a,
    )
    page = client.get(move_in.get_absolute_url(), headers=ZH)
    html = page.content.decode()
    assert page.status_code == 200 and "水表 W-2-1201 读数" in html and "入伙" in html
    data = {"_community": home.community.pk, "action": "complete", **checklist(home)}
    data.pop("contract_checked")
    data = {k: ("on" if v is True else v) for k, v in data.items()}
    refused = client.post(move_in.get_absolute_url(), data, headers=ZH)
    assert refused.status_code == 400 and "请核验购房合同" in refused.content.decode()
    data["contract_checked"] = "on"
    done = client.post(move_in.get_absolute_url(), data, headers=ZH)
    assert done.status_code == 302
    pack = client.get(f"{move_in.get_absolute_url()}pack/", headers=ZH)
    assert pack.status_code == 200 and pack["Content-Type"] == "application/pdf"
    html = rendered_pdfs[-1]
    assert "入伙资料" in html and "W-2-1201" in html and "12.50" in html and "780.00" in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_occ02_two_desks_completing_at_once_write_it_once(home, make_staff):
    """OCC-02 race: the same move-in completed from two desks at the same moment is written
    once: one bill, one reading per meter, one owner relation, one event."""
    desks = [make_staff(home.community, "CSR", username=f"desk_{i}") for i in range(2)]
    move_in = movein.book_move_in(
        community=home.community,
        unit=home,
        owner_name="林海生",
        owner_phone="13900001111",
        appointment_date=timezone.localdate(),
        actor=desks[0],
    )
    readings = {meter.pk: D("5.00") for meter in movein.unit_meters(home)}
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def complete(desk):
        try:
            barrier.wait(timeout=10)
            outcomes.append(
                movein.complete_move_in(
                    move_in,
                    actor=desk,
                    moved_in_on=timezone.localdate(),
                    id_checked=True,
                    contract_checked=True,
                    rules_signed=True,
                    keys_count=2,
                    readings=readings,
                    months=1,
                )
            )
        except DomainError as exc:
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=complete, args=(d,)) for d in desks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert [type(o).__name__ for o in outcomes] == ["MoveIn", "MoveIn"]
    assert written(home) == (1, 2, 2, 1, 1)


@pytest.mark.django_db
def test_occ02_a_deposit_is_taken_at_the_move_in_once(home, community_a, make_staff, login):
    """OCC-02: the access-card deposit taken at the counter during the move-in goes through
    billing's deposits (a receipt, the money held for the unit); the same submission sent twice
    takes it once; the move-in's page lists it with its receipt."""
    from wuye.billing.models import Deposit, Payment
    from wuye.org.models import Membership

    user = make_staff(community_a, "CSR", username="movein_counter")
    Membership.objects.create(community=community_a, user=user, post="CSH")
    client = login(user)
    move_in = movein.book_move_in(
        community=community_a,
        unit=home,
        owner_name="林海生",
        owner_phone="13900001111",
        appointment_date=timezone.localdate(),
        actor=user,
    )
    url = f"/api/v1/move-ins/{move_in.pk}"
    body = {
        "purpose": "门禁卡押金",
        "amount": "100.00",
        "channel": "cash",
        "idempotency_key": "rh-deposit-1",
    }
    early = client.post(f"{url}/deposit/", body, content_type="application/json")
    assert early.status_code == 400  # booked, the owner not here yet
    movein.arrive(move_in, actor=user)
    for _attempt in range(2):
        taken = client.post(f"{url}/deposit/", body, content_type="application/json")
        assert taken.status_code == 200, taken.content
    deposit = Deposit.objects.get()
    assert deposit.amount == D("100.00") and deposit.unit == home
    assert "门禁卡押金" in deposit.purpose and move_in.number in deposit.purpose
    assert Payment.objects.count() == 1 and list(move_in.deposits.all()) == [deposit]
    page = client.get(move_in.get_absolute_url(), headers=ZH).content.decode()
    assert deposit.payment.receipt.number in page
    assert Event.objects.filter(verb="movein.deposit").count() == 1


@pytest.mark.django_db
def test_occ02_an_id_number_registered_to_someone_else_is_refused(home, csr_a, login):
    """OCC-02: a new owner's ID number that the registry holds for another person is refused
    on its field at completion — nothing is written — instead of failing in the database."""
    PersonFactory(community=home.community, name="别人", id_number="11010519491231002X")
    unit = UnitFactory(community=home.community, building=home.building, status="vacant")
    move_in = movein.book_move_in(
        community=home.community,
        unit=unit,
        owner_name="韩雪",
        owner_phone="13700002222",
        id_number="11010519491231002X",
        appointment_date=timezone.localdate(),
        actor=csr_a,
    )
    client = login(csr_a)
    answer = client.post(
        f"/api/v1/move-ins/{move_in.pk}/complete/",
        checklist(unit),
        content_type="application/json",
        headers=ZH,
    )
    assert answer.status_code == 400 and "id_number" in str(answer.json()), answer.content
    assert "别人" in answer.json()["error"]["message"]
    move_in.refresh_from_db()
    assert move_in.status == "booked" and not UnitRelation.objects.filter(unit=unit).exists()
