"""`plain_rows` serves report rows exactly as their DRF serializer would (the arrears list)."""

import datetime as dt
from decimal import Decimal

import pytest
from rest_framework import serializers

from wuye.core.api.serializers import plain_rows


class RowSerializer(serializers.Serializer):
    number = serializers.IntegerField(read_only=True)
    code = serializers.CharField(read_only=True)
    owed = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    due = serializers.DateField(read_only=True)
    late = serializers.BooleanField(read_only=True)


def test_plain_rows_match_the_serializer():
    rows = [
        {
            "number": 7,
            "code": "1-2-1501",
            "owed": Decimal("1234.50"),
            "due": dt.date(2026, 2, 28),
            "late": True,
        },
        {"number": 0, "code": "", "owed": Decimal("0.00"), "due": dt.date(2020, 1, 1), "late": 0},
        {"number": 3, "code": "阳光-3", "owed": Decimal("-5.10"), "due": None, "late": False},
    ]
    assert plain_rows(RowSerializer, rows) == RowSerializer(rows, many=True).data


def test_a_field_plain_rows_cannot_serve_is_refused():
    class Nested(serializers.Serializer):
        items = serializers.ListField(child=serializers.CharField(), read_only=True)

    with pytest.raises(TypeError):
        plain_rows(Nested, [])
