"""Workdays in mainland China: the State Council's holidays and adjusted working days
(chinesecalendar), corrected by the company's own table (`CalendarDay`) — it is consulted first,
so a year the library does not know yet, or a local arrangement, is one row away.
Outside the library's years, Monday to Friday are the workdays."""

from __future__ import annotations

import datetime as dt
import functools

import chinese_calendar
from django.db.models import Q
from lunar_python import LunarMonth, Solar

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


# --- The Chinese calendar's days: festivals and lunar birthdays ----------------------------

# (key, name, lunar?, month, day): the festivals a service center greets its residents on.
FESTIVALS = (
    ("new_year", "元旦", False, 1, 1),
    ("spring", "春节", True, 1, 1),
    ("lantern", "元宵节", True, 1, 15),
    ("dragon_boat", "端午节", True, 5, 5),
    ("mid_autumn", "中秋节", True, 8, 15),
    ("national", "国庆节", False, 10, 1),
    ("double_ninth", "重阳节", True, 9, 9),
)
FESTIVAL_NAMES = {key: name for key, name, *_rest in FESTIVALS}


def lunar_of(day: dt.date) -> tuple[int, int, bool]:
    """(lunar month, lunar day, whether the month is a leap month) of a solar date."""
    lunar = Solar.fromYmd(day.year, day.month, day.day).getLunar()
    month = lunar.getMonth()
    return abs(month), lunar.getDay(), month < 0


def festivals_on(day: dt.date) -> list[str]:
    """The keys of the festivals that fall on `day` (none in a leap month)."""
    month, lunar_day, leap = lunar_of(day)
    found = []
    for key, _name, lunar, m, d in FESTIVALS:
        on = (month, lunar_day) if lunar else (day.month, day.day)
        if (m, d) == on and not (lunar and leap):
            found.append(key)
    return found


def birthday_falls_on(birthday: dt.date, day: dt.date, *, lunar: bool) -> bool:
    """Whether a person born on `birthday` celebrates on `day`. A solar birthday on 29 February
    is celebrated on 28 February in common years. A lunar birthday is celebrated in the
    ordinary month of its number (someone born in a leap month celebrates in the ordinary month
    of that number, as is the custom); born on the 30th, in a month of 29 days on the 29th."""
    if day < birthday:
        return False
    if not lunar:
        if (birthday.month, birthday.day) == (day.month, day.day):
            return True
        return (
            (birthday.month, birthday.day) == (2, 29)
            and (day.month, day.day) == (2, 28)
            and not calendar_is_leap(day.year)
        )
    born_month, born_day, _born_leap = lunar_of(birthday)
    month, lunar_day, leap = lunar_of(day)
    if leap or month != born_month:
        return False
    if lunar_day == born_day:
        return True
    if born_day == 30 and lunar_day == 29:
        lunar_year = Solar.fromYmd(day.year, day.month, day.day).getLunar().getYear()
        return LunarMonth.fromYm(lunar_year, month).getDayCount() == 29
    return False


def calendar_is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
