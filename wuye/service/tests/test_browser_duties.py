"""Posts' days in a real browser: the technician's phone opens on his task list; the assistant
manager, acting for the manager under a dated delegation, records a visitor at the front desk,
turns it into a major complaint, dispatches it and receives the major-complaint alert (seed
AST-5, AST-8, MGR-6; SRV-01/02/03); a cashier's phone keeps the counter's total and the
language switch on screen."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from wuye.billing.services.counter import collect_payment
from wuye.billing.tests.factories import BillFactory, BillLineFactory
from wuye.core.tests.browser import TIMEOUT_MS, log_in
from wuye.estate.tests.factories import BuildingFactory, UnitFactory
from wuye.org import services as org_services
from wuye.service.models import ReceptionLog, WorkOrder
from wuye.service.tests.factories import WorkOrderFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def phone_page(browser):
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    tab.problems = []
    tab.on("pageerror", lambda error: tab.problems.append(str(error)))
    return context, tab


def on_screen(tab, selector):
    box = tab.locator(selector).first.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


def test_the_technicians_phone_opens_on_his_task_list(
    transactional_db, live_server, browser, community_a, make_staff
):
    from playwright.sync_api import expect

    technician = make_staff(community_a, "TECH", username="tech_phone", name="维修老张")
    order = WorkOrderFactory(community=community_a, assignee=technician, status="dispatched")
    context, tab = phone_page(browser)
    log_in(tab, live_server, technician)
    assert tab.url.endswith("/service/my-tasks/")
    expect(tab.locator("[data-testid=my-tasks]")).to_contain_text(order.number)
    assert on_screen(tab, "[data-testid=language-toggle] button")
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 10
    tab.click("[data-testid=language-toggle] button")
    tab.wait_for_load_state("load")
    expect(tab.locator("[data-testid=language-toggle] button")).to_have_text("中文")
    assert not tab.problems
    context.close()


def test_the_acting_manager_records_a_visit_dispatches_it_and_gets_the_major_alert(
    transactional_db, live_server, page, community_a, make_staff
):
    from playwright.sync_api import expect

    manager = make_staff(community_a, "MGR", username="mgr_away", name="王经理")
    assistant = make_staff(community_a, "AST", username="ast_acting", name="李助理")
    technician = make_staff(community_a, "TECH", username="tech_duty", name="维修老张")
    today = timezone.localdate()
    org_services.grant_delegation(
        community=community_a,
        delegator=manager,
        delegate=assistant,
        start_date=today,
        end_date=today + dt.timedelta(days=3),
        reason="外出培训",
        actor=manager,
    )
    building = BuildingFactory(community=community_a, number="5", name="")
    UnitFactory(community=community_a, building=building, entrance=1, number="302")

    log_in(page, live_server, assistant)
    page.goto(f"{live_server.url}/service/reception/add/")
    page.fill("#id_visitor", "陈女士")
    page.fill("#id_phone", "13900003333")
    page.fill("#id_unit", "5-1-302")
    page.select_option("#id_purpose", "complaint")
    page.fill("#id_matter", "楼下餐馆油烟直排，多次反映无人处理")
    page.select_option("#id_handled_by", str(assistant.pk))
    page.click("[data-testid=save]")
    page.wait_for_load_state("load")
    visit = ReceptionLog.objects.get()
    assert visit.handled_by == assistant and visit.unit.code == "5-1-302"

    page.click("[data-testid=to-order]")
    page.wait_for_load_state("load")
    expect(page.locator("#id_reporter_name")).to_have_value("陈女士")
    page.check("#id_is_major")
    page.click("[data-testid=register-order]")
    page.wait_for_load_state("load")
    order = WorkOrder.objects.get()
    assert order.kind == "complaint" and order.is_major
    assert ReceptionLog.objects.get().order == order

    page.select_option("[data-testid=assignee]", str(technician.pk))
    page.click("[data-testid=dispatch]")
    page.wait_for_load_state("load")
    expect(page.locator("[data-testid=order-status]")).to_have_text(re.compile("已派单"))
    expect(page.locator("body")).to_contain_text("维修老张")  # the message says to whom

    expect(page.locator("[data-testid=unread]")).to_be_visible()
    page.click("[data-testid=bell]")
    page.wait_for_load_state("load")
    expect(page.locator("body")).to_contain_text(order.number)
    expect(page.locator("body")).to_contain_text("重大投诉")
    assert not page.external_requests and not page.console_problems, page.console_problems


def test_the_counter_on_a_phone_keeps_the_total_in_view(
    transactional_db, live_server, browser, community_a, make_staff
):
    cashier = make_staff(community_a, "CSH", username="csh_phone")
    building = BuildingFactory(community=community_a, number="3", name="")
    home = UnitFactory(community=community_a, building=building, entrance=2, number="1501")
    for month in (9, 10):
        bill = BillFactory(
            community=community_a,
            unit=home,
            total=Decimal("12345.67"),
            period_start=dt.date(2026, month, 1),
            period_end=dt.date(2026, month, 28),
        )
        BillLineFactory(
            community=community_a,
            bill=bill,
            amount=Decimal("12345.67"),
            billing_key=f"phone-{month}",
        )
    context, tab = phone_page(browser)
    log_in(tab, live_server, cashier)
    tab.goto(f"{live_server.url}/billing/counter/?unit={home.pk}")
    tab.wait_for_load_state("load")
    assert tab.locator("[data-testid=owed-total]").inner_text() == "¥24691.34"
    assert on_screen(tab, "[data-testid=owed-total]")
    assert on_screen(tab, "[data-testid=language-toggle] button")
    assert not tab.problems
    context.close()


def test_money_pages_on_a_phone_keep_their_totals_in_view(
    transactional_db, live_server, browser, community_a, make_staff
):
    """The finance office on a phone: the daily report, the arrears, a unit's statement and a
    bill each show their total without scrolling sideways."""

    finance = make_staff(community_a, "FIN", username="fin_phone")
    cashier = make_staff(community_a, "CSH", username="csh_phone2")
    building = BuildingFactory(community=community_a, number="12", name="")
    home = UnitFactory(community=community_a, building=building, entrance=3, number="2201")
    bills = []
    for month in (8, 9, 10):
        bill = BillFactory(
            community=community_a,
            unit=home,
            total=Decimal("23456.78"),
            period_start=dt.date(2026, month, 1),
            period_end=dt.date(2026, month, 28),
            due_date=dt.date(2026, month, 15),
        )
        BillLineFactory(
            community=community_a,
            bill=bill,
            amount=Decimal("23456.78"),
            billing_key=f"money-{month}",
        )
        bills.append(bill)
    collect_payment(
        unit=home,
        amount=Decimal("23456.78"),
        channel="wechat",
        cashier=cashier,
        idempotency_key="phone-money-1",
    )
    context, tab = phone_page(browser)
    log_in(tab, live_server, finance)
    for path, total in (
        ("/billing/daily-report/", "report-total"),
        ("/billing/arrears/", "arrears-total"),
        (f"/billing/statements/{home.pk}/", "statement-owed"),
        (bills[1].get_absolute_url(), "bill-total"),
    ):
        tab.goto(f"{live_server.url}{path}")
        tab.wait_for_load_state("load")
        assert on_screen(tab, f"[data-testid={total}]"), path
        assert on_screen(tab, "[data-testid=language-toggle] button"), path
    assert not tab.problems
    context.close()
