"""Generic writes for simple master data; modules with business rules have their own services."""

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from .audit import record_event
from .errors import DomainError
from .models import CalendarDay


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


@transaction.atomic
def save_calendar_day(company, *, day, is_workday, note="", actor):
    """The company's correction of one day (a holiday, or a working day); replaces its earlier
    correction of that day."""
    correction, _created = CalendarDay.objects.update_or_create(
        company=company, day=day, defaults={"is_workday": is_workday, "note": note.strip()}
    )
    record_event(
        verb="calendar.corrected",
        actor=actor,
        message=f"{day} {'班' if is_workday else '休'} {note}".strip(),
        data={"company": company.pk},
    )
    return correction


@transaction.atomic
def delete_calendar_day(company, pk, *, actor) -> bool:
    """Remove one of the company's own corrections (those for every company stay)."""
    correction = CalendarDay.objects.filter(company=company, pk=pk).first()
    if correction is None:
        return False
    correction.delete()
    record_event(
        verb="calendar.correction_removed",
        actor=actor,
        message=str(correction.day),
        data={"company": company.pk},
    )
    return True
