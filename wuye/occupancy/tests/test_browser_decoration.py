"""OCC-03 in a real browser: at the front desk, a CSR who also keeps the counter (a small
center) takes a decoration application, approves it with the note its wet-area works need,
collects the deposit and issues the permit; the receipt and the printed permit are a click
away."""

import datetime as dt
from decimal import Decimal

import pytest

from wuye.billing.models import Deposit
from wuye.core.tests.browser import log_in
from wuye.estate.tests.factories import PersonFactory, UnitFactory, UnitRelationFactory
from wuye.occupancy.models import DecorationPermit
from wuye.org.models import Membership

pytestmark = pytest.mark.browser


def test_a_csr_issues_a_decoration_permit_and_collects_the_deposit(
    transactional_db, live_server, page, community_a, make_staff
):
    from playwright.sync_api import expect

    desk = make_staff(community_a, "CSR", username="desk_csr", name="前台小陈")
    Membership.objects.create(community=community_a, user=desk, post="CSH")
    unit = UnitFactory(community=community_a, building__number="6", entrance=2, number="901")
    owner = PersonFactory(community=community_a, name="林国栋")
    UnitRelationFactory(
        community=community_a, unit=unit, person=owner, role="owner", start_date=dt.date(2020, 1, 1)
    )
    log_in(page, live_server, desk)
    page.goto(f"{live_server.url}/occupancy/decoration/add/")
    page.fill("#id_unit", "6-2-901")
    page.fill("#id_applicant_name", "林国栋")
    page.fill("#id_applicant_phone", "13911112222")
    page.fill("#id_contractor", "美家装饰工程有限公司")
    page.fill("#id_contractor_leader", "王师傅")
    page.fill("#id_contractor_phone", "13722223333")
    page.fill("#id_scope", "厨房、卫生间翻新")
    page.fill("#id_end_date", (dt.date.today() + dt.timedelta(days=45)).isoformat())
    page.check("#id_wet_area_plumbing")
    page.click("[data-testid=save]")
    expect(page.locator("[data-testid=permit-flags]")).to_contain_text("改动厨卫水管或防水")

    page.click("[data-testid=approve-permit]")  # without the note the flagged works need
    expect(page.locator("#id_note")).to_have_attribute("aria-invalid", "true")
    page.fill("#id_note", "卫生间须重做防水并闭水试验48小时")
    page.click("[data-testid=approve-permit]")
    expect(page.locator("[data-testid=permit-status]")).to_have_text("已审核，待交押金")

    expect(page.locator("#id_deposit")).to_have_value("2000.00")
    page.fill("#id_management_fee", "300")
    page.click("[data-testid=issue-permit]")
    expect(page.locator("[data-testid=permit-status]")).to_have_text("已发证，施工中")
    expect(page.locator("[data-testid=deposit-receipt]")).to_be_visible()
    expect(page.locator("[data-testid=print-permit]")).to_be_visible()

    permit = DecorationPermit.objects.get()
    assert permit.status == "issued" and permit.deposit.amount == Decimal("2000.00")
    assert Deposit.objects.get().payment.cashier == desk
