"""Bulk inserts for billing runs (BIL-03): rows as tuples, defaults and constants filled in,
constraint violations refused whole — on SQLite and on PostgreSQL (COPY)."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from wuye.core.bulk import gc_paused, insert_rows
from wuye.estate.models import Building


@pytest.mark.django_db
def test_insert_rows_fills_constants_and_defaults(community_a):
    count = insert_rows(
        Building,
        ["number", "sort_key", "completed_on"],
        [("1", 1, dt.date(2019, 5, 1)), ("2", 2, None), ("A", 3, None)],
        constants={"community_id": community_a.pk},
    )
    assert count == 3
    buildings = list(Building.objects.filter(community=community_a).order_by("sort_key"))
    assert [b.number for b in buildings] == ["1", "2", "A"]
    first = buildings[0]
    assert first.completed_on == dt.date(2019, 5, 1)
    assert first.kind == "high" and first.floors == 1 and first.note == ""
    assert first.created_at is not None and first.updated_at is not None
    assert first.zone_id is None and first.created_by_id is None


@pytest.mark.django_db(transaction=True)
def test_insert_rows_violating_a_constraint_keeps_nothing(community_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(
            Building,
            ["number"],
            [("1",), ("2",), ("1",)],
            constants={"community_id": community_a.pk},
        )
    assert not Building.objects.filter(community=community_a).exists()


def test_insert_rows_refuses_unknown_or_missing_columns():
    with pytest.raises(ValueError, match="no column"):
        insert_rows(Building, ["number", "colour"], [], constants={"community_id": 1})
    with pytest.raises(ValueError, match="community_id"):
        insert_rows(Building, ["number"], [])


def test_gc_paused_restores_the_collector():
    import gc

    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
