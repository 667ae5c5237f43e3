"""Rules shared by the pages' forms and the Excel import forms (one set of rules, two
shapes), and the per-community uniqueness check of the registry's forms."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wuye.core.forms import ScopedModelForm
from wuye.core.text import normalize
from wuye.core.validators import validate_resident_id

from ..choices import IdType

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


def check_areas(form, cleaned, gross="gross_area", inner="inner_area"):
    if (
        cleaned.get(gross) is not None
        and cleaned.get(inner) is not None
        and cleaned[inner] > cleaned[gross]
    ):
        form.add_error(inner, _("The inner area cannot be larger than the gross area."))


def normalize_id_number(value):
    return normalize(value).upper().replace(" ", "")


def check_id_number(form, cleaned, id_type="id_type", id_number="id_number"):
    if cleaned.get(id_type) == IdType.RESIDENT_ID and cleaned.get(id_number):
        try:
            validate_resident_id(cleaned[id_number])
        except forms.ValidationError as exc:
            form.add_error(id_number, exc)


class UniqueInCommunityForm(ScopedModelForm):
    """A registry form with friendly Chinese messages for per-community uniqueness, checked
    before the database."""

    unique_together_in_community: list[tuple[tuple[str, ...], str | StrPromise]] = []
    # As an Excel import's row form: the row is the record as it is stored (core.importing).
    unchanged = False

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        access = self.access
        if access is None or access.community is None:
            return cleaned
        for fields, message in self.unique_together_in_community:
            if any(cleaned.get(f) in (None, "") for f in fields):
                continue
            clash = self._meta.model.objects.for_access(access).filter(
                **{f: cleaned[f] for f in fields}
            )
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(fields[-1], message)
        return cleaned

    def validate_unique(self):
        # Checked above with a message people understand; the database constraint stays the guard.
        return
