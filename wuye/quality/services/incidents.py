"""Emergencies (QUA-08, MGR-10). Reporting one tells every staff member of the service center
in the bell and the manager and the assistant by SMS; its kind's SOP becomes its steps, the
timed ones due so many minutes after the report. A step past its limit undone is announced
once (bell and SMS) by a job that runs every minute. Everything lands on the timeline. An
outage is announced to the residents of the buildings it touches by SMS. The incident is
closed with its report once every step is done."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.access import require
from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.core.notifications import notify_users
from wuye.core.numbering import next_number
from wuye.core.roles import Post
from wuye.core.sms import MAX_LENGTH, send_sms
from wuye.estate.models import UnitRelation
from wuye.org.models import Membership

from ..choices import IncidentKind, IncidentStatus
from ..models import Incident, IncidentLog, IncidentStep
from ..sop import SOPS

# Who is told by SMS as well as in the bell: the manager and the assistant.
SMS_POSTS = (Post.MGR, Post.AST)


def log(incident: Incident, actor: Any, text: str, at: dt.datetime | None = None) -> IncidentLog:
    return IncidentLog.objects.create(
        community_id=incident.community_id,
        incident=incident,
        at=at or timezone.now(),
        actor=actor,
        text=text[:500],
        created_by=actor,
    )


def _announce(incident: Incident, actor: Any, text: str) -> None:
    """Tell every staff member in the bell and the manager and assistant by SMS (after the
    commit); the timeline says who was told and how."""
    memberships = Membership.objects.filter(
        community_id=incident.community_id, is_active=True, user__is_active=True
    ).select_related("user")
    users = {m.user.pk: m.user for m in memberships}
    texting = {m.user.pk for m in memberships if m.post in SMS_POSTS and m.user.phone}
    url = reverse("quality:incident_detail", args=[incident.pk])
    notify_users(incident.community, users.values(), text, url=url)
    texted = [users[pk] for pk in sorted(texting)]
    message = f"【{incident.community.name}】{text}"[:MAX_LENGTH]
    for user in texted:
        transaction.on_commit(partial(send_sms, user.phone, message), robust=True)
    log(
        incident,
        actor,
        _("Told in the bell: %(count)d staff; by SMS: %(sms)s")
        % {
            "count": len(users),
            "sms": "、".join(f"{u.display_name}（{u.phone}）" for u in texted) or "—",
        },
    )


@transaction.atomic
def open_incident(
    *,
    community: Any,
    actor: Any,
    kind: str,
    title: str,
    location: str,
    building: Any = None,
    facility: Any = None,
    occurred_at: dt.datetime | None = None,
) -> Incident:
    """Report an emergency: its SOP's steps with their timers, and everyone told."""
    require(actor, community, "quality.incident.change", _("You cannot report emergencies."))
    now = timezone.now()
    occurred_at = occurred_at or now
    if occurred_at > now + dt.timedelta(minutes=1):
        raise DomainError(_("An emergency cannot be reported in the future."), field="occurred_at")
    if occurred_at < now - dt.timedelta(days=7):
        raise DomainError(
            _("Report an emergency within a week of it happening."), field="occurred_at"
        )
    for name, record in (("building", building), ("facility", facility)):
        if record is not None and record.community_id != community.pk:
            raise DomainError(_("Choose one of this service center."), field=name)
    if not title.strip():
        raise DomainError(_("Say what happened."), field="title")
    if not location.strip():
        raise DomainError(_("Say where it happened."), field="location")
    incident = Incident.objects.create(
        community=community,
        number=next_number(community, "incident", prefix="YJ", width=4),
        kind=kind,
        title=title.strip()[:100],
        location=location.strip()[:100],
        building=building,
        facility=facility,
        occurred_at=occurred_at,
        created_by=actor,
    )
    IncidentStep.objects.bulk_create(
        IncidentStep(
            community=community,
            incident=incident,
            position=position,
            code=code,
            text=text,
            due_at=occurred_at + dt.timedelta(minutes=minutes) if minutes else None,
            created_by=actor,
        )
        for position, (code, text, minutes) in enumerate(SOPS[IncidentKind(kind)], start=1)
    )
    log(
        incident,
        actor,
        _("%(kind)s reported at %(location)s: %(title)s")
        % {"kind": incident.get_kind_display(), "location": incident.location, "title": title},
        at=occurred_at,
    )
    _announce(
        incident,
        actor,
        _("Emergency %(number)s — %(kind)s at %(location)s: %(title)s")
        % {
            "number": incident.number,
            "kind": incident.get_kind_display(),
            "location": incident.location,
            "title": incident.title,
        },
    )
    record_event(
        verb="incident.opened",
        actor=actor,
        community=community,
        target=incident,
        message=str(incident),
    )
    return incident


def _locked(incident: Incident) -> Incident:
    incident = Incident.objects.select_for_update().select_related("community").get(pk=incident.pk)
    if incident.status != IncidentStatus.OPEN:
        raise DomainError(_("This emergency is closed."))
    return incident


@transaction.atomic
def complete_step(
    incident: Incident, *, actor: Any, step: IncidentStep, note: str = ""
) -> IncidentStep:
    """Mark a step of the SOP done now; done after its limit it is marked late."""
    incident = _locked(incident)
    require(
        actor, incident.community, "quality.incident.handle", _("You cannot handle emergencies.")
    )
    if step.incident_id != incident.pk:
        raise DomainError(_("This step is not of this emergency."), field="step")
    step = IncidentStep.objects.select_for_update().get(pk=step.pk)
    if step.done_at is not None:
        raise DomainError(_("This step is done already."), field="step")
    step.done_at = timezone.now()
    step.done_by = actor
    step.note = note.strip()[:200]
    step.save(update_fields=["done_at", "done_by", "note", "updated_at"])
    late = (
        _("(%(minutes)d minutes after its limit)")
        % {"minutes": (step.done_at - step.due_at).total_seconds() // 60}
        if step.late and step.due_at
        else ""
    )
    log(
        incident,
        actor,
        _("Done: %(step)s%(late)s%(note)s")
        % {"step": step.text, "late": late, "note": f" — {step.note}" if step.note else ""},
    )
    return step


@transaction.atomic
def add_note(incident: Incident, *, actor: Any, text: str) -> IncidentLog:
    """Add what happened to the timeline (a call made, a decision, the scene)."""
    incident = _locked(incident)
    require(
        actor, incident.community, "quality.incident.handle", _("You cannot handle emergencies.")
    )
    if not text.strip():
        raise DomainError(_("Say what happened."), field="text")
    return log(incident, actor, text.strip())


@transaction.atomic
def notify_residents(incident: Incident, *, actor: Any, text: str, buildings: list[Any]) -> int:
    """An outage notice by SMS to the current owners and tenants of the buildings named (each
    phone once); returns how many were sent."""
    incident = _locked(incident)
    require(
        actor, incident.community, "quality.incident.handle", _("You cannot handle emergencies.")
    )
    if incident.kind != IncidentKind.OUTAGE:
        raise DomainError(_("Residents are notified by SMS of outages."))
    text = text.strip()
    if not text:
        raise DomainError(_("Write the notice."), field="text")
    if len(text) > 300:
        raise DomainError(_("Keep the notice within 300 characters."), field="text")
    if not buildings:
        raise DomainError(_("Choose the buildings the outage touches."), field="buildings")
    if any(b.community_id != incident.community_id for b in buildings):
        raise DomainError(_("Choose buildings of this service center."), field="buildings")
    relations = (
        UnitRelation.objects.filter(
            community_id=incident.community_id,
            unit__building__in=buildings,
            role__in=("owner", "tenant"),
        )
        .current()
        .exclude(person__phone="")
    )
    phones = sorted(set(relations.values_list("person__phone", flat=True)))
    message = f"【{incident.community.name}】{text}"[:MAX_LENGTH]
    for phone in phones:
        transaction.on_commit(partial(send_sms, phone, message), robust=True)
    log(
        incident,
        actor,
        _("Residents of %(buildings)s told by SMS (%(count)d phones): %(text)s")
        % {"buildings": "、".join(str(b) for b in buildings), "count": len(phones), "text": text},
    )
    return len(phones)


@transaction.atomic
def close_incident(
    incident: Incident, *, actor: Any, cause: str, handling: str, result: str
) -> Incident:
    """Close the emergency with its report once every step of its SOP is done."""
    incident = _locked(incident)
    require(actor, incident.community, "quality.incident.close", _("You cannot close emergencies."))
    undone = list(incident.steps.filter(done_at__isnull=True).values_list("text", flat=True))
    if undone:
        raise DomainError(
            _("Finish every step first; not yet done: %(steps)s.") % {"steps": "、".join(undone)}
        )
    for name, value in (("cause", cause), ("handling", handling), ("result", result)):
        if not value.strip():
            raise DomainError(_("Fill in the report."), field=name)
    incident.cause, incident.handling, incident.result = (
        cause.strip(),
        handling.strip(),
        result.strip(),
    )
    incident.status = IncidentStatus.CLOSED
    incident.closed_at = timezone.now()
    incident.closed_by = actor
    incident.save(
        update_fields=[
            "cause",
            "handling",
            "result",
            "status",
            "closed_at",
            "closed_by",
            "updated_at",
        ]
    )
    log(incident, actor, _("Closed with the report."))
    record_event(
        verb="incident.closed",
        actor=actor,
        community=incident.community,
        target=incident,
        message=str(incident),
    )
    return incident


def alert_late_steps(now: dt.datetime | None = None) -> int:
    """The minute job: each step of an open emergency past its limit undone is announced once.
    Returns how many were announced."""
    now = now or timezone.now()
    late = IncidentStep.objects.filter(
        done_at__isnull=True,
        alerted_at__isnull=True,
        due_at__lt=now,
        incident__status=IncidentStatus.OPEN,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(late):
        with transaction.atomic():
            # Claimed by the row: two runs at once announce it once.
            claimed = IncidentStep.objects.filter(pk=pk, alerted_at__isnull=True).update(
                alerted_at=now
            )
            if not claimed:
                continue
            step = IncidentStep.objects.select_related("incident__community").get(pk=pk)
            incident = step.incident
            minutes = int((now - incident.occurred_at).total_seconds() // 60)
            _announce(
                incident,
                None,
                _(
                    "Emergency %(number)s: “%(step)s” is not done %(minutes)d minutes after the report."
                )
                % {"number": incident.number, "step": step.text, "minutes": minutes},
            )
            sent += 1
    return sent
