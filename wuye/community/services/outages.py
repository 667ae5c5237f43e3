"""Outage notices (COM-03): one form says what stops, for which buildings, when and why; the
service writes the SMS to those buildings' residents (prepared, for a look before sending) and
the announcement for the boards (submitted for review), both worded the same way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from wuye.core.access import require
from wuye.core.audit import record_event
from wuye.core.errors import DomainError

from ..choices import OUTAGE_ADVICE, OUTAGE_WORDS, MessageKind, OutageKind, TargetKind
from ..models import Outage
from . import announcements, campaigns


def _when(starts_at: dt.datetime, ends_at: dt.datetime) -> str:
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    first = f"{start.month}月{start.day}日{start:%H:%M}"
    if start.date() == end.date():
        return f"{first}至{end:%H:%M}"
    return f"{first}至{end.month}月{end.day}日{end:%H:%M}"


def wording(
    kind: str, buildings: list[Any], starts_at: dt.datetime, ends_at: dt.datetime, reason: str
) -> str:
    word = OUTAGE_WORDS[OutageKind(kind)]
    names = "、".join(str(b) for b in buildings)
    return (
        f"因{reason}，{_when(starts_at, ends_at)}，{names}{word}，"
        f"{OUTAGE_ADVICE[OutageKind(kind)]}。给您带来不便，敬请谅解。"
    )


@transaction.atomic
def announce_outage(
    *,
    community: Any,
    actor: Any,
    kind: str,
    buildings: Iterable[Any],
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    reason: str,
    urgent: bool = False,
) -> Outage:
    """Record the outage, prepare its SMS and submit its announcement."""
    require(actor, community, "community.outage.change", _("You may not announce outages."))
    buildings = list(buildings)
    if not buildings:
        raise DomainError(_("Choose the buildings it stops for."), field="buildings")
    if ends_at <= starts_at:
        raise DomainError(_("It must end after it starts."), field="ends_at")
    if ends_at <= timezone.now():
        raise DomainError(_("This outage is over already."), field="ends_at")
    reason = reason.strip().replace("{", "（").replace("}", "）")
    text = wording(kind, buildings, starts_at, ends_at, reason)
    word = OUTAGE_WORDS[OutageKind(kind)]
    outage = Outage.objects.create(
        community=community,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        reason=reason,
        created_by=actor,
    )
    outage.buildings.set(buildings)
    outage.campaign = campaigns.create_campaign(
        community=community,
        actor=actor,
        title=f"{word}通知 {timezone.localtime(starts_at):%m-%d}",
        kind=MessageKind.SERVICE,
        text="{姓名}您好：" + text,
        urgent=urgent,
        target=TargetKind.BUILDINGS,
        buildings=buildings,
    )
    campaigns.prepare_campaign(outage.campaign, actor=actor)
    outage.announcement = announcements.create_announcement(
        community=community,
        actor=actor,
        title=f"{word}通知",
        category="outage",
        body=f"<p>尊敬的业主、住户：</p><p>{escape(text)}</p>",
        audience="buildings",
        buildings=buildings,
        pinned=True,
        expires_at=ends_at,
    )
    announcements.submit_announcement(outage.announcement, actor=actor)
    outage.save(update_fields=["campaign", "announcement", "updated_at"])
    record_event(
        verb="outage.announced", actor=actor, community=community, target=outage, message=text
    )
    return outage
