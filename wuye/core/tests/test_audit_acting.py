"""PLT-04: an event records whether its actor acted by an acting-manager delegation, with as few
queries as possible (every payment at the counter writes one)."""

import datetime as dt

import pytest
from django.utils import timezone

from wuye.core.audit import record_event
from wuye.org import services


@pytest.mark.django_db
def test_an_assistant_acting_for_the_manager_is_marked(community_a, mgr_a, ast_a):
    today = timezone.localdate()
    services.grant_delegation(
        community=community_a,
        delegator=mgr_a,
        delegate=ast_a,
        start_date=today,
        end_date=today + dt.timedelta(days=1),
        reason="出差",
        actor=mgr_a,
    )
    assert record_event(verb="demo", actor=ast_a, community=community_a).acting_manager
    assert not record_event(verb="demo", actor=mgr_a, community=community_a).acting_manager


@pytest.mark.django_db
def test_an_event_without_a_delegation_costs_one_lookup(
    community_a, make_staff, django_assert_num_queries
):
    cashier = make_staff(community_a, "CSH")
    with django_assert_num_queries(2):  # the delegation look-up and the insert
        event = record_event(verb="demo", actor=cashier, community=community_a)
    assert not event.acting_manager
    with django_assert_num_queries(1):  # the service knew already: only the insert
        event = record_event(
            verb="demo", actor=cashier, community=community_a, acting_manager=False
        )
    assert not event.acting_manager
