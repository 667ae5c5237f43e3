"""Generic writes for simple master data; modules with business rules have their own services."""

import datetime as dt
from typing import Any

from django import forms
from django.db import IntegrityError, models, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from .audit import record_event
from .errors import DomainError
from .models import CalendarDay


@transaction.atomic
# Actors are users (settings.AUTH_USER_MODEL) and communities and companies the tenancy's
# models: core names no app's model, so they are typed Any here.


def save_object(form: forms.ModelForm, *, actor: Any, community: Any) -> models.Model:
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
def delete_object(obj: Any, *, actor: Any) -> None:
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
def save_calendar_day(
    company: Any, *, day: dt.date, is_workday: bool, note: str = "", actor: Any
) -> CalendarDay:
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
def delete_calendar_day(company: Any, pk: str | int, *, actor: Any) -> bool:
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
