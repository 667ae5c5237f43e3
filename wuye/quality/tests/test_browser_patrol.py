"""QUA-01 in a real browser: a security guard on a 390 px phone types three checkpoint codes
one after the other, fails one item with a photo, and the dispatcher sees the new work order
on the dispatch board. Nothing overflows the screen."""

import datetime as dt
import io
import os

import pytest
from django.utils import timezone
from PIL import Image

from wuye.core.tests.browser import TIMEOUT_MS, log_in
from wuye.quality.models import Finding, InspectionTask
from wuye.quality.services import plans
from wuye.quality.tests.factories import (
    ChecklistItemFactory,
    CheckpointFactory,
    InspectionPlanFactory,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_a_guard_walks_three_checkpoints_and_the_dispatcher_sees_the_finding(
    transactional_db, live_server, browser, community_a, make_staff, tmp_path
):
    from playwright.sync_api import expect

    guard = make_staff(community_a, "SEC", username="night_guard", name="保安老王")
    dispatcher = make_staff(community_a, "DSP", username="board_dsp", name="调度小李")
    now = timezone.localtime()
    points = [
        CheckpointFactory(community=community_a, code=f"XJ-0{n}", name=name)
        for n, name in ((1, "北门岗亭"), (2, "地下车库"), (3, "水泵房"))
    ]
    items = [
        ChecklistItemFactory(community=community_a, checkpoint=point, text=text)
        for point, text in zip(points, ("岗亭整洁", "消防通道畅通", "无渗漏"), strict=True)
    ]
    plan = InspectionPlanFactory(
        community=community_a,
        name="夜间巡更",
        starts_on=now.date(),
        window_start=dt.time(0, 0),
        window_end=dt.time(23, 59),
    )
    plans.set_route(plan, points)
    plans.generate_tasks(community_a, start=now.date(), days=1)
    task = InspectionTask.objects.get()
    photo = tmp_path / "lane.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "red").save(buffer, "JPEG")
    photo.write_bytes(buffer.getvalue())

    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(str(error)))
    log_in(tab, live_server, guard)
    for point, item in zip(points, items, strict=True):
        tab.goto(f"{live_server.url}{task.get_absolute_url()}")
        tab.fill("[data-testid=checkin-code]", point.code.lower())
        tab.click("[data-testid=checkin-open]")
        form = tab.locator("[data-testid=checkin-form]")
        expect(form).to_contain_text(item.text)
        failing = point.code == "XJ-02"
        form.locator(
            f"input[name=result_{item.pk}][value={'failed' if failing else 'passed'}]"
        ).check()
        if failing:
            form.locator(f"input[name=remark_{item.pk}]").fill("电动车堵塞通道")
            form.locator("input[name=photo]").set_input_files(str(photo))
        assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 10
        if os.environ.get("WUYE_SHOTS") and failing:
            tab.screenshot(
                path=os.path.join(os.environ["WUYE_SHOTS"], "patrol-checkin.png"), full_page=True
            )
        tab.click("[data-testid=checkin-save]")
        expect(tab.locator("[data-testid=task-route]")).to_contain_text(point.code)
    expect(tab.locator("[data-testid=task-findings]")).to_contain_text("电动车堵塞通道")
    task.refresh_from_db()
    assert task.status == "done"
    finding = Finding.objects.get()
    assert not problems
    context.close()

    desk = browser.new_context(locale="zh-CN")
    desk.set_default_timeout(TIMEOUT_MS)
    board = desk.new_page()
    log_in(board, live_server, dispatcher)
    board.goto(f"{live_server.url}/service/board/")
    expect(board.locator("body")).to_contain_text(finding.work_order.number)
    desk.close()
