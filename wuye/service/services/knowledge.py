"""The FAQ knowledge base (SRV-09): saving an article with its history, and the articles that
answer what a caller is asking."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from wuye.core.audit import record_event
from wuye.core.pinyin import pinyin_and_initials
from wuye.org.models import Community, User

from ..models import ArticleRevision, KnowledgeArticle


@transaction.atomic
def save_article(
    article: KnowledgeArticle | None,
    *,
    actor: User,
    community: Community,
    topic: str,
    title: str,
    question: str = "",
    answer: str,
    tags: str = "",
    is_published: bool = True,
) -> KnowledgeArticle:
    """Save an FAQ article (`None`: a new one); an edit keeps the previous text as a revision
    (its history)."""
    if article is None or article.pk is None:
        article = KnowledgeArticle(community=community, created_by=actor)
    else:
        article = KnowledgeArticle.objects.select_for_update().get(pk=article.pk)
        ArticleRevision.objects.create(
            community=community,
            article=article,
            revision=article.revision,
            title=article.title,
            question=article.question,
            answer=article.answer,
            tags=article.tags,
            created_by=actor,  # the revision row records who replaced this text, and when
        )
        article.revision += 1
    article.topic, article.title, article.question = topic, title, question
    article.answer, article.tags, article.is_published = answer, tags, is_published
    article.pinyin, article.initials = pinyin_and_initials(article.title)
    article.save()
    record_event(
        verb="faq.saved",
        actor=actor,
        community=community,
        target=article,
        message=_("FAQ article saved (revision %(n)d)") % {"n": article.revision},
    )
    return article


def suggest_articles(
    community: Community, text: str | None, limit: int = 3
) -> list[KnowledgeArticle]:
    """FAQ articles for what the caller is asking (the intake screen): keywords found in the
    text count most, then two-character pieces of the title."""
    text = (text or "").strip()
    if len(text) < 2:
        return []
    scored: list[tuple[int, str, KnowledgeArticle]] = []
    for article in KnowledgeArticle.objects.filter(community=community, is_published=True)[:1000]:
        score = sum(3 for word in article.keywords if word and word in text)
        title = article.title
        score += sum(1 for i in range(len(title) - 1) if title[i : i + 2] in text)
        if score:
            scored.append((score, article.title, article))
    scored.sort(key=lambda row: (-row[0], row[1]))
    return [article for _score, _title, article in scored[:limit]]
