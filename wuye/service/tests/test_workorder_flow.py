"""SRV-01/SRV-02: one status model, one transition map — every illegal move refused; the happy
path leaves a timeline; only the right people move an order."""

import itertools

import pytest

from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.service import services
from wuye.service.choices import TRANSITIONS, OrderStatus
from wuye.service.models import ReturnVisit, WorkOrder
from wuye.service.services.workflow import move
from wuye.service.tests.factories import WorkOrderFactory


def register(community, actor, unit, **extra):
    fields = {
        "kind": "repair",
        "channel": "hotline",
        "priority": "normal",
        "unit": unit,
        "description": "卫生间地漏堵塞",
        **extra,
    }
    return services.register_order(community=community, actor=actor, **fields)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "action"), list(itertools.product(OrderStatus.values, TRANSITIONS))
)
def test_every_move_outside_the_map_is_refused(community_a, dsp_a, status, action):
    """SRV-02: for every status × action, the map decides; anything else is refused and the
    order is unchanged."""
    order = WorkOrderFactory(community=community_a, status=status, paused_from="dispatched")
    sources, target = TRANSITIONS[action]
    if status in sources:
        move(order, action, actor=dsp_a)
        order.refresh_from_db()
        assert order.status == (target or "dispatched")
        assert order.events.get().action == action
    else:
        with pytest.raises(DomainError):
            move(order, action, actor=dsp_a)
        order.refresh_from_db()
        assert order.status == status and not order.events.exists()


@pytest.mark.django_db
def test_a_repair_from_hotline_to_closed(community_a, dsp_a, tech_a, csr_a, unit_3_2_1501):
    """SRV-01/02/04: registered → dispatched → accepted → arrived → completed → visited →
    closed, each step on the timeline with its actor."""
    order = register(community_a, dsp_a, unit_3_2_1501)
    assert order.number.startswith("GD") and order.status == "registered"
    assert order.response_due and order.completion_due
    services.dispatch_order(order, assignee=tech_a, actor=dsp_a)
    services.accept_order(order, actor=tech_a)
    services.arrive_order(order, actor=tech_a)
    services.complete_order(order, actor=tech_a, result="疏通地漏，更换地漏芯")
    visit = ReturnVisit.objects.get(order=order)
    services.record_visit(visit, actor=csr_a, reached=True, score=5, comment="很满意")
    order.refresh_from_db()
    assert order.status == "closed" and order.satisfaction == 5
    assert list(order.events.values_list("action", flat=True)) == [
        "register",
        "dispatch",
        "accept",
        "arrive",
        "complete",
        "visit",
        "close",
    ]
    dispatch = order.events.get(action="dispatch")
    assert dispatch.created_by == dsp_a and dispatch.assignee == tech_a


@pytest.mark.django_db
def test_only_the_right_people_move_an_order(
    community_a, dsp_a, tech_a, tech_b_of_a, unit_3_2_1501
):
    order = register(community_a, dsp_a, unit_3_2_1501)
    with pytest.raises(PermissionDeniedError):
        services.dispatch_order(order, assignee=tech_a, actor=tech_a)  # technicians don't dispatch
    services.dispatch_order(order, assignee=tech_a, actor=dsp_a)
    with pytest.raises(PermissionDeniedError):
        services.accept_order(order, actor=tech_b_of_a)  # not his order
    services.accept_order(order, actor=tech_a)
    assert WorkOrder.objects.get().accepted_at is not None


@pytest.mark.django_db
def test_reasons_are_required_and_a_return_goes_back_to_dispatch(
    community_a, dsp_a, tech_a, tech_b_of_a, unit_3_2_1501
):
    """SRV-02: returned by the assignee (with a reason) it waits for dispatch again; a reassign
    needs a reason; a cancel needs a reason and is never a delete."""
    order = register(community_a, dsp_a, unit_3_2_1501)
    services.dispatch_order(order, assignee=tech_a, actor=dsp_a)
    with pytest.raises(DomainError):
        services.return_order(order, actor=tech_a, note=" ")
    services.return_order(order, actor=tech_a, note="不是水电类，是土建")
    order.refresh_from_db()
    assert order.status == "registered" and order.assignee is None
    services.dispatch_order(order, assignee=tech_a, actor=dsp_a)
    with pytest.raises(DomainError):
        services.reassign_order(order, assignee=tech_b_of_a, actor=dsp_a, note="")
    services.reassign_order(order, assignee=tech_b_of_a, actor=dsp_a, note="换人")
    assert WorkOrder.objects.get().assignee == tech_b_of_a
    with pytest.raises(DomainError):
        services.cancel_order(order, actor=dsp_a, note="")
    services.cancel_order(order, actor=dsp_a, note="重复登记")
    assert WorkOrder.objects.get().status == "cancelled"


@pytest.mark.django_db
def test_bad_registrations_are_refused(community_a, dsp_a, unit_3_2_1501):
    with pytest.raises(DomainError):
        register(community_a, dsp_a, None)  # no unit, no place
    with pytest.raises(DomainError):
        register(community_a, dsp_a, unit_3_2_1501, description="  ")
    with pytest.raises(DomainError):
        register(community_a, dsp_a, unit_3_2_1501, is_major=True)  # only complaints are major
    assert not WorkOrder.objects.exists()


@pytest.mark.django_db
def test_inquiries_close_at_completion_and_repairs_follow_the_visit_share(
    community_a, dsp_a, csr_a, unit_3_2_1501
):
    """SRV-04: inquiries need no visit; repairs are visited by the configured share."""
    from wuye.service.models import ServicePolicy

    inquiry = register(community_a, dsp_a, unit_3_2_1501, kind="inquiry")
    services.dispatch_order(inquiry, assignee=csr_a, actor=dsp_a)
    services.accept_order(inquiry, actor=csr_a)
    services.complete_order(inquiry, actor=csr_a, result="已电话答复")
    inquiry.refresh_from_db()
    assert inquiry.status == "closed" and not inquiry.visits.exists()
    ServicePolicy.objects.create(community=community_a, repair_visit_percent=0)
    repair = register(community_a, dsp_a, unit_3_2_1501)
    services.dispatch_order(repair, assignee=csr_a, actor=dsp_a)
    services.accept_order(repair, actor=csr_a)
    services.complete_order(repair, actor=csr_a, result="已修好")
    assert WorkOrder.objects.get(pk=repair.pk).status == "closed"


@pytest.mark.django_db
def test_the_reporter_is_told_by_sms_when_registered_and_when_done(
    community_a, dsp_a, tech_a, unit_3_2_1501, django_capture_on_commit_callbacks
):
    from wuye.service.tests.conftest import sent_to

    class Caller:
        phone = "13700001111"

    with django_capture_on_commit_callbacks(execute=True):
        order = register(community_a, dsp_a, unit_3_2_1501, reporter_phone=Caller.phone)
    [registered] = sent_to(Caller)
    assert order.number in registered
    with django_capture_on_commit_callbacks(execute=True):
        services.dispatch_order(order, assignee=tech_a, actor=dsp_a)
        services.accept_order(order, actor=tech_a)
        services.complete_order(order, actor=tech_a, result="已疏通")
    assert len(sent_to(Caller)) == 2 and "已疏通" in sent_to(Caller)[1]
    assert sent_to(tech_a)  # the assignee heard of the new order too
