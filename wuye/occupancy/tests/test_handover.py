"""OCC-01 (MGR-2): handover acceptance from the developer — the standard checklist by system,
inspection rounds, each defect forwarded to the developer as a work order under warranty
(SRV-10's claims), re-inspected until fixed, and the signed acceptance record with the list of
defects still open."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from wuye.estate.tests.factories import BuildingFactory, VendorFactory
from wuye.occupancy.choices import HANDOVER_CHECKLIST
from wuye.occupancy.models import Handover, HandoverDefect
from wuye.service.models import WarrantyClaim, WorkOrder

ZH = {"Accept-Language": "zh-hans"}


def jpeg(name="defect.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "gray").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def phase(community_a):
    """Phase two, buildings 5 and 6, handed over by 华景地产."""
    return {
        "buildings": [
            BuildingFactory(community=community_a, number="5", sort_key=5),
            BuildingFactory(community=community_a, number="6", sort_key=6),
        ],
        "developer": VendorFactory(
            community=community_a, name="华景地产开发有限公司", category="developer"
        ),
    }


def start(client, phase, **changes):
    data = {
        "name": "二期 5–6 栋承接查验",
        "buildings": [b.pk for b in phase["buildings"]],
        "developer": phase["developer"].pk,
        "started_on": f"{timezone.localdate() - dt.timedelta(days=10):%Y-%m-%d}",
    }
    data.update(changes)
    return client.post("/api/v1/handovers/", data, content_type="application/json")


def round_body(handover, results, day=None):
    body = {
        "inspected_on": f"{day or timezone.localdate():%Y-%m-%d}",
        "inspectors": "王工、李工",
    }
    body.update({f"check_{pk}": result for pk, result in results.items()})
    return body


@pytest.mark.django_db
def test_occ01_a_handover_is_inspected_forwarded_rechecked_and_signed(
    phase, mgr_a, login, rendered_pdfs
):
    """OCC-01: started with the standard checklist; round 1 fails the fire pressure item and a
    defect is forwarded to the developer (a warranty work order, due in 15 days); signing is
    refused while items are unchecked; round 2 checks the rest and finds one defect fixed
    (the developer's repair confirmed on the claim), the other not; the record signed lists the
    open defect only."""
    client = login(mgr_a)
    made = start(client, phase)
    assert made.status_code == 201, made.content
    handover = Handover.objects.get()
    assert handover.number == f"CJ{timezone.localdate().year}0001"
    checks = list(handover.checks.order_by("position"))
    assert len(checks) == sum(len(items) for items in HANDOVER_CHECKLIST.values())
    assert {c.system for c in checks} == {str(s) for s in HANDOVER_CHECKLIST}
    url = f"/api/v1/handovers/{handover.pk}"

    fire = next(c for c in checks if c.item.startswith("喷淋"))
    first = {c.pk: "passed" for c in checks[:10]} | {fire.pk: "failed"}
    answer = client.post(
        f"{url}/round/", round_body(handover, first), content_type="application/json"
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["sequence"] == 1
    fire.refresh_from_db()
    assert fire.result == "failed"

    due = timezone.localdate() + dt.timedelta(days=15)
    defects = []
    for location, description in (
        ("地下车库 B2 东侧", "喷淋管网末端压力不足"),
        ("5 栋屋面", "防水卷材起鼓"),
    ):
        answer = client.post(
            f"{url}/defect/",
            {
                "system": "fire" if "喷淋" in description else "structure",
                "building": phase["buildings"][0].pk,
                "location": location,
                "description": description,
                "severity": "critical" if "喷淋" in description else "major",
                "due_date": f"{due:%Y-%m-%d}",
                "photo": jpeg(),
            },
        )
        assert answer.status_code == 201, answer.content
        defects.append(HandoverDefect.objects.get(pk=answer.json()["id"]))
    order = defects[0].work_order
    assert order.under_warranty and order.kind == "repair" and order.priority == "urgent"
    assert "喷淋管网末端压力不足" in order.description and order.place.startswith("5栋")
    claim = WarrantyClaim.objects.get(order=order)
    assert claim.vendor == phase["developer"] and claim.due_date == due
    assert claim.status == "forwarded"
    assert defects[0].photo

    refused = client.post(
        f"{url}/accept/",
        {
            "accepted_on": f"{timezone.localdate():%Y-%m-%d}",
            "developer_signatory": "陈经理",
            "our_signatory": "张项目经理",
        },
        content_type="application/json",
        headers=ZH,
    )
    assert refused.status_code == 400 and "尚未查验" in refused.json()["error"]["message"]

    rest = {c.pk: "passed" for c in checks[10:]}
    answer = client.post(
        f"{url}/round/", round_body(handover, rest), content_type="application/json"
    )
    assert answer.status_code == 201 and answer.json()["sequence"] == 2
    fixed = client.post(
        f"/api/v1/handover-defects/{defects[0].pk}/recheck/",
        {"fixed": True, "note": "加压泵调试后压力正常"},
        content_type="application/json",
    )
    assert fixed.status_code == 200, fixed.content
    assert fixed.json()["status"] == "fixed"
    claim.refresh_from_db()
    assert claim.status == "confirmed"
    not_yet = client.post(
        f"/api/v1/handover-defects/{defects[1].pk}/recheck/",
        {"fixed": False, "note": "仍有两处起鼓"},
        content_type="application/json",
    )
    assert not_yet.status_code == 200 and not_yet.json()["status"] == "open"

    signed = client.post(
        f"{url}/accept/",
        {
            "accepted_on": f"{timezone.localdate():%Y-%m-%d}",
            "developer_signatory": "陈经理",
            "our_signatory": "张项目经理",
            "conclusion": "同意承接，遗留问题限期整改",
        },
        content_type="application/json",
    )
    assert signed.status_code == 200, signed.content
    assert signed.json()["status"] == "accepted"
    pdf = client.get(f"/occupancy/handovers/{handover.pk}/pdf/", headers=ZH)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    html = rendered_pdfs[-1]
    assert "物业承接查验记录" in html and "华景地产开发有限公司" in html
    assert "防水卷材起鼓" in html and "喷淋管网末端压力不足" not in html
    assert "共 1 项；已整改合格 1 项" in html
    late = client.post(f"{url}/round/", round_body(handover, rest), content_type="application/json")
    assert late.status_code == 400 and late.json()["error"]["code"] == "wrong_status"


@pytest.mark.django_db
def test_occ01_bad_input_is_refused_and_nothing_is_saved(
    phase, mgr_a, login, community_b, make_staff, community_a
):
    """OCC-01: a building of another service center, a defect before any round or in a
    building not handed over, a re-inspection in the round that found it, a round in the
    future, an unknown result: a clear error and nothing saved; only the manager signs."""
    client = login(mgr_a)
    other = BuildingFactory(community=community_b, number="9")
    assert start(client, phase, buildings=[other.pk]).status_code == 400
    assert start(client, phase, name="").status_code == 400
    assert not Handover.objects.exists()
    handover_id = start(client, phase).json()["id"]
    url = f"/api/v1/handovers/{handover_id}"
    defect = {
        "system": "water",
        "location": "水泵房",
        "description": "水泵漏水",
        "severity": "major",
        "due_date": f"{timezone.localdate() + dt.timedelta(days=7):%Y-%m-%d}",
    }
    early = client.post(f"{url}/defect/", defect, headers=ZH)
    assert early.status_code == 400 and "先记录查验轮次" in early.json()["error"]["message"]
    handover = Handover.objects.get()
    check = handover.checks.first()
    for results, day in (
        ({check.pk: "maybe"}, None),
        ({}, None),
        ({check.pk: "passed"}, timezone.localdate() + dt.timedelta(days=1)),
    ):
        bad = client.post(
            f"{url}/round/", round_body(handover, results, day), content_type="application/json"
        )
        assert bad.status_code == 400, (results, bad.content)
    assert not handover.rounds.exists()
    client.post(
        f"{url}/round/", round_body(handover, {check.pk: "failed"}), content_type="application/json"
    )
    elsewhere = BuildingFactory(community=community_a, number="12")
    wrong = client.post(f"{url}/defect/", {**defect, "building": elsewhere.pk}, headers=ZH)
    assert wrong.status_code == 400 and "building" in wrong.json()["error"]["fields"]
    past = client.post(f"{url}/defect/", {**defect, "due_date": "2020-01-01"}, headers=ZH)
    assert past.status_code == 400 and "due_date" in past.json()["error"]["fields"]
    not_photo = client.post(
        f"{url}/defect/",
        {**defect, "photo": SimpleUploadedFile("x.jpg", b"not a picture")},
        headers=ZH,
    )
    assert not_photo.status_code == 400
    assert not HandoverDefect.objects.exists() and not WorkOrder.objects.exists()
    made = client.post(f"{url}/defect/", defect)
    assert made.status_code == 201
    same_round = client.post(
        f"/api/v1/handover-defects/{made.json()['id']}/recheck/",
        {"fixed": True},
        content_type="application/json",
        headers=ZH,
    )
    assert same_round.status_code == 400 and "复验" in same_round.json()["error"]["message"]
    assistant = login(make_staff(community_a, "AST", username="ast_handover"))
    refused = assistant.post(
        f"{url}/accept/",
        {
            "accepted_on": f"{timezone.localdate():%Y-%m-%d}",
            "developer_signatory": "陈经理",
            "our_signatory": "李助理",
        },
        content_type="application/json",
    )
    assert refused.status_code == 403


@pytest.mark.django_db
def test_occ01_the_page_groups_the_checklist_by_system_in_chinese(phase, mgr_a, login):
    """OCC-01 on the page: the round form lists the items under their systems in Chinese; a
    round saved from the page shows its results; a defect recorded opens its own page."""
    client = login(mgr_a)
    handover_id = start(client, phase).json()["id"]
    page = client.get(f"/occupancy/handovers/{handover_id}/", headers=ZH)
    html = page.content.decode()
    assert page.status_code == 200
    for words in ("消防", "电梯", "资料与图纸", "本轮未查验", "记录查验轮次"):
        assert words in html, words
    handover = Handover.objects.get()
    first = handover.checks.order_by("position").first()
    saved = client.post(
        f"/occupancy/handovers/{handover_id}/",
        {
            "_community": handover.community.pk,
            "action": "round",
            "inspected_on": f"{timezone.localdate():%Y-%m-%d}",
            "inspectors": "王工",
            f"check_{first.pk}": "failed",
        },
        headers=ZH,
    )
    assert saved.status_code == 302
    first.refresh_from_db()
    assert first.result == "failed"
    recorded = client.post(
        f"/occupancy/handovers/{handover_id}/",
        {
            "_community": handover.community.pk,
            "action": "defect",
            "system": "structure",
            "location": "6 栋外墙",
            "description": "外墙砖空鼓",
            "severity": "minor",
            "due_date": f"{timezone.localdate() + dt.timedelta(days=30):%Y-%m-%d}",
        },
        headers=ZH,
    )
    defect = HandoverDefect.objects.get()
    assert recorded.status_code == 302 and recorded["Location"] == defect.get_absolute_url()
    page = client.get(defect.get_absolute_url(), headers=ZH)
    assert page.status_code == 200 and defect.work_order.number in page.content.decode()
