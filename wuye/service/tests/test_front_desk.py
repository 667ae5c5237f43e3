"""SRV-07 duty log and handover, SRV-08 reception log, SRV-10 warranty defects."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.estate.tests.factories import VendorFactory
from wuye.service import services
from wuye.service.models import DutyLog, ReceptionLog, WarrantyClaim, WorkOrder
from wuye.service.tests.factories import WorkOrderFactory


@pytest.mark.django_db
def test_open_items_are_carried_to_the_next_shift_when_it_takes_over(
    community_a, csr_a, make_staff, login
):
    """SRV-07: the day shift notes two matters, settles one, hands over; the night shift
    acknowledges and finds the open one in its own log; supervisors mark the log."""
    night = make_staff(community_a, "CSR", username="csr_night")
    day = dt.date(2026, 11, 26)
    log = services.open_duty_log(
        community=community_a, desk="客服前台", date=day, shift="day", actor=csr_a
    )
    services.write_duty_log(log, actor=csr_a, notes="上午接待来访 12 人", item="3-2-1501 钥匙待取")
    services.write_duty_log(log, actor=csr_a, item="快递柜故障已报修")
    settled = log.items.get(text="快递柜故障已报修")
    with pytest.raises(DomainError):
        services.settle_duty_item(settled, actor=csr_a, note="")
    services.settle_duty_item(settled, actor=csr_a, note="工程部已修好")
    with pytest.raises(PermissionDeniedError):
        services.write_duty_log(log, actor=night, item="不是我的班")
    services.hand_over(log, to_user=night, actor=csr_a)
    with pytest.raises(DomainError):
        services.write_duty_log(log, actor=csr_a, item="交班后不能再写")
    with pytest.raises(PermissionDeniedError):
        services.acknowledge_handover(log, actor=csr_a)
    following = services.acknowledge_handover(log, actor=night)
    assert (following.date, following.shift, following.on_duty) == (day, "night", night)
    [carried] = following.items.all()
    assert carried.text == "3-2-1501 钥匙待取" and carried.carried_from.log == log
    log.refresh_from_db()
    assert log.status == "acknowledged" and log.acknowledged_at is not None
    with pytest.raises(PermissionDeniedError):
        services.review_duty_log(log, actor=night, mark="good")
    qc = make_staff(community_a, "QC")
    with pytest.raises(DomainError):
        services.review_duty_log(log, actor=qc, mark="issue", comment="")
    services.review_duty_log(log, actor=qc, mark="issue", comment="来访人数未分类登记")
    page = login(qc).get(log.get_absolute_url()).content.decode()
    assert "来访人数未分类登记" in page
    assert page.count('data-testid="carried-on"') == 1  # the open matter went to the night


@pytest.mark.django_db
def test_duty_log_pages(community_a, csr_a, login):
    client = login(csr_a)
    response = client.post(
        reverse("service:dutylog_open"),
        {"desk": "客服前台", "date": "2026-11-26", "shift": "day"},
    )
    log = DutyLog.objects.get()
    assert response["Location"] == log.get_absolute_url()
    client.post(log.get_absolute_url(), {"action": "write", "notes": "平稳", "item": "门禁卡待领"})
    assert log.items.get().text == "门禁卡待领"
    found = client.get(reverse("service:dutylog_list"), {"q": "门禁"})
    assert [row.pk for row in found.context["table"].data] == [log.pk]


@pytest.mark.django_db
def test_a_visit_is_logged_and_becomes_a_linked_work_order(
    community_a, csr_a, login, unit_3_2_1501
):
    """SRV-08: who came, why, who handled it; "register a work order" pre-fills the intake and
    links the order back to the visit."""
    client = login(csr_a)
    response = client.post(
        reverse("service:receptionlog_add"),
        {
            "visited_at": "2026-11-26T10:00",
            "visitor": "赵先生",
            "phone": "13600001234",
            "unit": "3-2-1501",
            "purpose": "repair",
            "matter": "阳台地漏返水",
            "handled_by": csr_a.pk,
        },
    )
    assert response.status_code == 302
    visit = ReceptionLog.objects.get()
    assert visit.unit == unit_3_2_1501
    intake = client.get(reverse("service:workorder_intake"), {"reception": visit.pk})
    form = intake.context["form"]
    assert form["description"].value() == "阳台地漏返水" and form["kind"].value() == "repair"
    client.post(
        reverse("service:workorder_intake"),
        {
            "reception": visit.pk,
            "reporter_phone": "13600001234",
            "reporter_name": "赵先生",
            "unit": "3-2-1501",
            "kind": "repair",
            "priority": "normal",
            "description": "阳台地漏返水",
            "channel": "front_desk",
        },
    )
    visit.refresh_from_db()
    assert visit.order == WorkOrder.objects.get()


@pytest.mark.django_db
def test_a_warranty_defect_is_forwarded_and_tracked(community_a, dsp_a, login):
    """SRV-10: only an order under warranty is forwarded, with a due date; it is overdue when
    the date passes unconfirmed; the repair is confirmed (or rejected with the reason)."""
    developer = VendorFactory(community=community_a, name="阳光地产开发有限公司")
    plain = WorkOrderFactory(community=community_a)
    with pytest.raises(DomainError):
        services.forward_to_warranty(
            plain, vendor=developer, due_date=timezone.localdate(), actor=dsp_a
        )
    order = WorkOrderFactory(community=community_a, under_warranty=True)
    with pytest.raises(DomainError):
        services.forward_to_warranty(
            order,
            vendor=developer,
            due_date=timezone.localdate() - dt.timedelta(days=1),
            actor=dsp_a,
        )
    client = login(dsp_a)
    due = timezone.localdate() + dt.timedelta(days=10)
    assert 'data-testid="forward-warranty"' in client.get(order.get_absolute_url()).content.decode()
    client.post(
        reverse("service:workorder_warranty", args=[order.pk]),
        {"action": "forward", "vendor": developer.pk, "due_date": due.isoformat()},
    )
    claim = WarrantyClaim.objects.get()
    assert claim.vendor == developer and claim.due_date == due and not claim.overdue
    WarrantyClaim.objects.filter(pk=claim.pk).update(
        due_date=timezone.localdate() - dt.timedelta(days=1)
    )
    listed = client.get(reverse("service:warrantyclaim_list"), {"overdue": "true"})
    assert [c.pk for c in listed.context["table"].data] == [claim.pk]
    with pytest.raises(DomainError):
        services.close_warranty(claim, actor=dsp_a, confirmed=False, reply="")
    client.post(
        claim.get_absolute_url(), {"action": "close", "confirmed": "true", "reply": "已更换窗框"}
    )
    claim.refresh_from_db()
    assert claim.status == "confirmed" and claim.closed_by == dsp_a
    assert order.events.filter(action="note").count() == 2


@pytest.mark.django_db
def test_front_desk_api(community_a, csr_a, dsp_a, make_staff, login, unit_3_2_1501):
    """SRV-07..10 under /api/v1/: a shift taken, written and handed over; a reception record;
    FAQ suggestions; a warranty claim forwarded and confirmed."""
    night = make_staff(community_a, "CSR", username="csr_night_api")
    client = login(csr_a)
    log = client.post(
        "/api/v1/duty-logs/",
        {"desk": "客服前台", "date": "2026-11-26", "shift": "day"},
        content_type="application/json",
    )
    assert log.status_code == 201, log.content
    log_id = log.json()["id"]
    written = client.post(
        f"/api/v1/duty-logs/{log_id}/write/",
        {"notes": "平稳", "item": "快递待取"},
        content_type="application/json",
    )
    assert [i["text"] for i in written.json()["items"]] == ["快递待取"]
    client.post(
        f"/api/v1/duty-logs/{log_id}/hand-over/",
        {"to_user": night.pk},
        content_type="application/json",
    )
    taken = login(night).post(f"/api/v1/duty-logs/{log_id}/acknowledge/")
    assert taken.status_code == 200 and taken.json()["shift"] == "night"
    assert [i["text"] for i in taken.json()["items"]] == ["快递待取"]

    visit = client.post(
        "/api/v1/reception-log/",
        {
            "visitor": "钱女士",
            "unit": "3-2-1501",
            "purpose": "inquiry",
            "matter": "咨询装修手续",
            "handled_by": csr_a.pk,
        },
        content_type="application/json",
    )
    assert visit.status_code == 201 and visit.json()["unit"] == unit_3_2_1501.pk

    from wuye.service.tests.factories import KnowledgeArticleFactory

    KnowledgeArticleFactory(community=community_a, title="装修手续办理", tags="装修 手续")
    found = client.get("/api/v1/faq-suggestions/", {"text": "我想办装修手续"}).json()
    assert [a["title"] for a in found] == ["装修手续办理"]

    developer = VendorFactory(community=community_a, name="开发商甲")
    order = WorkOrderFactory(community=community_a, under_warranty=True)
    dispatcher = login(dsp_a)
    claim = dispatcher.post(
        "/api/v1/warranty-claims/",
        {
            "order": order.pk,
            "vendor": developer.pk,
            "due_date": (timezone.localdate() + dt.timedelta(days=5)).isoformat(),
        },
        content_type="application/json",
    )
    assert claim.status_code == 201, claim.content
    closed = dispatcher.post(
        f"/api/v1/warranty-claims/{claim.json()['id']}/close/",
        {"confirmed": True, "reply": "已修复"},
        content_type="application/json",
    )
    assert closed.json()["status"] == "confirmed"
