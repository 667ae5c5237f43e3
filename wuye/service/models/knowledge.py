"""The FAQ knowledge base (答客户问知识汇编) and its revisions (SRV-09)."""

import re

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel


class KnowledgeArticle(ScopedModel):
    """An entry of the FAQ knowledge base (答客户问知识汇编): the question residents ask and the
    answer the front desk gives, by topic with tags; every edit keeps a revision."""

    topic = models.CharField(_("topic"), max_length=50, help_text=_("e.g. 收费, 装修, 车辆"))
    title = models.CharField(_("title"), max_length=100)
    question = models.TextField(_("question"), max_length=1000, blank=True)
    answer = models.TextField(_("answer"), max_length=5000)
    tags = models.CharField(
        _("keywords"), max_length=200, blank=True, help_text=_("Separated by spaces or commas")
    )
    is_published = models.BooleanField(_("in use"), default=True)
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)
    pinyin = models.CharField(max_length=200, editable=False, default="")
    initials = models.CharField(max_length=50, editable=False, default="")

    class Meta:
        verbose_name = _("FAQ article")
        verbose_name_plural = _("FAQ knowledge base")
        ordering = ["community_id", "topic", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "title"], name="service_article_unique_title"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("service:knowledgearticle_detail", args=[self.pk])

    @property
    def keywords(self) -> list[str]:
        return [k for k in re.split(r"[\s,，、;；]+", self.tags or "") if k]


class ArticleRevision(ScopedModel):
    """An FAQ article as it was before an edit (its history)."""

    article = models.ForeignKey(
        KnowledgeArticle,
        verbose_name=_("FAQ article"),
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    revision = models.PositiveIntegerField(_("revision"))
    title = models.CharField(_("title"), max_length=100)
    question = models.TextField(_("question"), blank=True)
    answer = models.TextField(_("answer"))
    tags = models.CharField(_("keywords"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("FAQ revision")
        verbose_name_plural = _("FAQ revisions")
        ordering = ["article", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "revision"], name="service_article_revision_once"
            )
        ]

    def __str__(self):
        return f"{self.article} v{self.revision}"

    def get_absolute_url(self):
        return self.article.get_absolute_url()
