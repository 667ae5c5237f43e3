"""Reads on a hot path whose SQL Django builds once, then runs again with new values.

Building a query (filters, joins, the SELECT list) costs Django a few tenths of a millisecond,
more than a small indexed read costs the database. A counter payment makes a handful of such
reads with the same shape every time, so `Prepared` keeps the SQL of each shape and puts the
new values in its parameters:

    open_bills = Prepared(
        lambda unit_id: Bill.objects.filter(unit_id=unit_id, status="open").values_list("pk")
    )
    rows = open_bills.rows(unit.pk)

The builder is called once per database with stand-in values (distinct ints, or distinct
texts) to find where each value goes among the parameters; everything else in the query
(constants, FOR UPDATE, ordering) is kept as Django wrote it, and the results go through
Django's own converters (decimals and dates come back as Django gives them). Values are ints, texts or
dates, which the builder passes to the filters unchanged; a list of ints is given as a tuple and
keys its own SQL by its length.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

from django.db import connections
from django.db.models import QuerySet

_stand_ins = itertools.count(1)


class Prepared:
    def __init__(self, build: Callable[..., QuerySet], *, using: str = "default"):
        self.build = build
        self.using = using
        self._compiled: dict[tuple, tuple] = {}

    def _stand_in(self, value):
        if isinstance(value, tuple):
            return tuple(self._stand_in(item) for item in value)
        number = next(_stand_ins)
        if isinstance(value, int) and not isinstance(value, bool):
            return -(10**9) - number  # within 32 bits, and no real row's id
        if isinstance(value, str):
            return f"\x00prepared-{number}"
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return dt.date.fromordinal(number)  # a day of the first centuries: no real record's
        raise TypeError(f"Prepared takes ints, texts, dates and tuples of ints, not {value!r}")

    def _compile(self, values: tuple) -> tuple:
        stand_ins = tuple(self._stand_in(value) for value in values)
        queryset = self.build(*stand_ins)
        compiler = queryset.query.get_compiler(using=self.using)
        sql, params = compiler.as_sql()
        # (parameter, value, item of a tuple or None, whether a date goes in as its text)
        places: list[tuple[int, int, int | None, bool]] = []
        for index, stand_in in enumerate(stand_ins):
            items = enumerate(stand_in) if isinstance(stand_in, tuple) else [(None, stand_in)]
            for position, item in items:
                # A date may reach the parameters as the database's text for it (SQLite).
                text = item.isoformat() if isinstance(item, dt.date) else None
                found = [
                    (at, text is not None and param == text)
                    for at, param in enumerate(params)
                    if param == item or (text is not None and param == text)
                ]
                if not found:
                    raise ValueError(f"Prepared: value {index} is not a parameter of {sql}")
                places.extend((at, index, position, as_text) for at, as_text in found)
        converters = list(
            compiler.get_converters([select[0] for select in compiler.select]).items()
        )
        return sql, list(params), places, converters

    def rows(self, *values) -> list[tuple]:
        """The query's rows for these values, as tuples (a values_list queryset's rows)."""
        connection = connections[self.using]
        key = (connection.vendor, tuple(len(v) if isinstance(v, tuple) else -1 for v in values))
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = self._compile(values)
        sql, params, places, converters = compiled
        params = list(params)
        for at, index, position, as_text in places:
            value = values[index] if position is None else values[index][position]
            params[at] = value.isoformat() if as_text else value
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if not converters:
            return rows
        converted = []
        for row in rows:
            row = list(row)
            for at, (functions, expression) in converters:
                value = row[at]
                for function in functions:
                    value = function(value, expression, connection)
                row[at] = value
            converted.append(tuple(row))
        return converted
