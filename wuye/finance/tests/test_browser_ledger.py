"""FIN-02, FIN-06 in a real browser: the finance administrator opens last month's ledger, checks
the reconciliation, and closes the month; the month then shows as closed."""

import datetime as dt
import uuid
import zoneinfo
from decimal import Decimal

import pytest
import time_machine

from wuye.billing.closing import confirm_closing, submit_closing
from wuye.billing.services.counter import collect_payment
from wuye.billing.tests.factories import BillFactory, BillLineFactory, FeeItemFactory
from wuye.core.tests.browser import TIMEOUT_MS, log_in
from wuye.estate.tests.factories import UnitFactory
from wuye.finance.models import MonthClose

pytestmark = pytest.mark.browser
SH = zoneinfo.ZoneInfo("Asia/Shanghai")
NOV = dt.date(2026, 11, 1)


def test_fin06_finance_reconciles_and_closes_last_month(
    transactional_db, live_server, browser, community_a, make_staff
):
    from playwright.sync_api import expect

    fin = make_staff(community_a, "FIN", username="ledger_fin", name="财务小李")
    csh = make_staff(community_a, "CSH", username="ledger_csh", name="收费员小张")
    home = UnitFactory(community=community_a)
    item = FeeItemFactory(community=community_a, code="WYF", name="物业服务费")
    with time_machine.travel(dt.datetime(2026, 11, 3, 10, tzinfo=SH), tick=False):
        bill = BillFactory(
            community=community_a, unit=home, period_start=NOV, total=Decimal("300.00")
        )
        BillLineFactory(
            community=community_a,
            bill=bill,
            fee_item=item,
            period=NOV,
            amount=Decimal("300.00"),
            billing_key=f"u{home.pk}:f{item.pk}:202611:r",
        )
    with time_machine.travel(dt.datetime(2026, 11, 20, 10, tzinfo=SH), tick=False):
        collect_payment(
            unit=home,
            cashier=csh,
            channel="cash",
            amount=Decimal("120.00"),
            idempotency_key=uuid.uuid4().hex,
        )
        day = submit_closing(
            community=community_a,
            cashier=csh,
            day=dt.date(2026, 11, 20),
            counted_cash=Decimal("120.00"),
            actor=csh,
        )
        confirm_closing(day, actor=fin)

    context = browser.new_context(locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(str(error)))
    log_in(tab, live_server, fin)
    tab.goto(f"{live_server.url}/finance/ledger/2026/11/")
    expect(tab.locator("[data-testid=ledger-month]")).to_have_text("2026年11月")
    expect(tab.locator("[data-testid=ledger-table]")).to_contain_text("物业服务费")
    expect(tab.locator("[data-testid=collected-total]")).to_have_text("120.00")
    expect(tab.locator("[data-testid=receivable-closing]")).to_have_text("¥180.00")
    tab.locator('a[href="/finance/ledger/2026/11/reconciliation/"]').click()
    expect(tab.locator("[data-testid=reconciliation-result]")).to_contain_text("对账平衡")
    tab.get_by_role("link", name="返回月度总账").click()
    tab.locator("[data-testid=close-month]").click()
    expect(tab.locator("body")).to_contain_text("2026年11月 已结账。")
    expect(tab.locator("[data-testid=month-status]")).to_have_text("已结账")
    assert MonthClose.objects.get(community=community_a, month=NOV).figures["receivable"]
    assert problems == []
    context.close()
