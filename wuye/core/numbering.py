"""Per-community sequential numbers (receipts, bills, work orders, passes).

One row per (community, key, year) holds the last number issued. Taking numbers is one
`UPDATE … SET last = last + n … RETURNING last`: the statement locks the row until the
transaction ends (a row lock on PostgreSQL; SQLite's IMMEDIATE transaction serialises writers),
so two cashiers never get the same number, and a rolled-back transaction gives its numbers back
(receipts never skip). The row is made the first time a key is used.
"""

from django.db import connections, router
from django.utils import timezone

from .models import NumberSequence


def _advance(community, key: str, year: int, count: int) -> int:
    """Add `count` to the sequence and return its new last number (one statement; every
    counter call pays for it, so no SELECT … FOR UPDATE, savepoint and save() round trips)."""
    using = router.db_for_write(NumberSequence)
    connection = connections[using]
    quote = connection.ops.quote_name
    meta = NumberSequence._meta
    column = {field.name: quote(field.column or field.attname) for field in meta.concrete_fields}
    last = column["last"]
    # Names come from the model's own metadata, quoted; values are parameters.
    sql = (
        f"UPDATE {quote(meta.db_table)} SET {last} = {last} + %s "  # noqa: S608
        f"WHERE {column['community']} = %s AND {column['key']} = %s AND {column['year']} = %s "
        f"RETURNING {last}"
    )
    params = [count, getattr(community, "pk", community), key, year]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
        if row is None:
            # First number of this key (or year): make the row, then take the number as usual.
            # get_or_create copes with another transaction making the same row at once.
            NumberSequence.objects.using(using).get_or_create(
                community_id=params[1], key=key, year=year, defaults={"last": 0}
            )
            cursor.execute(sql, params)
            row = cursor.fetchone()
    return int(row[0])


def next_number(
    community, key: str, *, prefix: str = "", width: int = 6, yearly: bool = True
) -> str:
    """The next number for `key` in the community, e.g. SJ2026000123 (year-based by default)."""
    return next_numbers(community, key, 1, prefix=prefix, width=width, yearly=yearly)[0]


def next_numbers(
    community, key: str, count: int, *, prefix: str = "", width: int = 6, yearly: bool = True
) -> list[str]:
    """`count` consecutive numbers in one statement (billing runs issue thousands of bills)."""
    stem, first = reserve_numbers(community, key, count, prefix=prefix, yearly=yearly)
    return [f"{stem}{n:0{width}d}" for n in range(first, first + count)]


def reserve_numbers(
    community, key: str, count: int, *, prefix: str = "", yearly: bool = True
) -> tuple[str, int]:
    """`count` numbers reserved in one statement, as (stem, first): number i of them is the
    stem followed by first + i, padded to the caller's width — for SQL that writes them itself
    (`number_sql`), so a billing run does not send 100,000 numbers back and forth."""
    year = timezone.localdate().year if yearly else 0
    first = _advance(community, key, year, count) - count + 1
    return (f"{prefix}{year}" if yearly else prefix), first


def number_sql(vendor: str, value: str, width: int) -> str:
    """SQL for a number as `next_numbers` writes it: the stem (the one parameter, %s) followed
    by the integer expression `value` padded with zeros to `width` digits (longer numbers as
    they are, like Python's format)."""
    if vendor == "postgresql":
        return (
            f"%s || CASE WHEN ({value}) < {10**width} "
            f"THEN lpad(CAST(({value}) AS text), {width}, '0') ELSE CAST(({value}) AS text) END"
        )
    return f"%s || printf('%%0{width}d', {value})"
