"""OCC-04, DSP-8 in a real browser: the guard, on a 390 px phone, types a release pass's number,
sees the unit and the items, lets them out; the second verification is refused with when and
by whom."""

import pytest

from wuye.core.tests.browser import TIMEOUT_MS, log_in
from wuye.occupancy.models import ReleasePass
from wuye.occupancy.tests.factories import ReleasePassFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_a_guard_lets_a_pass_out_by_typing_its_number_and_a_second_try_is_refused(
    transactional_db, live_server, browser, community_a, make_staff
):
    from playwright.sync_api import expect

    guard = make_staff(community_a, "SEC", username="gate_guard", name="保安小刘")
    release_pass = ReleasePassFactory(
        community=community_a, items="双人床一张\n冰箱一台", item_count=2
    )
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(str(error)))
    log_in(tab, live_server, guard)
    tab.goto(f"{live_server.url}/occupancy/gate/")
    short = str(int(release_pass.number[-6:]))  # this year's pass: the last digits do
    tab.fill("[data-testid=gate-code]", short)
    tab.click("[data-testid=gate-look-up]")
    expect(tab.locator("[data-testid=gate-pass]")).to_contain_text(release_pass.unit.code)
    expect(tab.locator("[data-testid=gate-items]")).to_contain_text("冰箱一台")
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 10
    tab.fill("#gate-name", "北门")
    tab.click("[data-testid=gate-let-out]")
    expect(tab.locator("[data-testid=gate-status]")).to_have_text("已放行")
    expect(tab.locator("[data-testid=gate-refused]")).to_contain_text("保安小刘")
    release_pass.refresh_from_db()
    assert release_pass.status == "used" and release_pass.gate == "北门"

    # A second scan of the same paper, later: refused, with when and by whom; nothing changes.
    tab.goto(f"{live_server.url}/occupancy/gate/")
    tab.fill("[data-testid=gate-code]", release_pass.number)
    tab.click("[data-testid=gate-look-up]")
    refused = tab.locator("[data-testid=gate-refused]")
    expect(refused).to_contain_text("不能再次使用")
    expect(refused).to_contain_text("北门")
    expect(tab.locator("[data-testid=gate-let-out]")).to_have_count(0)
    assert ReleasePass.objects.get(pk=release_pass.pk).used_at == release_pass.used_at
    assert not problems
    context.close()
