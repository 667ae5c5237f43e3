"""The guard on scoped reads: what a page or the API shows must come through `for_access`.

Every queryset of a scoped model (one whose queryset has `for_access`) is marked once it went
through `for_access` (or `restricted`), and the mark follows it through `filter`, `order_by`…
A queryset reached from a record through its relation (`log.items.all()`) is scoped by the
record it came from. With `WUYE_STRICT_SCOPING` on (the test settings), a page rendered with an
unmarked queryset of a scoped model, or an API list or record read from one, fails loudly with
`UnscopedRead` — so a new app cannot forget the community (or a row rule) in a view.

A read that truly does not depend on the caller (a nightly job, a lookup by a service of rows
it was handed) is not shown to anyone through a view and needs no mark; a view that must show
rows across the scope says so with `.unscoped("why")`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.paginator import Page
from django.db.models import QuerySet

SCOPED_HINT = "wuye_scoped"


class UnscopedRead(ImproperlyConfigured):
    """A view read a scoped model without `for_access`."""


def scoped[Q: QuerySet](queryset: Q) -> Q:
    """Mark a queryset as read through the caller's scope (its clones keep the mark)."""
    # `_hints` travels with every clone (QuerySet._clone passes it on); not in the stubs.
    queryset.__dict__["_hints"] = {**queryset.__dict__["_hints"], SCOPED_HINT: True}
    return queryset


def is_scoped_model(queryset: QuerySet) -> bool:
    return hasattr(queryset, "for_access")


def is_scoped(queryset: QuerySet) -> bool:
    hints = queryset.__dict__["_hints"]
    return bool(hints.get(SCOPED_HINT) or hints.get("instance") is not None)


def check_scoped(queryset: Any, where: str) -> None:
    """Refuse an unscoped queryset of a scoped model (only with `WUYE_STRICT_SCOPING`)."""
    if not getattr(settings, "WUYE_STRICT_SCOPING", False):
        return
    if isinstance(queryset, QuerySet) and is_scoped_model(queryset) and not is_scoped(queryset):
        raise UnscopedRead(
            f"{where}: {queryset.model._meta.label} read without for_access(); "
            "use restricted()/for_access() (or .unscoped(reason) where a view must show rows "
            "beyond the caller's scope)"
        )


def _shown(value: Any) -> Any:
    """The queryset a context value shows, if any: itself, a page's rows, a table's rows."""
    if isinstance(value, QuerySet):
        return value
    if isinstance(value, Page):
        return value.object_list
    data = getattr(getattr(value, "data", None), "data", None)  # a django-tables2 table
    return data if isinstance(data, QuerySet) else None


def check_template_context(sender: Any, template: Any, context: Any, **kwargs: Any) -> None:
    """`template_rendered` receiver (sent by Django's test renderer): every queryset a page
    is rendered with is scoped."""
    values = context.flatten() if hasattr(context, "flatten") else dict(context or {})
    for key, value in values.items():
        queryset = _shown(value)
        if queryset is not None:
            check_scoped(queryset, f"template {getattr(template, 'name', template)}, “{key}”")
