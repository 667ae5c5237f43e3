"""Time-limit clocks (SRV-03): a limit counted around the clock or in working hours on
workdays, and the default limits of the national service grades.

A clock is paused while the order is paused: resuming moves every pending due time on by the
time the order stood still, counted on the same calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from wuye.core.calendar import workday_checker

from .choices import ClockCalendar, OrderKind, Priority

MAX_DAYS = 400  # a working-hours limit never reaches further than this


@dataclass(frozen=True)
class Hours:
    """A community's working hours, and whose calendar corrections apply (its company's)."""

    starts: dt.time
    ends: dt.time
    company: object = None


def _windows(start: dt.datetime, hours: Hours, is_workday: Callable[[dt.date], bool]):
    """The working periods from `start` on, as (from, until) aware datetimes."""
    local = timezone.localtime(start)
    tz = local.tzinfo
    day = local.date()
    for _index in range(MAX_DAYS):
        if is_workday(day):
            opens = dt.datetime.combine(day, hours.starts, tzinfo=tz)
            closes = dt.datetime.combine(day, hours.ends, tzinfo=tz)
            if closes > local:
                yield max(opens, local), closes
        day += dt.timedelta(days=1)


def add_minutes(
    start: dt.datetime,
    minutes: int,
    calendar: str,
    hours: Hours,
    is_workday: Callable[[dt.date], bool] | None = None,
) -> dt.datetime:
    """The moment `minutes` of the calendar's time have passed since `start`."""
    if calendar != ClockCalendar.WORKING_HOURS:
        return start + dt.timedelta(minutes=minutes)
    if is_workday is None:
        first = timezone.localtime(start).date()
        is_workday = workday_checker(first, first + dt.timedelta(days=MAX_DAYS), hours.company)
    remaining = dt.timedelta(minutes=minutes)
    for opens, closes in _windows(start, hours, is_workday):
        if opens + remaining <= closes:
            return opens + remaining
        remaining -= closes - opens
    raise ValueError("time limit too long for a working-hours calendar")


def minutes_between(
    start: dt.datetime,
    end: dt.datetime,
    calendar: str,
    hours: Hours,
    is_workday: Callable[[dt.date], bool] | None = None,
) -> int:
    """How many minutes of the calendar's time lie between two moments."""
    if end <= start:
        return 0
    if calendar != ClockCalendar.WORKING_HOURS:
        return int((end - start).total_seconds() // 60)
    if is_workday is None:
        is_workday = workday_checker(
            timezone.localtime(start).date(), timezone.localtime(end).date(), hours.company
        )
    total = dt.timedelta()
    for opens, closes in _windows(start, hours, is_workday):
        if opens >= end:
            break
        total += min(closes, end) - opens
    return int(total.total_seconds() // 60)


@dataclass(frozen=True)
class Limits:
    response: int
    arrival: int | None
    completion: int
    calendar: str = ClockCalendar.ROUND_THE_CLOCK


HOUR = 60
DAY = 24 * HOUR

# Defaults by the national service grade (普通住宅小区物业管理服务等级标准): urgent repairs on
# site within 30 min (grade 1), 1 h (grade 2), 2 h (grade 3); complaints handled within 24 h.
GRADE_DEFAULTS: dict[str, dict[str, Limits]] = {
    "1": {
        Priority.URGENT: Limits(10, 30, DAY),
        Priority.NORMAL: Limits(30, DAY, 3 * DAY),
    },
    "2": {
        Priority.URGENT: Limits(15, HOUR, DAY),
        Priority.NORMAL: Limits(HOUR, DAY, 3 * DAY),
    },
    "3": {
        Priority.URGENT: Limits(30, 2 * HOUR, 2 * DAY),
        Priority.NORMAL: Limits(2 * HOUR, 2 * DAY, 5 * DAY),
    },
}
COMPLAINT_COMPLETION = DAY  # AST-5: complaints are handled within 24 hours


def default_limits(grade: str, kind: str, priority: str) -> Limits:
    limits = GRADE_DEFAULTS.get(grade, GRADE_DEFAULTS["2"])[priority]
    if kind == OrderKind.REPAIR:
        return limits
    # Complaints, requests, suggestions and inquiries: nobody needs to be on site by a time.
    completion = COMPLAINT_COMPLETION if kind == OrderKind.COMPLAINT else limits.completion
    return Limits(limits.response, None, min(completion, limits.completion), limits.calendar)
