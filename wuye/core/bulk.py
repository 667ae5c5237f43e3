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


def _fixed_value(model, field, constants: dict, now, connection):
    """The database value of a column the caller does not vary: its constant or its default."""
    name = field.attname
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
    return field.get_db_prep_save(value, connection)


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
        template.append(_fixed_value(model, field, constants, now, connection))

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
    return insert_plain(model._meta.db_table, columns, map(full, rows), using=using)


def insert_select(
    model,
    expressions: dict[str, str | tuple[str, list]],
    source: str,
    params=(),
    *,
    constants=None,
    using="default",
) -> int:
    """INSERT INTO `model`'s table … SELECT, for rows the database builds itself (a billing
    run's lines joined from a table of figures). `expressions` maps attribute names to SQL
    over `source` (“FROM … WHERE …”, with `params`), each a string or (sql, params); the
    other columns take `constants` or their defaults, as `insert_rows` does. Returns how many
    rows went in. The SQL comes from the caller's code, never from users."""
    connection = connections[using]
    constants = constants or {}
    known = {f.attname for f in model._meta.concrete_fields}
    unknown = (set(expressions) | set(constants)) - known
    if unknown:
        raise ValueError(f"{model.__name__} has no column {sorted(unknown)}")
    quote = connection.ops.quote_name
    postgresql = connection.vendor == "postgresql"
    now = timezone.now()
    columns, values, select_params = [], [], []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(quote(field.column))
        expression = expressions.get(field.attname)
        if expression is None:
            sql = "%s"
            select_params.append(_fixed_value(model, field, constants, now, connection))
        else:
            sql, extra = (expression, []) if isinstance(expression, str) else expression
            select_params.extend(extra)
        # PostgreSQL types a SELECT list before it meets the table (a NULL or a text would not
        # go into a bigint or jsonb column by itself); SQLite takes the column's affinity.
        values.append(f"CAST({sql} AS {field.cast_db_type(connection)})" if postgresql else sql)
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(columns)}) "  # noqa: S608
        f"SELECT {', '.join(values)} {source}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*select_params, *params])
        return cursor.rowcount


def insert_plain(table: str, columns: list[str], rows: Iterable[tuple], *, using="default") -> int:
    """Insert plain tuples into a table (a model's, through `insert_rows`, or a temporary work
    table): COPY on PostgreSQL, executemany elsewhere. Returns how many rows went in.
    Constraint violations raise IntegrityError."""
    connection = connections[using]
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    count = 0
    rows = iter(rows)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with (
                connection.wrap_database_errors,
                cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        placeholders = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {quote(table)} ({names}) VALUES ({placeholders})"  # noqa: S608
        while batch := list(islice(rows, BATCH)):
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
