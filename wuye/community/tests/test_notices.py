"""COM-09 (MGR-3): internal notices and meeting minutes sent to the staff of some posts; each
recipient told in the bell and listed until he confirms reading; who has not read is listed;
staff see only the notices sent to them."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from wuye.community.models import NoticeReceipt, StaffNotice
from wuye.community.services import notices
from wuye.core.errors import DomainError
from wuye.core.models import Notification

ZH = {"Accept-Language": "zh-hans"}


@pytest.fixture
def staff(community_a, make_staff):
    return {
        "mgr": make_staff(community_a, "MGR", name="经理老陈"),
        "tech": make_staff(community_a, "TECH", name="工程小赵"),
        "sec": make_staff(community_a, "SEC", name="保安老孙"),
        "csr": make_staff(community_a, "CSR", name="客服小钱"),
    }


@pytest.mark.django_db
def test_com09_minutes_to_two_posts_with_read_receipts(community_a, staff, login):
    minutes = notices.create_notice(
        community=community_a,
        actor=staff["mgr"],
        kind="minutes",
        title="12月第一周例会纪要",
        body="<p>一、冬季消防检查分工……</p>",
        posts=["TECH", "SEC"],
        meeting_on=dt.date(2026, 12, 7),
    )
    assert notices.send_notice(minutes, actor=staff["mgr"]) == 2
    assert Notification.objects.filter(user=staff["tech"], text__contains="例会纪要").exists()
    assert not Notification.objects.filter(user=staff["csr"]).exists()
    with pytest.raises(DomainError):
        notices.send_notice(minutes, actor=staff["mgr"])
    tech = login(staff["tech"])
    url = f"/community/notices/{minutes.pk}/"
    assert tech.post(url, {"action": "confirm_read"}, headers=ZH).status_code == 302
    tech.post(url, {"action": "confirm_read"}, headers=ZH)  # the first time is kept
    receipt = NoticeReceipt.objects.get(user=staff["tech"])
    assert receipt.read_at is not None
    page = login(staff["mgr"]).get(url, headers=ZH).content.decode()
    assert "已读 1 人" in page and "未读 1 人" in page and "保安老孙" in page
    # Not sent to the representative: he does not see it.
    csr = login(staff["csr"])
    assert csr.get(url, headers=ZH).status_code == 404
    assert csr.get(f"/api/v1/staff-notices/{minutes.pk}/").status_code == 404
    with pytest.raises(DomainError, match="没有发给您"):
        notices.confirm_read(minutes, actor=staff["csr"])


@pytest.mark.django_db
def test_com09_bad_input_changes_nothing(community_a, staff):
    with pytest.raises(DomainError, match="会议日期"):
        notices.create_notice(
            community=community_a,
            actor=staff["mgr"],
            kind="minutes",
            title="纪要",
            body="<p>内容</p>",
            posts=[],
        )
    with pytest.raises(DomainError, match="脚本"):
        notices.create_notice(
            community=community_a,
            actor=staff["mgr"],
            kind="notice",
            title="通知",
            body="<script>x()</script>",
            posts=[],
        )
    fake = SimpleUploadedFile("纪要.pdf", b"not a pdf at all")
    with pytest.raises(DomainError):
        notices.create_notice(
            community=community_a,
            actor=staff["mgr"],
            kind="notice",
            title="通知",
            body="<p>内容</p>",
            posts=[],
            attachment=[fake],
        )
    with pytest.raises(DomainError):
        notices.create_notice(
            community=community_a,
            actor=staff["tech"],
            kind="notice",
            title="通知",
            body="<p>内容</p>",
            posts=[],
        )
    assert not StaffNotice.objects.exists()


@pytest.mark.django_db
def test_com09_a_notice_to_everyone_through_the_api(community_a, staff, login):
    client = login(staff["mgr"])
    response = client.post(
        "/api/v1/staff-notices/",
        {
            "kind": "notice",
            "title": "春节值班安排",
            "body": "<p>请各部门报送值班表</p>",
            "posts": [],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    notice = StaffNotice.objects.get()
    sent = client.post(f"/api/v1/staff-notices/{notice.pk}/send/")
    assert sent.status_code == 200
    assert NoticeReceipt.objects.filter(notice=notice).count() == 3  # all but the sender
