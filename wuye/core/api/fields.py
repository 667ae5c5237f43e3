"""What an API field accepts, in one place for the request checks and for the schema.

Writes validate through the page's own Django form (same rules, same Chinese messages). A form
reads text, so before the form sees a JSON body every value is checked against the JSON type
the schema gives for its field: a number for a date, `false` for a name or a string for a list
is a field-level 400 (code `wrong_type`), never a 500 or a silently converted value. The
schema of such a write is generated from the same form (`form_serializer`), so what the
schema says and what the API accepts cannot drift apart.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.core import validators as django_validators
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.dateparse import parse_datetime, parse_time
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers

# Ids are 64-bit integers (BigAutoField); a larger number is no record of ours, and the
# databases refuse to even compare with it.
INT64_MAX = 2**63 - 1
INT64_MIN = -(2**63)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@extend_schema_field(
    {
        "oneOf": [
            {"type": "integer", "minimum": 1, "maximum": INT64_MAX},
            {"type": "string", "minLength": 1},
        ]
    }
)
class IdOrTextField(serializers.Field):
    """A record given by its id (a JSON number) or as people type it (a string); the form
    finds it. An id is never read from text ("1501" is a room, not record 1501)."""

    def to_internal_value(self, data):
        return data

    def to_representation(self, value):
        return value


@extend_schema_field(
    {"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$", "example": "09:30"}
)
class ClockTimeField(serializers.TimeField):
    """A time of day as a clock shows it (“09:30”), without a zone: an appointment's time."""

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%H:%M")
        super().__init__(**kwargs)


class WrongType(exceptions.ValidationError):
    """A JSON value of another type than the schema gives for its field."""

    default_code = "wrong_type"


def decimal_pattern(max_digits: int | None, decimal_places: int | None) -> str:
    """The text of a decimal as the API takes it: digits, optionally a point and decimals."""
    if decimal_places is None:
        places = "(?:\\.\\d+)?"
    else:
        places = f"(?:\\.\\d{{1,{decimal_places}}})?" if decimal_places else ""
    if max_digits is None:
        return f"^-?\\d+{places}$"
    whole = max_digits - (decimal_places or 0)
    if whole <= 0:
        return f"^-?0{places}$"
    return f"^-?\\d{{1,{whole}}}{places}$"


# --- JSON type checks ---------------------------------------------------------------------------


def _type_name(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _fail(field: serializers.Field, key: str, **params) -> list[str]:
    message = field.error_messages.get(key) or serializers.Field.default_error_messages.get(key)
    if message is None:
        message = _("Not a valid value.")
    return [str(message).format(**params)]


def _int_bounds(field) -> tuple[int, int]:
    low = getattr(field, "min_value", None)
    high = getattr(field, "max_value", None)
    return (INT64_MIN if low is None else low, INT64_MAX if high is None else high)


def check_value(field: serializers.Field, value: Any) -> list[str] | dict | None:
    """The errors of one JSON value for a field (None when its type and format are right)."""
    if value is None:
        return None if field.allow_null else _fail(field, "null")
    if isinstance(field, serializers.ManyRelatedField):
        if not isinstance(value, list):
            return _fail(field, "not_a_list", input_type=_type_name(value))
        return _check_items(field.child_relation, value)
    if isinstance(field, serializers.ListSerializer):
        if not isinstance(value, list):
            return [
                _("Expected a list of items but got type “%(type)s”.") % {"type": _type_name(value)}
            ]
        return _check_items(field.child, value)
    if isinstance(field, serializers.Serializer):
        if not isinstance(value, dict):
            return _fail(field, "invalid", datatype=_type_name(value))
        errors = check_fields(field.fields, value)
        for name, inner in field.fields.items():
            if inner.required and not inner.read_only and name not in value:
                errors[name] = _fail(inner, "required")
        return errors or None
    if isinstance(field, serializers.ListField | serializers.MultipleChoiceField):
        if not isinstance(value, list):
            return _fail(field, "not_a_list", input_type=_type_name(value))
        child = getattr(field, "child", None)
        if isinstance(field, serializers.MultipleChoiceField):
            child = serializers.ChoiceField(choices=field.choices)
        return _check_items(child, value) if child is not None else None
    if isinstance(field, serializers.JSONField):
        return None
    if isinstance(field, IdOrTextField):
        if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= INT64_MAX:
            return None
        if isinstance(value, str) and value:
            return None
        return [_("Give the id (a number) or the text.")]
    if isinstance(field, serializers.DictField):
        return None if isinstance(value, dict) else _fail(field, "not_a_dict", input_type="")
    if isinstance(field, serializers.FileField):
        if isinstance(value, UploadedFile):
            return None
        return [_("Send files as multipart/form-data.")]
    if isinstance(field, serializers.BooleanField):
        return None if isinstance(value, bool) else _fail(field, "invalid")
    if isinstance(field, serializers.PrimaryKeyRelatedField):
        if not isinstance(value, int) or isinstance(value, bool):
            return _fail(field, "incorrect_type", data_type=_type_name(value))
        if not 0 < value <= INT64_MAX:
            return _fail(field, "does_not_exist", pk_value=value)
        return None
    if isinstance(field, serializers.IntegerField):
        if not isinstance(value, int) or isinstance(value, bool):
            return _fail(field, "invalid")
        low, high = _int_bounds(field)
        if value > high:
            return _fail(field, "max_value", max_value=high)
        if value < low:
            return _fail(field, "min_value", min_value=low)
        return None
    if isinstance(field, serializers.FloatField):
        if not isinstance(value, int | float) or isinstance(value, bool):
            return _fail(field, "invalid")
        return None
    if isinstance(field, serializers.DecimalField):
        if not isinstance(value, str):
            return [_("Give this number as a string, e.g. “12.50”.")]
        if not re.match(decimal_pattern(field.max_digits, field.decimal_places), value):
            # The words of the page's form field (the form reads the same value on the page).
            form_field = forms.DecimalField(
                max_digits=field.max_digits, decimal_places=field.decimal_places
            )
            try:
                form_field.clean(value)
            except ValidationError as exc:
                return [str(m) for m in exc.messages]
            return [str(form_field.error_messages["invalid"])]
        return None
    # Everything else travels as a string (text, choices, dates, times, e-mail, slugs…).
    if isinstance(field, serializers.ChoiceField):
        codes = {type(code) for code in field.choices}
        if codes and str not in codes:
            if type(value) not in codes or isinstance(value, bool):
                return _fail(field, "invalid_choice", input=value)
            return None
    if isinstance(field, serializers.ChoiceField) and value == "" and not field.allow_blank:
        return _fail(field, "invalid_choice", input=value)
    if not isinstance(value, str):
        if isinstance(field, serializers.DateTimeField | serializers.DateField):
            return _fail(field, "invalid", format=_format_name(field))
        if isinstance(field, serializers.ChoiceField):
            return _fail(field, "invalid_choice", input=value)
        return [str(serializers.CharField.default_error_messages["invalid"])]
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from a JSON escape: no text can hold it
        return [str(serializers.CharField.default_error_messages["invalid"])]
    max_length = getattr(field, "max_length", None)
    if max_length is not None and len(value) > max_length:
        return _fail(field, "max_length", max_length=max_length)
    if isinstance(field, serializers.DateTimeField):
        try:
            parsed = parse_datetime(value)
        except ValueError:
            parsed = None
        return None if parsed is not None else _fail(field, "invalid", format=_format_name(field))
    pattern = getattr(field, "pattern", None)
    if pattern is not None:  # a field that documents its own text (a month, say)
        return None if re.match(pattern, value) else _fail(field, "invalid", format=pattern)
    if isinstance(field, serializers.DateField):
        return None if _iso_date(value) else _fail(field, "invalid", format=_format_name(field))
    if isinstance(field, serializers.TimeField):
        try:
            time = parse_time(value)
        except ValueError:
            time = None
        return None if time is not None else _fail(field, "invalid", format="hh:mm[:ss]")
    return None


def _iso_date(value: str) -> bool:
    if not ISO_DATE.match(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _format_name(field) -> str:
    return (
        "YYYY-MM-DD"
        if isinstance(field, serializers.DateField)
        else "YYYY-MM-DDThh:mm[:ss][±hh:mm]"
    )


def _check_items(child, values) -> dict | None:
    errors = {}
    for index, item in enumerate(values):
        problem = check_value(child, item)
        if problem:
            errors[index] = problem
    return errors or None


def check_fields(fields: Mapping[str, serializers.Field], data: Mapping) -> dict:
    """{name: errors} for the values of `data` whose JSON type does not fit their field."""
    errors = {}
    for name, value in data.items():
        field = fields.get(name)
        if field is None or field.read_only:
            continue
        problem = check_value(field, value)
        if problem:
            errors[name] = problem
    return errors


def from_text(field, text):
    """A query string's or form post's text as the JSON value it stands for, so one check
    serves JSON bodies and text alike ("" stays text: a query has no null)."""
    if isinstance(field, serializers.BooleanField):
        return {"true": True, "false": False}.get(text, text)
    if isinstance(field, serializers.IntegerField | serializers.PrimaryKeyRelatedField):
        digits = text[1:] if text.startswith("-") else text
        if digits.isascii() and digits.isdigit():
            return int(text)
    return text


def check_text(fields: Mapping[str, serializers.Field], data, *, nulls=False) -> dict:
    """Like check_fields, for a QueryDict of texts: a query string, or a form post (`nulls`:
    where "" or "null" stands for null in a field that takes it)."""
    errors = {}
    for name, field in fields.items():
        if name not in data or field.read_only or isinstance(field, serializers.FileField):
            continue
        texts = data.getlist(name)
        if isinstance(field, serializers.ListField | serializers.ManyRelatedField):
            child = getattr(field, "child", None) or getattr(field, "child_relation", None)
            if isinstance(child, serializers.FileField):
                continue
            value = [from_text(child, text) if isinstance(text, str) else text for text in texts]
        else:
            value = texts[-1]
            if nulls and field.allow_null and value in ("", "null"):
                value = None
            value = from_text(field, value) if isinstance(value, str) else value
        problem = check_value(field, value)
        if problem:
            errors[name] = problem
    return errors


def require_object(data):
    """The body must be a JSON object (a form post is one too)."""
    if not isinstance(data, Mapping):
        raise WrongType({"non_field_errors": [_("Send a JSON object.")]})
    return data


def check_json(fields: Mapping[str, serializers.Field], data) -> None:
    """Raise WrongType naming every field whose JSON value has the wrong type."""
    require_object(data)
    if hasattr(data, "getlist"):
        errors = check_text(fields, data, nulls=True)
    else:
        errors = check_fields(fields, data)
    if errors:
        raise WrongType(flatten(errors))


def flatten(errors: dict) -> dict:
    """Nested item errors as "field[0].amount" keys: the error shape keeps a flat list per key."""
    flat: dict[str, list[str]] = {}

    def walk(prefix, value):
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}[{key}]" if isinstance(key, int) else f"{prefix}.{key}", inner)
        else:
            flat[prefix] = [str(v) for v in value]

    for name, value in errors.items():
        walk(name, value)
    return flat


class StrictSerializer(serializers.Serializer):
    """A request body whose JSON types are those its schema gives (DRF itself would read 1 as
    true, 5 as "5" and "5" as 5)."""

    def is_valid(self, *, raise_exception=False):
        # Before DRF's own validation, which would turn the `wrong_type` code into `invalid`.
        if not hasattr(self, "_validated_data") and hasattr(self, "initial_data"):
            try:
                check_json(self.fields, self.initial_data)
            except WrongType as exc:
                self._validated_data = {}
                self._errors = exc.detail
                if raise_exception:
                    raise
                return False
        return super().is_valid(raise_exception=raise_exception)


# --- Forms as request schemas ---------------------------------------------------------------

# Form field classes of other apps that need their own API field (a unit given by id or as
# "3-2-1501", tiers as a list); registered by the apps' api modules.
FORM_FIELD_FACTORIES: dict[type, Callable[..., serializers.Field]] = {}


def register_form_field(form_field_class: type, factory: Callable[..., serializers.Field]):
    """`factory(form_field, **options)` gives the API field for a form field class."""
    FORM_FIELD_FACTORIES[form_field_class] = factory


def _bounds(form_field, model_field) -> dict:
    """min_value/max_value from the form field, the model field and its column (the range of
    the column type on any database, so the schema is the same on SQLite and PostgreSQL)."""
    options: dict[str, Any] = {}
    found = [*form_field.validators, *getattr(model_field, "_validators", [])]
    if model_field is not None:
        column = BaseDatabaseOperations.integer_field_ranges.get(model_field.get_internal_type())
        if column is not None:
            found += [
                django_validators.MinValueValidator(column[0]),
                django_validators.MaxValueValidator(column[1]),
            ]
    for validator in found:
        limit: Any = getattr(validator, "limit_value", None)
        limit = limit() if callable(limit) else limit
        if isinstance(limit, float):
            limit = Decimal(str(limit))  # django-filter's 1e50 ceiling on number filters
        if isinstance(validator, django_validators.MinValueValidator):
            options["min_value"] = max(options.get("min_value", limit), limit)
        elif isinstance(validator, django_validators.MaxValueValidator):
            options["max_value"] = min(options.get("max_value", limit), limit)
    return options


def _choices(form_field) -> list:
    return [
        (code, label)
        for code, label in form_field.choices
        if code not in ("", None) and not isinstance(label, list | tuple)
    ]


def _by_text(form_field) -> bool:
    """Whether a record picker takes a text key (a name) rather than the id."""
    key = form_field.to_field_name
    return bool(key) and key != form_field.queryset.model._meta.pk.name


def api_field(form_field: forms.Field, *, model_field=None, required: bool) -> serializers.Field:
    """The API field (type, limits, null/blank) that matches a form field."""
    common: dict[str, Any] = {
        "required": required,
        "label": form_field.label,
        "help_text": form_field.help_text or None,
    }
    for form_class in type(form_field).__mro__:
        factory = FORM_FIELD_FACTORIES.get(form_class)
        if factory is not None:
            return factory(form_field, **common)
    empty_ok = not form_field.required
    child: serializers.Field
    if isinstance(form_field, forms.ModelMultipleChoiceField):
        child = (
            serializers.CharField()
            if _by_text(form_field)
            else serializers.IntegerField(min_value=1, max_value=INT64_MAX)
        )
        return serializers.ListField(child=child, allow_empty=empty_ok, **common)
    if isinstance(form_field, forms.ModelChoiceField):
        if _by_text(form_field):
            return serializers.CharField(allow_null=empty_ok, allow_blank=empty_ok, **common)
        return serializers.IntegerField(
            min_value=1, max_value=INT64_MAX, allow_null=empty_ok, **common
        )
    if isinstance(form_field, forms.MultipleChoiceField):
        return serializers.ListField(
            child=serializers.ChoiceField(choices=_choices(form_field)),
            allow_empty=empty_ok,
            **common,
        )
    if isinstance(form_field, forms.ChoiceField):
        return serializers.ChoiceField(
            choices=_choices(form_field), allow_blank=empty_ok, allow_null=empty_ok, **common
        )
    if isinstance(form_field, forms.NullBooleanField):
        return serializers.BooleanField(allow_null=True, **common)
    if isinstance(form_field, forms.BooleanField):
        return serializers.BooleanField(**common)
    if isinstance(form_field, forms.DecimalField):
        max_digits = form_field.max_digits or getattr(model_field, "max_digits", None)
        places = form_field.decimal_places
        if places is None:
            places = getattr(model_field, "decimal_places", None)
        return serializers.DecimalField(
            max_digits=max_digits,
            decimal_places=places,
            allow_null=empty_ok,
            **_bounds(form_field, model_field),
            **common,
        )
    if isinstance(form_field, forms.FloatField):
        return serializers.FloatField(allow_null=empty_ok, **common)
    if isinstance(form_field, forms.IntegerField):  # after its subclasses Decimal and Float
        bounds = _bounds(form_field, model_field)
        bounds.setdefault("min_value", INT64_MIN)
        bounds.setdefault("max_value", INT64_MAX)
        return serializers.IntegerField(allow_null=empty_ok, **bounds, **common)
    if isinstance(form_field, forms.DateTimeField):
        return serializers.DateTimeField(allow_null=empty_ok, **common)
    if isinstance(form_field, forms.DateField):
        return serializers.DateField(allow_null=empty_ok, **common)
    if isinstance(form_field, forms.TimeField):
        return ClockTimeField(allow_null=empty_ok, **common)
    if isinstance(form_field, forms.FileField):
        # One or more files under the field's name, as the page takes them.
        child = (
            serializers.ImageField()
            if isinstance(form_field, forms.ImageField)
            else serializers.FileField()
        )
        return serializers.ListField(child=child, **common)
    if isinstance(form_field, forms.JSONField):
        return serializers.JSONField(**common)
    text: dict[str, Any] = {
        "allow_blank": empty_ok,
        "max_length": getattr(form_field, "max_length", None),
        "min_length": getattr(form_field, "min_length", None),
    }
    if isinstance(form_field, forms.EmailField):
        return serializers.EmailField(**text, **common)
    if isinstance(form_field, forms.URLField):
        return serializers.URLField(**text, **common)
    return serializers.CharField(**text, trim_whitespace=False, **common)


def _is_required(form_field, initial) -> bool:
    # A full write fills the fields left out with the form's defaults (see ScopedViewSet).
    return (
        bool(form_field.required)
        and initial is None
        and not isinstance(form_field, forms.BooleanField)
    )


def form_fields(form: forms.BaseForm) -> dict[str, serializers.Field]:
    """The API fields of a form instance (after its __init__ restricted and adjusted them)."""
    model = getattr(getattr(form, "_meta", None), "model", None)
    fields = {}
    for name, form_field in form.fields.items():
        initial = form.get_initial_for_field(form_field, name)
        fields[name] = api_field(
            form_field,
            model_field=_model_field(model, name),
            required=_is_required(form_field, initial),
        )
    return fields


def _model_field(model, name):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a form field without a model field
        return None


_FORM_SERIALIZERS: dict[tuple[type, bool], type[serializers.Serializer]] = {}  # one component each


def form_serializer(
    form_class: Any, *, files: bool = False, optional: tuple[str, ...] = ()
) -> type[serializers.Serializer]:
    """A serializer class describing the body a form takes, for the schema (one per form):
    the JSON body, or with `files` the multipart body that carries the form's files too.
    `optional` names fields the view fills itself when they are left out."""
    if (form_class, files) in _FORM_SERIALIZERS:
        return _FORM_SERIALIZERS[form_class, files]
    model = getattr(getattr(form_class, "_meta", None), "model", None)
    attrs: dict[str, Any] = {}
    for name, form_field in form_class.base_fields.items():
        if isinstance(form_field, forms.FileField) and not files:
            continue
        attrs[name] = api_field(
            form_field,
            model_field=_model_field(model, name),
            required=name not in optional and _is_required(form_field, form_field.initial),
        )
    name = form_class.__name__.removesuffix("Form") or form_class.__name__
    attrs["__doc__"] = (form_class.__doc__ or "").strip() or None
    attrs["__module__"] = form_class.__module__
    suffix = "UploadSerializer" if files else "Serializer"
    serializer = type(f"{name}{suffix}", (serializers.Serializer,), attrs)
    _FORM_SERIALIZERS[form_class, files] = serializer
    return serializer
