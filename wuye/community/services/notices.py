"""Internal notices and meeting minutes (COM-09, MGR-3): written as a draft, sent to the staff
of some posts (everyone when none is chosen) — each recipient fixed then, told in the bell —
and confirmed read by each; who has not read it is listed on its page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.access import require
from wuye.core.audit import record_event
from wuye.core.bulk import insert_rows
from wuye.core.errors import DomainError
from wuye.core.notifications import notify_users
from wuye.core.numbering import next_number
from wuye.core.photos import clean_documents
from wuye.core.roles import Post
from wuye.org.models import Membership

from ..choices import NoticeKind
from ..models import NoticeReceipt, StaffNotice
from .announcements import clean_body


def _check(kind: str, posts: list[str], meeting_on: dt.date | None) -> None:
    unknown = [p for p in posts if p not in Post.values]
    if unknown:
        raise DomainError(
            _("Unknown post: %(posts)s") % {"posts": "、".join(unknown)}, field="posts"
        )
    if kind == NoticeKind.MINUTES and meeting_on is None:
        raise DomainError(_("Meeting minutes need the meeting's date."), field="meeting_on")


def _attachment(files: Any) -> Any:
    uploads: list[Any] = [f for f in (files if isinstance(files, list | tuple) else [files]) if f]
    clean_documents(uploads, field="attachment")
    return uploads[0] if uploads else None


@transaction.atomic
def create_notice(
    *,
    community: Any,
    actor: Any,
    kind: str,
    title: str,
    body: str,
    posts: list[str],
    meeting_on: dt.date | None = None,
    attachment: Any = None,
) -> StaffNotice:
    require(actor, community, "community.notice.change", _("You may not send internal notices."))
    _check(kind, posts, meeting_on)
    upload = _attachment(attachment)
    notice = StaffNotice(
        community=community,
        number=next_number(community, "staff_notice", prefix="TZ", width=4),
        kind=kind,
        title=title.strip(),
        body=clean_body(body),
        posts=sorted(set(posts)),
        meeting_on=meeting_on if kind == NoticeKind.MINUTES else None,
        created_by=actor,
    )
    if upload is not None:
        notice.attachment = upload
    notice.save()
    return notice


@transaction.atomic
def update_notice(
    notice: StaffNotice,
    *,
    actor: Any,
    kind: str,
    title: str,
    body: str,
    posts: list[str],
    meeting_on: dt.date | None = None,
    attachment: Any = None,
) -> StaffNotice:
    notice = StaffNotice.objects.select_for_update(of=("self",)).get(pk=notice.pk)
    require(
        actor, notice.community, "community.notice.change", _("You may not send internal notices.")
    )
    if notice.sent_at is not None:
        raise DomainError(_("A notice is changed only before it is sent."))
    _check(kind, posts, meeting_on)
    upload = _attachment(attachment)
    notice.kind, notice.title, notice.body = kind, title.strip(), clean_body(body)
    notice.posts = sorted(set(posts))
    notice.meeting_on = meeting_on if kind == NoticeKind.MINUTES else None
    if upload is not None:
        notice.attachment = upload
    notice.save()
    return notice


@transaction.atomic
def send_notice(notice: StaffNotice, *, actor: Any) -> int:
    """Send to the staff holding the posts now (the sender excepted); the number told."""
    notice = (
        StaffNotice.objects.select_for_update(of=("self",))
        .select_related("community")
        .get(pk=notice.pk)
    )
    require(
        actor, notice.community, "community.notice.change", _("You may not send internal notices.")
    )
    if notice.sent_at is not None:
        raise DomainError(_("This notice has been sent."))
    members = Membership.objects.filter(
        community=notice.community, is_active=True, user__is_active=True
    ).exclude(user=actor)
    if notice.posts:
        members = members.filter(post__in=notice.posts)
    users = {m.user_id: m.user for m in members.select_related("user")}
    if not users:
        raise DomainError(_("Nobody holds those posts here."), field="posts")
    insert_rows(
        NoticeReceipt,
        ["user_id"],
        ((pk,) for pk in sorted(users)),
        constants={"community_id": notice.community_id, "notice_id": notice.pk},
    )
    notice.sent_at, notice.recipient_count = timezone.now(), len(users)
    notice.save(update_fields=["sent_at", "recipient_count", "updated_at"])
    notify_users(
        notice.community,
        users.values(),
        _("%(kind)s: %(title)s") % {"kind": notice.get_kind_display(), "title": notice.title},
        url=notice.get_absolute_url(),
    )
    record_event(
        verb="notice.sent",
        actor=actor,
        community=notice.community,
        target=notice,
        message=_("%(count)d recipients") % {"count": len(users)},
    )
    return len(users)


def confirm_read(notice: StaffNotice, *, actor: Any) -> NoticeReceipt:
    """The recipient confirms he has read it (the first confirmation's time is kept)."""
    receipt = NoticeReceipt.objects.filter(notice=notice, user=actor).first()
    if receipt is None:
        raise DomainError(_("This notice was not sent to you."))
    NoticeReceipt.objects.filter(pk=receipt.pk, read_at__isnull=True).update(
        read_at=timezone.now(), updated_at=timezone.now()
    )
    receipt.refresh_from_db()
    return receipt
