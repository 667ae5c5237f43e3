"""Per-community sequential numbers (receipts, bills, work orders, passes).

One row per (community, key) holds the last number issued; it is locked for the transaction
that takes the next one, so two cashiers never get the same number and a rolled-back
transaction gives its number back (receipts never skip).
"""

from django.db import transaction
from django.utils import timezone

from .models import NumberSequence


@transaction.atomic
def next_number(
    community, key: str, *, prefix: str = "", width: int = 6, yearly: bool = True
) -> str:
    """The next number for `key` in the community, e.g. SJ2026000123 (year-based by default)."""
    year = timezone.localdate().year if yearly else 0
    sequence, _created = NumberSequence.objects.select_for_update().get_or_create(
        community=community, key=key, year=year, defaults={"last": 0}
    )
    sequence.last += 1
    sequence.save(update_fields=["last"])
    stem = f"{prefix}{year}" if yearly else prefix
    return f"{stem}{sequence.last:0{width}d}"


def next_numbers(
    community, key: str, count: int, *, prefix: str = "", width: int = 6, yearly: bool = True
) -> list[str]:
    """`count` consecutive numbers in one lock (billing runs issue thousands of bills)."""
    with transaction.atomic():
        year = timezone.localdate().year if yearly else 0
        sequence, _created = NumberSequence.objects.select_for_update().get_or_create(
            community=community, key=key, year=year, defaults={"last": 0}
        )
        first = sequence.last + 1
        sequence.last += count
        sequence.save(update_fields=["last"])
    stem = f"{prefix}{year}" if yearly else prefix
    return [f"{stem}{n:0{width}d}" for n in range(first, first + count)]
