"""SRV-01..10 edge cases found in review: only real pictures are stored and served; read-only
posts cannot write on an order; another community's records stay unknown; bad input is refused
with a message; a returned order leaves the technician cleanly; unreachable residents do not
block closing; the escalation pass skips steps already taken."""

import datetime as dt
import io
import zoneinfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.core.menu import menu_for
from wuye.estate.tests.factories import VendorFactory
from wuye.service import escalation, services
from wuye.service.models import KnowledgeArticle, ReturnVisit, WorkOrder, WorkOrderPhoto
from wuye.service.tests.factories import ReceptionLogFactory, WorkOrderFactory

SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def png(name="p.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.mark.django_db
def test_only_pictures_are_stored_and_they_are_served_as_pictures(
    community_a, dsp_a, login, unit_3_2_1501
):
    fake = SimpleUploadedFile("evil.html", b"<script>alert(1)</script>", content_type="text/html")
    renamed = SimpleUploadedFile("evil.png", b"<script>alert(1)</script>", content_type="image/png")
    for bad in (fake, renamed):
        with pytest.raises(DomainError):
            services.register_order(
                community=community_a,
                actor=dsp_a,
                kind="repair",
                channel="hotline",
                unit=unit_3_2_1501,
                description="x",
                photos=[png(), bad],
            )
    assert not WorkOrder.objects.exists() and not WorkOrderPhoto.objects.exists()
    order = services.register_order(
        community=community_a,
        actor=dsp_a,
        kind="repair",
        channel="hotline",
        unit=unit_3_2_1501,
        description="x",
        photos=[png()],
    )
    response = login(dsp_a).get(order.photos.get().get_absolute_url())
    assert response["Content-Type"] == "image/png"
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_read_only_posts_cannot_write_on_an_order(community_a, make_staff, login):
    order = WorkOrderFactory(community=community_a)
    cashier = make_staff(community_a, "CSH")
    with pytest.raises(PermissionDeniedError):
        services.add_note(order, actor=cashier, note="随便写写")
    response = login(cashier).post(
        f"/api/v1/work-orders/{order.pk}/note/", {"note": "x"}, content_type="application/json"
    )
    assert response.status_code == 403 and not order.events.exists()


@pytest.mark.django_db
def test_the_warranty_api_says_nothing_about_another_communitys_orders(
    community_a, community_b, dsp_a, login
):
    foreign = WorkOrderFactory(community=community_b, under_warranty=True)
    vendor = VendorFactory(community=community_a)
    client = login(dsp_a)
    answers = set()
    for order_id in (foreign.pk, 999999):
        response = client.post(
            "/api/v1/warranty-claims/",
            {"order": order_id, "vendor": vendor.pk, "due_date": "2030-01-01"},
            content_type="application/json",
        )
        assert response.status_code == 400
        answers.add(str(response.json()))
    assert len(answers) == 1


@pytest.mark.django_db
def test_intake_uses_a_reception_record_only_for_those_who_keep_the_log(community_a, tech_a, login):
    visit = ReceptionLogFactory(community=community_a, phone="13600009999", visitor="孙先生")
    page = login(tech_a).get(reverse("service:workorder_intake"), {"reception": visit.pk})
    assert "孙先生" not in page.content.decode()
    with pytest.raises(PermissionDeniedError):
        services.link_reception(visit, WorkOrderFactory(community=community_a), actor=tech_a)


@pytest.mark.django_db
def test_bad_input_is_refused_with_a_message(community_a, make_staff, dsp_a, login):
    css = make_staff(community_a, "CSS")
    client = login(css)
    data = {"topic": "收费", "title": "物业费标准", "answer": "2.5 元/㎡·月", "is_published": "on"}
    assert client.post(reverse("service:knowledgearticle_add"), data).status_code == 302
    again = client.post(reverse("service:knowledgearticle_add"), data)
    assert again.status_code == 400 and "title" in again.context["form"].errors
    assert KnowledgeArticle.objects.count() == 1
    with pytest.raises(DomainError):
        services.register_order(
            community=community_a,
            actor=dsp_a,
            kind="repair",
            channel="hotline",
            place="会所",
            description="有偿维修",
            is_paid=True,
        )


@pytest.mark.django_db
def test_a_returned_order_leaves_the_technician_cleanly(community_a, dsp_a, tech_a, login):
    order = WorkOrderFactory(community=community_a, status="dispatched", assignee=tech_a)
    response = login(tech_a).post(
        f"/api/v1/work-orders/{order.pk}/return/",
        {"note": "不是我负责的片区"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "registered"
    order2 = WorkOrderFactory(community=community_a, status="dispatched", assignee=tech_a)
    page = login(tech_a).post(
        reverse("service:workorder_action", args=[order2.pk]),
        {"action": "return", "note": "工种不对"},
    )
    assert page["Location"] == reverse("service:my_tasks")


@pytest.mark.django_db
def test_an_unreachable_resident_does_not_keep_the_order_open_forever(
    community_a, dsp_a, csr_a, login
):
    order = WorkOrderFactory(community=community_a, status="completed", kind="complaint")
    visit = ReturnVisit.objects.create(
        community=community_a, order=order, due_date=dt.date(2026, 11, 20)
    )
    services.record_visit(visit, actor=csr_a, reached=False, comment="三次未接")
    listed = login(csr_a).get(reverse("service:returnvisit_list"), {"due": "true"})
    assert [v.pk for v in listed.context["table"].data] == [visit.pk]  # to retry
    login(csr_a).post(reverse("service:workorder_action", args=[order.pk]), {"action": "close"})
    assert WorkOrder.objects.get(pk=order.pk).status == "closed"


@pytest.mark.django_db
def test_field_staff_see_their_tasks_on_the_home_page_and_the_office_sees_every_page(
    community_a, tech_a, mgr_a, login
):
    from wuye.core.access import get_access

    home = login(tech_a).get(reverse("home"))
    assert home.status_code == 302 and home.url == reverse("service:my_tasks")
    request = login(mgr_a).get(reverse("home")).wsgi_request
    urls = {item["url"] for group in menu_for(get_access(request), "/") for item in group["items"]}
    for name in (
        "service:weekly_report",
        "service:dutylog_list",
        "service:receptionlog_list",
        "service:warrantyclaim_list",
        "service:knowledgearticle_list",
    ):
        assert reverse(name) in urls, name


@pytest.mark.django_db
def test_pause_and_resume_on_the_working_hours_calendar(community_a, dsp_a, tech_a):
    """SRV-03: due Friday 17:00 in working hours; paused from Friday 16:30 to Monday 09:30, two
    working hours stood still (16:30–17:30 and 08:30–09:30), so the due time moves two working
    hours: Friday 17:00 → Monday 10:00 (30 minutes left, as when it was paused)."""
    from wuye.service.models import TimeLimit

    TimeLimit.objects.create(
        community=community_a,
        priority="normal",
        response_minutes=60,
        completion_minutes=8 * 60,
        calendar="working",
    )
    with time_machine.travel(dt.datetime(2026, 11, 27, 9, 0, tzinfo=SH), tick=False):
        order = services.register_order(
            community=community_a,
            actor=dsp_a,
            kind="request",
            channel="hotline",
            place="会所",
            description="借用会议室",
        )
    assert order.completion_due == dt.datetime(2026, 11, 27, 17, 30, tzinfo=SH) - dt.timedelta(
        minutes=30
    )
    services.dispatch_order(order, assignee=tech_a, actor=dsp_a)
    with time_machine.travel(dt.datetime(2026, 11, 27, 16, 30, tzinfo=SH), tick=False):
        services.pause_order(order, actor=dsp_a, note="等业主确认")
    with time_machine.travel(dt.datetime(2026, 11, 30, 9, 30, tzinfo=SH), tick=False):
        services.resume_order(order, actor=dsp_a)
    order.refresh_from_db()
    assert order.paused_minutes == 120
    assert order.completion_due == dt.datetime(2026, 11, 30, 10, 0, tzinfo=SH)


@pytest.mark.django_db
def test_a_second_escalation_pass_costs_few_queries(
    community_a, dsp_a, tech_a, django_assert_max_num_queries
):
    for _ in range(5):
        WorkOrderFactory(
            community=community_a,
            status="dispatched",
            assignee=tech_a,
            response_due=dt.datetime(2026, 11, 1, tzinfo=SH),
            completion_due=dt.datetime(2026, 11, 2, tzinfo=SH),
            created_at=dt.datetime(2026, 10, 31, tzinfo=SH),
        )
    escalation.check_deadlines(community_a)
    with django_assert_max_num_queries(16):
        assert escalation.check_deadlines(community_a) == []


@pytest.mark.django_db
def test_documents_are_attached_checked_and_downloaded(community_a, dsp_a, tech_a, login):
    """SRV-01: attachments (a 12345 referral letter as PDF) at registration and later; anything
    that is not a PDF, Word or Excel file is refused; they download, never open inline."""
    letter = SimpleUploadedFile("转办函.pdf", b"%PDF-1.4 referral", content_type="application/pdf")
    order = services.register_order(
        community=community_a,
        actor=dsp_a,
        kind="complaint",
        channel="referral",
        place="南门",
        description="12345转办",
        attachments=[letter],
    )
    document = order.attachments.get()
    response = login(dsp_a).get(document.get_absolute_url())
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    fake = SimpleUploadedFile("x.pdf", b"<html>", content_type="application/pdf")
    page = login(dsp_a).post(
        reverse("service:workorder_attach", args=[order.pk]), {"attachments": fake}
    )
    assert page.status_code == 302 and order.attachments.count() == 1
    assert login(tech_a).get(document.get_absolute_url()).status_code == 404  # not his order
