"""COM-05 in a real browser on a 390 px phone: the quality specialist opens the moderation
queue, approves a post held by a keyword, and answers it for the service center;
the reply shows as official and nothing overflows the screen."""

import pytest

from wuye.community.models import ForumKeyword, ForumPost
from wuye.community.services import forum
from wuye.core.tests.browser import TIMEOUT_MS, log_in
from wuye.estate.tests.factories import PersonFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_com05_moderator_approves_and_answers_on_a_phone(
    transactional_db, live_server, browser, community_a, make_staff
):
    from playwright.sync_api import expect

    qc = make_staff(community_a, "QC", username="forum_qc", name="品质小周")
    ForumKeyword.objects.create(community=community_a, word="维权")
    held = forum.write_post(
        community=community_a,
        person=PersonFactory(community=community_a, name="王建国"),
        category="complaint",
        title="电梯维权",
        body="电梯一周坏三次，大家一起反映。",
    )
    assert held.status == "held"

    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(str(error)))
    log_in(tab, live_server, qc)
    tab.goto(f"{live_server.url}/community/forum/queue/")
    queue = tab.locator("[data-testid=queue-posts]")
    expect(queue).to_contain_text("电梯维权")
    expect(queue).to_contain_text("维权")
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 10
    queue.get_by_role("button", name="通过").click()
    expect(tab.locator("body")).to_contain_text("已通过，帖子已显示。")
    expect(tab.locator("[data-testid=queue-posts]")).to_contain_text("没有待审核的内容")

    tab.goto(f"{live_server.url}/community/forum/{held.pk}/")
    expect(tab.locator("[data-testid=post-status]")).to_have_text("已显示")
    tab.fill("[data-testid=reply-form] textarea", "已联系电梯维保单位全面检修，本周内完成。")
    tab.locator("[data-testid=reply-form] button[type=submit]").click()
    expect(tab.locator("body")).to_contain_text("已回复。")
    expect(tab.locator("[data-testid=replies]")).to_contain_text("官方回复")
    expect(tab.locator("[data-testid=replies]")).to_contain_text("物业服务中心 · 品质小周")
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 10
    post = ForumPost.objects.get(pk=held.pk)
    assert post.reply_count == 1 and post.answered_at is not None
    assert problems == []
    context.close()
