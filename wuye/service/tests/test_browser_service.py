"""SRV-01/02/04 in a real browser: a dispatcher logs a hotline complaint and dispatches it to a
technician; the technician, on a phone-sized screen, accepts, arrives and completes it with a
photo; a CSR records an unsatisfied return visit and the order reopens."""

import re

import pytest
from PIL import Image

from wuye.core.tests.browser import TIMEOUT_MS, log_in
from wuye.estate.tests.factories import (
    BuildingFactory,
    PersonFactory,
    UnitFactory,
    UnitRelationFactory,
)
from wuye.service.models import ReturnVisit, WorkOrder

pytestmark = pytest.mark.browser


def test_complaint_dispatched_completed_on_a_phone_and_reopened_by_the_visit(
    transactional_db,
    live_server,
    browser,
    page,
    community_a,
    make_staff,
    tmp_path,  # noqa: F811
):
    from playwright.sync_api import expect

    dispatcher = make_staff(community_a, "DSP", username="dsp_journey", name="调度小李")
    technician = make_staff(community_a, "TECH", username="tech_journey", name="维修老张")
    csr = make_staff(community_a, "CSR", username="csr_journey", name="客服小陈")
    building = BuildingFactory(community=community_a, number="3", name="")
    home = UnitFactory(community=community_a, building=building, entrance=2, number="1501")
    caller = PersonFactory(community=community_a, name="刘芳", phone="13900002222")
    UnitRelationFactory(
        community=community_a, unit=home, person=caller, role="owner", start_date="2020-01-01"
    )

    log_in(page, live_server, dispatcher)
    page.goto(f"{live_server.url}/service/intake/")
    page.fill("#id_reporter_phone", "13900002222")  # the caller is found as it is typed
    page.click("[data-testid=caller-unit]")
    expect(page.locator("#id_unit")).to_have_value("3-2-1501")
    expect(page.locator("#id_reporter_name")).to_have_value("刘芳")
    page.select_option("#id_kind", "complaint")
    page.fill("#id_description", "楼上装修噪音，晚上十点还在施工")
    page.click("[data-testid=register-order]")
    page.wait_for_load_state("load")
    order = WorkOrder.objects.get()
    assert order.reporter == caller and order.unit == home
    expect(page.locator("[data-testid=order-status]")).to_have_text(re.compile("已登记|Registered"))
    page.select_option("[data-testid=assignee]", str(technician.pk))
    page.click("[data-testid=dispatch]")
    page.wait_for_load_state("load")
    expect(page.locator("[data-testid=order-status]")).to_have_text(re.compile("已派单|Dispatched"))

    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    phone.set_default_timeout(TIMEOUT_MS)
    mobile = phone.new_page()
    problems = []
    mobile.on("pageerror", lambda error: problems.append(str(error)))
    log_in(mobile, live_server, technician)
    mobile.goto(f"{live_server.url}/service/my-tasks/")
    expect(mobile.locator("[data-testid=my-tasks]")).to_contain_text(order.number)
    mobile.click("[data-testid=accept]")
    mobile.wait_for_load_state("load")
    mobile.click("[data-testid=arrive]")
    mobile.wait_for_load_state("load")
    photo = tmp_path / "done.png"
    Image.new("RGB", (16, 16), "green").save(photo)
    mobile.fill("#id_result", "已上门劝导，施工方承诺晚八点后停工")
    mobile.set_input_files("#id_photos", str(photo))
    mobile.click("[data-testid=complete]")
    mobile.wait_for_load_state("load")
    expect(mobile.locator("[data-testid=my-tasks]")).not_to_contain_text(order.number)
    width = mobile.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"the task list scrolls sideways on a phone ({width}px)"
    phone.close()
    order.refresh_from_db()
    assert order.status == "completed" and order.photos.count() == 1

    page.context.clear_cookies()
    log_in(page, live_server, csr)
    visit = ReturnVisit.objects.get(order=order)
    page.goto(f"{live_server.url}/service/visits/{visit.pk}/")
    page.check("input[name=reached][value='1']")
    assert not page.is_checked("input[name=score][value='2']")  # no score chosen beforehand
    page.check("input[name=score][value='2']")
    page.fill("#id_comment", "晚上仍有噪音")
    page.click("[data-testid=record-visit]")
    page.wait_for_load_state("load")
    order.refresh_from_db()
    assert order.status == "dispatched" and order.reopened == 1 and order.assignee == technician
    page.goto(f"{live_server.url}{order.get_absolute_url()}")
    expect(page.locator("[data-testid=timeline]")).to_contain_text(re.compile("重新打开|Reopened"))
    assert not problems and not page.external_requests and not page.console_problems, (
        problems,
        page.external_requests,
        page.console_problems,
    )
