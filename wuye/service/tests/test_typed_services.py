"""The settings and FAQ services take plain values, never a form: what they save, the history
they keep and the audit row they write."""

import datetime as dt

import pytest

from wuye.core.errors import DomainError
from wuye.core.models import Event
from wuye.service import services
from wuye.service.models import ArticleRevision, ServicePolicy

POLICY = {
    "work_starts": dt.time(8, 30),
    "work_ends": dt.time(17, 30),
    "repair_visit_percent": 100,
    "visit_within_days": 7,
    "safety_visit_within_days": 2,
    "remind_before_minutes": 30,
    "complaint_hours": 24,
}


@pytest.mark.django_db
def test_saving_the_policy_names_the_settings_that_changed(community_a, mgr_a):
    """SRV-03: the first save creates the community's settings; the audit row lists only the
    settings that differ from what was there (the defaults, the first time)."""
    policy = services.save_policy(community=community_a, actor=mgr_a, **POLICY)
    assert policy.created_by == mgr_a and ServicePolicy.objects.get() == policy
    first = Event.objects.get(verb="service.policy_saved")
    assert first.data == {"fields": []}
    services.save_policy(
        community=community_a,
        actor=mgr_a,
        **{**POLICY, "complaint_hours": 12, "work_ends": dt.time(18)},
    )
    policy.refresh_from_db()
    assert policy.complaint_hours == 12 and policy.work_ends == dt.time(18)
    latest = Event.objects.filter(verb="service.policy_saved").first()
    assert latest is not None and latest.data == {"fields": ["complaint_hours", "work_ends"]}
    with pytest.raises(DomainError):
        services.save_policy(
            community=community_a, actor=mgr_a, **{**POLICY, "work_starts": dt.time(18)}
        )


@pytest.mark.django_db
def test_an_edited_article_keeps_the_text_it_replaced(community_a, css_a):
    """SRV-09: an edit keeps the previous text as a revision and bumps the revision."""
    article = services.save_article(
        None,
        actor=css_a,
        community=community_a,
        topic="车辆",
        title="车位月卡怎么办理",
        answer="月租 300 元。",
        tags="车位 月卡",
    )
    assert article.revision == 1 and article.created_by == css_a
    assert article.initials == "cwykzmbl" and article.is_published
    edited = services.save_article(
        article,
        actor=css_a,
        community=community_a,
        topic="车辆",
        title="车位月卡怎么办理",
        question="月卡多少钱",
        answer="月租 320 元。",
        tags="车位 月卡",
        is_published=False,
    )
    assert edited.pk == article.pk and edited.revision == 2
    assert edited.answer == "月租 320 元。" and not edited.is_published
    old = ArticleRevision.objects.get()
    assert (old.revision, old.answer, old.question) == (1, "月租 300 元。", "")
