"""OCC-02 and OCC-01 in a real browser on a 390 px phone: the desk opens the day's queue, serves
an owner and completes the move-in checklist with the meters' readings; the handover inspector
records a defect with its photo field and lands on the defect's page. Nothing overflows the
screen."""

import datetime as dt
import os

import pytest
from django.utils import timezone

from wuye.core.tests.browser import TIMEOUT_MS, log_in
from wuye.estate.tests.factories import (
    MeterFactory,
    PersonFactory,
    UnitFactory,
    UnitRelationFactory,
)
from wuye.occupancy.models import HandoverDefect, MoveIn
from wuye.occupancy.services import movein
from wuye.occupancy.tests.factories import HandoverFactory, HandoverRoundFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def shot(tab, name):
    """A screenshot for a person to look at, when WUYE_SHOTS names a folder."""
    folder = os.environ.get("WUYE_SHOTS")
    if folder:
        tab.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def fits(tab):
    return tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 10


def test_the_desk_completes_a_move_in_on_a_phone(
    transactional_db, live_server, browser, community_a, make_staff
):
    from playwright.sync_api import expect

    desk = make_staff(community_a, "CSR", username="movein_desk", name="前台小周")
    unit = UnitFactory(
        community=community_a, building__number="8", number="1502", status="handed_over"
    )
    owner = PersonFactory(community=community_a, name="何静", phone="13600001234")
    UnitRelationFactory(
        community=community_a, unit=unit, person=owner, role="owner", start_date=dt.date(2026, 1, 1)
    )
    MeterFactory(community=community_a, unit=unit, kind="water", serial="W-8-1502")
    booked = movein.book_move_in(
        community=community_a,
        unit=unit,
        owner_name="何静",
        owner_phone="13600001234",
        appointment_date=timezone.localdate(),
        appointment_time=dt.time(9, 30),
        actor=desk,
    )
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(str(error)))
    log_in(tab, live_server, desk)
    tab.goto(f"{live_server.url}/occupancy/move-ins/day/")
    expect(tab.locator("[data-testid=board-queue]")).to_contain_text("8-1-1502")
    assert fits(tab)
    shot(tab, "movein-board")
    tab.click("[data-testid=board-queue] a")
    tab.click("[data-testid=movein-arrive]")
    expect(tab.locator("[data-testid=movein-status]")).to_have_text("办理中")
    form = tab.locator("[data-testid=movein-complete-form]")
    expect(form).to_contain_text("W-8-1502")
    form.locator("input[name=id_checked]").check()
    form.locator("input[name=contract_checked]").check()
    form.locator("input[name=rules_signed]").check()
    form.locator("input[name=keys_count]").fill("3")
    form.locator("input[name=access_cards]").fill("2")
    form.locator(f"input[name=reading_{unit.meters.get().pk}]").fill("6.40")
    assert fits(tab)
    shot(tab, "movein-checklist")
    tab.click("[data-testid=movein-complete]")
    expect(tab.locator("[data-testid=movein-status]")).to_have_text("已入伙")
    expect(tab.locator("[data-testid=movein-readings]")).to_contain_text("6.40")
    assert MoveIn.objects.get(pk=booked.pk).status == "done"
    assert fits(tab)
    assert not problems
    context.close()


def test_a_handover_defect_is_recorded_on_a_phone(
    transactional_db, live_server, browser, community_a, make_staff
):
    from playwright.sync_api import expect

    manager = make_staff(community_a, "MGR", username="handover_mgr", name="项目经理老张")
    handover = HandoverFactory(community=community_a, name="9栋承接查验")
    HandoverRoundFactory(community=community_a, handover=handover, sequence=1)
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(str(error)))
    log_in(tab, live_server, manager)
    tab.goto(f"{live_server.url}{handover.get_absolute_url()}")
    form = tab.locator("[data-testid=defect-form]")
    form.locator("select[name=system]").select_option("water")
    form.locator("input[name=location]").fill("地下一层水泵房")
    form.locator("textarea[name=description]").fill("2 号水泵轴封渗水")
    form.locator("select[name=severity]").select_option("major")
    due = timezone.localdate() + dt.timedelta(days=14)
    form.locator("input[name=due_date]").fill(f"{due:%Y-%m-%d}")
    assert fits(tab)
    shot(tab, "handover-detail")
    tab.click("[data-testid=save-defect]")
    expect(tab.locator("[data-testid=defect-status]")).to_have_text("已转开发商")
    defect = HandoverDefect.objects.get()
    expect(tab.locator("[data-testid=defect-order]")).to_contain_text(defect.work_order.number)
    assert fits(tab)
    shot(tab, "handover-defect")
    assert not problems
    context.close()
