"""COM-06 (QC-8..12): community activities — places counted in people, the waiting list in
order when full (or a clear refusal when the activity keeps none), a cancellation moving the
list up, check-in on the day, the summary; resident groups."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from wuye.community.choices import SignUpStatus
from wuye.community.models import Activity, SignUp
from wuye.community.services import activities
from wuye.core.errors import DomainError

ZH = {"Accept-Language": "zh-hans"}
START = dt.datetime(2026, 12, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def qc(community_a, make_staff):
    return make_staff(community_a, "QC")


def activity(community, actor, **values):
    defaults = {
        "title": "元旦亲子手工活动",
        "category": "children",
        "planned_month": dt.date(2026, 12, 1),
        "starts_at": START,
        "ends_at": START + dt.timedelta(hours=2),
        "place": "会所二楼",
        "capacity": 10,
    }
    created = activities.create_activity(community=community, actor=actor, **{**defaults, **values})
    return activities.open_signups(created, actor=actor)


def sign(a, actor, phone, party=1, name="业主"):
    return activities.sign_up(a, actor=actor, name=name, phone=phone, party=party)


@pytest.mark.django_db
def test_com06_capacity_in_people_and_the_waiting_list_in_order(community_a, qc):
    a = activity(community_a, qc, capacity=10)
    first = sign(a, qc, "13900000001", party=4)
    second = sign(a, qc, "13900000002", party=5)
    assert first.status == second.status == SignUpStatus.CONFIRMED
    third = sign(a, qc, "13900000003", party=3)  # 9 taken, 3 do not fit
    fourth = sign(a, qc, "13900000004", party=1)  # one place left, but the list is first
    assert third.status == fourth.status == SignUpStatus.WAITING
    assert activities.places_taken(a) == 9
    # The family of five cancels: the waiting list moves up in order (3, then 1).
    promoted = activities.cancel_signup(a, actor=qc, signup=second)
    assert [s.phone for s in promoted] == ["13900000003", "13900000004"]
    assert activities.places_taken(a) == 8
    # Check-in on the day, then the summary counts who came.
    activities.check_in(a, actor=qc, signup=first)
    with pytest.raises(DomainError):
        activities.check_in(a, actor=qc, signup=first)
    held = activities.finish_activity(a, actor=qc, summary="12组家庭参加，气氛热烈")
    assert held.attended == 4 and held.status == "done"


@pytest.mark.django_db
def test_com06_full_without_waiting_list_is_refused_and_nothing_saved(community_a, qc, login):
    a = activity(community_a, qc, capacity=2, waitlist=False)
    sign(a, qc, "13900000011", party=2)
    with pytest.raises(DomainError, match="名额已满"):
        sign(a, qc, "13900000012")
    response = login(qc).post(
        f"/community/activities/{a.pk}/",
        {"action": "sign_up", "name": "李四", "phone": "13900000013", "party": "1"},
        headers=ZH,
    )
    assert response.status_code == 400 and "名额已满" in response.content.decode()
    assert SignUp.objects.count() == 1
    with pytest.raises(DomainError, match="已报名"):
        sign(a, qc, "13900000011")


@pytest.mark.django_db
def test_com06_no_sign_up_before_opening_or_after_the_deadline(community_a, qc, time_machine):
    planned = activities.create_activity(
        community=community_a,
        actor=qc,
        title="重阳敬老",
        category="elderly",
        planned_month=dt.date(2026, 10, 1),
    )
    with pytest.raises(DomainError):
        sign(planned, qc, "13900000021")
    with pytest.raises(DomainError, match="开始时间"):
        activities.open_signups(planned, actor=qc)
    time_machine.move_to(dt.datetime(2026, 12, 1, tzinfo=dt.UTC), tick=False)
    a = activity(community_a, qc, signup_deadline=dt.datetime(2026, 12, 10, tzinfo=dt.UTC))
    time_machine.move_to(dt.datetime(2026, 12, 11, tzinfo=dt.UTC), tick=False)
    with pytest.raises(DomainError, match="截止"):
        sign(a, qc, "13900000022")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL")
def test_com06_sign_ups_at_once_never_overfill(community_a, make_staff):
    qc = make_staff(community_a, "QC")
    a = activity(community_a, qc, capacity=5, waitlist=False)
    workers = 8
    barrier = threading.Barrier(workers)
    outcomes: list[str] = []

    def household(n):
        try:
            barrier.wait(timeout=10)
            sign(Activity.objects.get(pk=a.pk), qc, f"1390000{n:04d}")
            outcomes.append("in")
        except DomainError:
            outcomes.append("full")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=household, args=(n,)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert outcomes.count("in") == 5 and outcomes.count("full") == 3
    assert activities.places_taken(a) == 5
