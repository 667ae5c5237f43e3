"""Workdays in mainland China: the State Council's holidays and adjusted working days
(chinesecalendar), corrected by the company's own table (`CalendarDay`) — it is consulted first,
so a year the library does not know yet, or a local arrangement, is one row away.
Outside the library's years, Monday to Friday are the workdays."""

from __future__ import annotations

import datetime as dt
import functools

import chinese_calendar
from django.db.models import Q

from .models import CalendarDay


@functools.lru_cache(maxsize=4096)
def _official_workday(day: dt.date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:  # a year the library does not cover
        return day.weekday() < 5


def overrides(start: dt.date, end: dt.date, company=None) -> dict[dt.date, bool]:
    """The corrections between two dates (inclusive): those for every company, then the
    company's own, which win."""
    rows = CalendarDay.objects.filter(day__range=(start, end)).filter(
        Q(company__isnull=True) | Q(company=company)
    )
    corrected = {}
    for day, workday, company_id in rows.order_by("company_id").values_list(
        "day", "is_workday", "company_id"
    ):
        if company_id is None:
            corrected.setdefault(day, workday)
        else:
            corrected[day] = workday
    return corrected


def workday_checker(start: dt.date, end: dt.date, company=None):
    """A function day → is it a workday, for days between `start` and `end` (one query)."""
    corrected = overrides(start, end, company)

    def is_workday(day: dt.date) -> bool:
        if day in corrected:
            return corrected[day]
        return _official_workday(day)

    return is_workday


def is_workday(day: dt.date, company=None) -> bool:
    return workday_checker(day, day, company)(day)
