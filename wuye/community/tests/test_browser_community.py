"""COM-01 and COM-02 in a real browser: a representative writes an outage notice for two
buildings in the formatting editor and submits it, the supervisor reviews and publishes it;
a representative sends a payment reminder to the arrears list of his zone and reads the
delivery log."""

import datetime as dt
from decimal import Decimal

import pytest

from wuye.billing.tests.factories import BillFactory
from wuye.community.models import Announcement, Campaign
from wuye.core.sms import MemoryTransport
from wuye.core.tests.browser import TIMEOUT_MS, log_in
from wuye.estate.tests.factories import (
    BuildingFactory,
    PersonFactory,
    UnitFactory,
    UnitRelationFactory,
)
from wuye.org.models import Membership
from wuye.org.tests.factories import ZoneFactory

pytestmark = pytest.mark.browser


def test_the_supervisor_reviews_and_publishes_a_notice_for_two_buildings(
    transactional_db, live_server, browser, community_a, make_staff
):
    from playwright.sync_api import expect

    author = make_staff(community_a, "CSR", username="notice_csr", name="客服小张")
    supervisor = make_staff(community_a, "CSS", username="notice_css", name="主管老刘")
    b1 = BuildingFactory(community=community_a, number="1", name="1号楼")
    b2 = BuildingFactory(community=community_a, number="2", name="2号楼")
    BuildingFactory(community=community_a, number="3", name="3号楼")

    context = browser.new_context(locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(str(error)))
    log_in(tab, live_server, author)
    tab.goto(f"{live_server.url}/community/announcements/add/")
    tab.fill("#id_title", "关于1、2号楼停水的通知")
    tab.select_option("#id_category", "outage")
    editor = tab.locator("[data-testid=richtext-body]")
    editor.click()
    tab.keyboard.type("周六8:00至17:00停水，请提前储水。")
    tab.keyboard.press("Control+A")
    tab.click("button[title=加粗]")
    tab.select_option("#id_audience", "buildings")
    tab.check(f"input[name=buildings][value='{b1.pk}']")
    tab.check(f"input[name=buildings][value='{b2.pk}']")
    tab.click("form button[type=submit].btn-primary")
    tab.click("form:has(input[value=submit]) button[type=submit]")
    expect(tab.locator("[data-testid=announcement-status]")).to_have_text("待审核")
    announcement = Announcement.objects.get()
    assert "<b>" in announcement.body or "<strong>" in announcement.body
    context.close()

    desk = browser.new_context(locale="zh-CN")
    desk.set_default_timeout(TIMEOUT_MS)
    page = desk.new_page()
    page.on("pageerror", lambda error: problems.append(str(error)))
    log_in(page, live_server, supervisor)
    page.goto(f"{live_server.url}/community/announcements/?status=review")
    page.click(f"text={announcement.title}")
    page.click("[data-testid=publish-form] button[type=submit]")
    expect(page.locator("[data-testid=announcement-status]")).to_have_text("已发布")
    expect(page.locator("[data-testid=announcement-audience]")).to_have_text("1号楼、2号楼")
    expect(
        page.locator("[data-testid=announcement-body] b, [data-testid=announcement-body] strong")
    ).to_contain_text("停水")
    assert page.locator("[data-testid=notice-pdf]").is_visible()
    announcement.refresh_from_db()
    assert announcement.status == "published" and announcement.reviewed_by == supervisor
    assert not problems
    desk.close()


def test_a_representative_reminds_the_arrears_list_of_his_zone_and_reads_the_log(
    transactional_db, live_server, browser, community_a, make_staff, settings
):
    from playwright.sync_api import expect

    # No quiet hours, whatever the clock says when the suite runs (they have their own test).
    settings.SMS_QUIET_HOURS = (24, 0)

    MemoryTransport.outbox.clear()
    representative = make_staff(community_a, "CSR", username="zone_csr", name="客服小王")
    mine = ZoneFactory(community=community_a, code="Z1", name="一区")
    other = ZoneFactory(community=community_a, code="Z2", name="二区")
    Membership.objects.get(user=representative).zones.set([mine])
    for zone, number, name, phone in (
        (mine, "5", "欠费业主甲", "13811112222"),
        (other, "6", "别区业主乙", "13833334444"),
    ):
        building = BuildingFactory(community=community_a, number=number, zone=zone)
        unit = UnitFactory(community=community_a, building=building, number="101")
        person = PersonFactory(community=community_a, name=name, phone=phone)
        UnitRelationFactory(
            community=community_a, unit=unit, person=person, start_date=dt.date(2020, 1, 1)
        )
        BillFactory(
            community=community_a,
            unit=unit,
            total=Decimal("356.80"),
            due_date=dt.date(2026, 10, 15),
        )

    context = browser.new_context(locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(str(error)))
    tab.on("dialog", lambda dialog: dialog.accept())
    log_in(tab, live_server, representative)
    tab.goto(f"{live_server.url}/community/sms/campaigns/add/")
    tab.fill("#id_title", "一区欠费提醒")
    tab.select_option("#id_kind", "legal")
    tab.fill("#id_text", "{姓名}您好，您的房屋{房号}尚欠物业费{金额}元，请尽快缴纳。")
    tab.select_option("#id_target", "arrears")
    tab.check(f"input[name=zones][value='{mine.pk}']")
    tab.click("form button[type=submit].btn-primary")
    tab.click("[data-testid=prepare]")
    expect(tab.locator("[data-testid=campaign-preview]")).to_contain_text(
        "欠费业主甲您好，您的房屋5-1-101尚欠物业费356.80元"
    )
    expect(tab.locator("[data-testid=campaign-preview]")).not_to_contain_text("别区业主乙")
    tab.click("[data-testid=send]")
    expect(tab.locator("[data-testid=campaign-status]")).to_have_text("已发送")
    tab.click("[data-testid=delivery-log]")
    expect(tab.locator("#results")).to_contain_text("13811112222")
    expect(tab.locator("#results")).to_contain_text("已发送")
    assert [m.phone for m in MemoryTransport.outbox] == ["13811112222"]
    assert Campaign.objects.get().status == "done"
    assert not problems
    context.close()
