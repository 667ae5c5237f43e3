"""QUA-09 staff and department assessments with the payroll export on hand-computed points;
QUA-10 training with sign-in and hours per person."""

import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.org.models import Membership
from wuye.org.tests.factories import DepartmentFactory
from wuye.quality.models import Assessment, TrainingAttendance
from wuye.quality.services import assessments
from wuye.quality.tests.factories import (
    AssessmentItemFactory,
    CheckEntryFactory,
    TrainingSessionFactory,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
ZH = {"Accept-Language": "zh-hans"}


@pytest.fixture
def team(community_a, make_staff, time_machine):
    """November 2026 in 秩序维护部 (head 队长 周强) and 保洁部; seen on 7 December."""
    time_machine.move_to(dt.datetime(2026, 12, 7, 9, 0, tzinfo=SHANGHAI))
    captain = make_staff(community_a, "SEC", username="captain", name="周强", staff_number="WY001")
    guard = make_staff(community_a, "SEC", username="guard", name="王勇", staff_number="WY002")
    cleaner = make_staff(community_a, "CLN", username="cleaner", name="李芳", staff_number="WY003")
    security = DepartmentFactory(community=community_a, kind="SEC", name="秩序维护部", head=captain)
    cleaning = DepartmentFactory(community=community_a, kind="CLN", name="保洁部")
    Membership.objects.filter(user__in=[captain, guard]).update(department=security)
    Membership.objects.filter(user=cleaner).update(department=cleaning)
    items = {
        "sleep": AssessmentItemFactory(
            community=community_a,
            code="K01",
            text="值班睡岗",
            points=Decimal("-5"),
            amount=Decimal("-50"),
        ),
        "late": AssessmentItemFactory(
            community=community_a,
            code="K02",
            text="迟到",
            points=Decimal("-1"),
            amount=Decimal("-10"),
        ),
        "praise": AssessmentItemFactory(
            community=community_a,
            code="J01",
            text="业主表扬",
            points=Decimal("3"),
            amount=Decimal("30"),
        ),
    }
    return {
        "captain": captain,
        "guard": guard,
        "cleaner": cleaner,
        "security": security,
        "cleaning": cleaning,
        "items": items,
    }


@pytest.mark.django_db
def test_qua09_payroll_export_on_hand_computed_points(team, community_a, make_staff, login):
    qc = make_staff(community_a, "QC", username="qc_person", name="品质专员", staff_number="WY009")
    manager = make_staff(community_a, "MGR", username="boss", staff_number="WY000")
    items = team["items"]

    def propose(staff, item, day, **extra):
        return assessments.propose_assessment(
            community=community_a,
            actor=qc,
            staff=staff,
            item=item,
            occurred_on=dt.date(2026, 11, day),
            reason="月度考核",
            **extra,
        )

    # The guard: asleep (−5, −¥50, from a night check's finding), late twice (−1, −¥10 each),
    # praised (+3, +¥30) → 100 − 5 − 2 + 3 = 96, −¥40. One more lateness is rejected.
    entry = CheckEntryFactory(community=community_a, passed=False, remark="睡岗")
    asleep = propose(team["guard"], items["sleep"], 3, check_entry=entry)
    late = [propose(team["guard"], items["late"], day) for day in (5, 12)]
    praised = propose(team["guard"], items["praise"], 20)
    refused = propose(team["guard"], items["late"], 25)
    # The cleaner: late once with a lighter penalty (−1, −¥5) → 99, −¥5.
    cleaner_late = propose(team["cleaner"], items["late"], 8, amount=Decimal("-5"))
    # December's does not count in November.
    december = assessments.propose_assessment(
        community=community_a,
        actor=qc,
        staff=team["guard"],
        item=items["late"],
        occurred_on=dt.date(2026, 12, 1),
        reason="迟到",
    )
    captain = team["captain"]
    for assessment in (asleep, *late, praised):
        assessments.confirm_assessment(assessment, actor=captain)
    assessments.reject_assessment(refused, actor=captain, note="已请假")
    # The cleaning department has no head: the manager reviews.
    with pytest.raises(PermissionDeniedError):
        assessments.confirm_assessment(cleaner_late, actor=captain)
    assessments.confirm_assessment(cleaner_late, actor=manager)
    assessments.confirm_assessment(december, actor=captain)
    assessments.assess_department(
        community=community_a,
        actor=manager,
        department=team["security"],
        month=dt.date(2026, 11, 1),
        score=Decimal("92.5"),
    )
    response = login(qc).get("/quality/assessments/summary/?month=2026-11&format=xlsx")
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0] == ("工号", "姓名", "部门", "考核分", "奖惩金额")
    by_number = {r[0]: r[1:] for r in rows[1:]}
    assert by_number["WY002"] == ("王勇", "秩序维护部", 96, -40)
    assert by_number["WY003"] == ("李芳", "保洁部", 99, -5)
    assert by_number["WY001"] == ("周强", "秩序维护部", 100, 0)
    assert by_number["WY009"][2:] == (100, 0)  # everyone in post has a row
    departments = {r[0]: r[1:] for r in list(book.worksheets[1].iter_rows(values_only=True))[1:]}
    assert departments["秩序维护部"] == (2, 98, -40, 92.5)  # (96 + 100) / 2


@pytest.mark.django_db
def test_qua09_review_rules_and_bad_proposals(team, community_a, community_b, make_staff, login):
    qc = make_staff(community_a, "QC")
    items = team["items"]
    base = {
        "community": community_a,
        "actor": qc,
        "staff": team["guard"],
        "item": items["sleep"],
        "occurred_on": dt.date(2026, 12, 1),
        "reason": "睡岗",
    }
    outsider = make_staff(community_b, "SEC", username="outsider")
    for change, field in (
        ({"staff": outsider}, "staff"),
        ({"occurred_on": dt.date(2026, 12, 8)}, "occurred_on"),
        ({"points": Decimal("5")}, "points"),  # a deduction item cannot reward
        ({"amount": Decimal("20")}, "amount"),
        ({"reason": " "}, "reason"),
        ({"check_entry": CheckEntryFactory(community=community_b)}, "check_entry"),
    ):
        with pytest.raises(DomainError) as refused:
            assessments.propose_assessment(**{**base, **change})
        assert refused.value.field == field
    assert not Assessment.objects.exists()
    # The guard cannot propose, nor review his own; the captain sees his department's.
    guard = login(team["guard"])
    assert guard.get("/quality/assessments/add/").status_code == 403
    proposal = assessments.propose_assessment(**base)
    with pytest.raises(PermissionDeniedError):
        assessments.confirm_assessment(proposal, actor=team["guard"])
    listed = guard.get("/api/v1/assessments/").json()
    assert [a["id"] for a in listed["results"]] == [proposal.pk]
    cleaner = login(team["cleaner"]).get("/api/v1/assessments/").json()
    assert cleaner["count"] == 0
    captain = login(team["captain"])
    rejected = captain.post(
        f"/api/v1/assessments/{proposal.pk}/reject/", {}, content_type="application/json"
    )
    assert rejected.status_code == 400  # a rejection says why
    confirmed = captain.post(
        f"/api/v1/assessments/{proposal.pk}/confirm/", {}, content_type="application/json"
    )
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "confirmed"
    again = captain.post(
        f"/api/v1/assessments/{proposal.pk}/confirm/", {}, content_type="application/json"
    )
    assert again.status_code == 400


@pytest.mark.django_db
def test_qua10_training_sign_in_and_hours_per_person(team, community_a, make_staff, login):
    css = make_staff(community_a, "CSS", username="trainer_css")
    today = dt.date(2026, 12, 7)
    fire = TrainingSessionFactory(
        community=community_a, title="消防器材使用培训", held_on=today, hours=Decimal("2.0")
    )
    earlier = TrainingSessionFactory(
        community=community_a, title="礼仪培训", held_on=dt.date(2026, 3, 2), hours=Decimal("1.5")
    )
    last_year = TrainingSessionFactory(
        community=community_a, title="旧培训", held_on=dt.date(2025, 6, 1), hours=Decimal("3")
    )
    guard = login(team["guard"])
    signed = guard.post(
        f"/api/v1/training-sessions/{fire.pk}/sign-in/", {}, content_type="application/json"
    )
    assert signed.status_code == 201, signed.content
    guard.post(f"/api/v1/training-sessions/{fire.pk}/sign-in/", {}, content_type="application/json")
    assert TrainingAttendance.objects.filter(session=fire).count() == 1  # once
    late = guard.post(
        f"/api/v1/training-sessions/{earlier.pk}/sign-in/", {}, content_type="application/json"
    )
    assert late.status_code == 400  # not on the day
    assessments.add_attendees(earlier, actor=css, staff=[team["guard"], team["cleaner"]])
    assessments.add_attendees(last_year, actor=css, staff=[team["guard"]])
    rows = assessments.training_hours(community_a, 2026, source=TrainingAttendance.objects.all())
    assert [(r["name"], r["hours"], r["sessions"]) for r in rows] == [
        ("王勇", Decimal("3.5"), 2),
        ("李芳", Decimal("1.5"), 1),
    ]
    page = login(css).get("/quality/training/hours/?year=2026", headers=ZH).content.decode()
    assert "王勇" in page and "3.5" in page
