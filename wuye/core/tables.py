import django_tables2 as tables
from django.utils.translation import gettext_lazy as _


class BaseTable(tables.Table):
    """Tabler-styled table; the first column links to the detail page."""

    class Meta:
        attrs = {"class": "table table-vcenter card-table table-striped table-hover"}
        # Sort and page links refresh the table (htmx); links in rows open full pages.
        row_attrs = {"hx-boost": "false"}
        template_name = "core/table.html"
        empty_text = _("No records match.")
        per_page = 25


def link_column(accessor="__str__", verbose_name=None, **kwargs):
    return tables.Column(
        accessor=accessor,
        linkify=True,
        verbose_name=verbose_name,
        order_by=kwargs.pop("order_by", None),
        **kwargs,
    )
