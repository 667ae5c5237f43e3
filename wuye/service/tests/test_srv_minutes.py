"""Customer service to the minute (SRV-03, SRV-04, SRV-06), with a moved clock: the acting
manager receives what the manager would, complaints within 24 hours, KPIs that survive reopen
and cancel, reminders after a reassignment, resume and met limits, escalating by hand."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.db import transaction
from django.urls import reverse

from wuye.core.access import actor_can
from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.org.tests.factories import DelegationFactory
from wuye.service import escalation, reports, services
from wuye.service.models import Escalation, ReturnVisit, WorkOrder
from wuye.service.tests.conftest import sent_to
from wuye.service.tests.factories import CategoryFactory, TimeLimitFactory

SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(*args):
    return dt.datetime(*args, tzinfo=SH)


def register(community, actor, **fields):
    values = {
        "kind": "repair",
        "channel": "hotline",
        "priority": "normal",
        "place": "5栋大堂",
        "description": "灯不亮",
        **fields,
    }
    return services.register_order(community=community, actor=actor, **values)


def check(community, *moment):
    with time_machine.travel(at(*moment), tick=False), transaction.atomic():
        return escalation.check_deadlines(community)


@pytest.mark.django_db(transaction=True)
def test_acting_manager_receives_what_the_manager_would(community_a, dsp_a, mgr_a, ast_a):
    """SRV-03, MGR-6: while a dated delegation is in effect the acting manager is told of a
    major complaint as the manager is (who still gets it, to read when back); before and
    after it, only the manager."""
    DelegationFactory(
        community=community_a,
        delegator=mgr_a,
        delegate=ast_a,
        start_date=dt.date(2026, 12, 1),
        end_date=dt.date(2026, 12, 5),
    )
    for day, acting in ((dt.date(2026, 11, 30), False), (dt.date(2026, 12, 3), True)):
        with time_machine.travel(at(day.year, day.month, day.day, 10), tick=False):
            before = len(sent_to(ast_a)), len(sent_to(mgr_a))
            with transaction.atomic():
                register(
                    community_a,
                    dsp_a,
                    kind="complaint",
                    priority="urgent",
                    description="保安态度恶劣",
                    is_major=True,
                )
            assert len(sent_to(mgr_a)) == before[1] + 1
            assert len(sent_to(ast_a)) == before[0] + (1 if acting else 0)


@pytest.mark.django_db
def test_a_complaint_is_completed_within_24_hours_whatever_its_category_says(community_a, dsp_a):
    """SRV-03 (AST-5): a complaint's completion limit is never later than 24 clock hours (the
    community's setting); a tighter category limit wins; a repair keeps its own limit."""
    slow = CategoryFactory(community=community_a, name="公共设施")
    # Three working days (8:30–17:30): far beyond 24 clock hours.
    TimeLimitFactory(
        community=community_a,
        category=slow,
        completion_minutes=3 * 9 * 60,
        calendar="working",
    )
    quick = CategoryFactory(community=community_a, name="噪音")
    TimeLimitFactory(community=community_a, category=quick, completion_minutes=4 * 60)
    with time_machine.travel(at(2026, 12, 1, 10), tick=False):
        complaint = register(community_a, dsp_a, kind="complaint", category=slow)
        repair = register(community_a, dsp_a, kind="repair", category=slow)
        tight = register(community_a, dsp_a, kind="complaint", category=quick)
        policy = services.policy_for(community_a)
        policy.complaint_hours = 12
        policy.save()
        twelve = register(community_a, dsp_a, kind="complaint", category=slow)
    assert complaint.completion_due == at(2026, 12, 2, 10)
    assert repair.completion_due > at(2026, 12, 3, 17)  # its own three working days
    assert tight.completion_due == at(2026, 12, 1, 14)
    assert twelve.completion_due == at(2026, 12, 1, 22)


@pytest.fixture
def completed(community_a, dsp_a, tech_a):
    """A repair accepted 20 minutes after registration, completed the same morning."""
    with time_machine.travel(at(2026, 12, 1, 9), tick=False):
        order = register(community_a, dsp_a)
        services.dispatch_order(order, assignee=tech_a, actor=dsp_a)
    with time_machine.travel(at(2026, 12, 1, 9, 20), tick=False):
        services.accept_order(order, actor=tech_a)
    with time_machine.travel(at(2026, 12, 1, 11), tick=False):
        services.complete_order(order, actor=tech_a, result="换灯管")
    return WorkOrder.objects.get(pk=order.pk)


@pytest.mark.django_db
def test_a_completed_order_is_never_cancelled_out_of_the_kpis(
    community_a, completed, dsp_a, tech_a
):
    """SRV-06: after a completion an order cannot be cancelled — reopened or not — so the
    month's figures keep it."""
    services.reopen_order(completed, actor=dsp_a, note="业主来电：灯又不亮")
    with pytest.raises(DomainError, match="不能取消|cannot be cancelled"):
        services.cancel_order(completed, actor=dsp_a, note="重复")
    counted = reports.kpis(WorkOrder.objects.filter(community=community_a))
    assert counted["completed"] == 1


@pytest.mark.django_db
def test_a_manual_reopen_voids_the_due_visit_and_the_next_completion_queues_one(
    community_a, completed, dsp_a, tech_a, csr_a
):
    """SRV-04: reopening by hand voids the visit waiting for the first completion (no visit
    stuck, and it can no longer be marked “could not reach”); completing again queues a new
    one."""
    first = ReturnVisit.objects.get(order=completed)
    assert first.status == "due"
    services.reopen_order(completed, actor=dsp_a, note="业主来电：灯又不亮")
    first.refresh_from_db()
    assert first.status == "void"
    with pytest.raises(DomainError, match="回访已失效|no longer open"):
        services.record_visit(first, actor=csr_a, reached=False)
    services.accept_order(completed, actor=tech_a)
    services.complete_order(completed, actor=tech_a, result="更换镇流器")
    assert list(
        ReturnVisit.objects.filter(order=completed, status="due").values_list("pk", flat=True)
    ) not in ([], [first.pk])
    services.record_visit(
        ReturnVisit.objects.get(order=completed, status="due"), actor=csr_a, reached=False
    )


@pytest.mark.django_db
def test_time_to_accept_counts_the_first_acceptance(
    community_a, completed, dsp_a, tech_a, tech_b_of_a
):
    """SRV-06: a reopened order accepted again a day later does not change how fast it was
    first accepted (20 minutes)."""
    with time_machine.travel(at(2026, 12, 2, 9), tick=False):
        services.reopen_order(completed, actor=dsp_a, note="又坏了")
        services.reassign_order(completed, assignee=tech_b_of_a, actor=dsp_a, note="换人")
    with time_machine.travel(at(2026, 12, 2, 15), tick=False):
        services.accept_order(completed, actor=tech_b_of_a)
    figures = reports.durations(WorkOrder.objects.filter(pk=completed.pk))
    assert figures["response"] == 20


@pytest.mark.django_db(transaction=True)
def test_after_a_reassignment_the_new_assignee_is_reminded(community_a, dsp_a, tech_a, tech_b_of_a):
    """SRV-03: the reminder before the response limit went to the first assignee; passed on
    to another, the order reminds him too (once)."""
    with time_machine.travel(at(2026, 12, 1, 10), tick=False):
        order = register(community_a, dsp_a, priority="urgent")
        services.dispatch_order(order, assignee=tech_a, actor=dsp_a)
    due = WorkOrder.objects.get(pk=order.pk).response_due
    reminder_at = due - dt.timedelta(minutes=5)
    moment = reminder_at.astimezone(SH).timetuple()[:5]
    assert ("reminder", "response") in {(s.level, s.deadline) for s in check(community_a, *moment)}
    assert sent_to(tech_a) and not sent_to(tech_b_of_a)
    with time_machine.travel(reminder_at + dt.timedelta(minutes=1), tick=False):
        services.reassign_order(order, assignee=tech_b_of_a, actor=dsp_a, note="他更近")
    later = (reminder_at + dt.timedelta(minutes=2)).astimezone(SH).timetuple()[:5]
    steps = {(s.level, s.deadline) for s in check(community_a, *later)}
    assert ("reminder", "response") in steps
    assert sent_to(tech_b_of_a)
    assert check(community_a, *later) == []  # once for him too


@pytest.mark.django_db
def test_resume_moves_only_the_limits_not_yet_met(community_a, completed, dsp_a, tech_a):
    """SRV-03: a pause after acceptance moves the pending limits on by the time it stood
    still; the response limit, already met, stays where it was."""
    with time_machine.travel(at(2026, 12, 2, 9), tick=False):
        services.reopen_order(completed, actor=dsp_a, note="又坏了")
        services.accept_order(completed, actor=tech_a)
        order = WorkOrder.objects.get(pk=completed.pk)
        response_due, completion_due = order.response_due, order.completion_due
        services.pause_order(order, actor=dsp_a, note="等配件")
    with time_machine.travel(at(2026, 12, 2, 11), tick=False):
        services.resume_order(order, actor=dsp_a)
    order.refresh_from_db()
    assert order.response_due == response_due
    assert order.completion_due == completion_due + dt.timedelta(hours=2)


@pytest.mark.django_db(transaction=True)
def test_csr_and_css_escalate_by_hand_to_the_next_level(
    community_a, dsp_a, csr_a, css_a, mgr_a, tech_a, login
):
    """SRV-03 (CSR-2, CSS-3): a CSR reports an order upward with the reason — the dispatcher
    and CS supervisor are told; the CSS takes it to the manager; no level above that. A
    technician cannot; a reason is required."""
    with time_machine.travel(at(2026, 12, 1, 10), tick=False), transaction.atomic():
        order = register(community_a, dsp_a, kind="complaint")
    with pytest.raises(PermissionDeniedError):
        services.escalate_order(order, actor=tech_a, reason="急")
    with pytest.raises(DomainError):
        services.escalate_order(order, actor=csr_a, reason=" ")
    page = login(csr_a).post(
        reverse("service:workorder_action", args=[order.pk]),
        {"action": "escalate", "note": "业主情绪激动，扬言投诉12345", "_community": community_a.pk},
        follow=True,
    )
    step = Escalation.objects.get(order=order)
    assert (step.level, step.escalated_by, step.reason) == (
        "breach",
        csr_a,
        "业主情绪激动，扬言投诉12345",
    )
    assert sent_to(dsp_a) and sent_to(css_a) and not sent_to(mgr_a)
    assert "已升级" in page.content.decode()
    with transaction.atomic():
        services.escalate_order(order, actor=css_a, reason="当班无法处理")
    assert Escalation.objects.filter(order=order, level="manager").exists()
    assert sent_to(mgr_a)
    with pytest.raises(DomainError, match="经理|manager"):
        services.escalate_order(order, actor=css_a, reason="再报")
    assert order.events.filter(action="escalate").count() == 2


@pytest.mark.django_db
def test_the_assistant_manager_and_qc_have_the_permissions_their_duties_need(
    community_a, ast_a, make_staff
):
    """AST-5, AST-8: the assistant manager records reception entries, dispatches orders and
    reviews duty logs; QC-4, QC-12: QC reads the duty log and records official visits."""
    qc = make_staff(community_a, "QC")
    for code in ("service.reception.change", "service.order.dispatch", "service.duty.review"):
        assert actor_can(ast_a, community_a, code), code
    for code in ("service.duty.view", "service.reception.change"):
        assert actor_can(qc, community_a, code), code


@pytest.mark.django_db
def test_service_screens_as_the_desk_uses_them(community_a, completed, dsp_a, tech_a, csr_a, login):
    """SRV-02/04: the board shows the orders with someone (dispatched, accepted, on site),
    with their status; a return visit shows whom to call and has no score chosen beforehand;
    a task card has one button that completes."""
    with time_machine.travel(at(2026, 12, 1, 9), tick=False):
        busy = register(community_a, dsp_a, description="水管漏水")
        services.dispatch_order(busy, assignee=tech_a, actor=dsp_a)
    board = login(dsp_a).get(reverse("service:board"))
    column = board.context["in_progress"]
    assert [o.number for o in column] == [busy.number]
    assert 'data-testid="board-in-progress"' in board.content.decode()
    WorkOrder.objects.filter(pk=completed.pk).update(
        reporter_name="李女士", reporter_phone="13800138000"
    )
    visit = ReturnVisit.objects.get(order=completed)
    page = login(csr_a).get(reverse("service:returnvisit_detail", args=[visit.pk])).content.decode()
    caller = page[page.index('data-testid="caller"') :][:400]
    assert "李女士" in caller and 'href="tel:13800138000"' in caller
    scores = [line for line in page.split("<input") if 'name="score"' in line]
    assert len(scores) == 5 and not any("checked" in line for line in scores)
    services.accept_order(busy, actor=tech_a)
    tasks = login(tech_a).get(reverse("service:my_tasks")).content.decode()
    assert tasks.count('data-testid="complete"') == 1
