"""Closed accounting months (月结): a money posting dated in a closed month is refused.

Billing posts money (payments, voids, refunds, waivers, bills); the finance office closes months.
Core imports neither: the app that keeps the closes registers how to tell whether a month is
closed (`register_period_check`), and every posting asks `check_period_open(community, day)`.

The ask and the close cannot cross: a posting holds the community's period lock in shared mode
until its transaction ends, and closing a month takes it exclusively (`lock_periods`), so a
close waits for the postings in flight — they are in its figures — and a posting that comes
after the close sees the month closed. PostgreSQL advisory locks (no row is touched, postings
never wait for each other); SQLite serialises writing transactions as a whole already.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import connection

from .errors import DomainError

# The first of the two keys of PostgreSQL's advisory locks: this lock's own number, the
# second is the community's id.
_LOCK_SPACE = 710_520

_CHECKS: list[Callable[[int, dt.date], str | None]] = []


def register_period_check(check: Callable[[int, dt.date], str | None]) -> None:
    """`check(community_id, day)` returns the message that refuses a posting on `day` (its
    month is closed), or None. Registered at start-up by the app that closes months."""
    if check not in _CHECKS:
        _CHECKS.append(check)


def _lock(community_id: int, *, exclusive: bool) -> None:
    if connection.vendor != "postgresql":
        return
    function = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {function}(%s, %s)", [_LOCK_SPACE, community_id])  # noqa: S608


def lock_periods(community) -> None:
    """Take the community's period lock exclusively (closing or reopening a month): postings in
    flight finish first, later ones wait until this transaction ends."""
    _lock(getattr(community, "pk", community), exclusive=True)


def check_period_open(community, *days: dt.date) -> None:
    """Refuse (DomainError, the closer's own words) a posting dated on any of `days` when its
    month is closed. Call it inside the posting's transaction, before anything is written."""
    if not _CHECKS:
        return
    community_id = getattr(community, "pk", community)
    _lock(community_id, exclusive=False)
    for day in sorted(set(days)):
        for check in _CHECKS:
            message = check(community_id, day)
            if message:
                raise DomainError(message)
