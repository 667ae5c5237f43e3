"""SRV-09: the FAQ knowledge base — articles by topic with keywords and history, searched by
full text and by pinyin, and suggested on the intake screen as the matter is typed."""

import pytest
from django.urls import reverse

from wuye.service.models import ArticleRevision, KnowledgeArticle


@pytest.mark.django_db
def test_articles_keep_their_history_and_are_found_by_text_and_pinyin(
    community_a, make_staff, login
):
    css = make_staff(community_a, "CSS")
    client = login(css)
    data = {
        "topic": "车辆",
        "title": "车位月卡怎么办理",
        "question": "我想办理地下车库的月卡",
        "answer": "带行驶证、身份证到服务中心前台办理，月租 300 元。",
        "tags": "车位 月卡 停车",
        "is_published": "on",
    }
    assert client.post(reverse("service:knowledgearticle_add"), data).status_code == 302
    article = KnowledgeArticle.objects.get()
    assert article.pinyin == "cheweiyuekazenmebanli" and article.initials == "cwykzmbl"
    edited = {**data, "answer": "带行驶证、身份证到前台办理，月租 320 元（2027 年起）。"}
    client.post(reverse("service:knowledgearticle_edit", args=[article.pk]), edited)
    article.refresh_from_db()
    assert article.revision == 2 and "320" in article.answer
    old = ArticleRevision.objects.get()
    assert old.revision == 1 and "300" in old.answer
    detail = client.get(article.get_absolute_url()).content.decode()
    assert "v1" in detail
    for query in ("月租", "cwyk", "yueka", "停车"):
        listed = client.get(reverse("service:knowledgearticle_list"), {"q": query})
        assert [a.pk for a in listed.context["table"].data] == [article.pk], query
    tech = login(make_staff(community_a, "TECH"))
    assert tech.get(reverse("service:knowledgearticle_list")).status_code == 200
    assert tech.post(reverse("service:knowledgearticle_add"), data).status_code == 403


@pytest.mark.django_db
def test_the_intake_screen_suggests_answers(community_a, dsp_a, login):
    from wuye.service.tests.factories import KnowledgeArticleFactory

    KnowledgeArticleFactory(community=community_a, title="装修时间规定", tags="装修 噪音 时间")
    KnowledgeArticleFactory(community=community_a, title="物业费缴纳方式", tags="物业费 缴费")
    KnowledgeArticleFactory(
        community=community_a, title="装修押金退还", tags="装修 押金", is_published=False
    )
    response = (
        login(dsp_a)
        .get(
            reverse("service:workorder_intake"),
            {"description": "楼上装修噪音太大，几点可以施工？"},
            headers={"HX-Request": "true", "HX-Target": "faq"},
        )
        .content.decode()
    )
    assert "装修时间规定" in response
    assert "物业费缴纳方式" not in response and "装修押金退还" not in response
