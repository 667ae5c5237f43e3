"""BIL-14: the arrears rows the API writes without building serializer objects (`core.api`'s
plain_rows) are exactly what the serializer would write."""

import datetime as dt
from decimal import Decimal

from wuye.billing.api.serializers.arrears import ArrearsUnitSerializer
from wuye.core.api.serializers import plain_rows


def test_the_arrears_rows_match_their_serializer():
    row = {
        "unit_id": 12,
        "code": "1-1-0101",
        "zone": "东区",
        "owed": Decimal("300.00"),
        "bills": 2,
        "oldest_due": dt.date(2026, 10, 15),
        "days": 52,
        "limitation": False,
    }
    assert plain_rows(ArrearsUnitSerializer, [row]) == ArrearsUnitSerializer([row], many=True).data
