"""Inserting many rows at once (a billing run's bills and lines) without a model instance per
row: COPY on PostgreSQL, executemany elsewhere.

The caller gives the varying columns as plain tuples of values the database stores as they are
(int, str, Decimal, date, bool, None; JSON already as text) and the columns that are the same
for every row as `constants`; every other column takes its field's default (timestamps: now).
Model `save()`, signals and validation do not run: services use this only for rows they built
and checked themselves.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from contextlib import contextmanager
from itertools import islice

from django.db import connections
from django.utils import timezone

BATCH = 5000


def _columns(model, fields: list[str], constants: dict, connection):
    """(column names, a function that turns a row of the varying values into a full row)."""
    unknown = (set(fields) | set(constants)) - {f.attname for f in model._meta.concrete_fields}
    if unknown:
        raise ValueError(f"{model.__name__} has no column {sorted(unknown)}")
    now = timezone.now()
    positions = {name: index for index, name in enumerate(fields)}
    columns: list[str] = []
    template: list[object] = []  # a full row, the varying values left as None
    slots: list[tuple[int, int]] = []  # (position in the full row, position in `fields`)
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        name = field.attname
        columns.append(field.column)
        if name in positions:
            slots.append((len(template), positions[name]))
            template.append(None)
            continue
        if name in constants:
            value = constants[name]
        elif (
            getattr(field, "auto_now", False)
            or getattr(field, "auto_now_add", False)
            or field.default is timezone.now
        ):
            value = now  # one moment for created_at and updated_at alike
        elif field.has_default():
            value = field.get_default()
        elif field.null:
            value = None
        elif field.blank and field.empty_strings_allowed:
            value = ""
        else:
            raise ValueError(f"{model.__name__}.{name}: no value given and no default")
        template.append(field.get_db_prep_save(value, connection))

    def full(row):
        values = list(template)
        for target, source in slots:
            values[target] = row[source]
        return values

    return columns, full


def insert_rows(
    model, fields: list[str], rows: Iterable[tuple], *, constants=None, using="default"
) -> int:
    """Insert `rows` (tuples in the order of `fields`, attribute names such as "bill_id") into
    `model`'s table; returns how many went in. Constraint violations raise IntegrityError."""
    connection = connections[using]
    columns, full = _columns(model, list(fields), constants or {}, connection)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(c) for c in columns)
    count = 0
    rows = iter(rows)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Table and column names come from the model's own metadata, quoted.
            copy_sql = f"COPY {table} ({names}) FROM STDIN"
            with connection.wrap_database_errors, cursor.cursor.copy(copy_sql) as copy:
                for row in rows:
                    copy.write_row(full(row))
                    count += 1
            return count
        placeholders = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({names}) VALUES ({placeholders})"  # noqa: S608 (names from the model)
        while batch := [full(row) for row in islice(rows, BATCH)]:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector while a large batch of acyclic objects is built
    (a run's hundreds of thousands of lines): its passes over every live object otherwise
    take as long as the work itself. Reference counting still frees everything."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
