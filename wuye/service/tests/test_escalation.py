"""SRV-03 escalation chain, step by step with a time machine: the assignee is reminded before
the limit, the dispatcher and CS supervisor are told at the limit, the manager at twice the
limit; each step once; paused orders wait; a major complaint reaches the manager at once and
stays on his list (MGR-6)."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from wuye.service import escalation, services
from wuye.service.models import Escalation
from wuye.service.tests.conftest import sent_to

SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(*args):
    return dt.datetime(*args, tzinfo=SH)


@pytest.fixture
def order(community_a, dsp_a, tech_a):
    """A grade-2 urgent repair registered at 10:00: accept by 10:15, on site by 11:00,
    complete by 10:00 the next day."""
    community_a.service_grade = "2"
    community_a.save()
    with time_machine.travel(at(2026, 11, 26, 10, 0), tick=False):
        order = services.register_order(
            community=community_a,
            actor=dsp_a,
            kind="repair",
            channel="hotline",
            priority="urgent",
            place="5栋电梯",
            description="电梯困人",
        )
        services.dispatch_order(order, assignee=tech_a, actor=dsp_a)
    return order


def run(community, *moment):
    with time_machine.travel(at(*moment), tick=False):
        from django.db import transaction

        with transaction.atomic():  # the SMS go out on commit
            return escalation.check_deadlines(community)


@pytest.mark.django_db(transaction=True)
def test_the_chain_step_by_step(community_a, order, tech_a, dsp_a, css_a, mgr_a):
    """Accept-by 10:15 with a 30-minute reminder window: 10:00 nothing new… 10:16 overdue to
    DSP and CSS… 10:31 (twice the 15 minutes) to the manager."""
    assert order.response_due == at(2026, 11, 26, 10, 15)
    steps = run(community_a, 2026, 11, 26, 9, 40)
    assert steps == []
    steps = run(community_a, 2026, 11, 26, 9, 50)  # 25 min before: reminder only
    assert [(s.level, s.deadline) for s in steps] == [("reminder", "response")]
    assert sent_to(tech_a) and not sent_to(dsp_a)
    assert run(community_a, 2026, 11, 26, 9, 55) == []  # once only
    steps = run(community_a, 2026, 11, 26, 10, 16)
    assert {(s.level, s.deadline) for s in steps} == {("breach", "response")}
    assert sent_to(dsp_a) and sent_to(css_a) and not sent_to(mgr_a)
    steps = run(community_a, 2026, 11, 26, 10, 31)
    assert {(s.level, s.deadline) for s in steps} == {
        ("manager", "response"),
        ("reminder", "arrival"),  # on site by 11:00 is now within 30 minutes
    }
    assert sent_to(mgr_a)
    assert Escalation.objects.count() == 4
    # SRV-03: the reminders before a limit are labelled as reminders on the timeline, the
    # overdue steps as escalations (超时升级).
    assert order.events.filter(action="remind").count() == 2
    assert order.events.filter(action="escalate").count() == 2


@pytest.mark.django_db(transaction=True)
def test_met_limits_and_paused_orders_do_not_escalate(community_a, order, tech_a, dsp_a):
    with time_machine.travel(at(2026, 11, 26, 10, 5), tick=False):
        services.accept_order(order, actor=tech_a)
        services.pause_order(order, actor=dsp_a, note="业主不在家，约明天")
    assert run(community_a, 2026, 11, 27, 12, 0) == []  # paused: the clocks stand still
    assert not Escalation.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_major_complaint_reaches_the_manager_at_once(
    community_a, dsp_a, mgr_a, make_staff, login
):
    """MGR-6: a major complaint goes to the manager when registered and stays on his list
    until it is closed."""
    complaint = services.register_order(
        community=community_a,
        actor=dsp_a,
        kind="complaint",
        channel="referral",
        priority="urgent",
        place="小区南门",
        description="12345转办：保安态度恶劣",
        is_major=True,
    )
    assert Escalation.objects.get(order=complaint).level == "major"
    assert sent_to(mgr_a)
    listed = login(mgr_a).get(reverse("service:workorder_list"), {"state": "major"})
    assert complaint.number in listed.content.decode()
    home = login(mgr_a).get(reverse("home")).content.decode()
    assert reverse("service:workorder_list") + "?state=major" in home
