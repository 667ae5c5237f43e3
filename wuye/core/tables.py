import datetime as dt
import html

import django_tables2 as tables
from django.utils.encoding import force_str
from django.utils.html import format_html, strip_tags
from django.utils.translation import gettext_lazy as _


class BadgeColumn(tables.Column):
    """A status as its coloured badge (the record's `badge` CSS classes) on the page, and as
    its words in an export."""

    def render(self, value, record):
        return format_html('<span class="badge {}">{}</span>', record.badge, value)

    def value(self, value):
        return force_str(value)


class BaseTable(tables.Table):
    """Tabler-styled table; the first column links to the detail page."""

    class Meta:
        attrs = {"class": "table table-vcenter card-table table-striped table-hover"}
        # Sort and page links refresh the table (htmx); links in rows open full pages.
        row_attrs = {"hx-boost": "false"}
        template_name = "core/table.html"
        empty_text = _("No records match.")
        per_page = 20

    def as_values(self, exclude_columns=None):
        """The rows as an Excel export writes them: the list's columns and headers, each cell
        as the list shows it in words — a status badge as its text, never HTML — and a time
        as the moment itself (`core.excel` writes it in local time, to the second)."""
        exclude = set(exclude_columns or ())
        columns = [
            column
            for column in self.columns.iterall()
            if column.visible
            and not column.column.exclude_from_export
            and column.name not in exclude
        ]
        yield [force_str(column.header, strings_only=True) for column in columns]
        for row in self.rows:
            yield [self._export_value(row, column) for column in columns]

    @staticmethod
    def _export_value(row, column):
        if isinstance(column.column, tables.DateTimeColumn | tables.DateColumn):
            moment = column.accessor.resolve(row.record, quiet=True)
            if isinstance(moment, dt.date):
                return moment
        value = force_str(row.get_cell_value(column.name), strings_only=True)
        if isinstance(value, str) and "<" in value:
            value = html.unescape(strip_tags(value)).strip()
        return value
