"""COM-04 (CSD-3): satisfaction surveys — a questionnaire of choices, scores and text; the
sample (all units, a random share drawn the same way each time, some buildings); one answer per
unit, typed at the door; statistics per question and building checked against hand-counted
answers; the satisfaction figure; Excel."""

import datetime as dt
from decimal import Decimal

import pytest

from wuye.community.models import Answer, Response, Survey
from wuye.community.reports import latest_satisfaction, survey_statistics
from wuye.community.services import surveys
from wuye.core.errors import DomainError
from wuye.estate.tests.factories import (
    BuildingFactory,
    PersonFactory,
    UnitFactory,
    UnitRelationFactory,
)

ZH = {"Accept-Language": "zh-hans"}


@pytest.fixture
def estate(community_a):
    b1 = BuildingFactory(community=community_a, number="1", name="1号楼")
    b2 = BuildingFactory(community=community_a, number="2", name="2号楼")
    units = []
    for building in (b1, b1, b1, b2, b2):
        unit = UnitFactory(community=community_a, building=building)
        UnitRelationFactory(
            community=community_a,
            unit=unit,
            person=PersonFactory(community=community_a),
            start_date=dt.date(2020, 1, 1),
        )
        units.append(unit)
    UnitFactory(community=community_a, building=b2)  # nobody lives here: not asked
    return {"buildings": (b1, b2), "units": units}


@pytest.fixture
def survey(community_a, make_staff):
    qc = make_staff(community_a, "QC")
    survey = surveys.create_survey(community=community_a, actor=qc, title="2026年度满意度调查")
    surveys.add_question(
        survey, actor=qc, text="您对物业服务总体满意吗？", kind="scale", satisfaction=True
    )
    surveys.add_question(
        survey, actor=qc, text="您最关心哪方面？", kind="single", options=["保洁", "安保", "维修"]
    )
    surveys.add_question(
        survey,
        actor=qc,
        text="希望增加哪些服务？",
        kind="multiple",
        options=["快递代收", "家政", "洗车"],
        required=False,
    )
    surveys.add_question(survey, actor=qc, text="其他意见", kind="text", required=False)
    survey.qc = qc
    return survey


def answers(survey, score, single, multiple=(), text=""):
    q = {question.position: question for question in survey.questions.prefetch_related("options")}
    options = {o.text: o.pk for question in q.values() for o in question.options.all()}
    return [
        {"question": q[1].pk, "score": score},
        {"question": q[2].pk, "option": options[single]},
        {"question": q[3].pk, "options": [options[m] for m in multiple]},
        {"question": q[4].pk, "text": text},
    ]


@pytest.mark.django_db
def test_com04_statistics_on_hand_counted_answers(community_a, estate, survey):
    qc = survey.qc
    survey = surveys.open_survey(survey, actor=qc)
    assert survey.samples.count() == 5  # the empty unit is not asked
    u = estate["units"]
    given = [
        (u[0], 5, "保洁", ["快递代收"], "电梯维保要及时"),
        (u[1], 4, "保洁", ["快递代收", "家政"], ""),
        (u[2], 2, "安保", [], ""),
        (u[3], 3, "维修", ["家政"], "车位不够"),
    ]
    for unit, score, single, multiple, text in given:
        surveys.submit_response(
            survey, actor=qc, unit=unit, answers=answers(survey, score, single, multiple, text)
        )
    stats = survey_statistics(survey)
    assert stats["responses"] == 4 and stats["sample"] == 5
    assert stats["response_rate"] == Decimal("80.0")
    scale, single, multiple, text = stats["questions"]
    assert scale["scores"] == [0, 1, 1, 1, 1] and scale["mean"] == Decimal("3.50")
    assert scale["satisfied"] == Decimal("50.0")  # 5 and 4 of four answers
    assert [(o["text"], o["count"], o["share"]) for o in single["options"]] == [
        ("保洁", 2, Decimal("50.0")),
        ("安保", 1, Decimal("25.0")),
        ("维修", 1, Decimal("25.0")),
    ]
    # Three units answered the multiple-choice question; shares of those three.
    assert multiple["answered"] == 3
    assert [(o["count"], o["share"]) for o in multiple["options"]] == [
        (2, Decimal("66.7")),
        (2, Decimal("66.7")),
        (0, Decimal("0.0")),
    ]
    assert text["texts"] == ["车位不够", "电梯维保要及时"]
    # 1号楼: 5, 4, 2 → mean 3.67, satisfied 2 of 3; 2号楼: 3 → 0 of 1.
    assert stats["buildings"] == [
        {
            "building": "1号楼",
            "responses": 3,
            "mean": Decimal("3.67"),
            "satisfaction": Decimal("66.7"),
        },
        {
            "building": "2号楼",
            "responses": 1,
            "mean": Decimal("3.00"),
            "satisfaction": Decimal("0.0"),
        },
    ]
    assert stats["satisfaction"] == Decimal("50.0")
    assert latest_satisfaction(Survey.objects.all()) == (survey, Decimal("50.0"))


@pytest.mark.django_db
def test_com04_a_second_answer_from_the_same_unit_is_refused(community_a, estate, survey):
    surveys.open_survey(survey, actor=survey.qc)
    unit = estate["units"][0]
    surveys.submit_response(survey, actor=survey.qc, unit=unit, answers=answers(survey, 5, "保洁"))
    with pytest.raises(DomainError, match="已答过"):
        surveys.submit_response(
            survey, actor=survey.qc, unit=unit, answers=answers(survey, 1, "安保")
        )
    assert Response.objects.count() == 1 and Answer.objects.count() == 2


@pytest.mark.django_db
def test_com04_bad_answers_are_refused_and_nothing_saved(community_a, estate, survey, login):
    surveys.open_survey(survey, actor=survey.qc)
    unit = estate["units"][0]
    first = survey.questions.get(position=1)
    with pytest.raises(DomainError, match="第 2 题必须回答"):
        surveys.submit_response(
            survey, actor=survey.qc, unit=unit, answers=[{"question": first.pk, "score": 4}]
        )
    bad = answers(survey, 4, "保洁")
    bad[0]["score"] = 6
    with pytest.raises(DomainError, match="1 到 5"):
        surveys.submit_response(survey, actor=survey.qc, unit=unit, answers=bad)
    client = login(survey.qc)
    response = client.post(
        f"/api/v1/surveys/{survey.pk}/answer/",
        {"unit": unit.pk, "answers": [{"question": first.pk, "score": "很好"}]},
        content_type="application/json",
        headers=ZH,
    )
    assert response.status_code == 400
    assert not Response.objects.exists()
    # The empty unit is not in the sample.
    with pytest.raises(DomainError, match="不在本次调查的样本中"):
        surveys.submit_response(
            survey,
            actor=survey.qc,
            unit=UnitFactory(community=community_a, building=estate["buildings"][0]),
            answers=answers(survey, 4, "保洁"),
        )


@pytest.mark.django_db
def test_com04_a_random_sample_is_drawn_the_same_way(community_a, estate, make_staff):
    qc = make_staff(community_a, "QC")
    survey = surveys.create_survey(
        community=community_a, actor=qc, title="抽样调查", sampling="random", sample_percent=40
    )
    surveys.add_question(survey, actor=qc, text="满意吗", kind="scale", satisfaction=True)
    first = surveys._sample_units(survey)
    assert len(first) == 2 and first == surveys._sample_units(survey)
    buildings = surveys.create_survey(
        community=community_a,
        actor=qc,
        title="2号楼调查",
        sampling="buildings",
        buildings=[estate["buildings"][1]],
    )
    assert len(surveys._sample_units(buildings)) == 2
    with pytest.raises(DomainError):
        surveys.create_survey(community=community_a, actor=qc, title="x", sampling="random")


@pytest.mark.django_db
def test_com04_door_visit_entry_on_the_page_and_excel(community_a, estate, survey, login):
    surveys.open_survey(survey, actor=survey.qc)
    client = login(survey.qc)
    page = client.get(f"/community/surveys/{survey.pk}/answer/", headers=ZH)
    assert page.status_code == 200 and "您对物业服务总体满意吗" in page.content.decode()
    q = {question.position: question for question in survey.questions.all()}
    option = q[2].options.get(text="安保")
    unit = estate["units"][3]
    response = client.post(
        f"/community/surveys/{survey.pk}/answer/",
        {
            "action": "answer",
            "unit": unit.code,
            "respondent": "王女士",
            f"answers-{q[1].pk}": "4",
            f"answers-{q[2].pk}": str(option.pk),
            f"answers-{q[4].pk}": "绿化很好",
        },
        headers=ZH,
    )
    assert response.status_code == 302 and response.url.endswith("/answer/")
    saved = Response.objects.get()
    assert saved.unit == unit and saved.respondent == "王女士" and saved.channel == "visit"
    stats = client.get(f"/community/surveys/{survey.pk}/statistics/", headers=ZH)
    assert stats.status_code == 200 and "绿化很好" in stats.content.decode()
    excel = client.get(f"/community/surveys/{survey.pk}/statistics/?export=xlsx")
    assert excel.status_code == 200 and excel.content[:2] == b"PK"
