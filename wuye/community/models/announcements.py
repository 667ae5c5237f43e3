"""Announcements 公告 (COM-01, CSS-7): written as a draft, reviewed by the customer-service
supervisor, published now or at a time for the community, some zones or some buildings, pinned
or not, until an expiry; printed as an A4 notice for the boards; read by staff (and owners on
the owners' side), who is counted."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedManager, ScopedModel, ScopedQuerySet

from ..choices import (
    ANNOUNCEMENT_BADGES,
    AnnouncementCategory,
    AnnouncementStatus,
    Audience,
)


class AnnouncementQuerySet(ScopedQuerySet):
    def showing(self, now: dt.datetime | None = None):
        """Published, its time come and not expired: what the boards and the owners see."""
        now = now or timezone.now()
        return self.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now),
            status=AnnouncementStatus.PUBLISHED,
            publish_at__lte=now,
        )


AnnouncementManager = ScopedManager.from_queryset(AnnouncementQuerySet)


class Announcement(ScopedModel):
    number = models.CharField(_("number"), max_length=20, editable=False)
    title = models.CharField(_("title"), max_length=100)
    category = models.CharField(
        _("category"),
        max_length=12,
        choices=AnnouncementCategory.choices,
        default=AnnouncementCategory.NOTICE,
    )
    body = models.TextField(_("text"), help_text=_("Formatting is kept; scripts never are"))
    audience = models.CharField(
        _("for"), max_length=10, choices=Audience.choices, default=Audience.COMMUNITY
    )
    zones = models.ManyToManyField(
        "org.Zone", verbose_name=_("zones"), blank=True, related_name="+"
    )
    buildings = models.ManyToManyField(
        "estate.Building", verbose_name=_("buildings"), blank=True, related_name="+"
    )
    pinned = models.BooleanField(_("pinned"), default=False)
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    signed_by = models.CharField(
        _("signed by"), max_length=50, blank=True, help_text=_("The service center when empty")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AnnouncementStatus.choices,
        default=AnnouncementStatus.DRAFT,
    )
    author = models.ForeignKey(
        "org.User", verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        "org.User",
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.CharField(_("review note"), max_length=200, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdraw_reason = models.CharField(_("why withdrawn"), max_length=200, blank=True)

    objects: ClassVar = AnnouncementManager()

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-pinned", "-publish_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "number"], name="community_announcement_number"
            ),
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True)
                | Q(publish_at__isnull=True)
                | Q(expires_at__gt=models.F("publish_at")),
                name="community_announcement_expires_after_publish",
            ),
            models.CheckConstraint(
                condition=~Q(status=AnnouncementStatus.PUBLISHED) | Q(publish_at__isnull=False),
                name="community_announcement_published_has_time",
            ),
        ]
        indexes = [models.Index(fields=["community", "status", "publish_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("community:announcement_detail", args=[self.pk])

    @property
    def badge(self) -> str:
        return ANNOUNCEMENT_BADGES[AnnouncementStatus(self.status)]

    @property
    def state_label(self) -> str:
        """The status as the office speaks of it: a published one is scheduled until its time
        and expired after its expiry."""
        now = timezone.now()
        if self.status == AnnouncementStatus.PUBLISHED and self.publish_at:
            if self.publish_at > now:
                return str(_("Scheduled to publish"))
            if self.expires_at and self.expires_at <= now:
                return str(_("Expired"))
        return str(self.get_status_display())

    def audience_text(self) -> str:
        if self.audience == Audience.ZONES:
            return "、".join(str(z) for z in self.zones.all())
        if self.audience == Audience.BUILDINGS:
            return "、".join(str(b) for b in self.buildings.all())
        return str(_("The whole community"))


def announcement_image_path(instance: AnnouncementImage, filename: str) -> str:
    return f"announcements/{instance.community_id}/{filename}"


class AnnouncementImage(ScopedModel):
    """A picture of an announcement (checked by its content when uploaded), shown under the text
    on the page and on the printed notice."""

    announcement = models.ForeignKey(
        Announcement,
        verbose_name=_("announcement"),
        on_delete=models.CASCADE,
        related_name="images",
    )
    photo = models.ImageField(_("picture"), upload_to=announcement_image_path)
    caption = models.CharField(_("caption"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("announcement picture")
        verbose_name_plural = _("announcement pictures")
        ordering = ["announcement", "id"]

    def __str__(self):
        return self.caption or str(self.announcement)

    def get_absolute_url(self):
        return reverse("community:announcement_image", args=[self.pk])


class AnnouncementRead(ScopedModel):
    """Who read an announcement, and when (once per person)."""

    announcement = models.ForeignKey(
        Announcement,
        verbose_name=_("announcement"),
        on_delete=models.CASCADE,
        related_name="reads",
    )
    user = models.ForeignKey(
        "org.User", verbose_name=_("read by"), on_delete=models.CASCADE, related_name="+"
    )
    read_at = models.DateTimeField(_("read at"), default=timezone.now)

    class Meta:
        verbose_name = _("announcement read")
        verbose_name_plural = _("announcement reads")
        ordering = ["announcement", "read_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "user"], name="community_announcement_read_once"
            )
        ]

    def __str__(self):
        return f"{self.user} {self.read_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return self.announcement.get_absolute_url()
