"""Workdays in mainland China: the State Council's holidays and adjusted working days
(chinesecalendar), corrected by the company's own table (`CalendarDay`) — it is consulted first,
so a year the library does not know yet, or a local arrangement, is one row away.
Outside the library's years, Monday to Friday are the workdays."""

from __future__ import annotations

import datetime as dt
import functools

import chinese_calendar


@functools.lru_cache(maxsize=4096)
def _official_workday(day: dt.date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:  # a year the library does not cover
        return day.weekday() < 5


def overrides(start: dt.date, end: dt.date) -> dict[dt.date, bool]:
    """The company's corrections between two dates (inclusive)."""
    from .models import CalendarDay

    return dict(
        CalendarDay.objects.filter(day__range=(start, end)).values_list("day", "is_workday")
    )


def workday_checker(start: dt.date, end: dt.date):
    """A function day → is it a workday, for days between `start` and `end` (one query)."""
    corrected = overrides(start, end)

    def is_workday(day: dt.date) -> bool:
        if day in corrected:
            return corrected[day]
        return _official_workday(day)

    return is_workday


def is_workday(day: dt.date) -> bool:
    return workday_checker(day, day)(day)
