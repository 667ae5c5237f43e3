"""COM-03 (CSR-7): festival greetings and birthday greetings — solar, or lunar as the resident
chose, on the right solar date year after year (a leap month included) — sent by the morning
job once per occasion and year; opt-outs respected."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from lunar_python import Lunar

from wuye.community.choices import CampaignStatus
from wuye.community.models import Campaign, GreetingLog, MessageTemplate
from wuye.community.services import greetings, lists
from wuye.community.tasks import morning_greetings
from wuye.core.calendar import birthday_falls_on, festivals_on
from wuye.core.errors import DomainError
from wuye.core.sms import MemoryTransport
from wuye.estate.tests.factories import PersonFactory, UnitFactory, UnitRelationFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")


def nine(day):
    return dt.datetime.combine(day, dt.time(9, 0), tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def clean_outbox():
    MemoryTransport.outbox.clear()
    yield
    MemoryTransport.outbox.clear()


@pytest.fixture
def setup(community_a, make_staff):
    css = make_staff(community_a, "CSS")
    festival = MessageTemplate.objects.create(
        community=community_a, name="节日", kind="greeting", text="{姓名}您好，祝您{节日}快乐！"
    )
    birthday = MessageTemplate.objects.create(
        community=community_a, name="生日", kind="greeting", text="{姓名}您好，祝您生日快乐！"
    )
    greetings.save_settings(
        community=community_a,
        actor=css,
        is_active=True,
        festivals=["mid_autumn", "spring"],
        festival_template=festival,
        birthdays=True,
        birthday_template=birthday,
    )
    return {"css": css}


def resident(community, name, phone, birthday=None, lunar=False):
    person = PersonFactory(
        community=community, name=name, phone=phone, birthday=birthday, birthday_lunar=lunar
    )
    UnitRelationFactory(
        community=community,
        unit=UnitFactory(community=community),
        person=person,
        start_date=dt.date(2020, 1, 1),
    )
    return person


def test_com03_festivals_and_lunar_birthdays_from_the_chinese_calendar():
    assert festivals_on(dt.date(2026, 9, 25)) == ["mid_autumn"]  # 八月十五
    assert festivals_on(dt.date(2027, 2, 6)) == ["spring"]
    # Born 1990-07-05 = 庚午年五月十三: celebrated on 五月十三 of each year.
    born = dt.date(1990, 7, 5)
    for year in (2026, 2027, 2028):
        day = dt.date.fromisoformat(Lunar.fromYmd(year, 5, 13).getSolar().toYmd())
        assert birthday_falls_on(born, day, lunar=True)
        assert not birthday_falls_on(born, day + dt.timedelta(days=1), lunar=True)
        assert not birthday_falls_on(born, day, lunar=False) or day.month == 7 and day.day == 5
    # Born in a leap month (2025 闰六月初九 = 2025-08-02): the ordinary 六月初九 afterwards.
    leap_born = dt.date(2025, 8, 2)
    assert birthday_falls_on(leap_born, dt.date(2026, 7, 22), lunar=True)
    assert birthday_falls_on(leap_born, dt.date(2027, 7, 12), lunar=True)
    assert not birthday_falls_on(leap_born, dt.date(2025, 7, 3), lunar=True)  # before birth
    # 29 February in a common year: on the 28th.
    assert birthday_falls_on(dt.date(2000, 2, 29), dt.date(2026, 2, 28), lunar=False)


@pytest.mark.django_db
def test_com03_a_lunar_birthday_is_greeted_on_its_solar_date_each_year_once(
    community_a, setup, time_machine, django_capture_on_commit_callbacks
):
    lunar_person = resident(community_a, "农历寿星", "13800000011", dt.date(1990, 7, 5), lunar=True)
    resident(community_a, "公历寿星", "13800000012", dt.date(1990, 7, 5), lunar=False)
    resident(community_a, "闰月寿星", "13800000013", dt.date(2025, 8, 2), lunar=True)
    for year in (2026, 2027):
        day = dt.date.fromisoformat(Lunar.fromYmd(year, 5, 13).getSolar().toYmd())
        time_machine.move_to(nine(day), tick=False)
        MemoryTransport.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            morning_greetings.call()
        assert [m.phone for m in MemoryTransport.outbox] == [lunar_person.phone]
        assert (
            MemoryTransport.outbox[0].text == "【阳光花园】农历寿星您好，祝您生日快乐！拒收请回复R"
        )
        # The job run again that day (a retry, a second worker): nobody twice.
        with django_capture_on_commit_callbacks(execute=True):
            assert morning_greetings.call() == 0
        assert len(MemoryTransport.outbox) == 1
    assert GreetingLog.objects.filter(person=lunar_person).count() == 2
    # The solar one on 7 July; the leap-month one on the ordinary 六月初九 (2026-07-22).
    for day, phone in ((dt.date(2026, 7, 5), "13800000012"), (dt.date(2026, 7, 22), "13800000013")):
        MemoryTransport.outbox.clear()
        time_machine.move_to(nine(day), tick=False)
        with django_capture_on_commit_callbacks(execute=True):
            morning_greetings.call()
        assert [m.phone for m in MemoryTransport.outbox] == [phone]


@pytest.mark.django_db
def test_com03_a_festival_is_greeted_once_and_opt_outs_hold(
    community_a, setup, time_machine, django_capture_on_commit_callbacks
):
    resident(community_a, "张三", "13800000021")
    resident(community_a, "李四", "13800000022")
    lists.opt_out(community=community_a, actor=setup["css"], phone="13800000022")
    time_machine.move_to(nine(dt.date(2026, 9, 25)), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert greetings.send_greetings(community_a) == 1
        assert greetings.send_greetings(community_a) == 0
    assert [m.text for m in MemoryTransport.outbox] == [
        "【阳光花园】张三您好，祝您中秋节快乐！拒收请回复R"
    ]
    campaign = Campaign.objects.get()
    assert campaign.occasion == "mid_autumn" and campaign.status == CampaignStatus.DONE
    # National Day is not chosen: nothing.
    time_machine.move_to(nine(dt.date(2026, 10, 1)), tick=False)
    assert greetings.send_greetings(community_a) == 0


@pytest.mark.django_db
def test_com03_festival_variable_only_in_greetings_and_templates_checked(community_a, setup):
    from wuye.community.services import campaigns

    with pytest.raises(DomainError, match="节日"):
        campaigns.create_campaign(
            community=community_a,
            actor=setup["css"],
            title="问候",
            kind="greeting",
            target="community",
            text="祝您{节日}快乐",
        )
    service = MessageTemplate.objects.create(
        community=community_a, name="服务", kind="service", text="通知"
    )
    with pytest.raises(DomainError, match="不是问候类模板"):
        greetings.save_settings(
            community=community_a,
            actor=setup["css"],
            is_active=True,
            festivals=["spring"],
            festival_template=service,
            birthdays=False,
            birthday_template=None,
        )
