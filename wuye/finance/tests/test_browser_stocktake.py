"""FIN-07 in a real browser on a 390 px phone: the assistant walks the building with the
stocktake open, types (or scans) each tag and taps found or damaged; the report counts as she
goes; closing it enters the assets not seen as missing; nothing overflows the screen."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from wuye.core.tests.browser import TIMEOUT_MS, log_in
from wuye.finance.models import StocktakeItem
from wuye.finance.services import assets

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def test_fin07_a_stocktake_on_a_phone(
    transactional_db, live_server, browser, community_a, make_staff
):
    from playwright.sync_api import expect

    fin = make_staff(community_a, "FIN", username="count_fin", name="财务小李")
    ast = make_staff(community_a, "AST", username="count_ast", name="助理小周")
    today = timezone.localdate()
    for n in range(1, 4):
        assets.add_asset(
            community=community_a,
            actor=fin,
            tag=f"ZC-{n:04d}",
            name=f"二次供水水泵{n}",
            category="equipment",
            purchase_date=today - dt.timedelta(days=90),
            in_use_date=today - dt.timedelta(days=80),
            value=Decimal("10000.00"),
            useful_life_months=36,
        )
    count = assets.start_stocktake(
        community=community_a, actor=ast, title="年中盘点", started_on=today
    )
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(str(error)))
    log_in(tab, live_server, ast)
    tab.goto(f"{live_server.url}{count.get_absolute_url()}")
    form = tab.locator("[data-testid=check-form]")
    expect(form.get_by_label("资产标签号")).to_be_focused()
    form.get_by_label("资产标签号").fill("zc-0001")
    form.get_by_label("账实相符").check()
    form.get_by_role("button", name="记录").click()
    expect(tab.locator("[data-testid=found]")).to_have_text("1")
    form = tab.locator("[data-testid=check-form]")
    form.get_by_label("资产标签号").fill("ZC-0002")
    form.get_by_label("损坏").check()
    form.get_by_label("备注").fill("外壳破损")
    form.get_by_role("button", name="记录").click()
    expect(tab.locator("[data-testid=damaged]")).to_have_text("1")
    expect(tab.locator("[data-testid=unchecked]")).to_have_text("1")
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 10
    tab.once("dialog", lambda dialog: dialog.accept())
    tab.locator("[data-testid=close-stocktake]").click()
    expect(tab.locator("[data-testid=missing]")).to_have_text("1")
    expect(tab.locator("[data-testid=differences]")).to_contain_text("ZC-0003")
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 10
    results = dict(
        StocktakeItem.objects.filter(stocktake=count).values_list("asset__tag", "result")
    )
    assert results == {"ZC-0001": "found", "ZC-0002": "damaged", "ZC-0003": "missing"}
    assert problems == []
    context.close()
