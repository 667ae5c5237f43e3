"""What every occupancy service does around a change of state: lock the record and check its
status, then save it and write the change in the audit log."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from wuye.core.audit import record_event
from wuye.core.errors import DomainError


def locked(
    model: type[models.Model],
    pk: Any,
    *,
    related: tuple[str, ...],
    statuses: tuple[str, ...] = (),
    refusal: str = "",
) -> Any:
    """The record locked for the change (its own row only); refused with `refusal` (a message
    with %(status)s) when its status is not one of `statuses`."""
    row: Any = model._default_manager.select_for_update(of=("self",)).select_related(*related)
    row = row.get(pk=pk)
    if statuses and row.status not in statuses:
        raise DomainError(refusal % {"status": row.get_status_display()}, code="wrong_status")
    return row


def record_change(row: Any, verb: str, message: str, *, actor: Any) -> Any:
    """Save the changed record and write the change in the audit log."""
    row.save()
    record_event(verb=verb, actor=actor, community=row.community, target=row, message=message)
    return row


def check_in_center(community: Any, *records: Any, field: str = "unit", message: str = "") -> None:
    """Refuse a record of another service center — a field error on `field` (by default the
    unit's words)."""
    pk = getattr(community, "pk", community)
    if any(record.community_id != pk for record in records):
        raise DomainError(message or _("The unit is not in this service center."), field=field)
