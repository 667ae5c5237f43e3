"""Announcements (COM-01, CSS-7): the author writes a draft (formatted text with nothing that
runs, pictures checked by their content), submits it; the customer-service supervisor or the
manager — never the author — publishes it now or at a time, or returns it with a note; a
published one is withdrawn with a reason. Staff confirm they have read it, once each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.access import require
from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.core.forms import staff_users
from wuye.core.notifications import notify_users
from wuye.core.numbering import next_number
from wuye.core.photos import clean_photos
from wuye.org.models import Membership

from ..choices import (
    ANNOUNCEMENT_TRANSITIONS,
    EDITABLE,
    AnnouncementAction,
    Audience,
)
from ..models import Announcement, AnnouncementImage, AnnouncementRead
from ..richtext import clean_html, has_script, plain_text

REVIEWER_POSTS = ("CSS", "MGR")


def clean_body(body: str) -> str:
    if has_script(body):
        raise DomainError(
            _(
                "The text contains a script or an event handler; remove it (scripts are never "
                "published)."
            ),
            field="body",
        )
    cleaned = clean_html(body)
    if not plain_text(cleaned) and "<img" not in cleaned:
        raise DomainError(_("Write the text of the announcement."), field="body")
    return cleaned


def _check_audience(audience: str, zones: list[Any], buildings: list[Any]) -> None:
    if audience == Audience.ZONES and not zones:
        raise DomainError(_("Choose the zones it is for."), field="zones")
    if audience == Audience.BUILDINGS and not buildings:
        raise DomainError(_("Choose the buildings it is for."), field="buildings")


def _check_times(publish_at: dt.datetime | None, expires_at: dt.datetime | None) -> None:
    if expires_at is not None and expires_at <= (publish_at or timezone.now()):
        raise DomainError(_("It must expire after it is published."), field="expires_at")


def _lock(announcement: Announcement) -> Announcement:
    return (
        Announcement.objects.select_for_update(of=("self",))
        .select_related("community")
        .get(pk=announcement.pk)
    )


def _move(announcement: Announcement, action: str) -> None:
    sources, status = ANNOUNCEMENT_TRANSITIONS[AnnouncementAction(action)]
    if announcement.status not in sources:
        raise DomainError(
            _("A %(status)s announcement cannot be: %(action)s.")
            % {
                "status": announcement.get_status_display(),
                "action": AnnouncementAction(action).label,
            }
        )
    announcement.status = status


def _add_pictures(announcement: Announcement, photos: Iterable[Any], actor: Any) -> None:
    for photo in clean_photos(photos, field="photos"):
        AnnouncementImage.objects.create(
            community_id=announcement.community_id,
            announcement=announcement,
            photo=photo,
            created_by=actor,
        )


@transaction.atomic
def create_announcement(
    *,
    community: Any,
    actor: Any,
    title: str,
    category: str,
    body: str,
    audience: str,
    zones: Iterable[Any] = (),
    buildings: Iterable[Any] = (),
    pinned: bool = False,
    publish_at: dt.datetime | None = None,
    expires_at: dt.datetime | None = None,
    signed_by: str = "",
    photos: Iterable[Any] = (),
) -> Announcement:
    require(
        actor, community, "community.announcement.change", _("You may not write announcements.")
    )
    zones, buildings = list(zones), list(buildings)
    cleaned = clean_body(body)
    _check_audience(audience, zones, buildings)
    _check_times(publish_at, expires_at)
    announcement = Announcement.objects.create(
        community=community,
        number=next_number(community, "announcement", prefix="GG", width=4),
        title=title.strip(),
        category=category,
        body=cleaned,
        audience=audience,
        pinned=pinned,
        publish_at=publish_at,
        expires_at=expires_at,
        signed_by=signed_by.strip(),
        author=actor,
        created_by=actor,
    )
    announcement.zones.set(zones if audience == Audience.ZONES else [])
    announcement.buildings.set(buildings if audience == Audience.BUILDINGS else [])
    _add_pictures(announcement, photos, actor)
    record_event(
        verb="announcement.drafted",
        actor=actor,
        community=community,
        target=announcement,
        message=announcement.title,
    )
    return announcement


@transaction.atomic
def update_announcement(
    announcement: Announcement,
    *,
    actor: Any,
    title: str,
    category: str,
    body: str,
    audience: str,
    zones: Iterable[Any] = (),
    buildings: Iterable[Any] = (),
    pinned: bool = False,
    publish_at: dt.datetime | None = None,
    expires_at: dt.datetime | None = None,
    signed_by: str = "",
    photos: Iterable[Any] = (),
    remove_photos: Iterable[Any] = (),
) -> Announcement:
    """The author changes a draft, or one returned to him."""
    announcement = _lock(announcement)
    _require_writer(actor, announcement)
    if announcement.status not in EDITABLE:
        raise DomainError(_("Only a draft or a returned announcement is changed."))
    if announcement.author_id != actor.pk:
        raise DomainError(_("Only its author changes a draft."))
    zones, buildings = list(zones), list(buildings)
    announcement.body = clean_body(body)
    _check_audience(audience, zones, buildings)
    _check_times(publish_at, expires_at)
    announcement.title, announcement.category = title.strip(), category
    announcement.audience, announcement.pinned = audience, pinned
    announcement.publish_at, announcement.expires_at = publish_at, expires_at
    announcement.signed_by = signed_by.strip()
    announcement.save()
    announcement.zones.set(zones if audience == Audience.ZONES else [])
    announcement.buildings.set(buildings if audience == Audience.BUILDINGS else [])
    announcement.images.filter(pk__in=[p.pk for p in remove_photos]).delete()
    _add_pictures(announcement, photos, actor)
    return announcement


@transaction.atomic
def add_pictures(announcement: Announcement, *, actor: Any, photos: Iterable[Any]) -> int:
    """The author adds pictures to a draft; they show under the text."""
    announcement = _lock(announcement)
    _require_writer(actor, announcement)
    if announcement.status not in EDITABLE or announcement.author_id != actor.pk:
        raise DomainError(_("Only its author adds pictures, while it is a draft."))
    photos = list(photos)
    if not photos:
        raise DomainError(_("Choose the pictures."), field="photos")
    _add_pictures(announcement, photos, actor)
    return len(photos)


def _require_writer(actor: Any, announcement: Announcement) -> None:
    require(
        actor,
        announcement.community,
        "community.announcement.change",
        _("You may not write announcements."),
    )


def _reviewers(community: Any) -> list[Any]:
    return [
        m.user
        for m in Membership.objects.filter(
            community=community, post__in=REVIEWER_POSTS, is_active=True, user__is_active=True
        ).select_related("user")
    ]


@transaction.atomic
def submit_announcement(announcement: Announcement, *, actor: Any) -> Announcement:
    announcement = _lock(announcement)
    _require_writer(actor, announcement)
    if announcement.author_id != actor.pk:
        raise DomainError(_("Its author submits a draft."))
    _move(announcement, AnnouncementAction.SUBMIT)
    announcement.submitted_at = timezone.now()
    announcement.save(update_fields=["status", "submitted_at", "updated_at"])
    reviewers = [u for u in _reviewers(announcement.community) if u.pk != actor.pk]
    notify_users(
        announcement.community,
        reviewers,
        _("Announcement to review: %(title)s") % {"title": announcement.title},
        url=announcement.get_absolute_url(),
    )
    record_event(
        verb="announcement.submitted",
        actor=actor,
        community=announcement.community,
        target=announcement,
        message=announcement.title,
    )
    return announcement


@transaction.atomic
def publish_announcement(
    announcement: Announcement,
    *,
    actor: Any,
    publish_at: dt.datetime | None = None,
    note: str = "",
) -> Announcement:
    """Approve and publish now, or at `publish_at` (or at the time the author asked for)."""
    announcement = _lock(announcement)
    community = announcement.community
    require(
        actor,
        community,
        "community.announcement.review",
        _("Only the customer-service supervisor or the manager publishes announcements."),
    )
    if announcement.author_id == actor.pk:
        raise DomainError(_("Nobody publishes his own announcement: another reviewer does."))
    _move(announcement, AnnouncementAction.PUBLISH)
    now = timezone.now()
    when = publish_at or announcement.publish_at or now
    if when < now - dt.timedelta(minutes=1):
        when = now  # an author's time that has passed: published now
    if announcement.expires_at is not None and announcement.expires_at <= when:
        raise DomainError(_("It would expire before it is published: change its expiry."))
    announcement.publish_at = when
    announcement.reviewed_by, announcement.reviewed_at = actor, now
    announcement.review_note = note.strip()[:200]
    announcement.save()
    if when <= now:  # a scheduled one is found on the list (and the home card) when due
        notify_users(
            community,
            staff_users(community),
            _("New announcement: %(title)s") % {"title": announcement.title},
            url=reverse("community:announcement_detail", args=[announcement.pk]),
        )
    record_event(
        verb="announcement.published",
        actor=actor,
        community=community,
        target=announcement,
        message=_("%(title)s, from %(time)s")
        % {
            "title": announcement.title,
            "time": timezone.localtime(when).strftime("%Y-%m-%d %H:%M"),
        },
    )
    return announcement


@transaction.atomic
def return_announcement(announcement: Announcement, *, actor: Any, note: str) -> Announcement:
    announcement = _lock(announcement)
    require(
        actor,
        announcement.community,
        "community.announcement.review",
        _("Only the customer-service supervisor or the manager reviews announcements."),
    )
    if not note.strip():
        raise DomainError(_("Say what to change."), field="note")
    _move(announcement, AnnouncementAction.RETURN)
    announcement.reviewed_by, announcement.reviewed_at = actor, timezone.now()
    announcement.review_note = note.strip()[:200]
    announcement.save()
    notify_users(
        announcement.community,
        [announcement.author],
        _("Announcement returned: %(title)s — %(note)s")
        % {"title": announcement.title, "note": announcement.review_note},
        url=announcement.get_absolute_url(),
    )
    record_event(
        verb="announcement.returned",
        actor=actor,
        community=announcement.community,
        target=announcement,
        message=announcement.review_note,
    )
    return announcement


@transaction.atomic
def withdraw_announcement(announcement: Announcement, *, actor: Any, reason: str) -> Announcement:
    announcement = _lock(announcement)
    require(
        actor,
        announcement.community,
        "community.announcement.review",
        _("Only the customer-service supervisor or the manager withdraws announcements."),
    )
    if not reason.strip():
        raise DomainError(_("Say why it is withdrawn."), field="reason")
    _move(announcement, AnnouncementAction.WITHDRAW)
    announcement.withdrawn_at, announcement.withdraw_reason = timezone.now(), reason.strip()[:200]
    announcement.save()
    record_event(
        verb="announcement.withdrawn",
        actor=actor,
        community=announcement.community,
        target=announcement,
        message=announcement.withdraw_reason,
    )
    return announcement


def mark_read(announcement: Announcement, *, actor: Any) -> AnnouncementRead:
    """The reader confirms he has read it (once; a second confirmation keeps the first time)."""
    if not Announcement.objects.filter(pk=announcement.pk).showing().exists():
        raise DomainError(_("Only an announcement on show is read."))
    try:
        with transaction.atomic():
            return AnnouncementRead.objects.create(
                community_id=announcement.community_id,
                announcement=announcement,
                user=actor,
                created_by=actor,
            )
    except IntegrityError:
        return AnnouncementRead.objects.get(announcement=announcement, user=actor)
