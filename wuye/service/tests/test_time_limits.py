"""SRV-03: time-limit clocks — around the clock or in working hours over weekends, the National
Day holiday and its adjusted working Saturday; the company's calendar corrections; pause and
resume; the defaults of the service grades and per-category limits."""

import datetime as dt
import zoneinfo

import pytest
import time_machine

from wuye.core.models import CalendarDay
from wuye.service import services, sla
from wuye.service.tests.factories import CategoryFactory, TimeLimitFactory

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
HOURS = sla.Hours(dt.time(8, 30), dt.time(17, 30))


def at(*args):
    return dt.datetime(*args, tzinfo=SH)


@pytest.mark.django_db
def test_round_the_clock_limits_add_plain_minutes():
    assert sla.add_minutes(at(2026, 10, 1, 23, 40), 30, "24h", HOURS) == at(2026, 10, 2, 0, 10)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "minutes", "due"),
    [
        # Wednesday 16:30, 4 working hours: 1 h that day, then the Golden Week (1–7 October) is
        # skipped, the rest on Thursday 8 October from 08:30.
        (at(2026, 9, 30, 16, 30), 240, at(2026, 10, 8, 11, 30)),
        # Friday 9 October 17:00, 2 h: Saturday 10 October is an adjusted working day.
        (at(2026, 10, 9, 17, 0), 120, at(2026, 10, 10, 10, 0)),
        # Registered at night: the clock starts at 08:30.
        (at(2026, 11, 25, 22, 0), 60, at(2026, 11, 26, 9, 30)),
        # Ending exactly at closing time stays that day.
        (at(2026, 11, 26, 16, 30), 60, at(2026, 11, 26, 17, 30)),
        # Friday afternoon into Monday.
        (at(2026, 11, 27, 17, 0), 60, at(2026, 11, 30, 9, 0)),
    ],
)
def test_working_hours_skip_nights_weekends_and_holidays(start, minutes, due):
    assert sla.add_minutes(start, minutes, "working", HOURS) == due
    assert sla.minutes_between(start, due, "working", HOURS) == minutes


@pytest.mark.django_db
def test_the_companys_calendar_corrections_come_first():
    """A day declared a holiday (or a workday) in the company's table overrides the library."""
    CalendarDay.objects.create(day=dt.date(2026, 11, 26), is_workday=False, note="停电放假")
    assert sla.add_minutes(at(2026, 11, 25, 17, 0), 60, "working", HOURS) == at(2026, 11, 27, 9, 0)
    CalendarDay.objects.create(day=dt.date(2027, 2, 6), is_workday=True, note="春节调休上班")
    # 2027 is past the library's years: weekdays, plus the correction (a Saturday worked).
    assert sla.add_minutes(at(2027, 2, 5, 17, 0), 60, "working", HOURS) == at(2027, 2, 6, 9, 0)


def test_grade_defaults():
    """SRV-03: urgent repairs on site within 30 min (grade 1) or 1 h (grade 2); complaints are
    handled within 24 h."""
    assert sla.default_limits("1", "repair", "urgent").arrival == 30
    assert sla.default_limits("2", "repair", "urgent").arrival == 60
    assert sla.default_limits("3", "repair", "urgent").arrival == 120
    complaint = sla.default_limits("2", "complaint", "normal")
    assert complaint.completion == 24 * 60 and complaint.arrival is None


@pytest.mark.django_db
@time_machine.travel(at(2026, 11, 26, 10, 0), tick=False)
def test_an_order_takes_its_categorys_limits_or_its_parents(community_a, dsp_a):
    water = CategoryFactory(community=community_a, name="给排水")
    leak = CategoryFactory(community=community_a, name="漏水", parent=water, level=2)
    TimeLimitFactory(
        community=community_a,
        category=water,
        priority="urgent",
        response_minutes=5,
        arrival_minutes=20,
        completion_minutes=240,
    )
    order = services.register_order(
        community=community_a,
        actor=dsp_a,
        kind="repair",
        channel="hotline",
        priority="urgent",
        category=leak,
        place="2号楼地下车库",
        description="水管爆裂",
    )
    assert order.response_due == at(2026, 11, 26, 10, 5)
    assert order.arrival_due == at(2026, 11, 26, 10, 20)
    assert order.completion_due == at(2026, 11, 26, 14, 0)


@pytest.mark.django_db
def test_pause_stops_the_clocks_and_resume_moves_the_due_times(community_a, dsp_a, tech_a):
    """SRV-03: paused 2 h waiting for parts → every pending due time moves 2 h later."""
    with time_machine.travel(at(2026, 11, 26, 9, 0), tick=False):
        order = services.register_order(
            community=community_a,
            actor=dsp_a,
            kind="repair",
            channel="front_desk",
            priority="normal",
            place="会所",
            description="空调不制冷",
        )
        due = order.completion_due
        services.dispatch_order(order, assignee=tech_a, actor=dsp_a)
        services.accept_order(order, actor=tech_a)
    with time_machine.travel(at(2026, 11, 26, 10, 0), tick=False):
        services.pause_order(order, actor=dsp_a, note="等配件")
    with time_machine.travel(at(2026, 11, 26, 12, 0), tick=False):
        services.resume_order(order, actor=dsp_a)
    order.refresh_from_db()
    assert order.status == "accepted" and order.paused_minutes == 120
    assert order.completion_due == due + dt.timedelta(hours=2)
    assert list(order.events.values_list("action", flat=True))[-2:] == ["pause", "resume"]
