"""Reads whose SQL is built once (`core.prepared.Prepared`, the counter's hot path, BIL-06):
the same rows as the ORM gives for every value, on SQLite and on PostgreSQL."""

import datetime as dt

import pytest

from wuye.core.prepared import Prepared
from wuye.org.models import Delegation, Membership
from wuye.org.tests.factories import DelegationFactory


def posts(user_id, community_id):
    return (
        Membership.objects.filter(user_id=user_id, community_id=community_id, is_active=True)
        .order_by("post")
        .values_list("post")
    )


@pytest.mark.django_db
def test_the_same_rows_as_the_orm_for_other_values(community_a, community_b, make_staff):
    """The SQL is built once with stand-ins; each call's own values give the ORM's rows."""
    cashier = make_staff(community_a, "CSH")
    Membership.objects.create(community=community_a, user=cashier, post="CSR")
    Membership.objects.create(community=community_a, user=cashier, post="TECH", is_active=False)
    other = make_staff(community_b, "MGR")
    prepared = Prepared(posts)
    for user, community in (
        (cashier, community_a),
        (cashier, community_b),
        (other, community_b),
        (other, community_a),
    ):
        expected = list(posts(user.pk, community.pk))
        assert prepared.rows(user.pk, community.pk) == expected
    assert prepared.rows(cashier.pk, community_a.pk) == [("CSH",), ("CSR",)]
    assert len(prepared._compiled) == 1  # one shape, built once


@pytest.mark.django_db
def test_dates_and_lists_of_ids(community_a, mgr_a, ast_a):
    """A date reaches SQLite as its text and PostgreSQL as a date; a list of ids has its SQL
    per length. The rows come back through Django's converters (dates as dates)."""
    delegation = DelegationFactory(
        community=community_a,
        delegator=mgr_a,
        delegate=ast_a,
        start_date=dt.date(2026, 3, 1),
        end_date=dt.date(2026, 3, 10),
    )

    def in_effect(ids, day):
        return (
            Delegation.objects.filter(pk__in=ids, start_date__lte=day, end_date__gte=day)
            .order_by()
            .values_list("pk", "end_date")
        )

    prepared = Prepared(in_effect)
    for day in (dt.date(2026, 2, 28), dt.date(2026, 3, 1), dt.date(2026, 3, 10)):
        for ids in ((delegation.pk,), (delegation.pk, delegation.pk + 1000)):
            assert prepared.rows(ids, day) == list(in_effect(ids, day))
    assert prepared.rows((delegation.pk,), dt.date(2026, 3, 5)) == [
        (delegation.pk, dt.date(2026, 3, 10))
    ]
    assert len(prepared._compiled) == 2  # one per length of the list


@pytest.mark.django_db
def test_what_it_cannot_prepare_is_refused_loudly(community_a):
    with pytest.raises(TypeError):
        Prepared(posts).rows(1.5, community_a.pk)
    # A value the query does not take as a parameter (here: the builder ignores it).
    ignoring = Prepared(lambda user_id, community_id: posts(1, community_id))
    with pytest.raises(ValueError):
        ignoring.rows(5, community_a.pk)
