"""SMS campaigns (COM-02, CSS-12, CSR-7): written (a template's text or its own, variables
checked), prepared into one delivery per mobile number of its target — the residents of the
community, some zones or buildings, the owners on the arrears list, or a saved list — with each
recipient's text rendered, opt-outs of marketing and greetings kept out; then queued for the
sender (`sending.py`). A customer-service representative sends to his own zones only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.access import actor_access, require
from wuye.core.audit import record_event
from wuye.core.bulk import insert_rows
from wuye.core.errors import DomainError
from wuye.core.jobs import enqueue_on_commit
from wuye.core.numbering import next_number
from wuye.core.sms import MAX_LENGTH
from wuye.org.models import zone_worker_zones

from ..choices import (
    CAMPAIGN_EDITABLE,
    OPT_OUT_KINDS,
    CampaignStatus,
    DeliveryStatus,
    SkipReason,
    TargetKind,
)
from ..models import Campaign, Delivery, MessageTemplate, OptOut, RecipientList
from ..variables import check_text, needs
from .recipients import compose, resolve_recipients
from .sending import deliver_campaign


def own_zones(actor: Any, community: Any) -> list[int] | None:
    """The zones a campaign of this person may reach: None for the office (the manager, the
    assistant, the supervisor), his own zones for a customer-service representative (CSR-7)."""
    access = actor_access(actor, community)
    if access.has("community.campaign.all"):
        return None
    return zone_worker_zones(access) or []


def _check_target(
    community: Any,
    actor: Any,
    *,
    target: str,
    zones: Iterable[Any],
    buildings: Iterable[Any],
    recipient_list: RecipientList | None,
) -> None:
    zone_ids = {z.pk for z in zones}
    building_list = list(buildings)
    if target == TargetKind.ZONES and not zone_ids:
        raise DomainError(_("Choose the zones to send to."), field="zones")
    if target == TargetKind.BUILDINGS and not building_list:
        raise DomainError(_("Choose the buildings to send to."), field="buildings")
    if target == TargetKind.LIST and recipient_list is None:
        raise DomainError(_("Choose the list to send to."), field="recipient_list")
    allowed = own_zones(actor, community)
    if allowed is None:
        return
    if target == TargetKind.ARREARS and not zone_ids:
        raise DomainError(_("Choose your zones for the arrears list."), field="zones")
    if target in (TargetKind.COMMUNITY, TargetKind.LIST):
        raise DomainError(
            _("You send to the residents of your own zones only: choose zones or buildings."),
            field="target",
        )
    if not zone_ids <= set(allowed):
        raise DomainError(_("You send to your own zones only."), field="zones")
    outside = [b for b in building_list if b.zone_id not in allowed]
    if outside:
        raise DomainError(
            _("%(buildings)s are not in your zones.")
            % {"buildings": "、".join(str(b) for b in outside)},
            field="buildings",
        )


def _check_content(
    *,
    text: str,
    urgent: bool,
    community: Any,
    actor: Any,
    target: str,
    scheduled_at: Any,
    occasion: str = "",
) -> None:
    used = set(check_text(text))
    if target == TargetKind.BIRTHDAYS and occasion != "birthday":
        raise DomainError(
            _("Birthday greetings are sent by the daily greeting job."), field="target"
        )
    if "节日" in used and not occasion:
        raise DomainError(_("{节日} is filled only in festival greetings."), field="text")
    if "金额" in used and target not in (TargetKind.ARREARS, TargetKind.LIST):
        raise DomainError(
            _("{金额} is known only for the arrears list or a list with amounts."), field="text"
        )
    if urgent:
        require(
            actor,
            community,
            "community.campaign.urgent",
            _("Only the customer-service supervisor or the manager sends urgent messages."),
        )
    if scheduled_at is not None and scheduled_at < timezone.now() - dt.timedelta(minutes=1):
        raise DomainError(_("The time to send has passed."), field="scheduled_at")


def _checked(
    community: Any,
    actor: Any,
    *,
    text: str,
    template: MessageTemplate | None,
    urgent: bool,
    target: str,
    zones: Iterable[Any],
    buildings: Iterable[Any],
    recipient_list: RecipientList | None,
    scheduled_at: dt.datetime | None,
    occasion: str = "",
) -> tuple[str, list[Any], list[Any]]:
    """The campaign's text (its own or its template's), zones and buildings, every rule
    checked: the sender's authority and zones, the variables, urgency, the time."""
    require(actor, community, "community.campaign.change", _("You may not send text messages."))
    text = (text or "").strip() or (template.text if template else "")
    if not text:
        raise DomainError(_("Write the text, or choose a template."), field="text")
    zone_list, building_list = list(zones), list(buildings)
    _check_target(
        community,
        actor,
        target=target,
        zones=zone_list,
        buildings=building_list,
        recipient_list=recipient_list,
    )
    _check_content(
        text=text,
        urgent=urgent,
        community=community,
        actor=actor,
        target=target,
        scheduled_at=scheduled_at,
        occasion=occasion,
    )
    return text, zone_list, building_list


def _set_targets(campaign: Campaign, zones: list[Any], buildings: list[Any]) -> None:
    target = campaign.target
    campaign.zones.set(zones if target in (TargetKind.ZONES, TargetKind.ARREARS) else [])
    campaign.buildings.set(buildings if target == TargetKind.BUILDINGS else [])


@transaction.atomic
def create_campaign(
    *,
    community: Any,
    actor: Any,
    title: str,
    kind: str,
    text: str = "",
    template: MessageTemplate | None = None,
    urgent: bool = False,
    target: str,
    zones: Iterable[Any] = (),
    buildings: Iterable[Any] = (),
    recipient_list: RecipientList | None = None,
    scheduled_at: dt.datetime | None = None,
    occasion: str = "",
) -> Campaign:
    text, zone_list, building_list = _checked(
        community,
        actor,
        text=text,
        template=template,
        urgent=urgent,
        target=target,
        zones=zones,
        buildings=buildings,
        recipient_list=recipient_list,
        scheduled_at=scheduled_at,
        occasion=occasion,
    )
    campaign = Campaign.objects.create(
        community=community,
        number=next_number(community, "sms_campaign", prefix="DX", width=4),
        title=title.strip(),
        kind=kind,
        template=template,
        text=text,
        urgent=urgent,
        target=target,
        recipient_list=recipient_list if target == TargetKind.LIST else None,
        scheduled_at=scheduled_at,
        occasion=occasion,
        created_by=actor,
    )
    _set_targets(campaign, zone_list, building_list)
    record_event(
        verb="campaign.created",
        actor=actor,
        community=community,
        target=campaign,
        message=campaign.title,
    )
    return campaign


@transaction.atomic
def update_campaign(
    campaign: Campaign,
    *,
    actor: Any,
    title: str,
    kind: str,
    text: str = "",
    template: MessageTemplate | None = None,
    urgent: bool = False,
    target: str,
    zones: Iterable[Any] = (),
    buildings: Iterable[Any] = (),
    recipient_list: RecipientList | None = None,
    scheduled_at: dt.datetime | None = None,
) -> Campaign:
    """Change a campaign not yet sent; a prepared one goes back to draft (prepare it again)."""
    campaign = _lock(campaign)
    community = campaign.community
    require(actor, community, "community.campaign.change", _("You may not send text messages."))
    if campaign.status not in CAMPAIGN_EDITABLE:
        raise DomainError(_("A campaign is changed only before it is sent."))
    text, zone_list, building_list = _checked(
        community,
        actor,
        text=text,
        template=template,
        urgent=urgent,
        target=target,
        zones=zones,
        buildings=buildings,
        recipient_list=recipient_list,
        scheduled_at=scheduled_at,
        occasion=campaign.occasion,
    )
    campaign.deliveries.all().delete()
    campaign.title, campaign.kind, campaign.template = title.strip(), kind, template
    campaign.text, campaign.urgent, campaign.target = text, urgent, target
    campaign.recipient_list = recipient_list if target == TargetKind.LIST else None
    campaign.scheduled_at = scheduled_at
    campaign.status, campaign.prepared_at = CampaignStatus.DRAFT, None
    campaign.total = campaign.skipped = campaign.without_phone = 0
    campaign.save()
    _set_targets(campaign, zone_list, building_list)
    return campaign


def _check_saved_target(campaign: Campaign, actor: Any) -> None:
    """The campaign's own target, checked again for whoever prepares, sends or cancels it (a
    representative touches only campaigns to his own zones)."""
    _check_target(
        campaign.community,
        actor,
        target=campaign.target,
        zones=list(campaign.zones.all()),
        buildings=list(campaign.buildings.all()),
        recipient_list=campaign.recipient_list,
    )


def _lock(campaign: Campaign) -> Campaign:
    return (
        Campaign.objects.select_for_update(of=("self",))
        .select_related("community")
        .get(pk=campaign.pk)
    )


@transaction.atomic
def prepare_campaign(campaign: Campaign, *, actor: Any) -> int:
    """Resolve the recipients and render each one's text (again, if prepared before); the
    number who will receive it."""
    campaign = _lock(campaign)
    community = campaign.community
    require(actor, community, "community.campaign.change", _("You may not send text messages."))
    _check_saved_target(campaign, actor)
    if campaign.status not in CAMPAIGN_EDITABLE:
        raise DomainError(_("This campaign has been sent; it is prepared no more."))
    check_text(campaign.text)
    recipients, without_phone = resolve_recipients(campaign)
    if not recipients:
        raise DomainError(_("Nobody with a mobile number is in this target."))
    if campaign.target == TargetKind.LIST and "金额" in needs(campaign.text):
        missing = sum(1 for r in recipients if r.amount is None)
        if missing:
            raise DomainError(
                _("{金额} is used but %(count)d rows of the list have no amount.")
                % {"count": missing}
            )
    opted_out = (
        set(OptOut.objects.filter(community=community).values_list("phone", flat=True))
        if campaign.kind in OPT_OUT_KINDS
        else set()
    )
    on = (
        timezone.localdate(campaign.scheduled_at)
        if campaign.scheduled_at
        else (timezone.localdate())
    )
    rows = []
    skipped = 0
    for recipient in recipients:
        text = compose(campaign, recipient, on)
        reason = ""
        if recipient.phone in opted_out:
            reason = SkipReason.OPTED_OUT
        elif len(text) > MAX_LENGTH:
            reason = SkipReason.TOO_LONG
        skipped += bool(reason)
        rows.append(
            (
                recipient.phone,
                recipient.name[:50],
                recipient.unit_text()[:100],
                text,
                DeliveryStatus.SKIPPED if reason else DeliveryStatus.PENDING,
                reason,
            )
        )
    campaign.deliveries.all().delete()
    insert_rows(
        Delivery,
        ["phone", "name", "unit_code", "text", "status", "skip_reason"],
        rows,
        constants={
            "community_id": community.pk,
            "campaign_id": campaign.pk,
            "created_by_id": actor.pk,
        },
    )
    campaign.status = CampaignStatus.PREPARED
    campaign.prepared_at = timezone.now()
    campaign.total, campaign.skipped, campaign.without_phone = len(rows), skipped, without_phone
    campaign.save(
        update_fields=["status", "prepared_at", "total", "skipped", "without_phone", "updated_at"]
    )
    return len(rows) - skipped


@transaction.atomic
def send_campaign(campaign: Campaign, *, actor: Any) -> Campaign:
    """Queue a prepared campaign: the sender starts at once, or at its time."""
    campaign = _lock(campaign)
    community = campaign.community
    require(actor, community, "community.campaign.change", _("You may not send text messages."))
    _check_saved_target(campaign, actor)
    if campaign.status != CampaignStatus.PREPARED:
        raise DomainError(_("Prepare the recipients first: you send what you have seen."))
    if campaign.total == campaign.skipped:
        raise DomainError(_("Nobody is left to send to."))
    if campaign.scheduled_at and campaign.scheduled_at < timezone.now() - dt.timedelta(minutes=1):
        raise DomainError(_("The time to send has passed: change it, or leave it empty."))
    if campaign.urgent:
        require(
            actor,
            community,
            "community.campaign.urgent",
            _("Only the customer-service supervisor or the manager sends urgent messages."),
        )
    campaign.status = CampaignStatus.QUEUED
    campaign.queued_at, campaign.queued_by = timezone.now(), actor
    campaign.save(update_fields=["status", "queued_at", "queued_by", "updated_at"])
    record_event(
        verb="campaign.queued",
        actor=actor,
        community=community,
        target=campaign,
        message=_("%(count)d recipients") % {"count": campaign.total - campaign.skipped},
    )
    enqueue_on_commit(deliver_campaign, campaign.pk)
    return campaign


@transaction.atomic
def cancel_campaign(campaign: Campaign, *, actor: Any, reason: str) -> Campaign:
    """Stop a campaign: what has not gone out is not sent (what went out stays in the log)."""
    campaign = _lock(campaign)
    community = campaign.community
    require(actor, community, "community.campaign.change", _("You may not send text messages."))
    _check_saved_target(campaign, actor)
    if campaign.status in (CampaignStatus.DONE, CampaignStatus.CANCELLED):
        raise DomainError(_("This campaign is finished."))
    if not reason.strip():
        raise DomainError(_("Say why it is cancelled."), field="reason")
    campaign.deliveries.filter(status__in=(DeliveryStatus.PENDING, DeliveryStatus.RETRY)).update(
        status=DeliveryStatus.SKIPPED, skip_reason=SkipReason.CANCELLED, updated_at=timezone.now()
    )
    campaign.status = CampaignStatus.CANCELLED
    campaign.cancelled_at, campaign.cancel_reason = timezone.now(), reason.strip()[:200]
    campaign.waiting = ""
    campaign.save()
    record_event(
        verb="campaign.cancelled",
        actor=actor,
        community=community,
        target=campaign,
        message=campaign.cancel_reason,
    )
    return campaign
