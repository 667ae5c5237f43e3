"""BIL-06/BIL-11/BIL-12 in a real browser: a cashier finds “3-2-1501”, sees the change while
typing the cash tendered, collects two bills in cash, prints the owner's original (a preview
counts nothing), voids the payment after confirming the receipt number and amount, collects
again, counts the drawer blind, explains the difference and finds the counter closed."""

import re
from decimal import Decimal

import pytest

from wuye.billing.models import DailyClosing, Payment, Receipt
from wuye.billing.tests.factories import BillFactory, BillLineFactory
from wuye.conftest import PASSWORD
from wuye.core.tests.browser import either
from wuye.estate.tests.factories import (
    BuildingFactory,
    PersonFactory,
    UnitFactory,
    UnitRelationFactory,
)

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
    owner = PersonFactory(community=community_a, name="张三", phone="13812341234")
    UnitRelationFactory(community=community_a, unit=home, person=owner, role="owner")
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

    # --- Find the unit (the owner's initials; one match opens at once) ------------------------
    page.goto(f"{live_server.url}/billing/counter/")
    page.fill("#counter-search", "zs")
    page.press("#counter-search", "Enter")
    page.wait_for_load_state("load")
    expect(page.locator("[data-testid=owed-total]")).to_have_text("¥457.50")
    expect(page.locator("[data-testid=owners]")).to_contain_text("138****1234")
    expect(page.locator("#id_payer_name")).to_have_value("张三")

    # --- The change while typing --------------------------------------------------------------
    change = page.locator("[data-testid=change]")
    page.locator("#id_tendered").press_sequentially("40")
    expect(change).to_have_text(re.compile(r"(还差|short by) ¥417\.50"))
    page.locator("#id_tendered").press_sequentially("0")
    expect(change).to_have_text(re.compile(r"(还差|short by) ¥57\.50"))
    page.fill("#id_tendered", "500")
    expect(change).to_have_text(re.compile(r"(找零|change) ¥42\.50"))
    page.locator("input[name=bill_ids]").first.uncheck()  # only October's 233.75
    expect(change).to_have_text(re.compile(r"(找零|change) ¥266\.25"))
    page.locator("input[name=bill_ids]").first.check()
    expect(change).to_have_text(re.compile(r"(找零|change) ¥42\.50"))
    page.click("[data-testid=collect]")
    page.wait_for_load_state("load")
    first_number = page.locator("[data-testid=receipt-number]").inner_text()
    expect(page.locator(".receipt")).to_contain_text("找零 ¥42.50")
    expect(page.locator(".receipt")).to_contain_text("人民币肆佰伍拾柒元伍角整")
    expect(page.locator(".receipt")).to_contain_text("张三")

    # --- Reading is not printing: the preview counts nothing; the print is the original -------
    preview_url = page.locator("[data-testid=preview-pdf]").get_attribute("href")
    preview = page.context.request.get(f"{live_server.url}{preview_url}")
    assert preview.ok and preview.body().startswith(b"%PDF")
    assert Receipt.objects.get(number=first_number).prints == 0
    with page.expect_popup() as popup:
        page.click("[data-testid=print-half]")
    popup.value.close()
    # The page reloads by itself and now offers a reprint (marked 副本), not a second original.
    expect(page.locator("[data-testid=print-half]")).to_contain_text(re.compile("副本|copy"))
    assert Receipt.objects.get(number=first_number).prints == 1

    # --- A void asks first, with the receipt number and the amount ---------------------------
    page.goto(f"{live_server.url}{Payment.objects.get().get_absolute_url()}")
    page.fill("#id_void_reason", "客户改用微信支付")
    questions = []

    def dismiss(dialog):
        questions.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.click("[data-testid=void]")
    expect(page.locator("[data-testid=payment-status]")).not_to_have_text(
        re.compile("已作废|Voided")
    )
    assert first_number in questions[0] and "457.50" in questions[0], questions
    assert Payment.objects.get().status == "posted"  # “cancel” sent nothing

    def accept(dialog):
        questions.append(dialog.message)
        dialog.accept()

    page.once("dialog", accept)
    page.click("[data-testid=void]")
    page.wait_for_load_state("load")
    expect(page.locator("[data-testid=payment-status]")).to_have_text(re.compile("已作废|Voided"))

    page.goto(f"{live_server.url}/billing/counter/?q=3-2-1501")
    expect(page.locator("[data-testid=owed-total]")).to_have_text("¥457.50")
    page.fill("#id_tendered", "460")
    page.click("[data-testid=collect]")
    page.wait_for_load_state("load")
    second_number = page.locator("[data-testid=receipt-number]").inner_text()
    assert int(second_number[-6:]) == int(first_number[-6:]) + 1

    # --- The blind count: no system figure until the count is in ------------------------------
    page.goto(f"{live_server.url}/billing/closings/my-day/")
    expect(page.locator("[data-testid=cash-blind]")).to_be_visible()
    expect(page.locator("[data-testid=system-cash]")).to_have_count(0)
    expect(page.locator("#id_counted_cash")).to_have_value("")
    assert "457.50" not in page.locator("body").inner_text()
    page.fill("#id_counted_cash", "450")
    page.click("[data-testid=close-day]")
    page.wait_for_load_state("load")
    expect(page.locator("[data-testid=counted-cash]")).to_have_text("¥450.00")
    expect(page.locator("[data-testid=system-cash]")).to_have_text("¥457.50")
    expect(page.locator("[data-testid=difference]")).to_have_text("¥-7.50")
    expect(page.locator("#id_counted_cash")).to_have_count(0)  # the count stands
    page.fill("#id_explanation", "一张五元、一张二元五角找错")
    page.click("[data-testid=close-day]")
    page.wait_for_load_state("load")
    expect(page.locator("[data-testid=closing-status]")).to_contain_text(
        re.compile("提交|Submitted")
    )

    # --- The counter says at once that the day is closed ---------------------------------------
    page.goto(f"{live_server.url}/billing/counter/?q=3-2-1501")
    expect(page.locator("[data-testid=day-closed]")).to_contain_text(either("已日结", "is closed"))
    expect(page.locator("[data-testid=collect]")).to_have_count(0)

    closing = DailyClosing.objects.get()
    assert closing.totals == {"cash": "457.50"} and closing.payment_count == 1
    assert closing.counted_cash == Decimal("450.00") and closing.difference == Decimal("-7.50")
    assert sorted(Payment.objects.values_list("status", flat=True)) == ["posted", "voided"]
    assert not page.external_requests and not page.console_problems, (
        page.external_requests,
        page.console_problems,
    )
