"""PLT-04: every list's Excel export, walked like the isolation walk: the columns are the
list's on screen (same headers, same order, the row's values as shown), times are local
(Asia/Shanghai) to the second, statuses are words — never HTML, never a code."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from wuye.core.roles import ALL_POSTS
from wuye.core.views import ObjectListView
from wuye.org.models import Membership
from wuye.tests.test_isolation import (
    SKIP_PREFIXES,
    all_factories,
    iter_patterns,
    make_object,
    route_info,
    scoped_models,
)

HTML = re.compile(r"<[a-z/][^>]*>")
RAW_TIME = re.compile(r"\d\d:\d\d:\d\d\.\d+|[+-]\d\d:\d\d$|T\d\d:\d\d")


def list_views():
    for name, entry in iter_patterns():
        if name.startswith(SKIP_PREFIXES):
            continue
        _model, kwargs, methods, is_api, view_class = route_info(name, entry)
        if kwargs or is_api or not view_class or not issubclass(view_class, ObjectListView):
            continue
        yield name


def screen_headers(html: str) -> list[str]:
    head = re.search(r"<thead.*?</thead>", html, re.S)
    assert head, "no table head"
    cells = re.findall(r"<th\b[^>]*>(.*?)</th>", head.group(0), re.S)
    return [re.sub(r"\s+", " ", HTML.sub("", cell)).strip() for cell in cells]


@pytest.mark.django_db
def test_every_export_matches_its_list_and_reads_as_words(community_a, mgr_a, login):
    for post in ALL_POSTS:
        Membership.objects.get_or_create(community=community_a, user=mgr_a, post=post)
    factories = all_factories()
    for model in scoped_models():
        make_object(model, community_a, factories)
    client = login(mgr_a)
    problems = []
    walked = 0
    for name in list_views():
        url = reverse(name)
        page = client.get(url)
        if page.status_code != 200:
            continue
        export = client.get(url, {"export": "xlsx"})
        if export.status_code != 200:
            problems.append(f"{name}: export answered {export.status_code}")
            continue
        walked += 1
        sheet = load_workbook(io.BytesIO(export.content), read_only=True).worksheets[0]
        rows = [
            [("" if v is None else str(v)) for v in row]
            for row in sheet.iter_rows(values_only=True)
        ]
        headers = [h.strip() for h in rows[0]]
        shown = [h for h in screen_headers(page.content.decode()) if h]
        if [h for h in headers if h] != shown:
            problems.append(f"{name}: export columns {headers} ≠ list columns {shown}")
        for row in rows[1:]:
            for header, value in zip(headers, row, strict=False):
                if HTML.search(value):
                    problems.append(f"{name}: {header} holds HTML: {value[:60]}")
                if RAW_TIME.search(value):
                    problems.append(f"{name}: {header} is not a local time to the second: {value}")
    assert walked > 20, walked
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_the_residents_export_has_each_persons_units(community_a, mgr_a, login):
    """EST-03, PLT-04: the residents list and its export say which unit each person is in
    (房号, with the role), in one query for the page, not one per person."""
    from wuye.estate.tests.factories import PersonFactory, UnitFactory, UnitRelationFactory

    person = PersonFactory(community=community_a, name="张三")
    for number in ("101", "102"):
        UnitRelationFactory(
            community=community_a,
            unit=UnitFactory(community=community_a, number=number),
            person=person,
            role="owner",
        )
    client = login(mgr_a)
    page = client.get(reverse("estate:person_list")).content.decode()
    assert "房号" in page
    export = client.get(reverse("estate:person_list"), {"export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(export.content)).worksheets[0].iter_rows(values_only=True))
    column = list(rows[0]).index("房号")
    cell = [row for row in rows[1:] if row[0] == "张三"][0][column]
    assert cell.count("业主") == 2 and "101" in cell and "102" in cell
