"""QUA-02 night post checks, QUA-03 quality spot checks (scored, twice a week, recurring
problems), QUA-04 the monthly safety-production check, and the sign-board register (QC-5)."""

import datetime as dt
import io
import threading
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from openpyxl import load_workbook
from PIL import Image

from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.org.tests.factories import DepartmentFactory
from wuye.quality.models import (
    AssessmentItem,
    CheckEntry,
    CheckStandard,
    QualityCheck,
    SignBoard,
)
from wuye.quality.services import checks
from wuye.quality.tests.factories import (
    CheckStandardFactory,
    QualityCheckFactory,
    SignBoardFactory,
    StandardItemFactory,
)
from wuye.service.models import WorkOrder
from wuye.service.services import close_order

SHANGHAI = ZoneInfo("Asia/Shanghai")
ZH = {"Accept-Language": "zh-hans"}


def jpeg(name="found.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "gray").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def cleaning(community_a):
    """The cleaning department's spot-check standard: 大堂地面 (10 points), 垃圾桶 (5),
    电梯轿厢 (5) — 20 points in all."""
    department = DepartmentFactory(community=community_a, kind="CLN", name="保洁部")
    standard = CheckStandardFactory(
        community=community_a, name="保洁品质标准", kind="spot", department_kind="CLN"
    )
    items = [
        StandardItemFactory(
            community=community_a, standard=standard, position=n, text=text, points=points
        )
        for n, (text, points) in enumerate(
            [("大堂地面无污渍", 10), ("垃圾桶外观清洁", 5), ("电梯轿厢无杂物", 5)], start=1
        )
    ]
    return {"department": department, "standard": standard, "items": items}


@pytest.fixture
def qc_a(community_a, make_staff):
    return make_staff(community_a, "QC")


@pytest.mark.django_db
def test_qua03_spot_check_is_scored_and_failed_items_become_work_orders(
    cleaning, community_a, qc_a, login, mgr_a
):
    client = login(qc_a)
    started = client.post(
        "/api/v1/quality-checks/",
        {
            "kind": "spot",
            "standard": cleaning["standard"].pk,
            "department": cleaning["department"].pk,
        },
        content_type="application/json",
    )
    assert started.status_code == 201, started.content
    url = f"/api/v1/quality-checks/{started.json()['id']}"
    floor, bins, lift = cleaning["items"]
    # The floor fails, 4 of its 10 points deducted, with the photo: one rectification order.
    failed = client.post(
        f"{url}/record/",
        {
            "item": floor.pk,
            "passed": "no",
            "deduction": "4",
            "remark": "大堂有水渍",
            "photo": jpeg(),
        },
    )
    assert failed.status_code == 201, failed.content
    assert failed.json()["work_order_number"] and failed.json()["rectification"] == "open"
    # The bins fail with all their points (none given).
    client.post(
        f"{url}/record/",
        {"item": bins.pk, "passed": "no", "remark": "垃圾桶有污迹", "photo": jpeg()},
    )
    # Finishing before the lift is recorded is refused, naming it.
    early = client.post(f"{url}/finish/", {}, content_type="application/json")
    assert early.status_code == 400 and "电梯轿厢无杂物" in early.content.decode()
    client.post(f"{url}/record/", {"item": lift.pk, "passed": "yes"})
    done = client.post(
        f"{url}/finish/", {"summary": "地面需加强巡查"}, content_type="application/json"
    )
    assert done.status_code == 200, done.content
    check = QualityCheck.objects.get()
    # 20 points, 4 + 5 deducted: (20 − 9) / 20 = 55.0.
    assert check.score == Decimal("55.0") and check.status == "finished"
    assert WorkOrder.objects.filter(channel="patrol").count() == 2
    # Closing the floor's order puts its entry right.
    entry = CheckEntry.objects.get(item=floor)
    WorkOrder.objects.filter(pk=entry.work_order_id).update(status="completed")
    close_order(WorkOrder.objects.get(pk=entry.work_order_id), actor=mgr_a)
    entry.refresh_from_db()
    assert entry.rectification == "done" and entry.rectified_at is not None


@pytest.mark.django_db
def test_qua03_bad_entries_change_nothing(cleaning, community_a, community_b, qc_a):
    check = checks.start_check(
        community_a,
        actor=qc_a,
        kind="spot",
        standard=cleaning["standard"],
        department=cleaning["department"],
    )
    floor = cleaning["items"][0]
    not_an_image = SimpleUploadedFile("x.jpg", b"not a picture", content_type="image/jpeg")
    other_item = StandardItemFactory(community=community_b)
    cases = [
        ({"item": floor, "passed": False, "remark": "脏", "photo": [not_an_image]}, "photo"),
        ({"item": floor, "passed": False, "remark": "脏"}, "photo"),  # photo required
        ({"item": floor, "passed": False, "photo": [jpeg()]}, "remark"),
        (
            {
                "item": floor,
                "passed": False,
                "remark": "脏",
                "deduction": Decimal(11),
                "photo": [jpeg()],
            },
            "deduction",
        ),
        ({"item": other_item, "passed": True}, "item"),
        ({"post": "北门岗", "on_duty": True}, "post"),  # posts are for night checks
    ]
    for arguments, field in cases:
        with pytest.raises(DomainError) as refused:
            checks.record_entry(check, actor=qc_a, **arguments)
        assert refused.value.field == field, (arguments, refused.value.message)
    assert not CheckEntry.objects.exists() and not WorkOrder.objects.exists()
    checks.record_entry(check, actor=qc_a, item=floor, passed=True)
    with pytest.raises(DomainError):  # the same item twice
        checks.record_entry(check, actor=qc_a, item=floor, passed=True)
    assert CheckEntry.objects.count() == 1


@pytest.mark.django_db
def test_qua03_who_records_which_check(cleaning, community_a, make_staff, qc_a):
    assistant = make_staff(community_a, "AST")
    # The quality specialist runs spot checks, not night checks; the assistant the opposite.
    with pytest.raises(PermissionDeniedError):
        checks.start_check(community_a, actor=qc_a, kind="night")
    with pytest.raises(PermissionDeniedError):
        checks.start_check(
            community_a,
            actor=assistant,
            kind="spot",
            standard=cleaning["standard"],
            department=cleaning["department"],
        )
    # A spot check needs the department; the safety check a safety checklist.
    with pytest.raises(DomainError) as refused:
        checks.start_check(community_a, actor=qc_a, kind="spot", standard=cleaning["standard"])
    assert refused.value.field == "department"
    with pytest.raises(DomainError) as refused:
        checks.start_check(community_a, actor=qc_a, kind="safety", standard=cleaning["standard"])
    assert refused.value.field == "standard"
    assert not QualityCheck.objects.exists()


@pytest.mark.django_db
def test_qua02_night_post_check_with_corrective_actions(community_a, make_staff, login):
    assistant = make_staff(community_a, "AST")
    client = login(assistant)
    started = client.post(
        "/api/v1/quality-checks/", {"kind": "night"}, content_type="application/json"
    )
    assert started.status_code == 201, started.content
    url = f"/api/v1/quality-checks/{started.json()['id']}"
    on_duty = client.post(f"{url}/record/", {"post": "北门岗", "on_duty": "yes"})
    assert on_duty.status_code == 201 and on_duty.json()["passed"] is True
    # Asleep at the post: a finding and the action taken there and then; no order asked.
    asleep = client.post(
        f"{url}/record/",
        {
            "post": "地下车库岗",
            "on_duty": "no",
            "remark": "值班人员睡岗",
            "corrective_action": "当场叫醒并批评教育",
            "photo": jpeg(),
        },
    )
    assert asleep.status_code == 201, asleep.content
    assert asleep.json()["passed"] is False and asleep.json()["work_order"] is None
    # A broken lamp cannot be put right on the spot: an order is opened.
    lamp = client.post(
        f"{url}/record/",
        {"post": "南门岗", "on_duty": "yes", "remark": "岗亭照明损坏", "rectify": "true"},
    )
    assert lamp.json()["work_order_number"]
    # Not saying whether the post was on duty is refused in Chinese, nothing saved.
    missing = client.post(f"{url}/record/", {"post": "东门岗"}, headers=ZH)
    assert missing.status_code == 400
    assert "on_duty" in missing.json()["error"]["fields"]
    assert CheckEntry.objects.count() == 3
    done = client.post(f"{url}/finish/", {}, content_type="application/json")
    assert done.status_code == 200 and done.json()["score"] is None


@pytest.mark.django_db
def test_qua03_twice_a_week_rule_on_hand_made_weeks(cleaning, community_a):
    """Weeks of November 2026 (Mondays 2, 9, 16, 23, 30): two spot checks in the first, one
    in the second (plus one never finished), none in the third, three in the fourth."""
    done = {"status": "finished", "department": cleaning["department"]}
    for day in (2, 8, 10, 23, 25, 29):
        QualityCheckFactory(
            community=community_a,
            standard=cleaning["standard"],
            checked_on=dt.date(2026, 11, day),
            **done,
        )
    QualityCheckFactory(
        community=community_a, standard=cleaning["standard"], checked_on=dt.date(2026, 11, 12)
    )
    weeks = checks.spot_check_weeks(
        community_a,
        dt.date(2026, 11, 4),
        dt.date(2026, 11, 29),
        source=QualityCheck.objects.all(),
    )
    assert [(w["week"].day, w["count"], w["gap"]) for w in weeks] == [
        (2, 2, 0),
        (9, 1, 1),
        (16, 0, 2),
        (23, 3, 0),
    ]


@pytest.mark.django_db
def test_qua04_safety_check_each_month(community_a, make_staff, login, time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 7, 9, 0, tzinfo=SHANGHAI))
    standard = CheckStandardFactory(community=community_a, name="安全生产月检表", kind="safety")
    StandardItemFactory(community=community_a, standard=standard, text="消防通道畅通")
    for day in (dt.date(2026, 10, 20),):
        QualityCheckFactory(
            community=community_a,
            kind="safety",
            standard=standard,
            checked_on=day,
            status="finished",
        )
    months = checks.safety_months(
        community_a,
        dt.date(2026, 10, 1),
        dt.date(2026, 12, 7),
        source=QualityCheck.objects.all(),
    )
    assert [(m["month"].month, m["gap"]) for m in months] == [(10, False), (11, True), (12, True)]
    page = login(make_staff(community_a, "QC")).get("/quality/checks/", headers=ZH)
    text = page.content.decode()
    assert "本月安全生产检查" in text and "尚未完成" in text


@pytest.mark.django_db
def test_qua03_recurring_problems_report_and_training_material(cleaning, community_a, qc_a, login):
    floor, bins, lift = cleaning["items"]
    # The floor fails in three checks, the bins in two, the lift never.
    for n, day in enumerate((3, 10, 17)):
        check = checks.start_check(
            community_a,
            actor=qc_a,
            kind="spot",
            standard=cleaning["standard"],
            department=cleaning["department"],
            checked_on=dt.date(2026, 11, day),
        )
        checks.record_entry(
            check, actor=qc_a, item=floor, passed=False, remark=f"水渍第{n + 1}次", photo=[jpeg()]
        )
        if n < 2:
            checks.record_entry(
                check, actor=qc_a, item=bins, passed=False, remark="污迹", photo=[jpeg()]
            )
        else:
            checks.record_entry(check, actor=qc_a, item=bins, passed=True)
        checks.record_entry(check, actor=qc_a, item=lift, passed=True)
        checks.finish_check(check, actor=qc_a)
    rows = checks.recurring_problems(
        community_a,
        dt.date(2026, 11, 1),
        dt.date(2026, 11, 30),
        source=QualityCheck.objects.all(),
    )
    assert [(r["item"].text, r["count"], r["deducted"]) for r in rows] == [
        ("大堂地面无污渍", 3, Decimal("30"))
    ]
    assert [e.remark for e in rows[0]["entries"]] == ["水渍第1次", "水渍第2次", "水渍第3次"]
    two = checks.recurring_problems(
        community_a,
        dt.date(2026, 11, 1),
        dt.date(2026, 11, 30),
        source=QualityCheck.objects.all(),
        threshold=2,
    )
    assert [r["item"].text for r in two] == ["大堂地面无污渍", "垃圾桶外观清洁"]
    client = login(qc_a)
    query = "start=2026-11-01&end=2026-11-30"
    page = client.get(f"/quality/checks/recurring/?{query}", headers=ZH).content.decode()
    assert "大堂地面无污渍" in page and "垃圾桶外观清洁" not in page
    book = load_workbook(
        io.BytesIO(client.get(f"/quality/checks/recurring/?{query}&format=xlsx").content)
    )
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[1][0] == "大堂地面无污渍" and rows[1][3] == 3
    pdf = client.get(f"/quality/checks/recurring/?{query}&format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_qc5_sign_boards_are_checked_in_the_rounds(cleaning, community_a, qc_a):
    board = SignBoardFactory(community=community_a, code="BS-01", name="消防通道标识")
    check = checks.start_check(
        community_a,
        actor=qc_a,
        kind="spot",
        standard=cleaning["standard"],
        department=cleaning["department"],
    )
    with pytest.raises(DomainError) as refused:  # damaged needs a photo
        checks.record_entry(
            check, actor=qc_a, sign_board=board, condition="damaged", remark="字迹褪色"
        )
    assert refused.value.field == "photo"
    entry = checks.record_entry(
        check,
        actor=qc_a,
        sign_board=board,
        condition="damaged",
        remark="字迹褪色",
        photo=[jpeg()],
    )
    board.refresh_from_db()
    assert board.condition == "damaged" and board.last_checked_on == check.checked_on
    assert entry.work_order is not None and not entry.passed
    assert SignBoard.objects.get().pk == board.pk


@pytest.mark.django_db
def test_qua03_spot_check_on_the_phone_pages(cleaning, community_a, qc_a, login):
    client = login(qc_a)
    form = client.get("/quality/checks/add/", headers=ZH).content.decode()
    assert "品质抽检" in form and "夜间查岗" not in form  # only the kinds she may record
    started = client.post(
        "/quality/checks/add/",
        {
            "kind": "spot",
            "standard": cleaning["standard"].pk,
            "department": cleaning["department"].pk,
            "checked_on": "2026-12-01",
        },
    )
    assert started.status_code == 302, started.content.decode()[-2000:]
    url = started["Location"]
    page = client.get(url, headers=ZH).content.decode()
    assert "记录下一检查项" in page and "大堂地面无污渍" in page
    floor = cleaning["items"][0]
    refused = client.post(
        url, {"action": "record", "item": floor.pk, "passed": "no", "remark": "水渍"}, headers=ZH
    )
    assert refused.status_code == 400 and "请拍摄问题照片" in refused.content.decode()
    recorded = client.post(
        url,
        {"action": "record", "item": floor.pk, "passed": "no", "remark": "水渍", "photo": jpeg()},
    )
    assert recorded.status_code == 302
    entry = CheckEntry.objects.get()
    photo = client.get(f"/quality/checks/entries/{entry.pk}/photo/")
    assert photo.status_code == 200
    rules = client.get("/quality/checks/rules/", headers=ZH).content.decode()
    assert "每周品质抽检" in rules


@pytest.mark.django_db
def test_qua03_a_new_service_center_starts_from_the_usual_standards(
    community_a, qc_a, login, make_staff
):
    client = login(qc_a)
    page = client.get("/quality/standards/", headers=ZH).content.decode()
    assert 'data-testid="install-standards"' in page
    assert client.post("/quality/standards/install/").status_code == 302
    names = set(CheckStandard.objects.values_list("name", flat=True))
    assert {"保洁品质检查标准", "安全生产月度检查表", "电梯维保月度考评表"} <= names
    assert AssessmentItem.objects.filter(code="K01", points=Decimal("-5")).exists()
    count = len(names)
    client.post("/quality/standards/install/")  # again: nothing doubled
    assert CheckStandard.objects.count() == count
    page = client.get("/quality/standards/", headers=ZH).content.decode()
    assert 'data-testid="install-standards"' not in page
    # The cleaner may not.
    cleaner = login(make_staff(community_a, "CLN"))
    assert cleaner.post("/quality/standards/install/").status_code == 403


@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_qua03_one_item_recorded_from_two_phones_at_once_is_written_once(
    cleaning, community_a, qc_a
):
    """The same failed item sent twice at the same moment (a double tap on a slow network):
    one entry, one rectification order."""
    check = checks.start_check(
        community_a,
        actor=qc_a,
        kind="spot",
        standard=cleaning["standard"],
        department=cleaning["department"],
    )
    floor = cleaning["items"][0]
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def record():
        try:
            barrier.wait(timeout=10)
            outcomes.append(
                checks.record_entry(
                    check, actor=qc_a, item=floor, passed=False, remark="水渍", photo=[jpeg()]
                )
            )
        except DomainError as exc:
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=record) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(type(o).__name__ for o in outcomes) == ["CheckEntry", "DomainError"]
    assert CheckEntry.objects.count() == 1 and WorkOrder.objects.count() == 1
