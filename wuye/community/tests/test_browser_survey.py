"""COM-04 in a real browser on a 390 px phone: a representative at the door types the unit,
taps a score and a choice, saves, and the page is ready for the next unit; nothing overflows
the screen. The statistics page then draws its charts."""

import datetime as dt

import pytest

from wuye.community.models import Response
from wuye.community.services import surveys
from wuye.core.tests.browser import TIMEOUT_MS, log_in
from wuye.estate.tests.factories import (
    BuildingFactory,
    PersonFactory,
    UnitFactory,
    UnitRelationFactory,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_a_door_visit_answer_on_a_phone_and_the_charts(
    transactional_db, live_server, browser, community_a, make_staff
):
    from playwright.sync_api import expect

    qc = make_staff(community_a, "QC", username="survey_qc", name="品质小周")
    visitor = make_staff(community_a, "CSR", username="door_csr", name="客服小林")
    building = BuildingFactory(community=community_a, number="7", name="7号楼")
    unit = UnitFactory(community=community_a, building=building, number="702")
    UnitRelationFactory(
        community=community_a,
        unit=unit,
        person=PersonFactory(community=community_a),
        start_date=dt.date(2020, 1, 1),
    )
    survey = surveys.create_survey(community=community_a, actor=qc, title="保洁满意度")
    surveys.add_question(survey, actor=qc, text="保洁是否满意", kind="scale", satisfaction=True)
    surveys.add_question(
        survey, actor=qc, text="最常见的问题", kind="single", options=["垃圾清运", "楼道卫生"]
    )
    surveys.open_survey(survey, actor=qc)

    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(str(error)))
    log_in(tab, live_server, visitor)
    tab.goto(f"{live_server.url}/community/surveys/{survey.pk}/answer/")
    tab.fill("#id_unit", "7-1-702")
    tab.fill("#id_respondent", "李阿姨")
    tab.locator("[data-testid=question-1] label", has_text="4").click()
    tab.locator("[data-testid=question-2] label", has_text="楼道卫生").click()
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 10
    tab.click("[data-testid=answer-save]")
    expect(tab.locator("body")).to_contain_text("1单元702 的答卷已保存")
    expect(tab.locator("#id_unit")).to_have_value("")
    saved = Response.objects.get()
    assert saved.unit == unit and saved.respondent == "李阿姨"
    assert {(a.score, a.option.text if a.option else None) for a in saved.answers.all()} == {
        (4, None),
        (None, "楼道卫生"),
    }
    context.close()

    desk = browser.new_context(locale="zh-CN")
    desk.set_default_timeout(TIMEOUT_MS)
    page = desk.new_page()
    page.on("pageerror", lambda error: problems.append(str(error)))
    log_in(page, live_server, qc)
    page.goto(f"{live_server.url}/community/surveys/{survey.pk}/statistics/")
    expect(page.locator("[data-testid=stat-satisfaction]")).to_have_text("100.0%")
    expect(page.locator(".survey-chart svg").first).to_be_visible()
    assert not problems
    desk.close()
