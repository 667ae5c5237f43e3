"""Generic writes for simple master data; modules with business rules have their own services."""

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from .audit import record_event
from .errors import DomainError


@transaction.atomic
def save_object(form, *, actor, community):
    """Save a model form for a scoped record and write the audit event."""
    instance = form.instance
    creating = instance.pk is None
    if creating:
        instance.community = community
        instance.created_by = actor
    try:
        with transaction.atomic():
            obj = form.save()
    except IntegrityError as exc:
        raise DomainError(_("This record conflicts with an existing one (duplicate).")) from exc
    record_event(
        verb=f"{obj._meta.model_name}.{'created' if creating else 'updated'}",
        actor=actor,
        community=community,
        target=obj,
        message=_("Created") if creating else _("Updated"),
        data={"fields": sorted(form.changed_data)},
    )
    return obj


@transaction.atomic
def delete_object(obj, *, actor):
    """Delete a scoped record if nothing depends on it, and write the audit event."""
    community = obj.community
    label = str(obj)
    try:
        with transaction.atomic():
            obj.delete()
    except ProtectedError as exc:
        raise DomainError(
            _("“%(name)s” cannot be deleted because other records still refer to it.")
            % {"name": label}
        ) from exc
    record_event(
        verb=f"{obj._meta.model_name}.deleted",
        actor=actor,
        community=community,
        message=_("Deleted “%(name)s”") % {"name": label},
        data={"id": obj.pk, "repr": label},
    )
