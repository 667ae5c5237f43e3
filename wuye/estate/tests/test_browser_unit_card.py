"""REG-02/PLT-10 in a real browser: a customer-service representative types “3-2-1501” into the
header search, lands on the unit card and registers a new tenant — on a phone-sized screen too."""

from decimal import Decimal

import pytest

from wuye.conftest import PASSWORD
from wuye.estate.models import UnitRelation
from wuye.estate.tests.factories import BuildingFactory, PersonFactory, UnitFactory

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "viewport",
    [{"width": 1280, "height": 900}, {"width": 390, "height": 844}],
    ids=["desk", "phone"],
)
def test_csr_finds_the_unit_by_its_spoken_number_and_adds_a_tenant(
    transactional_db, live_server, browser, community_a, make_staff, viewport
):
    from playwright.sync_api import expect

    csr = make_staff(community_a, "CSR", username="csr_journey", name="前台小周")
    building = BuildingFactory(community=community_a, number="3", name="", floors=33)
    unit = UnitFactory(
        community=community_a,
        building=building,
        entrance=2,
        number="1501",
        floor=15,
        gross_area=Decimal("89.50"),
        inner_area=Decimal("72.30"),
    )
    UnitFactory(community=community_a, building=building, entrance=1, number="1501", floor=15)
    owner = PersonFactory(community=community_a, name="房东王")
    UnitRelation.objects.create(community=community_a, unit=unit, person=owner, role="owner")

    context = browser.new_context(viewport=viewport, locale="zh-CN")
    context.set_default_timeout(10_000)
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    external = []
    page.route(
        "**/*",
        lambda route: (
            (external.append(route.request.url), route.abort())
            if "127.0.0.1" not in route.request.url and "localhost" not in route.request.url
            else route.continue_()
        ),
    )
    try:
        page.goto(f"{live_server.url}/login/")
        page.fill("#id_username", csr.username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state("load")

        search = page.locator("#header-search")
        expect(search).to_be_visible()
        search.fill("3-2-1501")
        search.press("Enter")
        page.wait_for_load_state("load")
        expect(page.locator("h2.page-title")).to_contain_text("3栋2单元1501")
        expect(page.locator("[data-testid=residents]")).to_contain_text("房东王")

        page.click("[data-testid=add-tenant]")
        page.wait_for_load_state("load")
        page.fill("#id_end_date", "2027-11-30")
        page.fill("#id_person-name", "租客刘")
        page.fill("#id_person-phone", "13911112222")
        page.click("[data-testid=save-relation]")
        page.wait_for_load_state("load")

        residents = page.locator("[data-testid=residents]")
        expect(residents).to_contain_text("租客刘")
        expect(residents).to_contain_text("房东王")
        expect(page.locator("[data-testid=toast]").first).to_be_visible()
    finally:
        context.close()

    tenant = UnitRelation.objects.get(unit=unit, role="tenant")
    assert tenant.person.name == "租客刘" and tenant.person.phone == "13911112222"
    assert tenant.end_date.isoformat() == "2027-11-30"
    assert tenant.person.community == community_a
    assert not external, external
    assert not problems, problems
