"""QUA-01, QUA-06: inspection plans — checkpoints with their checklists and QR labels, plans
walking an ordered route on a schedule within a daily window, tasks generated ahead by the
nightly job (idempotent however often it runs; windows in Shanghai time, the same wall-clock
hours all year) and marked missed once their window has passed."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from wuye.quality.models import InspectionPlan, InspectionTask
from wuye.quality.services import plans
from wuye.quality.tasks import inspection_tasks_ahead, inspection_tasks_missed
from wuye.quality.tests.factories import (
    ChecklistItemFactory,
    CheckpointFactory,
    InspectionPlanFactory,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
ZH = {"Accept-Language": "zh-hans"}
MONDAY = dt.date(2026, 3, 2)  # a Monday; 8 March would be a daylight-saving change elsewhere


@pytest.fixture
def schedule(community_a):
    """Three plans: daily 08:00–10:00, Monday/Wednesday/Friday 20:00–22:00, the 5th monthly."""
    return [
        InspectionPlanFactory(community=community_a, name="每日设备房巡查", frequency="daily"),
        InspectionPlanFactory(
            community=community_a,
            name="夜间巡更",
            frequency="weekdays",
            weekdays=[1, 3, 5],
            window_start=dt.time(20, 0),
            window_end=dt.time(22, 0),
        ),
        InspectionPlanFactory(
            community=community_a, name="月度消防巡查", frequency="monthly", month_day=5
        ),
    ]


@pytest.mark.django_db
def test_qua01_tasks_are_generated_once_per_plan_and_due_day(community_a, schedule):
    """QUA-01: a week from Monday 2 March: 7 daily tasks, 3 on Monday/Wednesday/Friday and the
    monthly one on the 5th — 11 in all; the same week again makes none."""
    made = plans.generate_tasks(community_a, start=MONDAY, days=7)
    assert made == 11
    days = {
        plan.name: sorted(InspectionTask.objects.filter(plan=plan).values_list("day", flat=True))
        for plan in schedule
    }
    assert len(days["每日设备房巡查"]) == 7
    assert days["夜间巡更"] == [MONDAY, MONDAY + dt.timedelta(2), MONDAY + dt.timedelta(4)]
    assert days["月度消防巡查"] == [dt.date(2026, 3, 5)]
    assert plans.generate_tasks(community_a, start=MONDAY, days=7) == 0
    # Thursday on: the daily 9th–11th and Monday 9th, Wednesday 11th are new.
    assert plans.generate_tasks(community_a, start=MONDAY + dt.timedelta(3), days=7) == 3 + 2
    assert InspectionTask.objects.count() == 11 + 5


@pytest.mark.django_db
def test_qua01_windows_are_the_same_shanghai_hours_all_year(community_a, schedule):
    """QUA-01: windows are local Shanghai time (UTC+8 every day: no daylight saving), across
    the weeks other zones change their clocks."""
    for start in (dt.date(2026, 3, 2), dt.date(2026, 10, 26), dt.date(2026, 12, 28)):
        plans.generate_tasks(community_a, start=start, days=7)
    for task in InspectionTask.objects.filter(plan=schedule[0]):
        opens = task.window_start.astimezone(SHANGHAI)
        assert (opens.hour, opens.minute, opens.utcoffset()) == (8, 0, dt.timedelta(hours=8))
        assert task.window_end - task.window_start == dt.timedelta(hours=2)
        assert opens.date() == task.day
    night = InspectionTask.objects.filter(plan=schedule[1]).first()
    assert night.window_start.astimezone(SHANGHAI).hour == 20


@pytest.mark.django_db
def test_qua01_the_nightly_job_is_idempotent_and_missed_tasks_are_marked(
    community_a, schedule, time_machine
):
    """QUA-01: the nightly job run three times makes the week once; a task whose window has
    passed undone is marked missed by the quarter-hourly job, a task still to come is not."""
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 30, tzinfo=SHANGHAI))
    first = inspection_tasks_ahead.call()
    assert first == 11
    assert inspection_tasks_ahead.call() == 0 and inspection_tasks_ahead.call() == 0
    time_machine.move_to(dt.datetime(2026, 3, 2, 10, 1, tzinfo=SHANGHAI))
    assert inspection_tasks_missed.call() == 1
    missed = InspectionTask.objects.get(status="missed")
    assert missed.plan.name == "每日设备房巡查" and missed.day == MONDAY
    evening = InspectionTask.objects.get(plan__name="夜间巡更", day=MONDAY)
    assert evening.status == "open"
    assert inspection_tasks_missed.call() == 0


@pytest.mark.django_db
def test_qua01_a_plan_is_made_on_its_page_with_its_route(community_a, mgr_a, login):
    """QUA-01: the route typed as codes in walking order; an unknown code, weekdays missing,
    a window ending before it starts, a post and a person both: errors on their fields in
    Chinese and nothing saved."""
    for code in ("XJ-01", "XJ-02", "XJ-03"):
        CheckpointFactory(community=community_a, code=code)
    client = login(mgr_a)
    data = {
        "_community": community_a.pk,
        "name": "地库巡查",
        "category": "inspection",
        "route": "xj-02\nXJ-01，XJ-03",
        "frequency": "weekdays",
        "weekdays": ["1", "4"],
        "window_start": "09:00",
        "window_end": "11:00",
        "assigned_post": "TECH",
        "starts_on": "2026-12-01",
        "is_active": "on",
    }
    for changes, words in (
        ({"route": "XJ-01\nXJ-99"}, "XJ-99"),
        ({"weekdays": []}, "请选择星期"),
        ({"window_end": "08:00"}, "结束"),
        ({"assignee": str(mgr_a.pk)}, "不能同时"),
    ):
        refused = client.post("/quality/plans/add/", {**data, **changes}, headers=ZH)
        assert refused.status_code == 400, changes
        assert words in refused.content.decode(), (changes, words)
    assert not InspectionPlan.objects.exists()
    made = client.post("/quality/plans/add/", data, headers=ZH)
    assert made.status_code == 302
    plan = InspectionPlan.objects.get()
    assert [s.checkpoint.code for s in plan.stops.order_by("position")] == [
        "XJ-02",
        "XJ-01",
        "XJ-03",
    ]
    assert plan.weekdays == [1, 4]
    page = client.get(plan.get_absolute_url(), headers=ZH).content.decode()
    assert "XJ-02" in page and "地库巡查" in page


@pytest.mark.django_db
def test_qua01_checkpoint_labels_print_with_their_codes(community_a, mgr_a, login, rendered_pdfs):
    """QUA-01: the label sheet has a QR code and the code of each checkpoint in use."""
    first = CheckpointFactory(community=community_a, code="XJ-B1-01", name="地下车库B1")
    ChecklistItemFactory(community=community_a, checkpoint=first, text="消防通道畅通")
    CheckpointFactory(community=community_a, code="XJ-OLD", is_active=False)
    client = login(mgr_a)
    answer = client.get("/quality/checkpoints/labels/", headers=ZH)
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    html = rendered_pdfs[-1]
    assert "XJ-B1-01" in html and "<svg" in html and "XJ-OLD" not in html
    page = client.get(first.get_absolute_url(), headers=ZH).content.decode()
    assert "消防通道畅通" in page


@pytest.mark.django_db
def test_qua01_plans_and_tasks_through_the_api(community_a, mgr_a, login, community_b):
    """QUA-01: a plan made through the API with its route; another center's checkpoint is not
    found for the route; the generated tasks are listed by day."""
    CheckpointFactory(community=community_a, code="XJ-01")
    CheckpointFactory(community=community_b, code="XJ-09")
    client = login(mgr_a)
    body = {
        "name": "水泵房巡查",
        "category": "inspection",
        "route": "XJ-01",
        "frequency": "daily",
        "window_start": "08:00",
        "window_end": "09:00",
        "assigned_post": "TECH",
        "starts_on": "2026-03-01",
        "is_active": True,
    }
    foreign = client.post(
        "/api/v1/inspection-plans/",
        {**body, "route": "XJ-09"},
        content_type="application/json",
        headers=ZH,
    )
    assert foreign.status_code == 400 and "route" in foreign.json()["error"]["fields"]
    made = client.post("/api/v1/inspection-plans/", body, content_type="application/json")
    assert made.status_code == 201, made.content
    assert made.json()["route"] == ["XJ-01"]
    plans.generate_tasks(community_a, start=MONDAY, days=3)
    listed = client.get("/api/v1/inspection-tasks/", {"day": "2026-03-03"}).json()["results"]
    assert [task["plan_name"] for task in listed] == ["水泵房巡查"]
