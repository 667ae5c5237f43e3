"""Greetings (COM-03, CSR-7): festival greetings to every resident and birthday greetings on
the solar or lunar birthday (`core.calendar`), sent by a job every morning. Each occasion is
claimed by a `GreetingLog` row under the community's settings row lock before its campaign is
prepared — a festival once per community and year, a birthday once per person and year — so a
job run twice, or two workers, greet nobody twice. The campaigns are ordinary campaigns
(greeting kind: opt-outs respected, quiet hours kept) in the name of the person who switched
greetings on."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.access import require
from wuye.core.audit import record_event
from wuye.core.calendar import FESTIVAL_NAMES, birthday_falls_on, festivals_on
from wuye.core.errors import DomainError
from wuye.estate.models import Person, UnitRelation

from ..choices import MessageKind, TargetKind
from ..models import Campaign, GreetingLog, GreetingSettings, MessageTemplate
from . import campaigns

BIRTHDAY = "birthday"
logger = logging.getLogger(__name__)


def settings_for(community: Any) -> GreetingSettings:
    """The community's greeting settings; off until saved."""
    return GreetingSettings.objects.filter(community=community).first() or GreetingSettings(
        community=community
    )


@transaction.atomic
def save_settings(
    *,
    community: Any,
    actor: Any,
    is_active: bool,
    festivals: list[str],
    festival_template: MessageTemplate | None,
    birthdays: bool,
    birthday_template: MessageTemplate | None,
) -> GreetingSettings:
    require(actor, community, "community.greeting.change", _("You may not set up the greetings."))
    unknown = [key for key in festivals if key not in FESTIVAL_NAMES]
    if unknown:
        raise DomainError(_("Unknown festival: %(keys)s") % {"keys": "、".join(unknown)})
    if is_active and festivals and festival_template is None:
        raise DomainError(_("Choose the festival template."), field="festival_template")
    if is_active and birthdays and birthday_template is None:
        raise DomainError(_("Choose the birthday template."), field="birthday_template")
    for template in (festival_template, birthday_template):
        if template is not None and template.kind != MessageKind.GREETING:
            raise DomainError(_("“%(name)s” is not a greeting template.") % {"name": template.name})
    settings = settings_for(community)
    settings.is_active, settings.festivals = is_active, list(festivals)
    settings.festival_template, settings.birthdays = festival_template, birthdays
    settings.birthday_template, settings.sender = birthday_template, actor
    if settings.pk is None:
        settings.created_by = actor
    settings.save()
    record_event(
        verb="greetings.saved",
        actor=actor,
        community=community,
        target=settings,
        message=_("Greetings on") if is_active else _("Greetings off"),
    )
    return settings


def birthday_people(community: Any, day: dt.date) -> list[int]:
    """The residents (owners, family, tenants living there now) whose birthday — solar or lunar
    as each chose — falls on `day` and who were not greeted for it this year."""
    living = UnitRelation.objects.filter(community=community).current(day).values("person")
    greeted = GreetingLog.objects.filter(
        community=community, occasion=BIRTHDAY, year=day.year
    ).values("person")
    candidates = (
        Person.objects.filter(community=community, pk__in=living, birthday__isnull=False)
        .exclude(phone="")
        .exclude(pk__in=greeted)
        .values_list("pk", "birthday", "birthday_lunar")
    )
    return [
        pk
        for pk, birthday, lunar in candidates
        if birthday is not None and birthday_falls_on(birthday, day, lunar=lunar)
    ]


def _campaign(
    settings: GreetingSettings,
    template: MessageTemplate,
    *,
    title: str,
    target: str,
    occasion: str,
) -> Campaign:
    return campaigns.create_campaign(
        community=settings.community,
        actor=settings.sender,
        title=title,
        kind=MessageKind.GREETING,
        template=template,
        target=target,
        occasion=occasion,
    )


def send_greetings(community: Any, day: dt.date | None = None) -> int:
    """Today's festival and birthday greetings of one community; the campaigns queued."""
    day = day or timezone.localdate()
    queued = 0
    with transaction.atomic():
        settings = (
            GreetingSettings.objects.select_for_update(of=("self",))
            .select_related("community", "festival_template", "birthday_template", "sender")
            .filter(community=community, is_active=True)
            .first()
        )
        if settings is None or settings.sender is None:
            return 0
        made: list[Campaign] = []
        if settings.festival_template is not None:
            for key in festivals_on(day):
                if (
                    key not in settings.festivals
                    or GreetingLog.objects.filter(
                        community=community, occasion=key, year=day.year, person__isnull=True
                    ).exists()
                ):
                    continue
                try:
                    campaign = _campaign(
                        settings,
                        settings.festival_template,
                        title=f"{day.year}年{FESTIVAL_NAMES[key]}问候",
                        target=TargetKind.COMMUNITY,
                        occasion=key,
                    )
                except DomainError as exc:  # the sender lost his post, the template changed
                    logger.warning("greeting %s of %s not sent: %s", key, community, exc.message)
                    continue
                GreetingLog.objects.create(
                    community=community, occasion=key, year=day.year, campaign=campaign
                )
                made.append(campaign)
        if settings.birthdays and settings.birthday_template is not None:
            people = birthday_people(community, day)
            birthdays: Campaign | None = None
            if people:
                try:
                    birthdays = _campaign(
                        settings,
                        settings.birthday_template,
                        title=f"{day:%Y-%m-%d} 生日祝福",
                        target=TargetKind.BIRTHDAYS,
                        occasion=BIRTHDAY,
                    )
                except DomainError as exc:
                    logger.warning("birthdays of %s not greeted: %s", community, exc.message)
            if birthdays is not None:
                GreetingLog.objects.bulk_create(
                    GreetingLog(
                        community=community,
                        occasion=BIRTHDAY,
                        year=day.year,
                        person_id=person,
                        campaign=birthdays,
                    )
                    for person in people
                )
                made.append(birthdays)
        for campaign in made:
            try:
                campaigns.prepare_campaign(campaign, actor=settings.sender)
                campaigns.send_campaign(campaign, actor=settings.sender)
                queued += 1
            except DomainError as exc:  # nobody with a mobile number, all opted out
                campaigns.cancel_campaign(campaign, actor=settings.sender, reason=str(exc.message))
    return queued
