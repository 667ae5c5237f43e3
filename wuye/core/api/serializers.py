from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from rest_framework import serializers
from rest_framework.settings import api_settings

from ..models import Event


class EventSerializer(serializers.ModelSerializer):
    actor: serializers.StringRelatedField[AbstractBaseUser] = serializers.StringRelatedField()

    class Meta:
        model = Event
        fields = [
            "id",
            "occurred_at",
            "actor",
            "verb",
            "target_type",
            "target_id",
            "target_repr",
            "message",
            "acting_manager",
            "data",
        ]


def _money_text(places: int) -> Callable[[Any], str]:
    return lambda value: "" if value is None else f"{value:.{places}f}"


def plain_rows(serializer_class: type[serializers.Serializer], rows) -> list[dict]:
    """Rows of plain values (a report's dicts) as `serializer_class(rows, many=True).data`
    would give them, without running DRF's fields row by row: a report of thousands of rows
    is served in a few milliseconds instead of tens. Only flat, read-only fields of the simple
    kinds below are allowed (anything else raises TypeError, so a new field cannot be served
    wrong); `test_plain_rows_match_the_serializer` holds the two ways together."""
    convert: list[tuple[str, Callable[[Any], Any]]] = []
    for name, field in serializer_class().fields.items():
        if isinstance(field, serializers.DecimalField) and (
            getattr(field, "coerce_to_string", api_settings.COERCE_DECIMAL_TO_STRING)
            and field.decimal_places is not None
            and not (field.normalize_output or field.localize)
        ):
            convert.append((name, _money_text(field.decimal_places)))
        elif isinstance(field, serializers.DateField):
            convert.append((name, lambda v: None if v is None else v.isoformat()))
        elif isinstance(field, serializers.BooleanField):
            convert.append((name, lambda v: None if v is None else bool(v)))
        elif isinstance(field, serializers.IntegerField):
            convert.append((name, lambda v: None if v is None else int(v)))
        elif isinstance(field, serializers.CharField):
            convert.append((name, lambda v: None if v is None else str(v)))
        else:
            raise TypeError(f"plain_rows cannot serve {name}: {type(field).__name__}")
    return [{name: to(row[name]) for name, to in convert} for row in rows]
