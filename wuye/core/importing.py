"""Excel import: upload → every row validated by the UI's own form → preview → all-or-nothing.

A module declares an `Importer` (columns, the form, and the service that saves the rows) and
registers it; the upload, preview, commit and template pages are shared.

Re-importing a file changes nothing: a row that matches what the database already holds is
"unchanged" (the form sets `form.unchanged = True`) and is skipped; a row that would change an
existing record is an error, never a silent update.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .audit import record_event
from .bulk import gc_paused
from .errors import DomainError
from .excel import ExcelFileError, read_rows
from .models import ImportBatch, ImportStatus

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

    from .access import Access

NON_FIELD = "__all__"


@dataclass(frozen=True)
class Column:
    header: str  # exactly as in the Excel template (Chinese)
    field: str  # the form field it fills
    required: bool = False
    example: str = ""
    help: str | StrPromise = ""


class Importer:
    """Subclass per kind of import and register it with `register`."""

    key: str = ""
    title: str | StrPromise = ""
    permission: str = ""
    # The row's form, called with data=, access= and importing=; or override `get_form`.
    form_class: Callable[..., forms.BaseForm] | None = None
    columns: list[Column] = []
    success_url_name: str = ""

    description: str | StrPromise = ""

    def prepare(self, *, access):
        """Look-ups shared by all rows of one pass (e.g. existing records by key), or None."""
        return None

    def form_data(self, values: dict[str, str], context) -> dict:
        """Map cell texts to form data; override to split lists, etc."""
        return values

    def get_form(self, values: dict[str, str], *, access, context=None):
        if self.form_class is None:
            raise NotImplementedError(f"{type(self).__name__}: set form_class or override get_form")
        return self.form_class(data=self.form_data(values, context), access=access, importing=True)

    def row_key(self, form):
        """A value identifying a row, to report duplicates inside the same file."""
        return None

    def row_keys(self, form) -> list:
        """Every key a valid row claims (a record's number, its plate…): a second row of the
        file with one of them is an error in the preview, not a failure at commit."""
        key = self.row_key(form)
        return [] if key is None else [key]

    def save(self, form, *, access, actor):
        raise NotImplementedError

    def save_rows(self, forms, *, access, actor):
        """Save the valid, changed rows (all inside the commit's transaction)."""
        for form in forms:
            try:
                self.save(form, access=access, actor=actor)
            except DomainError as exc:
                exc.excel_row = form.excel_row
                raise

    # -- helpers -------------------------------------------------------------------------
    def header_for(self, field: str) -> str:
        for column in self.columns:
            if column.field == field:
                return column.header
        return _("Row")


# What a field's clean() returns that rows may share: values nobody can change in place.
_SHAREABLE = (str, int, float, Decimal, dt.date, dt.time, dt.timedelta, type(None))
_LABEL_SUFFIX = object()  # its key in a clean cache (field keys are tuples)


class RowForm(forms.Form):
    """A form for import rows that shares its field objects between rows.

    Django deep-copies every field for each form instance; for a 20,000-row file that copying
    costs more than the validation itself. Import row forms never change their fields per
    instance, so one set serves all rows. (Do not use for forms that edit `self.fields`.)

    Given a `clean_cache` (a dict kept for one pass over a file), a field's clean() runs once
    per distinct cell text: a file repeats its floors, areas, uses, dates and names thousands
    of times, and clean() depends on nothing but the text. Errors are not cached (each bad row
    gets its own messages); `clean_<field>()` methods and `clean()` still run for every row.
    """

    def __init__(self, *args: Any, clean_cache: dict | None = None, **kwargs: Any) -> None:
        if clean_cache is not None and "label_suffix" not in kwargs:
            # BaseForm asks gettext for it on every form: once per pass is enough.
            if _LABEL_SUFFIX not in clean_cache:
                clean_cache[_LABEL_SUFFIX] = _(":")
            kwargs["label_suffix"] = clean_cache[_LABEL_SUFFIX]
        # What BaseForm.__init__ deep-copies: nothing (an instance attribute hiding the class's
        # for a moment, which the stubs' ClassVar does not foresee).
        self.base_fields = {}  # type: ignore[misc]
        super().__init__(*args, **kwargs)
        del self.base_fields
        self.fields = type(self).base_fields
        self._clean_cache = clean_cache

    def _clean_fields(self) -> None:
        # Django's BaseForm._clean_fields, with the field's clean() looked up in the cache.
        cache = self._clean_cache
        if cache is None:
            return super()._clean_fields()  # type: ignore[misc]  # private, not in the stubs
        for name, field in self.fields.items():
            try:
                if field.disabled or (
                    type(field)._clean_bound_field  # type: ignore[attr-defined]
                    is not forms.Field._clean_bound_field  # type: ignore[attr-defined]
                ):
                    # Files and disabled fields look at their initial value: no shortcut.
                    self.cleaned_data[name] = field._clean_bound_field(self[name])  # type: ignore[attr-defined]
                else:
                    self.cleaned_data[name] = self._cached_clean(cache, name, field)
                if hasattr(self, f"clean_{name}"):
                    self.cleaned_data[name] = getattr(self, f"clean_{name}")()
            except ValidationError as e:
                self.add_error(name, e)

    def _cached_clean(self, cache, name, field):
        data = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
        key = (name, type(data), data)  # the type too: True == 1 in a dict
        try:
            return cache[key]
        except TypeError:  # a list of values is no key
            return field.clean(data)
        except KeyError:
            pass
        value = field.clean(data)
        if isinstance(value, _SHAREABLE):
            cache[key] = value
        return value


REGISTRY: dict[str, Importer] = {}


def register(importer_class):
    REGISTRY[importer_class.key] = importer_class()
    return importer_class


def get_importer(key: str) -> Importer:
    return REGISTRY[key]


def _form_errors(importer, form) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for field, messages in form.errors.items():
        header = importer.header_for(field) if field != NON_FIELD else NON_FIELD
        errors.setdefault(header, []).extend(str(m) for m in messages)
    return errors


def check_rows(importer, rows, *, access) -> Iterator[tuple[dict, Any, dict]]:
    """Validate rows in order; yield (row, bound form, errors) — errors empty for a good row.

    A row repeating an earlier row's key (same person twice in one file, a plate or a meter
    number given twice) is an error too.
    """
    seen: dict[object, int] = {}
    context = importer.prepare(access=access)
    for row in rows:
        form = importer.get_form(row["values"], access=access, context=context)
        if not form.is_valid():
            yield row, form, _form_errors(importer, form)
            continue
        keys = importer.row_keys(form)
        earlier = next((seen[key] for key in keys if key in seen), None)
        if earlier is not None:
            yield (
                row,
                form,
                {NON_FIELD: [_("Duplicates row %(row)d of this file.") % {"row": earlier}]},
            )
            continue
        for key in keys:
            seen[key] = row["row"]
        yield row, form, {}


def validate_rows(importer, rows, *, access):
    """Validate every row; return ({excel_row: {header: [messages]}}, number of unchanged rows)."""
    errors, unchanged = {}, 0
    for row, form, row_errors in check_rows(importer, rows, access=access):
        if row_errors:
            errors[str(row["row"])] = row_errors
        elif getattr(form, "unchanged", False):
            unchanged += 1
    return errors, unchanged


# The cyclic GC is paused while a file is read, checked and saved: its full passes over the
# rows and forms of a 20,000-row file were about a fifth of the import (core.bulk.gc_paused).
@gc_paused()
def parse_upload(importer: Importer, upload: Any, *, access: Access, actor: Any) -> ImportBatch:
    """Read and validate an upload and keep it for the preview. Nothing else is written.

    Raises DomainError when the file as a whole is unusable.
    """
    try:
        headers, raw_rows = read_rows(upload)
    except ExcelFileError as exc:
        raise DomainError(str(exc)) from exc
    known = {c.header for c in importer.columns}
    missing = [c.header for c in importer.columns if c.required and c.header not in headers]
    if missing:
        raise DomainError(
            _(
                "Required columns are missing: %(columns)s. Download the template and keep its headers."
            )
            % {"columns": "、".join(missing)}
        )
    if not raw_rows:
        raise DomainError(_("The file has a header row but no data rows."))
    index = {h: i for i, h in enumerate(headers) if h in known}
    rows = [
        {
            "row": number,
            "values": {
                c.field: (cells[index[c.header]] if c.header in index else "")
                for c in importer.columns
            },
        }
        for number, cells in raw_rows
    ]
    errors, unchanged = validate_rows(importer, rows, access=access)
    return ImportBatch.objects.create(
        community=access.community,
        created_by=actor,
        importer=importer.key,
        filename=(getattr(upload, "name", "") or "")[:255],
        total_rows=len(rows),
        error_count=len(errors),
        unchanged_count=unchanged,
        rows=rows,
        errors=errors,
    )


class _RowFailed(Exception):
    def __init__(self, row, errors):
        self.row = row
        self.errors = errors


@gc_paused()
def commit_import(batch: ImportBatch, *, access: Access, actor: Any) -> int:
    """Save every row of a clean batch in one transaction, or none of them.

    Rows are validated again inside the transaction (the database may have changed since the
    preview); the first failing row rolls everything back and its errors are kept for display.
    """
    importer = get_importer(batch.importer)
    try:
        with transaction.atomic():
            # Lock the batch: a double click or a second tab must not import the rows twice.
            batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
            if batch.status != ImportStatus.PREVIEW:
                raise DomainError(_("This file has already been imported or discarded."))
            if batch.error_count:
                raise DomainError(_("Correct the rows with errors and upload the file again."))
            valid = []
            for row, form, errors in check_rows(importer, batch.rows, access=access):
                if errors:
                    raise _RowFailed(row["row"], errors)
                if not getattr(form, "unchanged", False):
                    form.excel_row = row["row"]
                    valid.append(form)
            try:
                importer.save_rows(valid, access=access, actor=actor)
            except DomainError as exc:
                header = importer.header_for(exc.field) if exc.field else NON_FIELD
                raise _RowFailed(
                    getattr(exc, "excel_row", 0), {header: [str(exc.message)]}
                ) from exc
            batch.status = ImportStatus.COMMITTED
            batch.committed_at = timezone.now()
            batch.save(update_fields=["status", "committed_at", "updated_at"])
            record_event(
                verb="import.committed",
                actor=actor,
                community=access.community,
                target=batch,
                message=_("Imported %(count)d rows from “%(file)s” (%(unchanged)d unchanged)")
                % {
                    "count": len(valid),
                    "file": batch.filename,
                    "unchanged": batch.total_rows - len(valid),
                },
                data={"importer": importer.key, "rows": batch.total_rows, "saved": len(valid)},
            )
    except _RowFailed as failure:
        batch.errors = {str(failure.row): failure.errors}
        batch.error_count = 1
        batch.save(update_fields=["errors", "error_count", "updated_at"])
        raise DomainError(
            _("Row %(row)d can no longer be imported; nothing was saved.") % {"row": failure.row}
        ) from failure
    return len(valid)


@transaction.atomic
def discard_import(batch: ImportBatch, *, actor: Any) -> None:
    """Forget an upload that will not be imported (its rows are dropped)."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportStatus.PREVIEW:
        return
    batch.status = ImportStatus.DISCARDED
    batch.rows = []
    batch.save(update_fields=["status", "rows", "updated_at"])
    record_event(
        verb="import.discarded",
        actor=actor,
        community=batch.community,
        target=batch,
        message=_("Upload “%(file)s” discarded") % {"file": batch.filename},
    )
