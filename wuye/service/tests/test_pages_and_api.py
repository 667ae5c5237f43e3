"""SRV-01/02 pages and API: hotline intake recognises the caller by phone; the order page
moves the order; a technician sees only his own tasks (phone list); the dispatcher's board;
the API takes the same actions and refuses an illegal one."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from wuye.estate.tests.factories import PersonFactory, UnitRelationFactory
from wuye.service import services
from wuye.service.models import WorkOrder
from wuye.service.tests.factories import CategoryFactory, WorkOrderFactory


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return SimpleUploadedFile("done.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def caller(community_a, unit_3_2_1501):
    import datetime as dt

    person = PersonFactory(community=community_a, name="王芳", phone="13900001111")
    UnitRelationFactory(
        community=community_a,
        unit=unit_3_2_1501,
        person=person,
        role="owner",
        start_date=dt.date(2020, 1, 1),
    )
    return person


@pytest.mark.django_db
def test_hotline_intake_finds_the_caller_and_registers(
    community_a, dsp_a, login, caller, unit_3_2_1501
):
    """SRV-01: phone → caller and unit recognised → category → description → one submit."""
    client = login(dsp_a)
    leak = CategoryFactory(community=community_a, name="漏水")
    card = client.get(
        reverse("service:workorder_intake"),
        {"reporter_phone": "139 0000 1111"},
        headers={"HX-Request": "true", "HX-Target": "caller"},
    ).content.decode()
    assert "王芳" in card and "3-2-1501" in card
    data = {
        "reporter_phone": "13900001111",
        "unit": "3-2-1501",
        "kind": "repair",
        "category": leak.pk,
        "priority": "urgent",
        "description": "楼上漏水到我家客厅",
        "channel": "hotline",
    }
    bad = client.post(reverse("service:workorder_intake"), {**data, "unit": "", "place": ""})
    assert bad.status_code == 400 and not WorkOrder.objects.exists()
    response = client.post(reverse("service:workorder_intake"), {**data, "photos": png()})
    order = WorkOrder.objects.get()
    assert order.photos.get().stage == "report"
    assert response["Location"] == order.get_absolute_url()
    assert order.reporter == caller and order.reporter_name == "王芳"
    assert order.unit == unit_3_2_1501 and order.category == leak and order.priority == "urgent"


@pytest.mark.django_db
def test_the_order_page_dispatches_and_the_technician_completes_on_the_phone(
    community_a, dsp_a, tech_a, tech_b_of_a, login, unit_3_2_1501
):
    order = services.register_order(
        community=community_a,
        actor=dsp_a,
        kind="repair",
        channel="hotline",
        unit=unit_3_2_1501,
        description="门禁卡失灵",
    )
    dispatcher = login(dsp_a)
    page = dispatcher.get(order.get_absolute_url()).content.decode()
    assert 'data-testid="dispatch"' in page
    dispatcher.post(
        reverse("service:workorder_action", args=[order.pk]),
        {"action": "dispatch", "assignee": tech_a.pk},
    )
    assert WorkOrder.objects.get().assignee == tech_a
    technician = login(tech_a)
    tasks = technician.get(reverse("service:my_tasks")).content.decode()
    assert order.number in tasks and 'data-testid="accept"' in tasks
    act = reverse("service:workorder_action", args=[order.pk])
    technician.post(act, {"action": "accept", "next": reverse("service:my_tasks")})
    technician.post(act, {"action": "arrive"})
    technician.post(act, {"action": "complete", "result": "", "photos": png()})
    assert WorkOrder.objects.get().status == "arrived"  # "what was done" is required
    technician.post(act, {"action": "complete", "result": "更换读卡器", "photos": png()})
    order.refresh_from_db()
    assert order.status == "completed" and order.photos.get().stage == "done"
    photo = technician.get(order.photos.get().get_absolute_url())
    assert photo.status_code == 200
    # Another technician neither sees the order nor its photo.
    other = login(tech_b_of_a)
    assert other.get(order.get_absolute_url()).status_code == 404
    assert other.get(order.photos.get().get_absolute_url()).status_code == 404
    assert order.number not in other.get(reverse("service:workorder_list")).content.decode()


@pytest.mark.django_db
def test_an_illegal_action_from_the_page_changes_nothing(community_a, dsp_a, login):
    order = WorkOrderFactory(community=community_a, status="registered")
    response = login(dsp_a).post(
        reverse("service:workorder_action", args=[order.pk]), {"action": "arrive"}, follow=True
    )
    assert WorkOrder.objects.get().status == "registered"
    assert not order.events.exists()
    [message] = [str(m) for m in response.context["messages"]]
    assert "已登记" in message and "已到场" in message


@pytest.mark.django_db
def test_the_dispatch_board(community_a, dsp_a, login, django_assert_max_num_queries):
    import datetime as dt

    from django.utils import timezone

    WorkOrderFactory.create_batch(3, community=community_a, status="registered")
    late = WorkOrderFactory(
        community=community_a,
        status="accepted",
        completion_due=timezone.now() - dt.timedelta(hours=1),
    )
    client = login(dsp_a)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("service:board")).content.decode()
    assert late.number in page and 'data-testid="board-overdue"' in page
    partial = client.get(
        reverse("service:board"), headers={"HX-Request": "true", "HX-Target": "board"}
    ).content.decode()
    assert partial.strip().startswith('<div id="board"') and late.number in partial


@pytest.mark.django_db
def test_the_api_moves_orders_and_refuses_illegal_moves(
    community_a, dsp_a, tech_a, login, unit_3_2_1501
):
    client = login(dsp_a)
    created = client.post(
        "/api/v1/work-orders/",
        {"unit": "3-2-1501", "kind": "repair", "channel": "portal", "description": "灯不亮"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    order_id = created.json()["id"]
    assert created.json()["status"] == "registered" and created.json()["number"].startswith("GD")
    illegal = client.post(
        f"/api/v1/work-orders/{order_id}/accept/", content_type="application/json"
    )
    assert illegal.status_code == 400 or illegal.status_code == 403
    dispatched = client.post(
        f"/api/v1/work-orders/{order_id}/dispatch/",
        {"assignee": tech_a.pk},
        content_type="application/json",
    )
    assert dispatched.status_code == 200 and dispatched.json()["status"] == "dispatched"
    tech = login(tech_a)
    assert tech.post(f"/api/v1/work-orders/{order_id}/accept/").status_code == 200
    done = tech.post(
        f"/api/v1/work-orders/{order_id}/complete/",
        {"result": "更换灯泡"},
        content_type="application/json",
    )
    assert done.json()["status"] == "completed"
    events = client.get(f"/api/v1/work-orders/{order_id}/events/").json()
    assert [e["action"] for e in events] == ["register", "dispatch", "accept", "complete"]
    again = tech.post(
        f"/api/v1/work-orders/{order_id}/complete/",
        {"result": "x"},
        content_type="application/json",
    )
    assert again.status_code == 400


@pytest.mark.django_db
def test_dispatch_suggests_the_zone_csr_and_the_department_least_loaded_first(
    community_a, dsp_a, make_staff, login, unit_3_2_1501
):
    """SRV-02: suggestions from the rules — category → department, zone → CSR — with each
    person's open orders; the choice can still be anyone."""
    from wuye.org.models import Department, Membership, Zone

    zone = Zone.objects.create(community=community_a, code="A1", name="一区")
    unit_3_2_1501.building.zone = zone
    unit_3_2_1501.building.save()
    engineering = Department.objects.create(community=community_a, kind="ENG", name="工程部")
    busy = make_staff(community_a, "TECH", username="tech_busy", name="忙师傅")
    free = make_staff(community_a, "TECH", username="tech_free", name="闲师傅")
    csr = make_staff(community_a, "CSR", username="csr_zone", name="片区客服")
    Membership.objects.filter(user__in=[busy, free]).update(department=engineering)
    Membership.objects.get(user=csr).zones.add(zone)
    WorkOrderFactory(community=community_a, status="accepted", assignee=busy, unit=unit_3_2_1501)
    water = CategoryFactory(community=community_a, name="水电", department=engineering)
    leak = CategoryFactory(community=community_a, name="漏水", parent=water, level=2)
    repair = services.register_order(
        community=community_a,
        actor=dsp_a,
        kind="repair",
        channel="hotline",
        category=leak,
        unit=unit_3_2_1501,
        description="漏水",
    )
    assert [(s["user"], s["open"]) for s in services.suggest_assignees(repair)] == [
        (free, 0),
        (busy, 1),
    ]
    complaint = services.register_order(
        community=community_a,
        actor=dsp_a,
        kind="complaint",
        channel="hotline",
        unit=unit_3_2_1501,
        description="保洁不到位",
    )
    [suggestion] = services.suggest_assignees(complaint)
    assert suggestion["user"] == csr and "一区" in suggestion["reason"]
    client = login(dsp_a)
    assert 'data-testid="suggestions"' in client.get(repair.get_absolute_url()).content.decode()
    client.post(
        reverse("service:workorder_action", args=[repair.pk]),
        {"action": "dispatch", "assignee": free.pk, "assignee_other": busy.pk},
    )
    assert WorkOrder.objects.get(pk=repair.pk).assignee == busy  # the list overrides the pick
