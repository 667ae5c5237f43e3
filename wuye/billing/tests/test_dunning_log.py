"""BIL-14 dunning log (催缴记录): contacts, promises to pay and what was owed then; reminder
SMS log themselves; the unit is typed as people say it; page and API, scoped."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db.models import F
from django.urls import reverse

from wuye.billing import dunning
from wuye.billing.models import DunningContact
from wuye.billing.tests.factories import BillFactory, DunningContactFactory
from wuye.estate.tests.factories import (
    BuildingFactory,
    PersonFactory,
    UnitFactory,
    UnitRelationFactory,
)

D = Decimal
TODAY = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def owing_unit(community_a):
    building = BuildingFactory(community=community_a, number="3")
    unit = UnitFactory(community=community_a, building=building, entrance=2, number="1501")
    BillFactory(
        community=community_a,
        unit=unit,
        total=D("300.00"),
        paid=D("50.00"),
        due_date=dt.date(2026, 9, 15),
    )
    BillFactory(community=community_a, unit=unit, total=D("200.00"), due_date=dt.date(2026, 12, 15))
    return unit


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_a_call_with_a_promise_is_logged_with_what_was_owed(community_a, csr_a, login, owing_unit):
    """BIL-14: the CSR types 3-2-1501, records the call and the promise; the log keeps the
    250.00 overdue then (the bill not yet due does not count)."""
    client = login(csr_a)
    form = client.get(reverse("billing:dunningcontact_add"), {"unit": owing_unit.pk})
    assert 'value="3-2-1501"' in form.content.decode()
    data = {
        "unit": "3栋2单元1501",
        "contacted_at": "2026-11-20T09:30",
        "method": "phone",
        "person": "张三（业主）",
        "result": "promised",
        "promised_amount": "250.00",
        "note": "下周发工资后缴",
    }
    response = client.post(reverse("billing:dunningcontact_add"), data)
    assert response.status_code == 400  # a promise needs its date
    assert "承诺" in response.content.decode() or "promise" in response.content.decode()
    assert not DunningContact.objects.exists()
    response = client.post(
        reverse("billing:dunningcontact_add"), {**data, "promised_date": "2026-11-27"}
    )
    assert response.status_code == 302
    contact = DunningContact.objects.get()
    assert contact.unit == owing_unit and contact.owed == D("250.00")
    assert contact.created_by == csr_a and contact.promised_date == dt.date(2026, 11, 27)


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_bad_entries_are_refused_and_change_nothing(community_a, csr_a, login, owing_unit):
    client = login(csr_a)
    base = {"unit": "3-2-1501", "contacted_at": "2026-11-20T09:30", "method": "phone"}
    cases = [
        ({"unit": "9-9-9999", "result": "reached"}, "unit"),
        ({"result": "promised", "promised_date": "2026-11-01"}, "promised_date"),
        ({"result": "reached", "contacted_at": "2026-12-20T09:30"}, "contacted_at"),
        ({"result": "reached", "promised_amount": "-5"}, "promised_amount"),
        ({"result": "shouted"}, "result"),
    ]
    for extra, field in cases:
        response = client.post(reverse("billing:dunningcontact_add"), {**base, **extra})
        assert response.status_code == 400, extra
        assert field in response.context["form"].errors, (extra, response.context["form"].errors)
    assert not DunningContact.objects.exists()


@pytest.mark.django_db
def test_promises_due_broken_and_kept(community_a, csr_a, login, owing_unit):
    """BIL-14: a promise whose date has passed while the unit still owes is broken; one whose
    unit owes nothing overdue any more was kept; a future one is due."""
    paid_up = UnitFactory(community=community_a)
    broken = DunningContactFactory(
        community=community_a,
        unit=owing_unit,
        result="promised",
        promised_date=dt.date(2026, 11, 10),
    )
    kept = DunningContactFactory(
        community=community_a, unit=paid_up, result="promised", promised_date=dt.date(2026, 11, 10)
    )
    due = DunningContactFactory(
        community=community_a,
        unit=owing_unit,
        result="promised",
        promised_date=dt.date(2026, 11, 30),
    )
    client = login(csr_a)
    with time_machine.travel(TODAY, tick=False):
        for value, expected in (("broken", broken), ("kept", kept), ("due", due)):
            listed = client.get(reverse("billing:dunningcontact_list"), {"promise": value})
            rows = list(listed.context["table"].data)
            assert [r.pk for r in rows] == [expected.pk], value
            api = client.get("/api/v1/dunning-contacts/", {"promise": value}).json()
            assert [r["id"] for r in api["results"]] == [expected.pk]


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_reminder_sms_log_themselves(community_a, csr_a, owing_unit, settings):
    """BIL-14: sending reminders logs an SMS contact per unit with the amount reminded of; a
    unit whose owners have no mobile is logged as not reached."""
    owner = PersonFactory(community=community_a, phone="13812345678")
    UnitRelationFactory(
        community=community_a, unit=owing_unit, person=owner, start_date=dt.date(2020, 1, 1)
    )
    silent = UnitFactory(community=community_a)
    BillFactory(
        community=community_a, unit=silent, total=D("80.00"), due_date=dt.date(2026, 10, 15)
    )
    dunning.send_reminders([owing_unit, silent], actor=csr_a)
    logged = {c.unit_id: c for c in DunningContact.objects.all()}
    assert logged[owing_unit.pk].method == "sms" and logged[owing_unit.pk].result == "sent"
    assert logged[owing_unit.pk].owed == D("250.00")
    assert logged[silent.pk].result == "not_reached" and logged[silent.pk].owed == D("80.00")


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_arrears_page_shows_the_last_contact(community_a, make_staff, login, owing_unit):
    DunningContactFactory(
        community=community_a,
        unit=owing_unit,
        result="promised",
        promised_date=dt.date(2026, 11, 30),
    )
    page = login(make_staff(community_a, "CSS")).get(reverse("billing:arrears")).content.decode()
    assert "2026-11-30" in page and 'data-testid="log-contact"' in page


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_dunning_api_takes_the_spoken_unit_and_is_scoped(
    community_a, community_b, csr_a, make_staff, login, owing_unit
):
    """BIL-14 API: POST with "3-2-1501"; another community's unit does not exist here; a
    technician may not read the log."""
    client = login(csr_a)
    body = {
        "unit": "3-2-1501",
        "contacted_at": "2026-11-20T09:30:00+08:00",
        "method": "visit",
        "result": "reached",
    }
    created = client.post("/api/v1/dunning-contacts/", body, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["unit"] == owing_unit.pk and created.json()["owed"] == "250.00"
    foreign = UnitFactory(community=community_b)
    response = client.post(
        "/api/v1/dunning-contacts/", {**body, "unit": foreign.pk}, content_type="application/json"
    )
    assert response.status_code == 400 and "unit" in response.json()["error"]["fields"]
    assert DunningContact.objects.count() == 1
    tech = login(make_staff(community_a, "TECH"))
    assert tech.get("/api/v1/dunning-contacts/").status_code == 403


@pytest.mark.django_db
def test_a_typed_number_is_a_room_not_a_record_id(community_a, csr_a, login, owing_unit):
    """Typing the room number alone finds the room (or asks for more when several match);
    it is never read as a database id."""
    other = UnitFactory(community=community_a, number="0302")
    client = login(csr_a)
    base = {"contacted_at": "2026-11-20T09:30", "method": "phone", "result": "reached"}
    response = client.post(reverse("billing:dunningcontact_add"), {**base, "unit": "1501"})
    assert response.status_code == 302
    assert DunningContact.objects.get().unit == owing_unit
    response = client.post(reverse("billing:dunningcontact_add"), {**base, "unit": str(other.pk)})
    assert response.status_code == 400  # no room is numbered like the record's id
    assert DunningContact.objects.count() == 1
    assert (
        client.post(reverse("billing:dunningcontact_add"), {**base, "unit": "²"}).status_code == 400
    )


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_correcting_the_unit_of_an_entry_recomputes_what_was_owed(
    community_a, csr_a, login, owing_unit
):
    entry = DunningContactFactory(community=community_a, unit=owing_unit, owed=D("250.00"))
    quiet = UnitFactory(community=community_a)
    client = login(csr_a)
    client.post(
        reverse("billing:dunningcontact_edit", args=[entry.pk]),
        {
            "unit": quiet.code,
            "contacted_at": "2026-11-20T09:30",
            "method": "phone",
            "result": "reached",
        },
    )
    entry.refresh_from_db()
    assert entry.unit == quiet and entry.owed == D("0.00")


@pytest.mark.django_db
def test_a_promise_is_judged_by_the_bills_it_was_about(community_a, owing_unit):
    """Promised on 10 October about the September bill; that bill was paid; a November bill
    now overdue does not make the old promise broken."""
    from wuye.billing.filtersets import DunningContactFilterSet
    from wuye.billing.models import Bill

    Bill.objects.filter(unit=owing_unit).update(paid=F("total"))
    BillFactory(
        community=community_a, unit=owing_unit, total=D("90.00"), due_date=dt.date(2026, 11, 15)
    )
    promise = DunningContactFactory(
        community=community_a,
        unit=owing_unit,
        result="promised",
        promised_date=dt.date(2026, 10, 20),
        contacted_at=dt.datetime(2026, 10, 10, 10, tzinfo=dt.UTC),
    )
    with time_machine.travel(TODAY, tick=False):
        queryset = DunningContact.objects.all()
        kept = DunningContactFilterSet({"promise": "kept"}, queryset=queryset).qs
        broken = DunningContactFilterSet({"promise": "broken"}, queryset=queryset).qs
        assert list(kept) == [promise] and not broken.exists()
