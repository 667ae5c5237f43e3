"""PLT-04/BIL-11: reading is not writing. Every page and API route is opened with GET (and the
PDF, Excel and htmx variants of it) while a database hook refuses INSERT, UPDATE and DELETE, so
opening, previewing or downloading a record can never print a receipt, mark a message read or
change a figure. New routes are covered by themselves (the route list of the isolation walk).

Exempt on purpose: the session table (the signed-in session, the remembered community) and
django-axes' login tracking — bookkeeping of the visit, not of the business.
"""

import functools
import inspect
import re

import pytest
from django.db import connection
from django.urls import reverse

from wuye.core.models import Notification
from wuye.org.models import Community
from wuye.tests.test_isolation import (
    SKIP_PREFIXES,
    all_factories,
    iter_patterns,
    make_object,
    route_info,
    scoped_models,
    url_kwargs,
)

WRITE = re.compile(
    r"^\s*(?:WITH\b.*?\)\s*)?(INSERT|UPDATE|DELETE|REPLACE|COPY|TRUNCATE)\b", re.I | re.S
)
EXEMPT_TABLES = ("django_session", "axes_")
# Plain, the printable and spreadsheet variants, and the htmx partial of each page; a variant
# is tried where the view's code reads its parameter (`mentions`), to keep the walk quick.
VARIANTS = (
    ({}, {}, ""),
    ({"format": "pdf"}, {}, '"format"'),
    ({"format": "xlsx"}, {}, '"format"'),
    ({"size": "thermal"}, {}, '"size"'),
    ({"export": "xlsx"}, {}, '"export"'),
    ({}, {"HTTP_HX_REQUEST": "true"}, "htmx"),
)


@functools.cache
def class_source(klass):
    try:
        return inspect.getsource(klass)
    except Exception:  # classes made by type() (crud_views) have no source of their own
        return ""


def view_source(view_class):
    """The source of the view and the project classes it inherits from."""
    return "\n".join(
        class_source(klass)
        for klass in getattr(view_class, "__mro__", ())
        if klass.__module__.startswith("wuye.")
    )


class WriteGuard:
    """A connection execute_wrapper that records every write statement (not exempt)."""

    def __init__(self):
        self.writes = []

    def __call__(self, execute, sql, params, many, context):
        if WRITE.match(sql) and not any(t in sql for t in EXEMPT_TABLES):
            self.writes.append(" ".join(sql.split())[:160])
        return execute(sql, params, many, context)


def get_routes(own):
    """(name, url) for every route a GET can open, filled with records of `own`."""
    for name, entry in iter_patterns():
        if name.startswith(SKIP_PREFIXES) or name in ("logout", "set_language"):
            continue
        model, kwargs, methods, is_api, view_class = route_info(name, entry)
        if "get" not in methods:
            continue
        if "pk" in kwargs:
            if model not in own:
                continue
            yield name, reverse(name, kwargs=url_kwargs(kwargs, view_class, own[model])), view_class
        elif kwargs:
            sample = getattr(view_class, "walk_kwargs", None)
            if sample is not None:
                yield name, reverse(name, kwargs=sample), view_class
        else:
            yield name, reverse(name), view_class


def walk_gets(client, own, capture_on_commit):
    """GET every route in every variant; return what wrote (or queued work) and how many
    pages opened (200)."""
    problems, opened = [], 0
    for name, url, view_class in get_routes(own):
        source = view_source(view_class)
        for query, headers, mention in VARIANTS:
            if mention and mention not in source:
                continue
            guard = WriteGuard()
            with connection.execute_wrapper(guard), capture_on_commit() as queued:
                response = client.get(url, query, **headers)
            opened += response.status_code == 200
            label = f"GET {url} {query or ''}{' (htmx)' if headers else ''} [{name}]"
            if guard.writes:
                problems.append(f"{label} wrote: {guard.writes}")
            if queued:
                problems.append(f"{label} queued after-commit work: {queued}")
            if response.status_code >= 500:
                problems.append(f"{label}: {response.status_code}")
            if not query and not headers and response.status_code in (403, 404, 405):
                break  # refused or absent for this person: its variants are refused too
    return problems, opened


def records_for(community, user):
    """One record of every scoped model in the community; the notification is the walker's
    own (a colleague's would be refused before anything could be marked read)."""
    factories = all_factories()
    # A model without a factory is the isolation walk's failure to report, not this one's.
    own = {
        model: make_object(model, community, factories)
        for model in scoped_models()
        if model in factories or model is Community
    }
    own[Notification] = Notification.objects.create(
        community=community, user=user, text="收费提醒 SJ2026000001", url="/"
    )
    return own


@pytest.mark.django_db
def test_no_get_route_writes_for_a_company_admin(
    community_a, company_admin, login, django_capture_on_commit_callbacks
):
    """PLT-04: opening any page, PDF, Excel or API read of the company's center writes nothing
    and queues nothing (no SMS, no task)."""
    own = records_for(community_a, company_admin)
    problems, opened = walk_gets(login(company_admin), own, django_capture_on_commit_callbacks)
    assert opened > 300, opened  # the walk reaches the pages, not only refusals
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_no_get_route_writes_for_a_cashier(
    community_a, csh_a, login, django_capture_on_commit_callbacks
):
    """BIL-11/BIL-12: the cashier's pages (counter, receipts and their PDFs, his day) write
    nothing when opened; printing the original is a POST."""
    own = records_for(community_a, csh_a)
    problems, opened = walk_gets(login(csh_a), own, django_capture_on_commit_callbacks)
    assert opened > 150, opened
    assert not problems, "\n".join(problems)
