"""PLT: per-community sequential numbers — no gaps, no repeats, a rolled-back number given back;
under real concurrency on PostgreSQL every number is issued exactly once."""

import threading

import pytest
from django.db import connection, connections, transaction

from wuye.core.models import NumberSequence
from wuye.core.numbering import next_number, next_numbers


class Rollback(Exception):
    pass


@pytest.mark.django_db
def test_numbers_follow_each_other_per_community_key_and_year(community_a, community_b):
    first = next_number(community_a, "receipt", prefix="SJ", width=6)
    second = next_number(community_a, "receipt", prefix="SJ", width=6)
    other = next_number(community_b, "receipt", prefix="SJ", width=6)
    orders = next_number(community_a, "work_order", prefix="GD", width=4, yearly=False)
    assert first.endswith("000001") and second.endswith("000002") and other.endswith("000001")
    assert first[:2] == "SJ" and first[2:6].isdigit() and orders == "GD0001"
    assert NumberSequence.objects.get(community=community_a, key="receipt").last == 2


@pytest.mark.django_db
def test_a_batch_of_numbers_is_consecutive_and_continues_the_sequence(community_a):
    assert next_number(community_a, "bill", prefix="ZD", width=3, yearly=False) == "ZD001"
    assert next_numbers(community_a, "bill", 3, prefix="ZD", width=3, yearly=False) == [
        "ZD002",
        "ZD003",
        "ZD004",
    ]
    assert next_number(community_a, "bill", prefix="ZD", width=3, yearly=False) == "ZD005"


@pytest.mark.django_db
def test_a_rolled_back_transaction_gives_its_number_back(community_a):
    """Receipts never skip: the number of a payment that failed is the next one's."""
    next_number(community_a, "receipt", width=3, yearly=False)
    with pytest.raises(Rollback), transaction.atomic():
        assert next_number(community_a, "receipt", width=3, yearly=False) == "002"
        raise Rollback
    assert next_number(community_a, "receipt", width=3, yearly=False) == "002"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL")
def test_cashiers_taking_numbers_at_once_never_share_or_skip_one(community_a):
    """Eight transactions at once, each taking numbers (the first ones making the row): every
    number is issued once, and together they are 1..n without a gap."""
    threads_count, per_thread = 8, 10
    barrier = threading.Barrier(threads_count)
    taken: list[str] = []
    errors: list[Exception] = []
    lock = threading.Lock()

    def cashier():
        try:
            barrier.wait(timeout=10)
            for _ in range(per_thread):
                with transaction.atomic():
                    number = next_number(community_a, "receipt", width=4, yearly=False)
                with lock:
                    taken.append(number)
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=cashier) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert sorted(taken) == [f"{n:04d}" for n in range(1, threads_count * per_thread + 1)]
