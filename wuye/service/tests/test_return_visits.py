"""SRV-04: return visits after completion; an unsatisfied visit reopens the order with new
time limits and tells the assignee; an unreachable resident leaves the visit to redo."""

import pytest

from wuye.core.errors import DomainError
from wuye.service import services
from wuye.service.models import ReturnVisit, WorkOrder
from wuye.service.tests.conftest import sent_to


def completed_complaint(community, dsp, worker):
    order = services.register_order(
        community=community,
        actor=dsp,
        kind="complaint",
        channel="hotline",
        priority="normal",
        place="1栋楼道",
        description="楼道垃圾三天没清",
    )
    services.dispatch_order(order, assignee=worker, actor=dsp)
    services.accept_order(order, actor=worker)
    services.complete_order(order, actor=worker, result="已清理并加强巡查")
    return WorkOrder.objects.get(pk=order.pk)


@pytest.mark.django_db(transaction=True)
def test_an_unsatisfied_visit_reopens_the_order(community_a, dsp_a, csr_a, make_staff):
    cleaner = make_staff(community_a, "CLN")
    order = completed_complaint(community_a, dsp_a, cleaner)
    visit = ReturnVisit.objects.get(order=order)
    assert visit.status == "due"
    with pytest.raises(DomainError):
        services.close_order(order, actor=csr_a)  # the visit comes first
    with pytest.raises(DomainError):
        services.record_visit(visit, actor=csr_a, reached=True, score=None)
    services.record_visit(visit, actor=csr_a, reached=True, score=2, comment="还是很脏")
    order.refresh_from_db()
    visit.refresh_from_db()
    assert visit.reopened_order and visit.score == 2
    assert order.status == "dispatched" and order.assignee == cleaner and order.reopened == 1
    assert order.completed_at is None and order.completion_due > order.dispatched_at
    assert [e.action for e in order.events.all()][-2:] == ["visit", "reopen"]
    assert any("还是很脏" in text for text in sent_to(cleaner))
    # Worked again, visited again, satisfied this time: closed.
    services.accept_order(order, actor=cleaner)
    services.complete_order(order, actor=cleaner, result="彻底清理，每日两次巡查")
    second = ReturnVisit.objects.get(order=order, status="due")
    services.record_visit(second, actor=csr_a, reached=True, score=4)
    assert WorkOrder.objects.get(pk=order.pk).status == "closed"


@pytest.mark.django_db
def test_an_unreachable_resident_leaves_the_order_completed(community_a, dsp_a, csr_a):
    order = completed_complaint(community_a, dsp_a, csr_a)
    visit = ReturnVisit.objects.get(order=order)
    services.record_visit(visit, actor=csr_a, reached=False, comment="电话无人接听")
    visit.refresh_from_db()
    assert visit.status == "unreachable"
    assert WorkOrder.objects.get(pk=order.pk).status == "completed"
