"""Internal notices and meeting minutes 内部通知、会议纪要 (COM-09, MGR-3): sent to the staff of
some posts (or everyone), each recipient fixed when it is sent, who confirmed reading it and
when; who has not is listed."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedManager, ScopedModel, ScopedQuerySet

from ..choices import NoticeKind


class StaffNoticeQuerySet(ScopedQuerySet):
    def for_access(self, access):
        """Those who write notices see the community's; everyone else the notices sent to
        him."""
        queryset = super().for_access(access)
        if access is not None and not access.has("community.notice.change"):
            queryset = queryset.filter(receipts__user=access.user)
        return queryset


StaffNoticeManager = ScopedManager.from_queryset(StaffNoticeQuerySet)


def notice_file_path(instance: StaffNotice, filename: str) -> str:
    return f"notices/{instance.community_id}/{filename}"


class StaffNotice(ScopedModel):
    number = models.CharField(_("number"), max_length=20, editable=False)
    kind = models.CharField(
        _("kind"), max_length=8, choices=NoticeKind.choices, default=NoticeKind.NOTICE
    )
    title = models.CharField(_("title"), max_length=100)
    body = models.TextField(_("text"))
    posts = models.JSONField(_("posts"), default=list, blank=True)
    attachment = models.FileField(
        _("attachment"),
        upload_to=notice_file_path,
        blank=True,
        help_text=_("A PDF or a picture"),
    )
    meeting_on = models.DateField(_("meeting date"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)

    objects: ClassVar = StaffNoticeManager()

    class Meta:
        verbose_name = _("internal notice")
        verbose_name_plural = _("internal notices")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["community", "number"], name="community_notice_no"),
            models.CheckConstraint(
                condition=~Q(kind=NoticeKind.MINUTES) | Q(meeting_on__isnull=False),
                name="community_minutes_have_a_date",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("community:staffnotice_detail", args=[self.pk])


class NoticeReceipt(ScopedModel):
    """One recipient of an internal notice, and when he confirmed reading it."""

    notice = models.ForeignKey(
        StaffNotice,
        verbose_name=_("internal notice"),
        on_delete=models.CASCADE,
        related_name="receipts",
    )
    user = models.ForeignKey(
        "org.User", verbose_name=_("staff member"), on_delete=models.CASCADE, related_name="+"
    )
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("read receipt")
        verbose_name_plural = _("read receipts")
        ordering = ["notice", "read_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "user"], name="community_receipt_once")
        ]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return f"{self.notice.number} {self.user}"

    def get_absolute_url(self):
        return self.notice.get_absolute_url()
