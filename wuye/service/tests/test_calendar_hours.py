"""SRV-03 working-hours calendar: the official schedule (chinesecalendar) with the company's own
corrections, kept by its administrator on the calendar page and used by time limits."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from wuye.core.calendar import is_workday
from wuye.core.models import CalendarDay
from wuye.service import sla

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
HOURS = sla.Hours(dt.time(8, 30), dt.time(17, 30))


@pytest.mark.django_db
def test_the_company_admin_corrects_the_calendar_for_his_company_only(
    community_a, other_company_community, company_admin, mgr_a, login
):
    client = login(company_admin)
    page = client.get(reverse("core:calendar"), {"year": 2026}).content.decode()
    assert "2026-10-10" in page  # the adjusted working Saturday of the National Day holiday
    response = client.post(
        reverse("core:calendar"), {"day": "2027-02-06", "is_workday": "1", "note": "春节调休上班"}
    )
    assert response.status_code == 302
    correction = CalendarDay.objects.get()
    assert correction.company == community_a.company and correction.is_workday
    assert is_workday(dt.date(2027, 2, 6), community_a.company_id)
    assert not is_workday(dt.date(2027, 2, 6), other_company_community.company_id)
    friday_evening = dt.datetime(2027, 2, 5, 17, 0, tzinfo=SH)
    ours = sla.Hours(HOURS.starts, HOURS.ends, community_a.company_id)
    theirs = sla.Hours(HOURS.starts, HOURS.ends, other_company_community.company_id)
    assert sla.add_minutes(friday_evening, 60, "working", ours).day == 6
    assert sla.add_minutes(friday_evening, 60, "working", theirs).day == 8  # Monday
    manager = login(mgr_a)
    assert manager.get(reverse("core:calendar")).status_code == 200
    assert (
        manager.post(reverse("core:calendar"), {"day": "2027-02-07", "is_workday": "1"}).status_code
        == 403
    )
    client.post(reverse("core:calendar"), {"delete": correction.pk, "year": 2027})
    assert not CalendarDay.objects.exists()


@pytest.mark.django_db
def test_a_companys_correction_wins_over_one_for_every_company(community_a):
    CalendarDay.objects.create(day=dt.date(2027, 1, 4), is_workday=False, note="全体放假")
    assert not is_workday(dt.date(2027, 1, 4), community_a.company_id)
    CalendarDay.objects.create(
        company=community_a.company, day=dt.date(2027, 1, 4), is_workday=True, note="本公司上班"
    )
    assert is_workday(dt.date(2027, 1, 4), community_a.company_id)
