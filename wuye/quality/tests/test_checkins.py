"""QUA-01: a task is walked on a phone — each checkpoint checked in by its code, its checklist
recorded; out of order or out of the window marked, not refused; a failed item (or a number
out of its limits, with a remark) is one finding with one rectification work order in
customer service, and closing that order closes the finding; the task is done when its whole
route has been checked in."""

import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from wuye.quality.models import CheckIn, Finding, InspectionTask
from wuye.quality.services import plans
from wuye.quality.tests.factories import (
    ChecklistItemFactory,
    CheckpointFactory,
    InspectionPlanFactory,
)
from wuye.service.models import WorkOrder
from wuye.service.services import close_order

SHANGHAI = ZoneInfo("Asia/Shanghai")
ZH = {"Accept-Language": "zh-hans"}


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "gray").save(buffer, "JPEG")
    return SimpleUploadedFile("found.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def walk(community_a, time_machine):
    """Today's 08:00–10:00 security patrol of three checkpoints: the pump room (pressure
    0.30–0.60 MPa, and the door locked), the garage (fire lane clear, photo required), the
    gate (nothing to check). Now is 08:30."""
    time_machine.move_to(dt.datetime(2026, 12, 7, 8, 30, tzinfo=SHANGHAI))
    pump = CheckpointFactory(community=community_a, code="XJ-01", name="水泵房")
    garage = CheckpointFactory(community=community_a, code="XJ-02", name="地下车库")
    gate = CheckpointFactory(community=community_a, code="XJ-03", name="北门")
    pressure = ChecklistItemFactory(
        community=community_a,
        checkpoint=pump,
        text="供水压力",
        kind="number",
        minimum=Decimal("0.30"),
        maximum=Decimal("0.60"),
        unit="MPa",
        position=1,
    )
    door = ChecklistItemFactory(community=community_a, checkpoint=pump, text="门已上锁", position=2)
    lane = ChecklistItemFactory(
        community=community_a, checkpoint=garage, text="消防通道畅通", photo_required=True
    )
    plan = InspectionPlanFactory(
        community=community_a, name="安保巡更", starts_on=dt.date(2026, 12, 1)
    )
    plans.set_route(plan, [pump, garage, gate])
    plans.generate_tasks(community_a, start=dt.date(2026, 12, 7), days=1)
    return {
        "task": InspectionTask.objects.get(plan=plan),
        "pressure": pressure,
        "door": door,
        "lane": lane,
    }


@pytest.mark.django_db
def test_qua01_a_walk_records_findings_as_work_orders_and_closes_them(
    walk, community_a, make_staff, login, mgr_a
):
    guard = make_staff(community_a, "SEC", username="patrol_guard")
    client = login(guard)
    url = f"/api/v1/inspection-tasks/{walk['task'].pk}/check-in/"
    # The garage first (out of the route's order): the fire lane blocked, with the photo.
    garage = client.post(
        url,
        {"code": "xj-02", f"result_{walk['lane'].pk}": "failed", "photo": jpeg()},
    )
    assert garage.status_code == 201, garage.content
    body = garage.json()
    assert body["out_of_order"] is True and body["out_of_window"] is False
    assert body["results"][0]["passed"] is False and body["results"][0]["work_order_number"]
    # The pump room: 0.25 MPa is below its limits, so it needs a remark.
    answers = {
        "code": "XJ-01",
        f"result_{walk['pressure'].pk}": "0.25",
        f"result_{walk['door'].pk}": "passed",
    }
    refused = client.post(url, answers, headers=ZH)
    assert refused.status_code == 400
    assert f"remark_{walk['pressure'].pk}" in refused.json()["error"]["fields"]
    assert CheckIn.objects.count() == 1
    pump = client.post(url, {**answers, f"remark_{walk['pressure'].pk}": "压力表读数偏低"})
    assert pump.status_code == 201, pump.content
    assert pump.json()["out_of_order"] is False and pump.json()["task_status"] == "open"
    findings = Finding.objects.order_by("pk")
    assert [f.checkpoint.code for f in findings] == ["XJ-02", "XJ-01"]
    assert findings[1].description == "供水压力 0.25MPa：压力表读数偏低"
    orders = WorkOrder.objects.order_by("pk")
    assert orders.count() == 2 and all(o.channel == "patrol" for o in orders)
    assert "XJ-01" in orders[1].description and orders[1].photos.count() == 0
    assert orders[0].photos.count() == 1
    twice = client.post(
        url, {**answers, f"remark_{walk['pressure'].pk}": "压力表读数偏低"}, headers=ZH
    )
    assert twice.status_code == 400 and "已签到" in twice.json()["error"]["message"]
    done = client.post(url, {"code": "XJ-03"})
    assert done.status_code == 201 and done.json()["task_status"] == "done"

    order = findings[1].work_order
    WorkOrder.objects.filter(pk=order.pk).update(status="completed")
    close_order(WorkOrder.objects.get(pk=order.pk), actor=mgr_a)
    assert Finding.objects.get(pk=findings[1].pk).status == "closed"
    assert Finding.objects.get(pk=findings[0].pk).status == "open"


@pytest.mark.django_db
def test_qua01_check_ins_refuse_bad_input_and_mark_lateness(
    walk, community_a, community_b, make_staff, login, time_machine
):
    """QUA-01: another center's checkpoint code, a code not on the route, a required photo
    missing, a file that is not a picture: a clear error and nothing saved; a check-in after
    the window is marked, not refused."""
    CheckpointFactory(community=community_b, code="XJ-09")
    CheckpointFactory(community=community_a, code="XJ-77")
    client = login(make_staff(community_a, "SEC", username="patrol_guard2"))
    url = f"/api/v1/inspection-tasks/{walk['task'].pk}/check-in/"
    for code in ("XJ-09", "XJ-77", ""):
        answer = client.post(url, {"code": code}, headers=ZH)
        assert answer.status_code == 400 and "code" in answer.json()["error"]["fields"], code
    no_photo = client.post(
        url, {"code": "XJ-02", f"result_{walk['lane'].pk}": "passed"}, headers=ZH
    )
    assert no_photo.status_code == 400 and "photo" in no_photo.json()["error"]["fields"]
    fake = client.post(
        url,
        {
            "code": "XJ-02",
            f"result_{walk['lane'].pk}": "passed",
            "photo": SimpleUploadedFile("x.jpg", b"not a picture"),
        },
        headers=ZH,
    )
    assert fake.status_code == 400
    assert not CheckIn.objects.exists() and not WorkOrder.objects.exists()
    time_machine.move_to(dt.datetime(2026, 12, 7, 10, 20, tzinfo=SHANGHAI))
    late = client.post(url, {"code": "XJ-03"})
    assert late.status_code == 201 and late.json()["out_of_window"] is True


@pytest.mark.django_db
def test_qua01_the_task_page_opens_a_checkpoint_by_its_code(walk, community_a, make_staff, login):
    """QUA-01 on the phone page: the code typed opens that checkpoint's checklist in Chinese;
    an unknown code says so; the check-in saved from the page shows on the route."""
    client = login(make_staff(community_a, "SEC", username="patrol_guard3"))
    task_url = walk["task"].get_absolute_url()
    unknown = client.get(task_url, {"code": "XJ-99"}, headers=ZH).content.decode()
    assert "不是本路线的巡查点" in unknown
    page = client.get(task_url, {"code": "xj-01"}, headers=ZH).content.decode()
    assert "供水压力" in page and "门已上锁" in page
    saved = client.post(
        task_url,
        {
            "_community": community_a.pk,
            "action": "check_in",
            "code": "XJ-01",
            f"result_{walk['pressure'].pk}": "0.45",
            f"result_{walk['door'].pk}": "passed",
        },
        headers=ZH,
    )
    assert saved.status_code == 302
    route = client.get(task_url, headers=ZH).content.decode()
    assert "08:30" in route and not Finding.objects.exists()
