"""QUA-08, MGR-10: emergencies — the SOP of the kind with its timers (elevator entrapment:
rescuers on site within 30 minutes, the company told within 2 hours), everyone told in the bell
and the manager by SMS, late steps announced once, the timeline, outage notices to residents,
the open emergency on every staff member's home page, and the closing report."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from wuye.core.errors import DomainError
from wuye.core.models import Notification
from wuye.core.sms import MemoryTransport
from wuye.estate.tests.factories import (
    BuildingFactory,
    PersonFactory,
    UnitFactory,
    UnitRelationFactory,
)
from wuye.quality.models import Incident, IncidentStep
from wuye.quality.services import incidents

SHANGHAI = ZoneInfo("Asia/Shanghai")
ZH = {"Accept-Language": "zh-hans"}
TEN = dt.datetime(2026, 12, 7, 10, 0, tzinfo=SHANGHAI)


@pytest.fixture
def staff(community_a, make_staff):
    return {
        "mgr": make_staff(community_a, "MGR", phone="13900000001"),
        "ast": make_staff(community_a, "AST", phone="13900000002"),
        "dsp": make_staff(community_a, "DSP", phone="13900000003"),
        "csr": make_staff(community_a, "CSR"),
        "sec": make_staff(community_a, "SEC"),
    }


def at(minutes):
    return TEN + dt.timedelta(minutes=minutes)


@pytest.mark.django_db
def test_qua08_elevator_entrapment_timers_at_30_minutes_and_2_hours(
    community_a, staff, time_machine, django_capture_on_commit_callbacks, login
):
    MemoryTransport.outbox.clear()
    time_machine.move_to(TEN, tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        incident = incidents.open_incident(
            community=community_a,
            actor=staff["dsp"],
            kind="elevator",
            title="3号楼2号梯困人2名",
            location="3号楼2号梯",
        )
    steps = {s.code: s for s in incident.steps.all()}
    assert steps["on_site"].due_at == at(30) and steps["report"].due_at == at(120)
    assert steps["rescue"].due_at is None
    # Everyone in the bell, the manager and the assistant by SMS; the timeline says so.
    assert Notification.objects.filter(text__contains=incident.number).count() == 5
    assert sorted(m.phone for m in MemoryTransport.outbox) == ["13900000001", "13900000002"]
    assert "13900000001" in incident.log.last().text
    # The comforting call is made in time.
    time_machine.move_to(at(3), tick=False)
    incidents.complete_step(incident, actor=staff["dsp"], step=steps["comfort"])
    incidents.complete_step(incident, actor=staff["dsp"], step=steps["call_vendor"])
    MemoryTransport.outbox.clear()

    def job(minutes):
        time_machine.move_to(at(minutes), tick=False)
        with django_capture_on_commit_callbacks(execute=True):
            return incidents.alert_late_steps()

    assert job(29) == 0
    assert job(31) == 1  # rescuers not on site after 30 minutes: announced
    assert job(35) == 0  # once
    late = Notification.objects.filter(text__contains="救援人员到达现场").count()
    assert late == 5 and len(MemoryTransport.outbox) == 2
    time_machine.move_to(at(40), tick=False)
    step = incidents.complete_step(incident, actor=staff["sec"], step=steps["on_site"])
    assert step.late
    incidents.complete_step(incident, actor=staff["sec"], step=steps["rescue"], note="2人安全")
    assert job(119) == 0
    assert job(121) == 1  # not reported to the company within 2 hours
    # Every staff member's home page shows the open emergency (the CSR's too).
    home = login(staff["csr"]).get("/", headers=ZH).content.decode()
    assert "正在处置的突发事件" in home
    # A guard starts on his task list, not the workbench: every page shows it to him.
    guard = login(staff["sec"])
    tasks = guard.get("/", headers=ZH, follow=True).content.decode()
    assert 'data-testid="page-alert"' in tasks and incident.number in tasks


@pytest.mark.django_db
def test_qua08_closed_with_the_report_once_every_step_is_done(
    community_a, staff, login, time_machine
):
    time_machine.move_to(TEN, tick=False)
    client = login(staff["dsp"])
    made = client.post(
        "/api/v1/incidents/",
        {"kind": "security", "title": "车库电动车被盗", "location": "地下车库B区"},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    url = f"/api/v1/incidents/{made.json()['id']}"
    steps = made.json()["steps"]
    noted = client.post(f"{url}/note/", {"text": "已调取监控"}, content_type="application/json")
    assert noted.status_code == 201
    manager = login(staff["mgr"])
    report = {"cause": "车库门禁失效", "handling": "报警并调取监控", "result": "更换门禁"}
    early = manager.post(f"{url}/close/", report, content_type="application/json", headers=ZH)
    assert early.status_code == 400 and "保护现场" in early.json()["error"]["message"]
    for step in steps:
        done = client.post(
            f"{url}/complete-step/", {"step": step["id"]}, content_type="application/json"
        )
        assert done.status_code == 200, done.content
    again = client.post(
        f"{url}/complete-step/", {"step": steps[0]["id"]}, content_type="application/json"
    )
    assert again.status_code == 400
    # The dispatcher handles but does not close; the manager closes.
    assert client.post(f"{url}/close/", report, content_type="application/json").status_code == 403
    closed = manager.post(f"{url}/close/", report, content_type="application/json")
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    pdf = manager.get(f"/quality/emergencies/{made.json()['id']}/report/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    after = manager.get("/", headers=ZH).content.decode()
    assert "正在处置的突发事件" not in after and 'data-testid="page-alert"' not in after
    # Closed is closed: nothing more on its timeline.
    with pytest.raises(DomainError):
        incidents.add_note(Incident.objects.get(), actor=staff["mgr"], text="补记")


@pytest.mark.django_db
def test_qua08_outage_notice_to_the_residents_of_the_buildings_by_sms(
    community_a, community_b, staff, django_capture_on_commit_callbacks
):
    MemoryTransport.outbox.clear()
    one, two = (BuildingFactory(community=community_a, name=n) for n in ("1栋", "2栋"))
    for building, phone in ((one, "13811110001"), (one, "13811110001"), (two, "13811110002")):
        unit = UnitFactory(community=community_a, building=building)
        person = PersonFactory(community=community_a, phone=phone)
        UnitRelationFactory(
            community=community_a, unit=unit, person=person, start_date=dt.date(2020, 1, 1)
        )
    incident = incidents.open_incident(
        community=community_a,
        actor=staff["dsp"],
        kind="outage",
        title="1栋计划停水",
        location="1栋",
    )
    MemoryTransport.outbox.clear()
    text = "因管道维修，12月8日9:00-15:00 1栋停水，请提前储水。"
    for arguments, field in (
        ({"text": "", "buildings": [one]}, "text"),
        ({"text": text, "buildings": []}, "buildings"),
        ({"text": text, "buildings": [BuildingFactory(community=community_b)]}, "buildings"),
    ):
        with pytest.raises(DomainError) as refused:
            incidents.notify_residents(incident, actor=staff["dsp"], **arguments)
        assert refused.value.field == field
    with django_capture_on_commit_callbacks(execute=True):
        sent = incidents.notify_residents(incident, actor=staff["dsp"], text=text, buildings=[one])
    assert sent == 1
    assert [m.phone for m in MemoryTransport.outbox] == ["13811110001"]
    assert "1 个号码" in incident.log.last().text
    # Only an outage is announced to residents.
    fire = incidents.open_incident(
        community=community_a, actor=staff["dsp"], kind="fire", title="垃圾桶起火", location="2栋"
    )
    with pytest.raises(DomainError):
        incidents.notify_residents(fire, actor=staff["dsp"], text=text, buildings=[two])


@pytest.mark.django_db
def test_qua08_bad_reports_change_nothing(community_a, community_b, staff, make_staff, login):
    client = login(staff["dsp"])
    for body in (
        {"kind": "volcano", "title": "x", "location": "y"},
        {"kind": "fire", "title": "", "location": "y"},
        {
            "kind": "fire",
            "title": "x",
            "location": "y",
            "building": BuildingFactory(community=community_b).pk,
        },
        {"kind": "fire", "title": "x", "location": "y", "occurred_at": "2099-01-01T00:00"},
        {"kind": "fire", "title": ["x"], "location": "y"},
    ):
        refused = client.post("/api/v1/incidents/", body, content_type="application/json")
        assert refused.status_code == 400, (body, refused.content)
    cleaner = login(make_staff(community_a, "CLN"))
    refused = cleaner.post(
        "/api/v1/incidents/",
        {"kind": "fire", "title": "x", "location": "y"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    assert not Incident.objects.exists() and not IncidentStep.objects.exists()
