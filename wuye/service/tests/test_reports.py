"""SRV-05/SRV-06: the weekly report and the KPI formulas on hand-computed data.

Week of Monday 23 November 2026: four complaints and suggestions received (a fifth was
cancelled and does not count), three completed — two by their limit — two visited back, one
satisfied (5) and one not (2):
处理率 3/4 = 75.0%, 及时率 2/3 = 66.7%, 回访率 2/3 = 66.7%, 满意率 1/2 = 50.0%.
The week before: one complaint, not completed."""

import datetime as dt
import io
import zoneinfo
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from wuye.service import reports
from wuye.service.models import WorkOrder
from wuye.service.tests.factories import CategoryFactory, ReturnVisitFactory, WorkOrderFactory

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
D = Decimal


def at(*args):
    return dt.datetime(*args, tzinfo=SH)


@pytest.fixture
def week(community_a, unit_3_2_1501):
    noise = CategoryFactory(community=community_a, name="噪音扰民")
    common = {"community": community_a, "category": noise, "unit": unit_3_2_1501}
    on_time = WorkOrderFactory(
        **common,
        kind="complaint",
        created_at=at(2026, 11, 23, 9),
        completion_due=at(2026, 11, 24, 9),
        completed_at=at(2026, 11, 23, 15),
        first_completed_at=at(2026, 11, 23, 15),
        completed_on_time=True,
        satisfaction=5,
        accepted_at=at(2026, 11, 23, 9, 10),
        first_accepted_at=at(2026, 11, 23, 9, 10),
        status="closed",
    )
    also_on_time = WorkOrderFactory(
        **common,
        kind="suggestion",
        created_at=at(2026, 11, 24, 9),
        completion_due=at(2026, 11, 27, 9),
        completed_at=at(2026, 11, 25, 9),
        first_completed_at=at(2026, 11, 25, 9),
        completed_on_time=True,
        accepted_at=at(2026, 11, 24, 9, 30),
        first_accepted_at=at(2026, 11, 24, 9, 30),
        status="completed",
    )
    late = WorkOrderFactory(
        community=community_a,
        kind="complaint",
        channel="front_desk",
        unit=None,
        place="南门",
        created_at=at(2026, 11, 25, 9),
        completion_due=at(2026, 11, 26, 9),
        completed_at=at(2026, 11, 26, 12),
        first_completed_at=at(2026, 11, 26, 12),
        completed_on_time=False,
        satisfaction=2,
        accepted_at=at(2026, 11, 25, 9, 20),
        first_accepted_at=at(2026, 11, 25, 9, 20),
        status="completed",
    )
    WorkOrderFactory(
        **common, kind="complaint", created_at=at(2026, 11, 29, 20), status="dispatched"
    )
    WorkOrderFactory(
        community=community_a,
        kind="complaint",
        unit=None,
        place="会所",
        created_at=at(2026, 11, 26),
        status="cancelled",
    )
    WorkOrderFactory(  # a repair: not in the complaints-and-suggestions figures
        community=community_a,
        kind="repair",
        unit=None,
        place="会所",
        created_at=at(2026, 11, 26),
        status="registered",
    )
    WorkOrderFactory(  # last week
        community=community_a,
        kind="complaint",
        unit=None,
        place="会所",
        created_at=at(2026, 11, 20),
        status="accepted",
    )
    ReturnVisitFactory(community=community_a, order=on_time, status="done", score=5)
    ReturnVisitFactory(community=community_a, order=late, status="done", score=2)
    ReturnVisitFactory(community=community_a, order=also_on_time, status="due")
    return community_a


@pytest.mark.django_db
def test_kpis_on_hand_computed_data(week):
    report = reports.weekly_report(week, dt.date(2026, 11, 26))
    kpis = report["kpis"]
    assert (kpis["received"], kpis["handled"], kpis["on_time"]) == (4, 3, 2)
    assert (kpis["completed"], kpis["visited"], kpis["satisfied"]) == (3, 2, 1)
    assert kpis["handling_rate"] == D("75.0") and kpis["on_time_rate"] == D("66.7")
    assert kpis["visit_rate"] == D("66.7") and kpis["satisfaction_rate"] == D("50.0")
    assert report["previous"]["received"] == 1 and report["previous"]["handling_rate"] == D("0.0")
    assert report["changes"]["received"] == 3
    assert report["all_kpis"]["received"] == 5  # with the repair
    assert {r["label"]: r["count"] for r in report["by_channel"]} == {"热线": 3, "前台": 1}
    assert report["recurring"] == [{"category": "噪音扰民", "where": "3-2-1501", "count": 3}]
    # accepted after 10, 30 and 20 minutes; completed after 6 h, 24 h and 27 h
    assert report["durations"] == {"response": 20, "completion": 1140}


@pytest.mark.django_db
def test_the_report_page_pdf_and_excel(week, make_staff, login):
    client = login(make_staff(week, "CSS"))
    url = reverse("service:weekly_report")
    page = client.get(url, {"day": "2026-11-26"}).content.decode()
    assert 'data-testid="handling-rate">75.0%' in page
    assert client.get(url, {"day": "2026-11-26", "format": "pdf"}).content.startswith(b"%PDF")
    workbook = load_workbook(
        io.BytesIO(client.get(url, {"day": "2026-11-26", "format": "xlsx"}).content)
    )
    indicators = [[c.value for c in row] for row in workbook.worksheets[0].iter_rows(min_row=2)]
    assert indicators[0][1:] == [4, 1]
    assert login(make_staff(week, "TECH")).get(url).status_code == 403


@pytest.mark.django_db
def test_a_reopened_order_keeps_its_first_completion_in_the_rates(
    community_a, dsp_a, csr_a, unit_3_2_1501
):
    """SRV-06: two complaints completed on time and visited back; one resident is unhappy and
    the order reopens. 处理率 2/2, 及时率 2/2 (the first completions met their limits),
    回访率 2/2 (never above 100%), 满意率 1/2."""
    from wuye.service import services
    from wuye.service.models import ReturnVisit

    orders = []
    for text in ("楼道灯坏", "垃圾未清"):
        order = services.register_order(
            community=community_a,
            actor=dsp_a,
            kind="complaint",
            channel="hotline",
            unit=unit_3_2_1501,
            description=text,
        )
        services.dispatch_order(order, assignee=csr_a, actor=dsp_a)
        services.accept_order(order, actor=csr_a)
        services.complete_order(order, actor=csr_a, result="已处理")
        orders.append(order)
    happy, unhappy = (ReturnVisit.objects.get(order=o) for o in orders)
    services.record_visit(happy, actor=csr_a, reached=True, score=5)
    services.record_visit(unhappy, actor=csr_a, reached=True, score=1, comment="没处理好")
    kpis = reports.kpis(
        reports.received(
            WorkOrder.objects.filter(community=community_a), at(2000, 1, 1), at(2100, 1, 1)
        )
    )
    assert (kpis["received"], kpis["handled"], kpis["on_time"]) == (2, 2, 2)
    assert (kpis["visited"], kpis["satisfied"]) == (2, 1)
    assert kpis["visit_rate"] == D("100.0") and kpis["satisfaction_rate"] == D("50.0")
