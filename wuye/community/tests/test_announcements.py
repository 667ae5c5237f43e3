"""COM-01 (CSS-7): announcements — drafted with formatting but never a script, reviewed by the
customer-service supervisor (never by their author), published now or at a time for the
community, zones or buildings, pinned, expiring; the A4 notice PDF; who has read it."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from wuye.community.choices import AnnouncementStatus
from wuye.community.models import Announcement, AnnouncementRead
from wuye.community.services import announcements
from wuye.core.errors import DomainError
from wuye.core.models import Notification
from wuye.estate.tests.factories import BuildingFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")
ZH = {"Accept-Language": "zh-hans"}
MORNING = dt.datetime(2026, 12, 7, 9, 0, tzinfo=SHANGHAI)


@pytest.fixture
def staff(community_a, make_staff):
    return {
        "csr": make_staff(community_a, "CSR"),
        "css": make_staff(community_a, "CSS"),
        "mgr": make_staff(community_a, "MGR"),
        "tech": make_staff(community_a, "TECH"),
    }


def draft(community, author, **values):
    defaults = {
        "title": "关于12月8日停水的通知",
        "category": "outage",
        "body": "<p>因管网维修，<b>12月8日</b>9:00–17:00停水。</p>",
        "audience": "community",
    }
    return announcements.create_announcement(
        community=community, actor=author, **{**defaults, **values}
    )


@pytest.mark.django_db
def test_com01_a_script_is_refused_and_nothing_is_saved(community_a, staff, login):
    client = login(staff["csr"])
    response = client.post(
        "/community/announcements/add/",
        {
            "title": "通知",
            "category": "notice",
            "body": '<p onclick="steal()">请注意</p><script>alert(1)</script>',
            "audience": "community",
        },
        headers=ZH,
    )
    assert response.status_code == 400 and "正文含有脚本" in response.content.decode()
    response = client.post(
        "/api/v1/announcements/",
        {
            "title": "通知",
            "category": "notice",
            "audience": "community",
            "body": '<a href="javascript:alert(1)">点此</a>',
        },
        content_type="application/json",
        headers=ZH,
    )
    assert response.status_code == 400 and "body" in response.json()["error"]["fields"]
    assert not Announcement.objects.exists()


@pytest.mark.django_db
def test_com01_formatting_is_kept_and_foreign_pictures_dropped(community_a, staff):
    announcement = draft(
        community_a,
        staff["csr"],
        body='<h3>停水安排</h3><ul><li>1号楼</li></ul><img src="https://example.com/x.png">'
        '<p style="color:red">请储水</p>',
    )
    assert announcement.body == "<h3>停水安排</h3><ul><li>1号楼</li></ul><img><p>请储水</p>"


@pytest.mark.parametrize(
    "body", ['<iframe src="https://example.com"></iframe>', '<img src="x" onerror="alert(1)">']
)
@pytest.mark.django_db
def test_com01_frames_and_event_handlers_are_refused(community_a, staff, body):
    with pytest.raises(DomainError, match="正文含有脚本"):
        draft(community_a, staff["csr"], body=body)


@pytest.mark.django_db
def test_com01_review_publish_for_two_buildings_and_read_count(
    community_a, staff, login, time_machine
):
    time_machine.move_to(MORNING, tick=False)
    b1 = BuildingFactory(community=community_a, number="1", name="1号楼")
    b2 = BuildingFactory(community=community_a, number="2", name="2号楼")
    announcement = draft(community_a, staff["csr"], audience="buildings", buildings=[b1, b2])
    with pytest.raises(DomainError):
        announcements.publish_announcement(announcement, actor=staff["css"])  # not submitted
    announcements.submit_announcement(announcement, actor=staff["csr"])
    # The reviewers are told in the bell.
    assert Notification.objects.filter(user=staff["css"], text__contains="待审核公告").exists()
    # A representative cannot publish; the supervisor does.
    client = login(staff["csr"])
    url = f"/community/announcements/{announcement.pk}/"
    assert client.post(url, {"action": "publish"}, headers=ZH).status_code == 403
    client = login(staff["css"])
    response = client.post(url, {"action": "publish"}, headers=ZH)
    assert response.status_code == 302
    announcement.refresh_from_db()
    assert announcement.status == AnnouncementStatus.PUBLISHED
    assert announcement.publish_at == MORNING and announcement.reviewed_by == staff["css"]
    assert announcement.audience_text() == "1号楼、2号楼"
    # Staff confirm they read it; a second confirmation counts once.
    tech = login(staff["tech"])
    assert tech.post(url, {"action": "mark_read"}, headers=ZH).status_code == 302
    tech.post(url, {"action": "mark_read"}, headers=ZH)
    assert AnnouncementRead.objects.filter(announcement=announcement).count() == 1
    page = client.get(url, headers=ZH).content.decode()
    assert "已读 1 人" in page and "未读 3 人" in page
    api = client.get(f"/api/v1/announcements/{announcement.pk}/").json()
    assert api["read_count"] == 1 and api["status"] == "published"


@pytest.mark.django_db
def test_com01_nobody_publishes_his_own_announcement(community_a, staff):
    announcement = draft(community_a, staff["css"])
    announcements.submit_announcement(announcement, actor=staff["css"])
    with pytest.raises(DomainError, match="不能审核发布自己撰写的公告"):
        announcements.publish_announcement(announcement, actor=staff["css"])
    announcements.publish_announcement(announcement, actor=staff["mgr"])


@pytest.mark.django_db
def test_com01_scheduled_publication_and_expiry(community_a, staff, time_machine):
    time_machine.move_to(MORNING, tick=False)
    later = MORNING + dt.timedelta(hours=3)
    announcement = draft(
        community_a, staff["csr"], publish_at=later, expires_at=later + dt.timedelta(days=1)
    )
    announcements.submit_announcement(announcement, actor=staff["csr"])
    announcements.publish_announcement(announcement, actor=staff["css"])
    announcement.refresh_from_db()
    assert announcement.state_label == "定时发布"
    assert not Announcement.objects.showing().exists()
    time_machine.move_to(later, tick=False)
    assert Announcement.objects.showing().count() == 1
    time_machine.move_to(later + dt.timedelta(days=1), tick=False)
    assert not Announcement.objects.showing().exists()
    with pytest.raises(DomainError, match="到期时间须晚于发布时间"):
        draft(community_a, staff["csr"], publish_at=later, expires_at=later)


@pytest.mark.django_db
def test_com01_returned_with_a_note_then_edited_by_its_author_only(community_a, staff, login):
    announcement = draft(community_a, staff["csr"])
    announcements.submit_announcement(announcement, actor=staff["csr"])
    with pytest.raises(DomainError, match="请填写修改意见"):
        announcements.return_announcement(announcement, actor=staff["css"], note=" ")
    announcements.return_announcement(announcement, actor=staff["css"], note="请写明停水范围")
    assert Notification.objects.filter(user=staff["csr"], text__contains="请写明停水范围").exists()
    values = {
        "title": "停水通知（修订）",
        "category": "outage",
        "body": "<p>1-3号楼停水</p>",
        "audience": "community",
    }
    with pytest.raises(DomainError, match="只有作者本人"):
        announcements.update_announcement(announcement, actor=staff["css"], **values)
    response = login(staff["csr"]).post(
        f"/community/announcements/{announcement.pk}/edit/", values, headers=ZH
    )
    assert response.status_code == 302
    announcement.refresh_from_db()
    assert announcement.title == "停水通知（修订）"


@pytest.mark.django_db
def test_com01_notice_pdf_for_the_boards(community_a, staff, login):
    announcement = draft(community_a, staff["csr"])
    response = login(staff["css"]).get(f"/community/announcements/{announcement.pk}/notice.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_com01_a_notice_is_printed_for_the_boards_only_once_published(community_a, staff, login):
    announcement = draft(community_a, staff["csr"])
    url = f"/community/announcements/{announcement.pk}/notice.pdf"
    assert login(staff["tech"]).get(url).status_code == 404
    assert login(staff["css"]).get(url).status_code == 200  # the reviewer sees the draft
    announcements.submit_announcement(announcement, actor=staff["csr"])
    announcements.publish_announcement(announcement, actor=staff["css"])
    assert login(staff["tech"]).get(url).status_code == 200
