"""BIL-06/BIL-11/BIL-12 in a real browser: a cashier finds “3-2-1501”, collects two bills in
cash with change, prints the receipt, voids it, collects again and closes the day."""

import re
from decimal import Decimal

import pytest

from wuye.billing.models import DailyClosing, Payment
from wuye.billing.tests.factories import BillFactory, BillLineFactory
from wuye.conftest import PASSWORD
from wuye.estate.tests.factories import BuildingFactory, UnitFactory

pytestmark = pytest.mark.browser


def test_cashier_collects_prints_voids_collects_again_and_closes_the_day(
    transactional_db, live_server, page, community_a, make_staff
):
    from playwright.sync_api import expect

    cashier = make_staff(community_a, "CSH", username="csh_journey", name="收银小王")
    building = BuildingFactory(community=community_a, number="3", name="")
    home = UnitFactory(
        community=community_a, building=building, entrance=2, number="1501", floor=15
    )
    for month, amount in ((9, "223.75"), (10, "233.75")):
        bill = BillFactory(
            community=community_a,
            unit=home,
            number=f"ZD20260000{month:02d}",
            total=Decimal(amount),
            period_start=f"2026-{month:02d}-01",
            period_end=f"2026-{month:02d}-28",
        )
        BillLineFactory(
            community=community_a, bill=bill, amount=Decimal(amount), billing_key=f"journey-{month}"
        )

    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", cashier.username)
    page.fill("#id_password", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_load_state("load")

    page.goto(f"{live_server.url}/billing/counter/")
    page.fill("#counter-search", "3-2-1501")
    page.press("#counter-search", "Enter")
    page.wait_for_load_state("load")
    expect(page.locator("[data-testid=owed-total]")).to_have_text("¥457.50")
    page.fill("#id_tendered", "500")
    page.click("[data-testid=collect]")
    page.wait_for_load_state("load")
    first_number = page.locator("[data-testid=receipt-number]").inner_text()
    expect(page.locator(".receipt")).to_contain_text("找零 ¥42.50")
    expect(page.locator(".receipt")).to_contain_text("人民币肆佰伍拾柒元伍角整")

    pdf_url = page.locator("[data-testid=print-half]").get_attribute("href")
    pdf = page.context.request.get(f"{live_server.url}{pdf_url}")
    assert pdf.ok and pdf.body().startswith(b"%PDF")

    page.goto(f"{live_server.url}{Payment.objects.get().get_absolute_url()}")
    page.fill("#id_void_reason", "客户改用微信支付")
    page.click("[data-testid=void]")
    page.wait_for_load_state("load")
    expect(page.locator("[data-testid=payment-status]")).to_have_text(re.compile("已作废|Voided"))

    page.goto(f"{live_server.url}/billing/counter/?q=3-2-1501")
    expect(page.locator("[data-testid=owed-total]")).to_have_text("¥457.50")
    page.select_option("#id_channel", "wechat")
    page.fill("#id_reference", "WX20261126001")
    page.click("[data-testid=collect]")
    page.wait_for_load_state("load")
    second_number = page.locator("[data-testid=receipt-number]").inner_text()
    assert int(second_number[-6:]) == int(first_number[-6:]) + 1

    page.goto(f"{live_server.url}/billing/closings/my-day/")
    expect(page.locator("[data-testid=system-cash]")).to_have_text("¥0.00")
    page.fill("#id_counted_cash", "0")
    page.click("[data-testid=close-day]")
    page.wait_for_load_state("load")
    expect(page.locator("[data-testid=closing-status]")).to_contain_text(
        re.compile("提交|Submitted")
    )

    closing = DailyClosing.objects.get()
    assert closing.totals == {"wechat": "457.50"} and closing.payment_count == 1
    assert sorted(Payment.objects.values_list("status", flat=True)) == ["posted", "voided"]
    assert not page.external_requests and not page.console_problems, (
        page.external_requests,
        page.console_problems,
    )
