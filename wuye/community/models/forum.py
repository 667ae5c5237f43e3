"""The owners' forum and feedback board 业主论坛 (COM-05, QC-2): posts and replies from owners
and staff, the staff's replies marked official; what contains a word of the community's
keyword list waits for a moderator, who may also hide a post or a reply (with the reason) and
restore it; a post may become a work order; the manager gets a digest every morning."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedManager, ScopedModel, ScopedQuerySet

from ..choices import FORUM_BADGES, ForumCategory, ForumStatus

# an owner's post or reply has a person and no user; a staff member's a user and no person
ONE_AUTHOR = Q(author__isnull=False, person__isnull=True) | Q(
    author__isnull=True, person__isnull=False
)
HIDDEN_HAS_REASON = ~Q(status=ForumStatus.HIDDEN) | ~Q(hidden_reason="")


class ForumKeyword(ScopedModel):
    """A word that holds a post or a reply for a moderator before anyone else sees it."""

    word = models.CharField(_("word"), max_length=30)
    note = models.CharField(_("note"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("forum keyword")
        verbose_name_plural = _("forum keywords")
        ordering = ["word"]
        constraints = [
            models.UniqueConstraint(fields=["community", "word"], name="community_keyword_once")
        ]

    def __str__(self):
        return self.word

    def get_absolute_url(self):
        return reverse("community:forumkeyword_detail", args=[self.pk])


def shown_or_own(access, prefix: str = "") -> Q:
    """What a member of staff who does not moderate may read: what is shown, and his own."""
    rule = Q(**{f"{prefix}status": ForumStatus.SHOWN})
    user = access.user
    if user is not None and user.is_authenticated:
        rule |= Q(**{f"{prefix}author": user})
    return rule


class ForumPostQuerySet(ScopedQuerySet):
    def for_access(self, access):
        """Moderators see everything; other staff what is shown and what they wrote."""
        queryset = super().for_access(access)
        if access is not None and not access.has("community.forum.moderate"):
            queryset = queryset.filter(shown_or_own(access))
        return queryset

    def unanswered(self):
        """Residents' posts on the board, open, that the service center has not answered."""
        return self.filter(
            status=ForumStatus.SHOWN,
            is_closed=False,
            person__isnull=False,
            answered_at__isnull=True,
        )


class ForumReplyQuerySet(ScopedQuerySet):
    def for_access(self, access):
        """As for posts, and only on a post the reader may read."""
        queryset = super().for_access(access)
        if access is not None and not access.has("community.forum.moderate"):
            queryset = queryset.filter(shown_or_own(access), shown_or_own(access, "post__"))
        return queryset


ForumPostManager = ScopedManager.from_queryset(ForumPostQuerySet)
ForumReplyManager = ScopedManager.from_queryset(ForumReplyQuerySet)


class Moderated(ScopedModel):
    """What posts and replies share: who wrote it, as whom it shows, and its moderation."""

    body = models.TextField(_("text"))
    author = models.ForeignKey(
        "org.User",
        verbose_name=_("staff author"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    person = models.ForeignKey(
        "estate.Person",
        verbose_name=_("owner or resident"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    shown_as = models.CharField(_("shown as"), max_length=50)
    status = models.CharField(
        _("status"), max_length=8, choices=ForumStatus.choices, default=ForumStatus.SHOWN
    )
    flagged_words = models.CharField(_("keywords found"), max_length=200, blank=True)
    hidden_reason = models.CharField(_("why hidden"), max_length=200, blank=True)
    moderated_by = models.ForeignKey(
        "org.User",
        verbose_name=_("moderated by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def badge(self) -> str:
        return FORUM_BADGES[ForumStatus(self.status)]


class ForumPost(Moderated):
    category = models.CharField(
        _("category"),
        max_length=10,
        choices=ForumCategory.choices,
        default=ForumCategory.SUGGESTION,
    )
    title = models.CharField(_("title"), max_length=100)
    unit = models.ForeignKey(
        "estate.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_closed = models.BooleanField(_("closed to replies"), default=False)
    reply_count = models.PositiveIntegerField(_("replies"), default=0)
    last_reply_at = models.DateTimeField(_("last reply"), null=True, blank=True)
    answered_at = models.DateTimeField(_("officially answered at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("reported to headquarters at"), null=True, blank=True)
    escalation_note = models.CharField(_("report note"), max_length=200, blank=True)
    work_order = models.ForeignKey(
        "service.WorkOrder",
        verbose_name=_("work order"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects: ClassVar = ForumPostManager()

    class Meta:
        verbose_name = _("forum post")
        verbose_name_plural = _("forum posts")
        ordering = ["-is_pinned", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=ONE_AUTHOR, name="community_post_one_author"),
            models.CheckConstraint(condition=HIDDEN_HAS_REASON, name="community_post_hidden_why"),
        ]
        indexes = [models.Index(fields=["community", "status", "created_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("community:forumpost_detail", args=[self.pk])


class ForumReply(Moderated):
    post = models.ForeignKey(
        ForumPost, verbose_name=_("forum post"), on_delete=models.CASCADE, related_name="replies"
    )
    is_official = models.BooleanField(_("official reply"), default=False)

    objects: ClassVar = ForumReplyManager()

    class Meta:
        verbose_name = _("forum reply")
        verbose_name_plural = _("forum replies")
        ordering = ["post", "created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=ONE_AUTHOR, name="community_reply_one_author"),
            models.CheckConstraint(condition=HIDDEN_HAS_REASON, name="community_reply_hidden_why"),
            # only the service center's staff answer officially
            models.CheckConstraint(
                condition=Q(is_official=False) | Q(author__isnull=False),
                name="community_official_by_staff",
            ),
        ]
        indexes = [models.Index(fields=["community", "status", "created_at"])]

    def __str__(self):
        return f"{self.post} · {self.shown_as}"

    def get_absolute_url(self):
        return f"{self.post.get_absolute_url()}#reply-{self.pk}"


class ForumDigest(ScopedModel):
    """The forum's day as told to the manager the next morning (each day once)."""

    day = models.DateField(_("day"))
    new_posts = models.PositiveIntegerField(_("new posts"), default=0)
    new_replies = models.PositiveIntegerField(_("new replies"), default=0)
    unanswered = models.PositiveIntegerField(_("without an official reply"), default=0)
    held = models.PositiveIntegerField(_("awaiting moderation"), default=0)
    hidden = models.PositiveIntegerField(_("hidden that day"), default=0)
    escalated = models.PositiveIntegerField(_("reported to headquarters"), default=0)
    told = models.PositiveIntegerField(_("people told"), default=0)

    class Meta:
        verbose_name = _("forum digest")
        verbose_name_plural = _("forum digests")
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["community", "day"], name="community_digest_once")
        ]

    def __str__(self):
        return str(self.day)

    def get_absolute_url(self):
        return reverse("community:forumdigest_detail", args=[self.pk])
