"""The audit trail: business events written by services, plus django-auditlog's field diffs."""

import functools
from collections.abc import Mapping
from typing import Any

from auditlog.models import LogEntry
from django.apps import apps
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .access import Access, tenancy
from .models import Event


def record_event(
    *,
    verb: str,
    actor: Any = None,  # a user (settings.AUTH_USER_MODEL), or None for the system
    community: Any = None,  # a community (settings.WUYE_COMMUNITY_MODEL)
    target: models.Model | None = None,
    message: object = "",
    data: dict[str, Any] | None = None,
    acting_manager: bool | None = None,
) -> Event:
    """Write one business event. Services call this inside their transaction.

    `acting_manager`: whether the actor acts by an acting-manager delegation, when the service
    knows it already (`core.access.posts_in` says so); otherwise it is looked up here."""
    acting = bool(acting_manager)
    if (
        acting_manager is None
        and actor is not None
        and community is not None
        and getattr(actor, "pk", None)
    ):
        # An assistant exercising the manager's rights is marked so the audit shows it. The
        # delegation is asked first: it is rare, so most events (a cashier's every payment)
        # need this one query, not a second one for the manager's own post as well.
        acting = tenancy().delegated_manager(actor, community) and "MGR" not in tenancy().posts(
            actor.pk, community.pk
        )
    return Event.objects.create(
        community=community,
        actor=actor if getattr(actor, "pk", None) else None,
        verb=verb,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        message=str(message)[:500],
        acting_manager=acting,
        data=data or {},
    )


def log_entries_for(access: Access | None) -> QuerySet[LogEntry]:
    """django-auditlog entries about records of the current community."""
    if access is None or access.community is None:
        return LogEntry.objects.none()
    return LogEntry.objects.filter(
        additional_data__community_id=access.community.pk
    ).select_related("actor", "content_type")


# --- What each event is called (the audit page shows words, never codes) -----------------------

_VERB_LABELS: dict[str, object] = {}
_GENERIC_ACTIONS = {
    "created": gettext_lazy("%(what)s added"),
    "updated": gettext_lazy("%(what)s changed"),
    "deleted": gettext_lazy("%(what)s deleted"),
}


def register_verbs(labels: Mapping[str, object]) -> None:
    """An app names the events its services record (`verb` → a lazy Chinese label), in its
    `events.py`, registered from its AppConfig.ready."""
    _VERB_LABELS.update(labels)


def verb_label(verb: str) -> str:
    """The words for an event's verb: the app's label; for the generic save and delete of a
    record, its model's name with the action; else “other event”."""
    label = _VERB_LABELS.get(verb)
    if label is not None:
        return str(label)
    model_name, _dot, action = verb.rpartition(".")
    model = _models_by_name().get(model_name) if action in _GENERIC_ACTIONS else None
    if model is not None:
        return _GENERIC_ACTIONS[action] % {"what": model._meta.verbose_name}
    return str(_("Other event"))


@functools.cache
def _models_by_name() -> dict:
    return {model._meta.model_name: model for model in apps.get_models()}


def known_verb(verb: str) -> bool:
    return verb_label(verb) != str(_("Other event"))
