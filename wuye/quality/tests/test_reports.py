"""QUA-01, QUA-06: the month's inspection completion per plan, person and department, on a
hand-made month; the overdue findings list; field staff see only their own tasks."""

import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from wuye.org.models import Membership
from wuye.org.tests.factories import DepartmentFactory
from wuye.quality import reports
from wuye.quality.models import Finding, InspectionTask
from wuye.quality.tests.factories import (
    CheckInFactory,
    FindingFactory,
    InspectionPlanFactory,
    InspectionTaskFactory,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
ZH = {"Accept-Language": "zh-hans"}


def tasks(plan, days, status, **fields):
    return [
        InspectionTaskFactory(
            community=plan.community,
            plan=plan,
            day=dt.date(2026, 11, day),
            assigned_post=plan.assigned_post,
            assignee=plan.assignee,
            status=status,
            **fields,
        )
        for day in days
    ]


@pytest.fixture
def november(community_a, community_b, make_staff, time_machine):
    """November 2026, seen on 7 December:
    - 安保巡更 (post SEC), 30 tasks: guard 1 did 20, guard 2 did 5, 3 marked missed, 2 still
      open though their window has passed (missed too);
    - 绿化养护 (greening, assigned to the gardener), 10 tasks: 8 done, 2 left open;
    - guard 1 is in 秩序维护部; guard 2 has no department (his post's department counts); the
      gardener is in 绿化部; another community's tasks never count."""
    time_machine.move_to(dt.datetime(2026, 12, 7, 9, 0, tzinfo=SHANGHAI))
    security = DepartmentFactory(community=community_a, kind="SEC", name="秩序维护部")
    greening = DepartmentFactory(community=community_a, kind="GRN", name="绿化部")
    DepartmentFactory(community=community_a, kind="CLN", name="保洁部")
    guard1 = make_staff(community_a, "SEC", username="guard_one", name="王保安")
    guard2 = make_staff(community_a, "SEC", username="guard_two", name="李保安")
    gardener = make_staff(community_a, "CLN", username="gardener", name="赵绿化")
    Membership.objects.filter(user=guard1).update(department=security)
    Membership.objects.filter(user=gardener).update(department=greening)
    patrol = InspectionPlanFactory(community=community_a, name="安保巡更", assigned_post="SEC")
    garden = InspectionPlanFactory(
        community=community_a,
        name="绿化养护",
        category="greening",
        assigned_post="",
        assignee=gardener,
    )
    done = tasks(patrol, range(1, 21), "done", completed_by=guard1)
    tasks(patrol, range(21, 26), "done", completed_by=guard2)
    tasks(patrol, range(26, 29), "missed")
    tasks(patrol, range(29, 31), "open")
    tasks(garden, range(1, 9), "done", completed_by=gardener)
    tasks(garden, range(9, 11), "open")
    # Check-ins of the month: three on the patrol, one of them late.
    CheckInFactory(community=community_a, task=done[0])
    CheckInFactory(community=community_a, task=done[1])
    CheckInFactory(community=community_a, task=done[2], out_of_window=True)
    # December's task is not November's; another community's task is not this one's.
    InspectionTaskFactory(community=community_a, plan=patrol, day=dt.date(2026, 12, 7))
    other = InspectionPlanFactory(community=community_b, name="他处巡更")
    InspectionTaskFactory(
        community=community_b, plan=other, day=dt.date(2026, 11, 3), status="missed"
    )
    return {"patrol": patrol, "garden": garden, "guard1": guard1}


@pytest.mark.django_db
def test_qua01_monthly_completion_per_plan_person_and_department(november, community_a):
    report = reports.completion_report(
        community_a, dt.date(2026, 11, 1), source=InspectionTask.objects.all()
    )
    total = report["total"]
    assert (total["due"], total["done"], total["missed"]) == (40, 33, 7)
    assert total["rate"] == Decimal("82.5")
    assert (total["visits"], total["out_of_window"]) == (3, 1)
    plans = {r["label"]: (r["due"], r["done"], r["missed"], r["rate"]) for r in report["by_plan"]}
    assert plans == {
        "安保巡更": (30, 25, 5, Decimal("83.3")),
        "绿化养护": (10, 8, 2, Decimal("80.0")),
    }
    people = {r["label"]: (r["due"], r["done"], r["rate"]) for r in report["by_person"]}
    assert people == {
        "王保安": (20, 20, Decimal("100.0")),
        "李保安": (5, 5, Decimal("100.0")),
        "无人完成（岗位：秩序维护）": (5, 0, Decimal("0.0")),
        "赵绿化": (10, 8, Decimal("80.0")),
    }
    # The lowest rate first: whom to talk to.
    assert report["by_person"][0]["done"] == 0
    departments = {r["label"]: (r["due"], r["done"]) for r in report["by_department"]}
    # Guard 2 and the patrol's missed tasks count for the SEC post's department.
    assert departments == {"秩序维护部": (30, 25), "绿化部": (10, 8)}


@pytest.mark.django_db
def test_qua01_open_task_within_its_window_is_not_yet_due(november, community_a, time_machine):
    report = reports.completion_report(
        community_a, dt.date(2026, 12, 1), source=InspectionTask.objects.all()
    )
    assert (report["total"]["due"], report["total"]["pending"]) == (0, 1)
    assert report["total"]["rate"] is None
    time_machine.move_to(dt.datetime(2026, 12, 7, 10, 1, tzinfo=SHANGHAI))
    report = reports.completion_report(
        community_a, dt.date(2026, 12, 1), source=InspectionTask.objects.all()
    )
    assert (report["total"]["due"], report["total"]["missed"]) == (1, 1)


@pytest.mark.django_db
def test_qua01_completion_report_page_and_excel(november, community_a, login, mgr_a):
    client = login(mgr_a)
    page = client.get("/quality/reports/completion/?month=2026-11", headers=ZH)
    assert page.status_code == 200
    text = page.content.decode()
    assert "巡查完成率" in text and "82.5%" in text and "安保巡更" in text
    assert "无人完成（岗位：秩序维护）" in text
    download = client.get("/quality/reports/completion/?month=2026-11&format=xlsx")
    book = load_workbook(io.BytesIO(download.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[1][:2] == ("安保巡更", "巡查")
    assert [r[0] for r in rows[1:]] == ["安保巡更", "绿化养护"]
    assert [r[2:6] for r in rows[1:]] == [(30, 25, 5, 83.3), (10, 8, 2, 80)]


@pytest.mark.django_db
def test_qua01_field_staff_see_only_their_own_tasks_and_no_report(
    november, community_a, make_staff, login
):
    cleaner = make_staff(community_a, "CLN", username="cleaner_a")
    client = login(cleaner)
    assert client.get("/quality/reports/completion/").status_code == 403
    listed = client.get("/api/v1/inspection-tasks/?page_size=100").json()
    # The cleaner holds the CLN post: the gardener's plan is assigned to a person, the
    # patrol to SEC — none of them is his.
    assert listed["count"] == 0
    guard = november["guard1"]
    listed = login(guard).get("/api/v1/inspection-tasks/?page_size=100").json()
    assert listed["count"] == 31  # the patrol's 30 of November and today's


@pytest.mark.django_db
def test_qua01_overdue_findings_list(community_a, login, mgr_a, time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 7, 9, 0, tzinfo=SHANGHAI))
    late = FindingFactory(community=community_a, description="井盖缺失")
    late.work_order.completion_due = dt.datetime(2026, 12, 6, 18, 0, tzinfo=SHANGHAI)
    late.work_order.save(update_fields=["completion_due"])
    in_time = FindingFactory(community=community_a, description="路灯不亮")
    in_time.work_order.completion_due = dt.datetime(2026, 12, 8, 18, 0, tzinfo=SHANGHAI)
    in_time.work_order.save(update_fields=["completion_due"])
    put_right = FindingFactory(community=community_a, description="垃圾未清", status="closed")
    put_right.work_order.completion_due = dt.datetime(2026, 12, 1, 18, 0, tzinfo=SHANGHAI)
    put_right.work_order.save(update_fields=["completion_due"])
    assert list(Finding.objects.overdue()) == [late]
    page = login(mgr_a).get("/quality/findings/?overdue=true", headers=ZH).content.decode()
    assert "井盖缺失" in page and "路灯不亮" not in page and "垃圾未清" not in page
    home = login(mgr_a).get("/", headers=ZH).content.decode()
    assert "已过时限的巡查问题" in home
