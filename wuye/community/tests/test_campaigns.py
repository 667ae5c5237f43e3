"""COM-02 (CSS-12, CSR-7): SMS campaigns — templates whose variables are checked, targets
(buildings, zones, the arrears list, a list from Excel), opt-outs for marketing only, quiet
hours, throttled background sending that never sends a recipient twice, even after a crash,
retries, and the delivery log."""

import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from wuye.billing.tests.factories import BillFactory
from wuye.community.choices import CampaignStatus, DeliveryStatus, SkipReason
from wuye.community.models import Campaign, Delivery, OptOut
from wuye.community.services import campaigns, lists, sending
from wuye.community.tests.transports import CrashingTransport, FlakyTransport
from wuye.core.errors import DomainError
from wuye.core.sms import MemoryTransport
from wuye.estate.tests.factories import (
    BuildingFactory,
    PersonFactory,
    UnitFactory,
    UnitRelationFactory,
)
from wuye.org.models import Membership
from wuye.org.tests.factories import ZoneFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")
ZH = {"Accept-Language": "zh-hans"}
MORNING = dt.datetime(2026, 12, 7, 10, 0, tzinfo=SHANGHAI)
SINCE = dt.date(2020, 1, 1)


@pytest.fixture
def estate(community_a):
    """Two zones; zone 1 has buildings 1 and 2, zone 2 building 3; owners and a tenant."""
    zone1 = ZoneFactory(community=community_a, code="Z1", name="一区")
    zone2 = ZoneFactory(community=community_a, code="Z2", name="二区")
    b1 = BuildingFactory(community=community_a, number="1", name="1号楼", zone=zone1)
    b2 = BuildingFactory(community=community_a, number="2", name="2号楼", zone=zone1)
    b3 = BuildingFactory(community=community_a, number="3", name="3号楼", zone=zone2)
    people = {}

    def resident(building, number, name, phone, role="owner"):
        unit = UnitFactory(community=community_a, building=building, number=number)
        person = PersonFactory(community=community_a, name=name, phone=phone)
        UnitRelationFactory(
            community=community_a, unit=unit, person=person, role=role, start_date=SINCE
        )
        people[name] = (unit, person)
        return unit

    resident(b1, "101", "张三", "13800000001")
    resident(b1, "102", "李四", "13800000002")
    resident(b2, "201", "王五", "")  # no mobile number
    unit = resident(b2, "202", "赵六", "13800000004")
    tenant = PersonFactory(community=community_a, name="租客钱七", phone="13800000005")
    UnitRelationFactory(
        community=community_a, unit=unit, person=tenant, role="tenant", start_date=SINCE
    )
    resident(b3, "301", "孙八", "13800000006")
    return {"zones": (zone1, zone2), "buildings": (b1, b2, b3), "people": people}


@pytest.fixture
def staff(community_a, make_staff, estate):
    css = make_staff(community_a, "CSS")
    csr = make_staff(community_a, "CSR")
    membership = Membership.objects.get(community=community_a, user=csr, post="CSR")
    membership.zones.set([estate["zones"][1]])  # the representative works zone 2
    return {"css": css, "csr": csr, "mgr": make_staff(community_a, "MGR")}


def make_campaign(community, actor, **values):
    defaults = {"title": "停水通知", "kind": "service", "target": "community"}
    return campaigns.create_campaign(community=community, actor=actor, **{**defaults, **values})


@pytest.fixture(autouse=True)
def clean_outbox():
    MemoryTransport.outbox.clear()
    yield
    MemoryTransport.outbox.clear()


@pytest.mark.django_db
def test_com02_a_template_with_an_unknown_variable_is_refused_and_nothing_saved(
    community_a, staff, login
):
    client = login(staff["css"])
    response = client.post(
        "/community/sms/templates/add/",
        {
            "name": "催费",
            "kind": "legal",
            "text": "尊敬的{业主}，您的{房号}欠费{金额}元",
            "is_active": "on",
        },
        headers=ZH,
    )
    assert response.status_code == 400
    assert "{业主}" in response.content.decode() and "未知的变量" in response.content.decode()
    response = client.post(
        "/api/v1/sms-templates/",
        {"name": "催费", "kind": "legal", "text": "欠费{金额元"},
        content_type="application/json",
        headers=ZH,
    )
    assert response.status_code == 400 and "text" in response.json()["error"]["fields"]
    assert (
        not community_a.messagetemplate_set.exists()
        if hasattr(community_a, "messagetemplate_set")
        else True
    )
    response = client.post(
        "/api/v1/sms-templates/",
        {"name": "催费", "kind": "legal", "text": "尊敬的{姓名}，您的{房号}欠费{金额}元"},
        content_type="application/json",
    )
    assert response.status_code == 201


@pytest.mark.django_db
def test_com02_buildings_target_renders_each_recipient_once_per_number(
    community_a, staff, estate, django_capture_on_commit_callbacks
):
    b1, b2, _b3 = estate["buildings"]
    campaign = make_campaign(
        community_a,
        staff["css"],
        target="buildings",
        buildings=[b1, b2],
        text="{姓名}您好：{房号}明日停水。{日期}",
    )
    count = campaigns.prepare_campaign(campaign, actor=staff["css"])
    rows = {d.phone: d for d in campaign.deliveries.all()}
    # 张三, 李四, 赵六 (owner) and his tenant 钱七; 王五 has no mobile number.
    assert count == 4 and set(rows) == {"13800000001", "13800000002", "13800000004", "13800000005"}
    campaign.refresh_from_db()
    assert campaign.without_phone == 1 and campaign.status == CampaignStatus.PREPARED
    zhang = rows["13800000001"]
    today = dt.date.today()
    assert zhang.text == (
        f"【阳光花园】张三您好：1-1-101明日停水。{today.year}年{today.month}月{today.day}日"
    )


@pytest.mark.django_db
def test_com02_csr_sends_to_his_own_zones_only(community_a, staff, estate):
    b1, _b2, b3 = estate["buildings"]
    with pytest.raises(DomainError, match="不在您的片区内"):
        make_campaign(community_a, staff["csr"], target="buildings", buildings=[b1], text="停水")
    with pytest.raises(DomainError, match="只能向本人所在片区"):
        make_campaign(community_a, staff["csr"], target="community", text="停水")
    campaign = make_campaign(
        community_a, staff["csr"], target="buildings", buildings=[b3], text="停水"
    )
    assert campaigns.prepare_campaign(campaign, actor=staff["csr"]) == 1
    # The arrears list of a representative is that of his zones.
    arrears = make_campaign(
        community_a,
        staff["csr"],
        target="arrears",
        zones=[estate["zones"][1]],
        kind="legal",
        text="{姓名}：{房号}欠费{金额}元",
    )
    assert arrears.zones.count() == 1
    with pytest.raises(DomainError):
        make_campaign(
            community_a,
            staff["csr"],
            target="arrears",
            zones=[estate["zones"][0]],
            kind="legal",
            text="{金额}",
        )


@pytest.mark.django_db
def test_com02_arrears_list_sums_what_each_owner_owes_past_due(community_a, staff, estate):
    unit_1, zhang = estate["people"]["张三"]
    unit_6, _sun = estate["people"]["孙八"]
    # 张三 owes two overdue bills, one partly paid; 孙八's bill is not yet due; 李四 paid.
    BillFactory(
        community=community_a, unit=unit_1, total=Decimal("223.75"), due_date=dt.date(2026, 10, 15)
    )
    BillFactory(
        community=community_a,
        unit=unit_1,
        total=Decimal("100.00"),
        paid=Decimal("40.50"),
        due_date=dt.date(2026, 11, 15),
        period_start=dt.date(2026, 11, 1),
        period_end=dt.date(2026, 11, 30),
    )
    BillFactory(
        community=community_a, unit=unit_6, total=Decimal("80.00"), due_date=dt.date(2099, 1, 15)
    )
    lisi_unit, _ = estate["people"]["李四"]
    BillFactory(
        community=community_a,
        unit=lisi_unit,
        total=Decimal("50.00"),
        paid=Decimal("50.00"),
        due_date=dt.date(2026, 10, 15),
    )
    campaign = make_campaign(
        community_a,
        staff["css"],
        target="arrears",
        kind="legal",
        text="{姓名}您好，{房号}尚欠物业费{金额}元。",
    )
    assert campaigns.prepare_campaign(campaign, actor=staff["css"]) == 1
    delivery = campaign.deliveries.get()
    assert delivery.phone == zhang.phone
    assert delivery.text == "【阳光花园】张三您好，1-1-101尚欠物业费283.25元。"


@pytest.mark.django_db
def test_com02_amount_variable_needs_a_target_that_knows_amounts(community_a, staff):
    with pytest.raises(DomainError, match="金额"):
        make_campaign(community_a, staff["css"], text="欠费{金额}元")
    assert not Campaign.objects.exists()


@pytest.mark.django_db
def test_com02_opt_outs_hold_for_marketing_never_for_legal_notices(community_a, staff, estate):
    b1 = estate["buildings"][0]
    lists.opt_out(community=community_a, actor=staff["csr"], phone="13800000001", reason="回复R")
    marketing = make_campaign(
        community_a,
        staff["css"],
        target="buildings",
        buildings=[b1],
        kind="marketing",
        text="{姓名}您好，社区团购开始啦",
    )
    assert campaigns.prepare_campaign(marketing, actor=staff["css"]) == 1
    skipped = marketing.deliveries.get(phone="13800000001")
    assert skipped.status == DeliveryStatus.SKIPPED and skipped.skip_reason == SkipReason.OPTED_OUT
    sent = marketing.deliveries.get(phone="13800000002")
    assert sent.text.endswith("拒收请回复R")
    legal = make_campaign(
        community_a,
        staff["css"],
        target="buildings",
        buildings=[b1],
        kind="legal",
        text="{姓名}您好，请缴纳物业费",
    )
    assert campaigns.prepare_campaign(legal, actor=staff["css"]) == 2
    assert not legal.deliveries.filter(status=DeliveryStatus.SKIPPED).exists()


@pytest.mark.django_db
def test_com02_sending_delivers_each_once_and_logs_it(
    community_a, staff, estate, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(MORNING, tick=False)
    b1, b2, _ = estate["buildings"]
    campaign = make_campaign(
        community_a, staff["css"], target="buildings", buildings=[b1, b2], text="{姓名}您好"
    )
    campaigns.prepare_campaign(campaign, actor=staff["css"])
    with django_capture_on_commit_callbacks(execute=True):
        campaigns.send_campaign(campaign, actor=staff["css"])
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.DONE and campaign.finished_at == MORNING
    assert sorted(m.phone for m in MemoryTransport.outbox) == [
        "13800000001",
        "13800000002",
        "13800000004",
        "13800000005",
    ]
    assert set(campaign.deliveries.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    assert all(d.provider_ref.startswith("mem-") for d in campaign.deliveries.all())
    # Run again (a retried task, the minute job): nothing goes out twice.
    assert sending.deliver(campaign.pk) == 0 and sending.deliver_due() == 0
    assert len(MemoryTransport.outbox) == 4


@pytest.mark.django_db
def test_com02_a_campaign_rerun_after_a_crash_sends_nothing_twice(
    community_a, staff, estate, time_machine, settings
):
    time_machine.move_to(MORNING, tick=False)
    b1, b2, _ = estate["buildings"]
    campaign = make_campaign(
        community_a, staff["css"], target="buildings", buildings=[b1, b2], text="{姓名}您好"
    )
    campaigns.prepare_campaign(campaign, actor=staff["css"])
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.QUEUED)
    settings.SMS_BACKEND = "wuye.community.tests.transports.CrashingTransport"
    CrashingTransport.sent = []
    with pytest.raises(KeyboardInterrupt):
        sending.deliver(campaign.pk)
    statuses = dict(campaign.deliveries.values_list("phone", "status"))
    assert list(statuses.values()).count(DeliveryStatus.SENT) == 2
    # The one in the transport's hands when the worker died; the fourth is untouched.
    assert list(statuses.values()).count(DeliveryStatus.SENDING) == 1
    assert list(statuses.values()).count(DeliveryStatus.PENDING) == 1
    # Another worker within the lease does nothing; after it, the run goes on.
    assert sending.deliver_due() == 0
    settings.SMS_BACKEND = "memory"
    time_machine.move_to(MORNING + dt.timedelta(minutes=3), tick=False)
    assert sending.deliver_due() == 1
    phones = [m.phone for m in CrashingTransport.sent + MemoryTransport.outbox]
    assert len(phones) == len(set(phones)) == 3
    unconfirmed = campaign.deliveries.get(status=DeliveryStatus.UNCONFIRMED)
    assert unconfirmed.phone not in phones and "可能已发出" in unconfirmed.last_error
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.DONE


@pytest.mark.django_db
def test_com02_quiet_hours_hold_a_campaign_until_eight_unless_urgent(
    community_a, staff, estate, time_machine, django_capture_on_commit_callbacks
):
    b1 = estate["buildings"][0]
    evening = dt.datetime(2026, 12, 7, 21, 30, tzinfo=SHANGHAI)
    time_machine.move_to(evening, tick=False)
    campaign = make_campaign(
        community_a, staff["css"], target="buildings", buildings=[b1], text="{姓名}您好"
    )
    campaigns.prepare_campaign(campaign, actor=staff["css"])
    with django_capture_on_commit_callbacks(execute=True):
        campaigns.send_campaign(campaign, actor=staff["css"])
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.QUEUED and not MemoryTransport.outbox
    assert "12-08 08:00" in campaign.waiting
    time_machine.move_to(dt.datetime(2026, 12, 8, 7, 59, tzinfo=SHANGHAI), tick=False)
    assert sending.deliver_due() == 0
    time_machine.move_to(dt.datetime(2026, 12, 8, 8, 0, tzinfo=SHANGHAI), tick=False)
    assert sending.deliver_due() == 2
    # An urgent one (a burst pipe at night) goes at once; only CSS and MGR may send it.
    time_machine.move_to(evening, tick=False)
    with pytest.raises(DomainError):
        make_campaign(
            community_a,
            staff["csr"],
            target="buildings",
            buildings=[estate["buildings"][2]],
            urgent=True,
            text="紧急停水",
        )
    urgent = make_campaign(
        community_a, staff["css"], target="buildings", buildings=[b1], urgent=True, text="紧急停水"
    )
    campaigns.prepare_campaign(urgent, actor=staff["css"])
    with django_capture_on_commit_callbacks(execute=True):
        campaigns.send_campaign(urgent, actor=staff["css"])
    urgent.refresh_from_db()
    assert urgent.status == CampaignStatus.DONE and len(MemoryTransport.outbox) == 4


@pytest.mark.django_db
def test_com02_a_temporary_failure_is_retried_a_permanent_one_is_not(
    community_a, staff, estate, time_machine, settings
):
    time_machine.move_to(MORNING, tick=False)
    settings.SMS_BACKEND = "wuye.community.tests.transports.FlakyTransport"
    FlakyTransport.calls = []
    campaign = make_campaign(
        community_a,
        staff["css"],
        target="buildings",
        buildings=[estate["buildings"][0]],
        text="{姓名}您好",
    )
    campaigns.prepare_campaign(campaign, actor=staff["css"])
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.QUEUED)
    assert sending.deliver(campaign.pk) == 0
    first = campaign.deliveries.get(phone="13800000001")
    assert first.status == DeliveryStatus.RETRY and first.attempts == 1
    assert campaign.deliveries.get(phone="13800000002").status == DeliveryStatus.FAILED
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENDING and "1 条短信待重试" in campaign.waiting
    time_machine.move_to(MORNING + dt.timedelta(minutes=6), tick=False)
    assert sending.deliver_due() == 1
    first.refresh_from_db()
    assert first.status == DeliveryStatus.SENT and first.attempts == 2
    assert FlakyTransport.calls.count("13800000002") == 1
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.DONE


def excel(rows):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("名单.xlsx", buffer.getvalue())


@pytest.mark.django_db
def test_com02_a_list_from_excel_is_saved_whole_or_not_at_all(community_a, staff):
    bad = excel(
        [
            ["姓名", "手机号", "房号", "金额"],
            ["甲", "13900000001", "1-1-101", "12.50"],
            ["乙", "1234", "", ""],
            ["丙", "13900000001", "", "abc"],
        ]
    )
    with pytest.raises(DomainError) as refused:
        lists.create_list(community=community_a, actor=staff["css"], name="车位欠费", file=[bad])
    message = str(refused.value.message)
    assert "第 3 行" in message and "第 4 行" in message and "第 2 行" in message
    assert not community_a.pk or not OptOut.objects.exists()
    good = excel(
        [
            ["手机号", "姓名", "金额", "日期"],
            ["139 0000 0001", "甲", "12.5", "2026-12-20"],
            ["13900000002", "", "8", ""],
        ]
    )
    saved = lists.create_list(
        community=community_a, actor=staff["css"], name="车位欠费", file=[good]
    )
    assert saved.size == 2
    campaign = make_campaign(
        community_a,
        staff["css"],
        target="list",
        recipient_list=saved,
        kind="legal",
        text="{姓名}您好，车位费{金额}元请于{日期}前缴纳",
    )
    campaigns.prepare_campaign(campaign, actor=staff["css"])
    texts = dict(campaign.deliveries.values_list("phone", "text"))
    assert texts["13900000001"] == "【阳光花园】甲您好，车位费12.50元请于2026年12月20日前缴纳"
    assert texts["13900000002"].startswith("【阳光花园】业主您好，车位费8.00元")


@pytest.mark.django_db
def test_com02_cancel_stops_what_has_not_gone_out(community_a, staff, estate):
    campaign = make_campaign(
        community_a,
        staff["css"],
        target="buildings",
        buildings=[estate["buildings"][0]],
        text="{姓名}您好",
    )
    campaigns.prepare_campaign(campaign, actor=staff["css"])
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.QUEUED)
    campaigns.cancel_campaign(campaign, actor=staff["css"], reason="发错楼栋")
    assert sending.deliver_due() == 0 and not MemoryTransport.outbox
    assert set(Delivery.objects.values_list("skip_reason", flat=True)) == {SkipReason.CANCELLED}


@pytest.mark.django_db
def test_com02_csr_sees_progress_and_the_delivery_log(
    community_a, staff, estate, login, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(MORNING, tick=False)
    client = login(staff["csr"])
    b3 = estate["buildings"][2]
    response = client.post(
        "/community/sms/campaigns/add/",
        {
            "title": "3号楼停电",
            "kind": "service",
            "text": "{姓名}您好，明日停电",
            "target": "buildings",
            "buildings": [b3.pk],
        },
        headers=ZH,
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    campaign = Campaign.objects.get()
    url = f"/community/sms/campaigns/{campaign.pk}/"
    client.post(url, {"action": "prepare"}, headers=ZH)
    page = client.get(url, headers=ZH).content.decode()
    assert "孙八您好，明日停电" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "send"}, headers=ZH)
    log = client.get(f"{url}log/", headers=ZH).content.decode()
    assert "13800000006" in log and "已发送" in log
    api = client.get(f"/api/v1/sms-campaigns/{campaign.pk}/", headers=ZH).json()
    assert api["status"] == "done" and api["counts"]["sent"] == 1


@pytest.mark.django_db
def test_com02_a_representative_touches_only_campaigns_to_his_zones(community_a, staff, estate):
    with pytest.raises(DomainError, match="负责的片区"):
        make_campaign(community_a, staff["csr"], target="arrears", kind="legal", text="{金额}")
    office = make_campaign(
        community_a,
        staff["css"],
        target="buildings",
        buildings=[estate["buildings"][0]],
        text="停水",
    )
    with pytest.raises(DomainError):
        campaigns.prepare_campaign(office, actor=staff["csr"])
    campaigns.prepare_campaign(office, actor=staff["css"])
    with pytest.raises(DomainError):
        campaigns.send_campaign(office, actor=staff["csr"])
    with pytest.raises(DomainError):
        campaigns.cancel_campaign(office, actor=staff["csr"], reason="不发了")
