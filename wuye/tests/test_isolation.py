"""PLT-01: the isolation walk. Every registered page and API endpoint is visited as a user of
community A while community B (and another company) have data of every scoped model.

A new URL is covered without anyone adding a test: a route with an object id must name its
model (`model`, or a viewset `queryset`), and a model must have a factory in some
`<app>/tests/factories.py`, or this test fails and says what is missing.
"""

import importlib
import re

import factory
import pytest
from django.apps import apps
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from wuye.core.models import ScopedModel
from wuye.org.models import Community

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
    model = getattr(view_class, "model", None) if view_class else None
    methods = {m for m in ("get", "post") if view_class and hasattr(view_class, m)}
    return model, kwargs, methods, False, view_class


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


def walk(client, own_community, foreign_community):
    """Visit every route; return a list of leaks (empty when isolation holds)."""
    factories = all_factories()
    own, foreign = {}, {}
    for model in scoped_models():
        foreign[model] = make_object(model, foreign_community, factories)
        own[model] = make_object(model, own_community, factories)
    forbidden = set().union(*(markers(obj) for obj in foreign.values()))
    forbidden -= set().union(*(markers(obj) for obj in own.values()))
    assert forbidden, "the walk needs distinctive texts on foreign records"
    problems = []
    covered = set()
    for name, entry in iter_patterns():
        if name.startswith(SKIP_PREFIXES):
            continue
        model, kwargs, methods, is_api, view_class = route_info(name, entry)
        if kwargs and "pk" in kwargs and model is None:
            problems.append(f"{name}: route with an id but no model; declare `model` on the view")
            continue
        if "pk" in kwargs:
            covered.add(model)
            url = reverse(name, kwargs=url_kwargs(kwargs, view_class, foreign[model]))
            method = "get" if "get" in methods else "post"
            response = getattr(client, method)(url)
            if response.status_code != 404:
                problems.append(
                    f"{name} {method.upper()} {url}: {response.status_code}, expected 404"
                )
            own_url = reverse(name, kwargs=url_kwargs(kwargs, view_class, own[model]))
            if method == "get" and client.get(own_url).status_code not in (200, 302, 403):
                problems.append(f"{name} {own_url}: own record does not open")
        elif kwargs and "pk" not in kwargs:
            sample = getattr(view_class, "walk_kwargs", None)
            if sample is None:
                problems.append(
                    f"{name}: URL parameters {kwargs} unknown to the walk; declare walk_kwargs on the view"
                )
                continue
            response = client.get(reverse(name, kwargs=sample))
            body = (
                response.content.decode("utf-8", "replace") if response.status_code == 200 else ""
            )
            leaked = sorted(text for text in forbidden if text in body)
            if leaked:
                problems.append(f"{name}: shows {leaked}")
        elif not kwargs and "get" in methods:
            url = reverse(name)
            response = client.get(url)
            if response.status_code != 200 or response.get("Content-Type", "").startswith(
                "application/vnd.openxml"
            ):
                continue
            body = response.content.decode("utf-8", "replace")
            leaked = sorted(text for text in forbidden if text in body)
            if leaked:
                problems.append(f"{name} {url}: shows {leaked}")
            if is_api and model is not None:
                covered.add(model)
                ids = {str(item.get("id")) for item in response.json().get("results", [])}
                if str(foreign[model].pk) in ids:
                    problems.append(f"{name} {url}: lists foreign id {foreign[model].pk}")
                if str(own[model].pk) not in ids:
                    problems.append(f"{name} {url}: does not list own id {own[model].pk}")
    return problems, covered


@pytest.mark.django_db
def test_it_hides_every_community_b_record_from_a_community_a_manager(
    community_a, community_b, mgr_a, login
):
    """PLT-01: list and detail, page and API: nothing of community B reaches a user of A."""
    problems, covered = walk(login(mgr_a), community_a, community_b)
    assert not problems, "\n".join(problems)
    assert covered, "the walk found no scoped routes"


@pytest.mark.django_db
def test_it_hides_another_companys_records_from_a_company_admin(
    community_a, other_company_community, company_admin, login
):
    """PLT-01: a company administrator sees nothing of another company, on any route."""
    problems, _covered = walk(login(company_admin), community_a, other_company_community)
    assert not problems, "\n".join(problems)


def test_every_scoped_model_has_a_factory_for_the_walk():
    """PLT-01: a new scoped model cannot slip past the walk for want of a factory."""
    factories = all_factories()
    missing = [m._meta.label for m in scoped_models() if m is not Community and m not in factories]
    assert not missing, f"add factories for: {missing}"
