"""PLT-03: acting-manager delegation — MGR rights for the assistant only inside the dates."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from wuye.core.access import posts_in
from wuye.core.errors import DomainError
from wuye.core.models import Event
from wuye.org import services
from wuye.org.models import Zone

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def delegation(community_a, mgr_a, ast_a):
    with time_machine.travel(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        return services.grant_delegation(
            community=community_a,
            delegator=mgr_a,
            delegate=ast_a,
            start_date=dt.date(2026, 12, 1),
            end_date=dt.date(2026, 12, 7),
            reason="项目经理休假",
            actor=mgr_a,
        )


@pytest.mark.parametrize(
    ("day", "acting"),
    [
        (dt.date(2026, 11, 30), False),
        (dt.date(2026, 12, 1), True),
        (dt.date(2026, 12, 7), True),
        (dt.date(2026, 12, 8), False),
    ],
)
@pytest.mark.django_db
def test_assistant_holds_manager_rights_only_inside_the_dates(
    day, acting, delegation, community_a, ast_a, login
):
    """PLT-03 (AST-1): the delegate is MGR from the first to the last day, not a day more."""
    with time_machine.travel(dt.datetime.combine(day, dt.time(10, 0), tzinfo=dt.UTC), tick=False):
        posts, is_acting = posts_in(ast_a, community_a)
        assert ("MGR" in posts) is acting
        assert is_acting is acting
        response = login(ast_a).get(reverse("core:audit"))  # an MGR-only page
        assert response.status_code == (200 if acting else 403)


@pytest.mark.django_db
def test_revoked_delegation_ends_the_rights_at_once(delegation, community_a, mgr_a, ast_a):
    """PLT-03: revoking stops the manager rights immediately and is recorded."""
    with time_machine.travel(dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC), tick=False):
        assert "MGR" in posts_in(ast_a, community_a)[0]
        services.revoke_delegation(delegation, actor=mgr_a)
        assert "MGR" not in posts_in(ast_a, community_a)[0]
        with pytest.raises(DomainError):
            services.revoke_delegation(delegation, actor=mgr_a)
    assert Event.objects.filter(verb="delegation.revoked", target_id=str(delegation.pk)).exists()


@pytest.mark.django_db
def test_actions_taken_as_acting_manager_are_marked_in_the_audit(
    delegation, community_a, ast_a, login
):
    """PLT-03/PLT-04: what the delegate does with MGR rights is audited as such."""
    with time_machine.travel(dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.UTC), tick=False):
        client = login(ast_a)
        response = client.post(reverse("org:department_add"), {"kind": "ENG", "name": "工程二部"})
        assert response.status_code == 302
        event = Event.objects.get(verb="department.created")
        assert event.actor == ast_a
        assert event.acting_manager is True
    granted = Event.objects.get(verb="delegation.granted")
    assert granted.data["start"] == "2026-12-01" and granted.data["end"] == "2026-12-07"


@pytest.mark.django_db
def test_grant_refuses_bad_delegations(community_a, mgr_a, ast_a, make_staff, delegation):
    """PLT-03: only the MGR delegates, only to an AST, end after start, no overlap; nothing saved."""
    csr = make_staff(community_a, "CSR")
    cases = [
        {"delegator": csr, "delegate": ast_a, "start_date": TODAY, "end_date": TODAY},
        {"delegator": mgr_a, "delegate": csr, "start_date": TODAY, "end_date": TODAY},
        {
            "delegator": mgr_a,
            "delegate": ast_a,
            "start_date": TODAY,
            "end_date": TODAY - dt.timedelta(days=1),
        },
        {
            "delegator": mgr_a,
            "delegate": ast_a,
            "start_date": dt.date(2026, 12, 5),
            "end_date": dt.date(2026, 12, 9),
        },
    ]
    before = community_a.delegation_set.count()
    for case in cases:
        with pytest.raises(DomainError):
            services.grant_delegation(community=community_a, reason="测试", actor=mgr_a, **case)
    assert community_a.delegation_set.count() == before


@pytest.mark.django_db
def test_delegation_form_shows_the_reason_for_refusal(community_a, mgr_a, ast_a, login):
    """PLT-03: the page says why (end before start) and saves nothing."""
    response = login(mgr_a).post(
        reverse("org:delegation_add"),
        {
            "delegator": mgr_a.pk,
            "delegate": ast_a.pk,
            "start_date": "2026-12-10",
            "end_date": "2026-12-01",
            "reason": "x",
        },
    )
    assert response.status_code == 400
    assert community_a.delegation_set.count() == 0


@pytest.mark.django_db
def test_delegation_in_another_community_gives_nothing_here(
    community_a, community_b, ast_a, make_staff
):
    """PLT-03: a delegation is per community."""
    mgr_b = make_staff(community_b, "MGR")
    ast_a_in_b = make_staff(community_b, "AST", username=ast_a.username)
    services.grant_delegation(
        community=community_b,
        delegator=mgr_b,
        delegate=ast_a_in_b,
        start_date=TODAY - dt.timedelta(days=1),
        end_date=TODAY + dt.timedelta(days=30),
        reason="培训",
        actor=mgr_b,
    )
    assert "MGR" not in posts_in(ast_a, community_a)[0]
    assert "MGR" in posts_in(ast_a, community_b)[0]
    assert not Zone.objects.exists()
