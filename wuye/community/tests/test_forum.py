"""COM-05 (QC-2): the owners' forum — posts and replies from owners and staff, the staff's
replies marked official, a keyword list that holds texts for a moderator, hiding with a reason
and restoring, a post made into a work order, a matter reported to headquarters, and the
manager's morning digest (once a day)."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

from wuye.community.models import ForumDigest, ForumKeyword, ForumPost, ForumReply
from wuye.community.services import forum
from wuye.community.tasks import forum_digests
from wuye.core.errors import DomainError
from wuye.core.models import Event, Notification
from wuye.estate.tests.factories import PersonFactory, UnitFactory, UnitRelationFactory
from wuye.service.models import WorkOrder

ZH = {"Accept-Language": "zh-hans"}
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def staff(community_a, make_staff):
    return {
        "mgr": make_staff(community_a, "MGR", name="经理老陈"),
        "qc": make_staff(community_a, "QC", name="品质小周"),
        "csr": make_staff(community_a, "CSR", name="客服小钱"),
        "tech": make_staff(community_a, "TECH", name="工程小赵"),
    }


@pytest.fixture
def owner(community_a):
    relation = UnitRelationFactory(
        community=community_a,
        person=PersonFactory(community=community_a, name="王建国", phone="13800001111"),
        unit=UnitFactory(community=community_a),
        start_date=dt.date(2020, 1, 1),
    )
    return relation.person, relation.unit


def owner_post(community, owner, **fields):
    person, unit = owner
    values = {"category": "complaint", "title": "电梯又坏了", "body": "3栋1单元电梯停了两天。"}
    values.update(fields)
    return forum.write_post(community=community, person=person, unit=unit, **values)


def api(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json", headers=ZH)


@pytest.mark.django_db
def test_com05_owner_post_shown_by_surname_and_staff_reply_is_official(
    community_a, staff, owner, login
):
    post = owner_post(community_a, owner)
    assert post.status == "shown" and post.shown_as == "王**"
    neighbour = PersonFactory(community=community_a, name="李四")
    forum.reply(post, person=neighbour, body="我家也是，每天爬楼。")
    response = login(staff["csr"]).post(
        f"/community/forum/{post.pk}/",
        {"action": "reply", "body": "已通知电梯维保单位，今天下午修复。"},
        headers=ZH,
    )
    assert response.status_code == 302
    official = ForumReply.objects.get(author=staff["csr"])
    assert official.is_official and official.shown_as == "物业服务中心 · 客服小钱"
    assert not ForumReply.objects.get(person=neighbour).is_official
    post.refresh_from_db()
    assert post.reply_count == 2 and post.answered_at == official.created_at
    page = login(staff["tech"]).get(f"/community/forum/{post.pk}/", headers=ZH)
    text = page.content.decode()
    assert "官方回复" in text and "已通知电梯维保单位" in text and "王建国" not in text


@pytest.mark.django_db
def test_com05_keyword_holds_a_post_for_the_moderator(community_a, staff, owner, login):
    ForumKeyword.objects.create(community=community_a, word="维权")
    post = owner_post(community_a, owner, title="业主集体维权", body="周六在门口集合")
    assert post.status == "held" and post.flagged_words == "维权"
    assert Notification.objects.filter(user=staff["qc"], text__contains="待审核").exists()
    assert not Notification.objects.filter(user=staff["csr"]).exists()
    # Other staff do not see it until approved, on the board or by the API.
    csr = login(staff["csr"])
    assert csr.get(f"/community/forum/{post.pk}/", headers=ZH).status_code == 404
    assert csr.get("/api/v1/forum-posts/").json()["count"] == 0
    with pytest.raises(DomainError):
        forum.reply(post, actor=staff["csr"], body="收到")
    qc = login(staff["qc"])
    queue = qc.get("/community/forum/queue/", headers=ZH).content.decode()
    assert "业主集体维权" in queue
    response = qc.post(
        f"/community/forum/{post.pk}/",
        {"action": "approve", "next": "/community/forum/queue/"},
        headers=ZH,
    )
    assert response.status_code == 302 and response["Location"] == "/community/forum/queue/"
    post.refresh_from_db()
    assert post.status == "shown" and post.moderated_by == staff["qc"]
    assert csr.get("/api/v1/forum-posts/").json()["count"] == 1


@pytest.mark.django_db
def test_com05_keyword_in_a_reply_and_letters_in_any_case(community_a, staff, owner):
    ForumKeyword.objects.create(community=community_a, word="QQ群")
    post = owner_post(community_a, owner)
    held = forum.reply(post, person=owner[0], body="加qq群 123456 领红包")
    assert held.status == "held"
    assert forum.reply(post, person=owner[0], body="全角ＱＱ群也算").status == "held"
    post.refresh_from_db()
    assert post.reply_count == 0  # a held reply is not counted until shown
    forum.approve_reply(post, actor=staff["qc"], reply=held)
    post.refresh_from_db()
    assert post.reply_count == 1
    # A moderator's own text is not held.
    assert forum.reply(post, actor=staff["qc"], body="请勿发QQ群广告").status == "shown"


@pytest.mark.django_db
def test_com05_what_others_may_not_read_stays_hidden_everywhere(community_a, staff, owner, login):
    ForumKeyword.objects.create(community=community_a, word="QQ群")
    held = owner_post(community_a, owner, title="加QQ群")
    # Held text is neither made a work order nor reported before a moderator approves it.
    with pytest.raises(DomainError, match="审核"):
        forum.make_work_order(held, actor=staff["csr"])
    with pytest.raises(DomainError, match="审核"):
        forum.escalate_post(held, actor=staff["qc"], note="广告")
    post = owner_post(community_a, owner)
    forum.reply(post, person=owner[0], body="补充：已经两天了")
    forum.hide_post(post, actor=staff["qc"], reason="重复发帖")
    csr = login(staff["csr"])
    # The replies of a hidden post are hidden with it, and the keywords are the moderators'.
    assert csr.get("/api/v1/forum-replies/").json()["count"] == 0
    forum.approve_post(held, actor=staff["qc"])
    shown = csr.get(f"/api/v1/forum-posts/{held.pk}/").json()
    assert shown["flagged_words"] == ""
    assert login(staff["qc"]).get(f"/api/v1/forum-posts/{held.pk}/").json()["flagged_words"]
    # A post of the service center's own is not waiting for an answer.
    forum.write_post(community=community_a, actor=staff["qc"], title="停水通知", body="周六停水")
    assert ForumPost.objects.filter(community=community_a).unanswered().count() == 1


@pytest.mark.django_db
def test_com05_hide_needs_a_reason_restore_brings_it_back(community_a, staff, owner, login):
    post = owner_post(community_a, owner)
    answer = forum.reply(post, actor=staff["csr"], body="已派人查看")
    qc = login(staff["qc"])
    url = f"/community/forum/{post.pk}/"
    refused = qc.post(url, {"action": "hide_reply", "reply": answer.pk, "reason": ""}, headers=ZH)
    assert refused.status_code == 302
    answer.refresh_from_db()
    assert answer.status == "shown"
    qc.post(url, {"action": "hide_reply", "reply": answer.pk, "reason": "回复有误"}, headers=ZH)
    answer.refresh_from_db()
    post.refresh_from_db()
    assert answer.status == "hidden" and answer.hidden_reason == "回复有误"
    assert post.reply_count == 0 and post.answered_at is None  # unanswered again
    page = qc.post(url, {"action": "hide", "reason": ""}, headers=ZH)
    assert page.status_code == 400 and "该字段是必填项" in page.content.decode()
    qc.post(url, {"action": "hide", "reason": "含有他人电话号码"}, headers=ZH)
    post.refresh_from_db()
    assert post.status == "hidden" and post.hidden_reason == "含有他人电话号码"
    assert Event.objects.filter(verb="forum.hidden", target_id=str(post.pk)).exists()
    assert login(staff["csr"]).get(url, headers=ZH).status_code == 404
    with pytest.raises(DomainError):
        forum.reply(post, actor=staff["csr"], body="补充")
    forum.restore_post(post, actor=staff["qc"])
    forum.restore_reply(post, actor=staff["qc"], reply=answer)
    post.refresh_from_db()
    assert post.status == "shown" and post.hidden_reason == "" and post.reply_count == 1
    assert post.answered_at is not None


@pytest.mark.django_db
def test_com05_post_becomes_a_work_order_once(community_a, staff, owner, login):
    post = owner_post(community_a, owner)
    csr = login(staff["csr"])
    response = api(csr, f"/api/v1/forum-posts/{post.pk}/to-order/", {"priority": "urgent"})
    assert response.status_code == 200, response.content
    order = WorkOrder.objects.get()
    assert order.channel == "forum" and order.kind == "complaint"
    assert order.unit == owner[1] and order.reporter == owner[0]
    assert order.reporter_phone == "13800001111" and "电梯又坏了" in order.description
    post.refresh_from_db()
    assert post.work_order == order
    official = post.replies.get()
    assert official.is_official and order.number in official.body
    again = api(csr, f"/api/v1/forum-posts/{post.pk}/to-order/", {})
    assert again.status_code == 400 and "已是工单" in again.content.decode()
    assert WorkOrder.objects.count() == 1
    # Only those who register work orders make one.
    with pytest.raises(DomainError):
        forum.make_work_order(owner_post(community_a, owner), actor=staff["tech"])


@pytest.mark.django_db
def test_com05_escalation_tells_headquarters_once(
    community_a, staff, owner, company_admin, company_viewer
):
    post = owner_post(community_a, owner)
    with pytest.raises(DomainError, match="总部"):
        forum.escalate_post(post, actor=staff["qc"], note="  ")
    told = forum.escalate_post(post, actor=staff["qc"], note="多名业主反映电梯安全问题")
    assert told == 3  # the company's admin and viewer, and the manager
    assert Notification.objects.filter(user=company_admin, text__contains="电梯又坏了").exists()
    with pytest.raises(DomainError, match="已上报"):
        forum.escalate_post(post, actor=staff["qc"], note="再报")
    with pytest.raises(DomainError):
        forum.escalate_post(post, actor=staff["csr"], note="客服不能上报")


@pytest.mark.django_db
def test_com05_morning_digest_once_a_day_to_the_manager(
    community_a, staff, owner, time_machine, login
):
    ForumKeyword.objects.create(community=community_a, word="广告")
    time_machine.move_to(dt.datetime(2026, 12, 5, 10, 0, tzinfo=SHANGHAI), tick=False)
    answered = owner_post(community_a, owner, title="小区绿化")
    forum.reply(answered, actor=staff["csr"], body="本周修剪")
    owner_post(community_a, owner, title="停车难")  # unanswered
    owner_post(community_a, owner, title="装修广告", body="上门装修广告")  # held
    time_machine.move_to(dt.datetime(2026, 12, 4, 10, 0, tzinfo=SHANGHAI), tick=False)
    owner_post(community_a, owner, title="前一天的帖子")  # unanswered, from the day before
    time_machine.move_to(dt.datetime(2026, 12, 6, 8, 30, tzinfo=SHANGHAI), tick=False)
    assert forum_digests.call() == 1
    assert forum_digests.call() == 0  # a second run tells nobody again
    digest = ForumDigest.objects.get()
    assert digest.day == dt.date(2026, 12, 5)
    assert (digest.new_posts, digest.new_replies, digest.unanswered, digest.held) == (3, 1, 2, 1)
    told = Notification.objects.filter(user=staff["mgr"], text__contains="论坛日报")
    assert told.count() == 1 and digest.told == 1
    assert "新帖 3" in told.get().text
    page = login(staff["mgr"]).get(f"/community/forum-digests/{digest.pk}/", headers=ZH)
    text = page.content.decode()
    assert "停车难" in text and "前一天的帖子" in text and "装修广告" in text
    # A quiet day is not told.
    time_machine.move_to(dt.datetime(2026, 12, 9, 8, 30, tzinfo=SHANGHAI), tick=False)
    forum.approve_post(ForumPost.objects.get(title="装修广告"), actor=staff["qc"])
    for post in ForumPost.objects.filter(answered_at__isnull=True):
        forum.close_post(post, actor=staff["qc"])
    assert forum.send_digest(community_a, dt.date(2026, 12, 8)) is None


@pytest.mark.django_db
def test_com05_bad_input_changes_nothing(community_a, community_b, staff, owner, login):
    csr = login(staff["csr"])
    assert api(csr, "/api/v1/forum-posts/", {"title": "", "body": ""}).status_code == 400
    wrong = api(
        csr,
        "/api/v1/forum-posts/",
        {"title": "标题", "body": "正文", "category": "gossip"},
    )
    assert wrong.status_code == 400
    too_long = api(csr, "/api/v1/forum-posts/", {"title": "标题", "body": "字" * 5001})
    assert too_long.status_code == 400
    assert api(csr, "/api/v1/forum-posts/", ["not", "an", "object"]).status_code == 400
    assert ForumPost.objects.count() == 0
    stranger = PersonFactory(community=community_b)
    with pytest.raises(DomainError):
        forum.write_post(community=community_a, person=stranger, title="外人", body="内容")
    with pytest.raises(DomainError, match="不住"):
        forum.write_post(
            community=community_a,
            person=owner[0],
            unit=UnitFactory(community=community_a),
            title="别人的房",
            body="内容",
        )
    post = owner_post(community_a, owner)
    other = owner_post(community_a, owner, title="另一帖")
    foreign_reply = forum.reply(other, person=owner[0], body="别处的回复")
    bad = api(
        login(staff["qc"]),
        f"/api/v1/forum-posts/{post.pk}/hide-reply/",
        {"reply": foreign_reply.pk, "reason": "x"},
    )
    assert bad.status_code == 400
    # A representative does not moderate.
    assert api(csr, f"/api/v1/forum-posts/{post.pk}/hide/", {"reason": "x"}).status_code == 403
    forum.close_post(post, actor=staff["qc"])
    closed = api(csr, f"/api/v1/forum-posts/{post.pk}/reply/", {"body": "补充"})
    assert closed.status_code == 400 and "关闭" in closed.content.decode()
    assert ForumReply.objects.count() == 1
    # The keyword list: one word once.
    ForumKeyword.objects.create(community=community_a, word="传销")
    dup = api(login(staff["qc"]), "/api/v1/forum-keywords/", {"word": " 传销 "})
    assert dup.status_code == 400 and "已在" in dup.content.decode()
