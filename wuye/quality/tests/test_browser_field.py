"""The field screens of quality on a 390 px phone, in a real browser: the assistant's night post
check (QUA-02), a technician's elevator maintenance record (QUA-05) and a guard working an
emergency's SOP step with the alert on every page (QUA-08). Nothing overflows the screen."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from PIL import Image

from wuye.core.tests.browser import TIMEOUT_MS, log_in
from wuye.estate.tests.factories import FacilityFactory
from wuye.quality.models import CheckEntry, MaintenanceRecord, QualityCheck
from wuye.quality.services import incidents
from wuye.quality.tests.factories import MaintenancePlanFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def phone(browser, live_server, user):
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(str(error)))
    log_in(tab, live_server, user)
    return context, tab, problems


def fits(tab):
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 10


def test_qua02_night_post_check_on_a_phone(
    transactional_db, live_server, browser, community_a, make_staff, tmp_path
):
    from playwright.sync_api import expect

    assistant = make_staff(community_a, "AST", username="night_ast", name="助理小陈")
    photo = tmp_path / "post.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "blue").save(buffer, "JPEG")
    photo.write_bytes(buffer.getvalue())
    context, tab, problems = phone(browser, live_server, assistant)
    tab.goto(f"{live_server.url}/quality/checks/add/")
    tab.select_option("select[name=kind]", "night")
    fits(tab)
    tab.click("[data-testid=save]")
    form = tab.locator("[data-testid=entry-form]")
    expect(form).to_be_visible()
    fits(tab)
    form.locator("input[name=post]").fill("北门岗")
    form.locator("input[name=on_duty][value=yes]").check()
    tab.click("[data-testid=entry-save]")
    expect(tab.locator("[data-testid=check-entries]")).to_contain_text("北门岗")
    form = tab.locator("[data-testid=entry-form]")
    form.locator("input[name=post]").fill("地下车库岗")
    form.locator("input[name=on_duty][value=no]").check()
    form.locator("input[name=remark]").fill("值班人员睡岗")
    form.locator("input[name=corrective_action]").fill("当场叫醒并批评教育")
    form.locator("input[name=photo]").set_input_files(str(photo))
    tab.click("[data-testid=entry-save]")
    expect(tab.locator("[data-testid=check-entries]")).to_contain_text("值班人员睡岗")
    tab.click("[data-testid=check-finish]")
    expect(tab.locator("body")).to_contain_text("检查已完成")
    fits(tab)
    check = QualityCheck.objects.get()
    assert check.status == "finished" and CheckEntry.objects.filter(passed=False).count() == 1
    assert not problems
    context.close()


def test_qua05_and_qua08_a_technician_records_maintenance_and_works_an_emergency(
    transactional_db, live_server, browser, community_a, make_staff
):
    from playwright.sync_api import expect

    technician = make_staff(community_a, "TECH", username="lift_tech", name="技工老张")
    dispatcher = make_staff(community_a, "DSP", username="alarm_dsp")
    lift = FacilityFactory(community=community_a, kind="elevator", code="DT-3-2", name="3号楼2号梯")
    plan = MaintenancePlanFactory(
        community=community_a, facility=lift, name="半月保养", next_due=timezone.localdate()
    )
    incident = incidents.open_incident(
        community=community_a,
        actor=dispatcher,
        kind="elevator",
        title="3号楼2号梯困人",
        location="3号楼2号梯",
    )
    context, tab, problems = phone(browser, live_server, technician)
    # He starts on his task list: the emergency is shown there, and leads to it.
    tab.goto(f"{live_server.url}/")
    alert = tab.locator("[data-testid=page-alert]")
    expect(alert).to_contain_text(incident.number)
    fits(tab)
    alert.click()
    step_form = tab.locator("[data-testid=step-form]")
    expect(step_form).to_be_visible()
    fits(tab)
    step = incident.steps.get(code="on_site")
    step_form.locator("select[name=step]").select_option(str(step.pk))
    step_form.locator("input[name=note]").fill("已到达机房")
    step_form.locator("button[type=submit]").click()
    expect(tab.locator("[data-testid=incident-timeline]")).to_contain_text("已到达机房")
    step.refresh_from_db()
    assert step.done_by == technician
    # Then the half-monthly maintenance of the lift.
    tab.goto(f"{live_server.url}{plan.get_absolute_url()}")
    form = tab.locator("[data-testid=maintenance-form]")
    form.locator("input[name=technician]").fill("技工老张")
    form.locator("textarea[name=parts]").fill("层门滑块 ×2")
    fits(tab)
    form.locator("button[type=submit]").click()
    expect(tab.locator("[data-testid=maintenance-records]")).to_contain_text("技工老张")
    record = MaintenanceRecord.objects.get()
    plan.refresh_from_db()
    assert record.parts == "层门滑块 ×2" and plan.last_done_on == timezone.localdate()
    assert plan.next_due == timezone.localdate() + dt.timedelta(days=15)
    assert not problems
    context.close()
