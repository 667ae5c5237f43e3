"""The owners' forum (COM-05, QC-2): posts and replies, the moderation by the community's
keyword list, official replies, a post made into a work order, a matter reported to
headquarters, and the manager's morning digest.

Owners write from the owners' side (`actor=None`, `person=` the resident); staff write for the
service center (`actor=`), and their replies are the official ones. A text containing a word
of the keyword list waits for a moderator (held) unless a moderator wrote it. Counters on the
post (replies, last reply, first official answer) are kept under the post's row lock and count
only what is shown.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.access import actor_can, require
from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.core.notifications import notify_users
from wuye.core.roles import PERMISSIONS, CompanyRole, Post
from wuye.core.text import normalize
from wuye.estate.models import Person, Unit, UnitRelation
from wuye.org.models import Community, User
from wuye.service.choices import OrderChannel, OrderKind, Priority
from wuye.service.notify import supervisors
from wuye.service.services import register_order

from ..choices import FORUM_MODERATION, ForumAction, ForumCategory, ForumStatus
from ..models import ForumDigest, ForumKeyword, ForumPost, ForumReply

# the forum category → the kind of work order it becomes
ORDER_TEXT = 2000  # a work order's description holds this many characters
ORDER_KINDS = {
    ForumCategory.COMPLAINT: OrderKind.COMPLAINT,
    ForumCategory.REPAIR: OrderKind.REPAIR,
    ForumCategory.SUGGESTION: OrderKind.SUGGESTION,
    ForumCategory.INQUIRY: OrderKind.INQUIRY,
    ForumCategory.NEIGHBOURS: OrderKind.REQUEST,
}


# --- Writing --------------------------------------------------------------------------------


def found_keywords(community: Community, *texts: str) -> list[str]:
    """The community's keywords found in the texts (letters in any case)."""
    haystack = normalize("\n".join(texts)).casefold()
    words = ForumKeyword.objects.filter(community=community).values_list("word", flat=True)
    return sorted({w for w in words if normalize(w) and normalize(w).casefold() in haystack})


def _masked(name: str) -> str:
    """An owner is shown by surname only: 王**."""
    name = name.strip()
    return name[:1] + "*" * max(len(name) - 1, 1) if name else _("Resident")


def _writer(
    community: Community, actor: User | None, person: Person | None, nickname: str = ""
) -> tuple[dict[str, Any], str]:
    """Who writes (the staff member, or the resident on the owners' side) and the name shown."""
    if actor is not None:
        require(actor, community, "community.forum.change", _("You may not write in the forum."))
        shown_as = _("Service center · %(name)s") % {"name": actor.display_name}
        return {"author": actor}, shown_as[:50]
    if person is None or person.community_id != community.pk:
        raise DomainError(_("Choose a resident of this service center."), field="person")
    return {"person": person}, (nickname.strip() or _masked(person.name))[:50]


def _moderates(actor: User | None, community: Community) -> bool:
    return actor is not None and actor_can(actor, community, "community.forum.moderate")


def _clean_text(text: str, field: str, limit: int) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write something."), field=field)
    if len(text) > limit:
        raise DomainError(
            _("At most %(limit)d characters (this has %(count)d).")
            % {"limit": limit, "count": len(text)},
            field=field,
        )
    return text


def _hold_or_show(community: Community, actor: User | None, *texts: str) -> tuple[str, str]:
    words = found_keywords(community, *texts)
    if words and not _moderates(actor, community):
        return ForumStatus.HELD, "、".join(words)[:200]
    return ForumStatus.SHOWN, "、".join(words)[:200]


def _tell_moderators(community: Community, text: str, url: str) -> None:
    """Those whose posts moderate the forum (an acting manager too)."""
    posts = tuple(sorted(PERMISSIONS["community.forum.moderate"].posts))
    notify_users(community, supervisors(community, posts), text, url=url)


@transaction.atomic
def write_post(
    *,
    community: Community,
    actor: User | None = None,
    person: Person | None = None,
    unit: Unit | None = None,
    category: str = ForumCategory.SUGGESTION,
    title: str,
    body: str,
    nickname: str = "",
) -> ForumPost:
    """A new post; held for a moderator when it contains a keyword."""
    writer, shown_as = _writer(community, actor, person, nickname)
    if category not in ForumCategory.values:
        raise DomainError(_("Choose a category."), field="category")
    title = _clean_text(title, "title", 100)
    body = _clean_text(body, "body", 5000)
    if unit is not None:
        if unit.community_id != community.pk:
            raise DomainError(_("Choose a unit of this service center."), field="unit")
        if person is not None and not (
            UnitRelation.objects.current().filter(unit=unit, person=person).exists()
        ):
            raise DomainError(_("This resident does not live in that unit."), field="unit")
    status, words = _hold_or_show(community, actor, title, body)
    post = ForumPost.objects.create(
        community=community,
        category=category,
        title=title,
        body=body,
        unit=unit,
        shown_as=shown_as,
        status=status,
        flagged_words=words,
        created_by=actor,
        **writer,
    )
    if status == ForumStatus.HELD:
        _tell_moderators(
            community,
            _("Forum post awaiting moderation: %(title)s") % {"title": post.title},
            post.get_absolute_url(),
        )
    return post


def _lock(post: ForumPost) -> ForumPost:
    return (
        ForumPost.objects.select_for_update(of=("self",))
        .select_related("community")
        .get(pk=post.pk)
    )


def _recount(post: ForumPost) -> None:
    """The post's counters from its shown replies (under the post's lock)."""
    shown = post.replies.filter(status=ForumStatus.SHOWN)
    post.reply_count = shown.count()
    last = shown.order_by("-created_at").values_list("created_at", flat=True).first()
    post.last_reply_at = last
    first_official = (
        shown.filter(is_official=True).order_by("created_at").values_list("created_at", flat=True)
    ).first()
    post.answered_at = first_official
    post.save(update_fields=["reply_count", "last_reply_at", "answered_at", "updated_at"])


@transaction.atomic
def reply(
    post: ForumPost,
    *,
    actor: User | None = None,
    person: Person | None = None,
    body: str,
    nickname: str = "",
) -> ForumReply:
    """A reply to a shown, open post: the staff's is official."""
    post = _lock(post)
    community = post.community
    writer, shown_as = _writer(community, actor, person, nickname)
    if post.status != ForumStatus.SHOWN:
        raise DomainError(_("Only a post on the board takes replies."))
    if post.is_closed:
        raise DomainError(_("This post is closed to replies."))
    body = _clean_text(body, "body", 2000)
    status, words = _hold_or_show(community, actor, body)
    answer = ForumReply.objects.create(
        community=community,
        post=post,
        body=body,
        shown_as=shown_as,
        status=status,
        flagged_words=words,
        is_official=actor is not None,
        created_by=actor,
        **writer,
    )
    _recount(post)
    if status == ForumStatus.HELD:
        _tell_moderators(
            community,
            _("Forum reply awaiting moderation: %(title)s") % {"title": post.title},
            answer.get_absolute_url(),
        )
    return answer


# --- Moderation -----------------------------------------------------------------------------


def _require_moderator(actor: User, community: Community) -> None:
    require(actor, community, "community.forum.moderate", _("You may not moderate the forum."))


def _moderate(item: ForumPost | ForumReply, action: str, actor: User, reason: str = "") -> None:
    starts, leads_to = FORUM_MODERATION[ForumAction(action)]
    if item.status not in starts:
        raise DomainError(
            _("A post or reply that is “%(status)s” cannot be %(action)s.")
            % {"status": item.get_status_display(), "action": ForumAction(action).label}
        )
    if action == ForumAction.HIDE:
        reason = (reason or "").strip()
        if not reason:
            raise DomainError(_("Say why it is hidden."), field="reason")
        item.hidden_reason = reason[:200]
    else:
        item.hidden_reason = ""
    item.status = leads_to
    item.moderated_by, item.moderated_at = actor, timezone.now()
    item.save(
        update_fields=["status", "hidden_reason", "moderated_by", "moderated_at", "updated_at"]
    )


@transaction.atomic
def approve_post(post: ForumPost, *, actor: User) -> ForumPost:
    post = _lock(post)
    _require_moderator(actor, post.community)
    _moderate(post, ForumAction.APPROVE, actor)
    return post


@transaction.atomic
def hide_post(post: ForumPost, *, actor: User, reason: str) -> ForumPost:
    post = _lock(post)
    _require_moderator(actor, post.community)
    _moderate(post, ForumAction.HIDE, actor, reason)
    record_event(
        verb="forum.hidden", actor=actor, community=post.community, target=post, message=reason
    )
    return post


@transaction.atomic
def restore_post(post: ForumPost, *, actor: User) -> ForumPost:
    post = _lock(post)
    _require_moderator(actor, post.community)
    _moderate(post, ForumAction.RESTORE, actor)
    record_event(verb="forum.restored", actor=actor, community=post.community, target=post)
    return post


def _reply_of(post: ForumPost, answer: ForumReply) -> ForumReply:
    if answer.post_id != post.pk:
        raise DomainError(_("That reply is not on this post."), field="reply")
    return ForumReply.objects.select_for_update(of=("self",)).get(pk=answer.pk)


@transaction.atomic
def approve_reply(post: ForumPost, *, actor: User, reply: ForumReply) -> ForumReply:
    post = _lock(post)
    _require_moderator(actor, post.community)
    answer = _reply_of(post, reply)
    _moderate(answer, ForumAction.APPROVE, actor)
    _recount(post)
    return answer


@transaction.atomic
def hide_reply(post: ForumPost, *, actor: User, reply: ForumReply, reason: str) -> ForumReply:
    post = _lock(post)
    _require_moderator(actor, post.community)
    answer = _reply_of(post, reply)
    _moderate(answer, ForumAction.HIDE, actor, reason)
    _recount(post)
    record_event(
        verb="forum.hidden", actor=actor, community=post.community, target=answer, message=reason
    )
    return answer


@transaction.atomic
def restore_reply(post: ForumPost, *, actor: User, reply: ForumReply) -> ForumReply:
    post = _lock(post)
    _require_moderator(actor, post.community)
    answer = _reply_of(post, reply)
    _moderate(answer, ForumAction.RESTORE, actor)
    _recount(post)
    record_event(verb="forum.restored", actor=actor, community=post.community, target=answer)
    return answer


def _flag(post: ForumPost, actor: User, field: str, value: bool, message: str) -> ForumPost:
    post = _lock(post)
    _require_moderator(actor, post.community)
    if getattr(post, field) == value:
        raise DomainError(message)
    setattr(post, field, value)
    post.save(update_fields=[field, "updated_at"])
    return post


@transaction.atomic
def pin_post(post: ForumPost, *, actor: User) -> ForumPost:
    return _flag(post, actor, "is_pinned", True, _("The post is already pinned."))


@transaction.atomic
def unpin_post(post: ForumPost, *, actor: User) -> ForumPost:
    return _flag(post, actor, "is_pinned", False, _("The post is not pinned."))


@transaction.atomic
def close_post(post: ForumPost, *, actor: User) -> ForumPost:
    return _flag(post, actor, "is_closed", True, _("The post is already closed to replies."))


@transaction.atomic
def reopen_post(post: ForumPost, *, actor: User) -> ForumPost:
    return _flag(post, actor, "is_closed", False, _("The post is open to replies."))


@transaction.atomic
def escalate_post(post: ForumPost, *, actor: User, note: str) -> int:
    """A major matter reported to the company's quality department (QC-2): the headquarters'
    people and the manager are told in the bell; the number told is returned."""
    post = _lock(post)
    _require_moderator(actor, post.community)
    if post.escalated_at is not None:
        raise DomainError(_("This post has been reported to headquarters."))
    if post.status != ForumStatus.SHOWN:
        raise DomainError(_("Only a post on the board is reported (approve it first)."))
    note = (note or "").strip()
    if not note:
        raise DomainError(_("Say what headquarters should know."), field="note")
    post.escalated_at, post.escalation_note = timezone.now(), note[:200]
    post.save(update_fields=["escalated_at", "escalation_note", "updated_at"])
    community = post.community
    people = list(
        User.objects.filter(
            company_id=community.company_id,
            company_role__in=(CompanyRole.ADMIN, CompanyRole.VIEWER),
            is_active=True,
        )
    ) + supervisors(community, (Post.MGR,))
    text = _("Forum matter reported by %(community)s: %(title)s (%(note)s)") % {
        "community": community,
        "title": post.title,
        "note": post.escalation_note,
    }
    told = notify_users(
        community, [p for p in people if p.pk != actor.pk], text, post.get_absolute_url()
    )
    record_event(
        verb="forum.escalated", actor=actor, community=community, target=post, message=note
    )
    return told


@transaction.atomic
def make_work_order(
    post: ForumPost,
    *,
    actor: User,
    kind: str = "",
    priority: str = Priority.NORMAL,
    place: str = "",
    answer: str = "",
) -> Any:
    """The post becomes a work order (channel 论坛), its resident the reporter; an official
    reply tells the board the order's number."""
    post = _lock(post)
    require(actor, post.community, "community.forum.change", _("You may not write in the forum."))
    if post.work_order is not None:
        raise DomainError(
            _("This post is already work order %(number)s.") % {"number": post.work_order.number}
        )
    if post.status != ForumStatus.SHOWN:
        raise DomainError(_("Only a post on the board is made a work order (approve it first)."))
    person = post.person
    order = register_order(
        community=post.community,
        actor=actor,
        kind=kind or ORDER_KINDS[ForumCategory(post.category)],
        channel=OrderChannel.FORUM,
        priority=priority or Priority.NORMAL,
        unit=post.unit,
        place=(place or "").strip()[:100],
        reporter=person,
        reporter_name=person.name if person is not None else "",
        reporter_phone=person.phone if person is not None else "",
        description=_shorten(
            _("%(title)s\n%(body)s\n(from the forum, post %(id)d)")
            % {"title": post.title, "body": post.body, "id": post.pk},
            ORDER_TEXT,
        ),
    )
    post.work_order = order
    post.save(update_fields=["work_order", "updated_at"])
    if not post.is_closed:
        text = (answer or "").strip() or _(
            "We have registered this as work order %(number)s and will follow it up."
        ) % {"number": order.number}
        reply(post, actor=actor, body=text)
    record_event(
        verb="forum.to_order",
        actor=actor,
        community=post.community,
        target=post,
        message=order.number,
    )
    return order


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- The manager's morning digest -----------------------------------------------------------


def _day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return start, start + dt.timedelta(days=1)


def _digest_queries(posts: Any, replies: Any, day: dt.date) -> dict[str, Any]:
    """The digest's rows: what was written that day, what was still unanswered at its end,
    what waits for a moderator now, what was hidden or reported that day."""
    start, end = _day_bounds(day)
    in_day = Q(created_at__gte=start, created_at__lt=end)
    hidden = Q(status=ForumStatus.HIDDEN, moderated_at__gte=start, moderated_at__lt=end)
    held = Q(status=ForumStatus.HELD, created_at__lt=end)
    return {
        "new_posts": posts.filter(in_day),
        "new_replies": replies.filter(in_day),
        "unanswered": posts.filter(
            Q(answered_at__isnull=True) | Q(answered_at__gte=end),
            status=ForumStatus.SHOWN,
            is_closed=False,
            person__isnull=False,
            created_at__lt=end,
        ),
        "held_posts": posts.filter(held),
        "held_replies": replies.filter(held),
        "hidden_posts": posts.filter(hidden),
        "hidden_replies": replies.filter(hidden),
        "escalated": posts.filter(escalated_at__gte=start, escalated_at__lt=end),
    }


def digest_figures(community: Community, day: dt.date) -> dict[str, int]:
    """The forum's day in figures (the digest's columns)."""
    rows = _digest_queries(
        ForumPost.objects.filter(community=community),
        ForumReply.objects.filter(community=community),
        day,
    )
    return {
        "new_posts": rows["new_posts"].count(),
        "new_replies": rows["new_replies"].count(),
        "unanswered": rows["unanswered"].count(),
        "held": rows["held_posts"].count() + rows["held_replies"].count(),
        "hidden": rows["hidden_posts"].count() + rows["hidden_replies"].count(),
        "escalated": rows["escalated"].count(),
    }


def digest_posts(posts: Any, replies: Any, day: dt.date) -> dict[str, list[Any]]:
    """The records behind a day's digest, from the reader's rows, oldest first."""
    rows = _digest_queries(posts, replies, day)
    return {name: list(rows[name].order_by("created_at", "id")) for name in rows}


def send_digest(community: Community, day: dt.date) -> ForumDigest | None:
    """Tell the manager (and whoever acts for him) the forum's day, once: the digest row is
    the claim. A day with nothing written and nothing waiting is not told."""
    figures = digest_figures(community, day)
    if not any(figures.values()):
        return None
    try:
        with transaction.atomic():
            # The row and the bell in one commit: told once, or not at all and told next run.
            digest = ForumDigest.objects.create(community=community, day=day, **figures)
            _tell_digest(digest, figures)
    except IntegrityError:
        return None  # told already (a second run, or another worker)
    return digest


def _tell_digest(digest: ForumDigest, figures: dict[str, int]) -> None:
    community = digest.community
    people = supervisors(community, (Post.MGR,))
    text = _(
        "Forum %(day)s: %(new)d new posts, %(unanswered)d without an official reply, "
        "%(held)d awaiting moderation"
    ) % {
        "day": digest.day.strftime("%m-%d"),
        "new": figures["new_posts"],
        "unanswered": figures["unanswered"],
        "held": figures["held"],
    }
    digest.told = notify_users(community, people, text, digest.get_absolute_url())
    digest.save(update_fields=["told", "updated_at"])


def morning_digests(today: dt.date | None = None) -> int:
    """Yesterday's digest of every active community; how many were told."""
    day = (today or timezone.localdate()) - dt.timedelta(days=1)
    return sum(send_digest(c, day) is not None for c in Community.objects.filter(is_active=True))
