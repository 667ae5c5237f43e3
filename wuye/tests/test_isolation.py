"""PLT-01: the isolation walk. Every registered page and API endpoint is visited as a user of
community A while community B (and another company) have data of every scoped model.

A new URL is covered without anyone adding a test: a route with an object id must name its
model (`model`, or a viewset `queryset`), and a model must have a factory in some
`<app>/tests/factories.py`, or this test fails and says what is missing.

Each route is its own test (once per persona), so the workers share the walk; the records of
every scoped model are made once per worker and module, in a transaction that each test's own
transaction nests in and that is rolled back at the end.
"""

import importlib
import re
from dataclasses import dataclass

import factory
import pytest
from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from wuye.core.models import ScopedModel
from wuye.core.roles import CompanyRole
from wuye.org.models import Community, Membership
from wuye.org.tests.factories import CommunityFactory, CompanyFactory, UserFactory

CJK_WITH_DIGITS = re.compile(r"[\u4e00-\u9fff].*\d|\d.*[\u4e00-\u9fff]")
SKIP_PREFIXES = ("admin:",)  # Django's admin is superuser-only and not part of the product UI


def iter_patterns(patterns=None, namespace=""):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            inner = f"{namespace}{ns}:" if ns else namespace
            yield from iter_patterns(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def route_info(name, entry):
    """(model, kwarg names, methods, is_api) for a URL pattern, or None for unscoped routes."""
    callback = entry.callback
    kwargs = list(entry.pattern.regex.groupindex)
    viewset = getattr(callback, "cls", None)
    if viewset is not None and getattr(callback, "actions", None):
        model = viewset.queryset.model if getattr(viewset, "queryset", None) is not None else None
        return model, kwargs, set(callback.actions), True, viewset
    view_class = getattr(callback, "view_class", None)
    # A list nested under a record (a campaign's delivery log) names that record's model.
    model = (
        getattr(view_class, "walk_model", None) or getattr(view_class, "model", None)
        if view_class
        else None
    )
    methods = {m for m in ("get", "post") if view_class and hasattr(view_class, m)}
    return model, kwargs, methods, False, view_class


@dataclass(frozen=True)
class Route:
    name: str
    model: type[models.Model] | None
    kwargs: tuple[str, ...]
    methods: frozenset[str]
    is_api: bool
    view_class: type | None

    def __str__(self):
        return self.name


def walked_routes() -> list[Route]:
    """Every route the walk visits: those with an id or other URL arguments, and the pages and
    API lists one can GET (a route that only takes a POST without arguments has no rows)."""
    routes = []
    for name, entry in iter_patterns():
        if name.startswith(SKIP_PREFIXES):
            continue
        model, kwargs, methods, is_api, view_class = route_info(name, entry)
        if kwargs or "get" in methods:
            routes.append(Route(name, model, tuple(kwargs), frozenset(methods), is_api, view_class))
    return routes


ROUTES = walked_routes()  # at import time: one test per route


def all_factories():
    found = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("wuye."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.factories")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, factory.django.DjangoModelFactory)
                and value._meta.model
            ):
                found.setdefault(value._meta.model, value)
    return found


def scoped_models():
    """Community itself and every model that carries a community."""
    return [
        m
        for m in apps.get_models()
        if m is Community
        or issubclass(m, ScopedModel)
        or any(f.name == "community" for f in m._meta.fields)
    ]


def make_object(model, community, factories):
    if model is Community:
        return community
    factory_class = factories.get(model)
    assert factory_class is not None, (
        f"{model._meta.label} has no factory in <app>/tests/factories.py"
    )
    return factory_class(community=community)


def markers(obj):
    """Distinctive texts of a record (and of records it points to) that must never leak."""
    found = set()
    targets = [obj]
    for field in obj._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and field.name != "community":
            related = getattr(obj, field.name)
            if related is not None:
                targets.append(related)
    for target in targets:
        for field in target._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField)):
                value = getattr(target, field.name) or ""
                if CJK_WITH_DIGITS.search(value):
                    found.add(value)
    return found


def url_kwargs(kwargs, view_class, obj):
    values = {}
    mapping = getattr(view_class, "url_kwargs_from_object", {}) or {}
    for name in kwargs:
        if name == "pk":
            values[name] = obj.pk
        elif name in mapping:
            values[name] = getattr(obj, mapping[name])
        else:
            pytest.fail(
                f"Cannot fill URL argument {name!r}: declare url_kwargs_from_object on the view"
            )
    return values


@dataclass
class Side:
    """One persona's view of the world: who signs in, whose records are theirs, whose are not."""

    session: str  # the session cookie of the persona, signed in once for the module
    own: dict
    foreign: dict
    forbidden: set

    def client(self) -> Client:
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = self.session
        return client


def signed_in(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def records(community, factories):
    return {model: make_object(model, community, factories) for model in scoped_models()}


def forbidden_texts(own, foreign):
    forbidden = set().union(*(markers(obj) for obj in foreign.values()))
    forbidden -= set().union(*(markers(obj) for obj in own.values()))
    assert forbidden, "the walk needs distinctive texts on foreign records"
    return forbidden


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The communities, their records and the two personas, made once per worker and module.

    Each test's transaction is a savepoint inside this one, so what a route writes is undone
    after its test, and these rows are rolled back when the module is done."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            company = CompanyFactory(code="sunshine", name="阳光物业")
            community_a = CommunityFactory(company=company, code="A", name="阳光花园")
            community_b = CommunityFactory(company=company, code="B", name="翠湖苑")
            community_x = CommunityFactory(
                company=CompanyFactory(code="other", name="别家物业"), code="X", name="别家小区"
            )
            mgr_a = UserFactory(username="mgr_a", company=company, last_community=community_a)
            Membership.objects.create(community=community_a, user=mgr_a, post="MGR")
            # Community B belongs to the same company: the administrator starts in A.
            company_admin = UserFactory(
                username="hq_admin",
                company=company,
                company_role=CompanyRole.ADMIN,
                last_community=community_a,
            )
            factories = all_factories()
            foreign_b = records(community_b, factories)
            foreign_x = records(community_x, factories)
            own = records(community_a, factories)
            sides = {
                "community_a_manager": Side(
                    signed_in(mgr_a), own, foreign_b, forbidden_texts(own, foreign_b)
                ),
                "company_admin": Side(
                    signed_in(company_admin), own, foreign_x, forbidden_texts(own, foreign_x)
                ),
            }
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield sides
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def visit(route: Route, side: Side, client: Client) -> list[str]:
    """Visit one route as one persona; return the leaks (empty when isolation holds)."""
    name, model, kwargs, methods = route.name, route.model, route.kwargs, route.methods
    view_class = route.view_class
    if "pk" in kwargs and model is None:
        return [f"{name}: route with an id but no model; declare `model` on the view"]
    problems = []
    # A route that shows only records in some state (vacant units) says how to put the walk's
    # own and foreign records in it; the test's savepoint undoes it.
    prepare = getattr(view_class, "walk_prepare", None)
    if prepare is not None and model is not None:
        prepare(side.own[model])
        prepare(side.foreign[model])
    if "pk" in kwargs:
        url = reverse(name, kwargs=url_kwargs(kwargs, view_class, side.foreign[model]))
        method = "get" if "get" in methods else "post"
        response = getattr(client, method)(url)
        if response.status_code != 404:
            problems.append(f"{name} {method.upper()} {url}: {response.status_code}, expected 404")
        own_url = reverse(name, kwargs=url_kwargs(kwargs, view_class, side.own[model]))
        if method == "get" and client.get(own_url).status_code not in (200, 302, 403):
            problems.append(f"{name} {own_url}: own record does not open")
    elif kwargs:
        sample = getattr(view_class, "walk_kwargs", None)
        if sample is None:
            return [
                f"{name}: URL parameters {list(kwargs)} unknown to the walk; declare walk_kwargs on the view"
            ]
        response = client.get(reverse(name, kwargs=sample))
        body = response.content.decode("utf-8", "replace") if response.status_code == 200 else ""
        leaked = sorted(text for text in side.forbidden if text in body)
        if leaked:
            problems.append(f"{name}: shows {leaked}")
    else:
        url = reverse(name)
        response = client.get(url)
        if response.status_code != 200 or response.get("Content-Type", "").startswith(
            "application/vnd.openxml"
        ):
            return problems
        body = response.content.decode("utf-8", "replace")
        leaked = sorted(text for text in side.forbidden if text in body)
        if leaked:
            problems.append(f"{name} {url}: shows {leaked}")
        if route.is_api and model is not None:
            ids = {str(item.get("id")) for item in response.json().get("results", [])}
            if str(side.foreign[model].pk) in ids:
                problems.append(f"{name} {url}: lists foreign id {side.foreign[model].pk}")
            if str(side.own[model].pk) not in ids:
                problems.append(f"{name} {url}: does not list own id {side.own[model].pk}")
    return problems


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_it_hides_every_community_b_record_from_a_community_a_manager(route, world):
    """PLT-01: list and detail, page and API: nothing of community B reaches a user of A."""
    side = world["community_a_manager"]
    problems = visit(route, side, side.client())
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_it_hides_another_companys_records_from_a_company_admin(route, world):
    """PLT-01: a company administrator sees nothing of another company, on any route."""
    side = world["company_admin"]
    problems = visit(route, side, side.client())
    assert not problems, "\n".join(problems)


def test_the_walk_covers_scoped_models():
    """PLT-01: the walk opens records by id and reads API lists of scoped models; every scoped
    model an API list serves is among them."""
    scoped = set(scoped_models())
    by_id = {r.model for r in ROUTES if "pk" in r.kwargs and r.model is not None}
    api_lists = {r.model for r in ROUTES if r.is_api and not r.kwargs and r.model is not None}
    covered = (by_id | api_lists) & scoped
    assert covered, "the walk found no scoped routes"
    assert api_lists & scoped, "the walk reads no API list of a scoped model"


def test_every_scoped_model_has_a_factory_for_the_walk():
    """PLT-01: a new scoped model cannot slip past the walk for want of a factory."""
    factories = all_factories()
    missing = [m._meta.label for m in scoped_models() if m is not Community and m not in factories]
    assert not missing, f"add factories for: {missing}"
