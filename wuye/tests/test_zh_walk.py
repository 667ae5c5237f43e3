"""PLT-05: the zh-hans page walk. Every page of the product — lists, forms and the detail page
of a record of every model — is rendered in Simplified Chinese for a user holding every post,
and its visible text (text, options, placeholders, titles, labels for screen readers) must
hold no English left untranslated: no English phrase, no True/False, no event code.

A new page is covered without anyone adding a test (the routes come from the URL conf, the
records from the factories, as in the isolation walk)."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from wuye.core.roles import ALL_POSTS
from wuye.org.models import Membership
from wuye.tests.test_isolation import (
    SKIP_PREFIXES,
    all_factories,
    iter_patterns,
    make_object,
    route_info,
    scoped_models,
    url_kwargs,
)

# Two or more English words in a row ("Select an option", "Not paid"), a lone boolean or
# None, or a dotted event code (payment.collected) — in what a person reads.
ENGLISH = re.compile(
    r"\b[A-Za-z][a-z]+(?:[ -][A-Za-z]+)+\b|\b(?:True|False|None)\b|\b[a-z]+\.[a-z_]+[a-z]\b"
)
# Names that are written in Latin letters in Chinese offices too, and the names of uploaded
# files (a stored document is shown by its own name: "material.pdf" is data, not a label).
ALLOWED = re.compile(
    r"\b(?:Excel|PDF|CSV|API|QR|SMS|Wi-?Fi|Tabler|ECharts|Wuye|OpenAPI|Swagger|ID|IC|"
    r"Noto Sans|Noto Serif|Source Han|html|www\.[\w.]+|[\w.+-]+@[\w.-]+|"
    r"[\w/-]+\.(?:pdf|jpe?g|png|webp|xlsx))\b"
)
READ_ATTRIBUTES = {"placeholder", "title", "aria-label", "alt"}


class VisibleText(HTMLParser):
    """The text a person reads on a page: text outside scripts and styles, and the
    attributes that are shown or spoken."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._hidden += 1
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


def english_in(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    found = []
    for part in parser.parts:
        for match in ENGLISH.finditer(ALLOWED.sub("", part)):
            found.append(match.group(0))
    return found


def pages(own):
    """(name, url) of every product page a GET opens: the pages without parameters and the
    detail page of a record of each model."""
    for name, entry in iter_patterns():
        if name.startswith(SKIP_PREFIXES) or name.startswith("api") or ":api" in name:
            continue
        model, kwargs, methods, is_api, view_class = route_info(name, entry)
        if is_api or "get" not in methods:
            continue
        if not kwargs:
            yield name, reverse(name)
        elif "pk" in kwargs and model in own:
            yield name, reverse(name, kwargs=url_kwargs(kwargs, view_class, own[model]))
        elif "pk" not in kwargs and getattr(view_class, "walk_kwargs", None):
            yield name, reverse(name, kwargs=view_class.walk_kwargs)


@pytest.mark.django_db
def test_every_page_is_chinese_with_no_english_left(community_a, mgr_a, login):
    """PLT-05: no untranslated msgid, English choice label, boolean or event code on any page
    in zh-hans."""
    for post in ALL_POSTS:
        Membership.objects.get_or_create(community=community_a, user=mgr_a, post=post)
    factories = all_factories()
    own = {model: make_object(model, community_a, factories) for model in scoped_models()}
    client = login(mgr_a)
    problems = []
    for name, url in pages(own):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
        if response.status_code != 200 or not response.get("Content-Type", "").startswith(
            "text/html"
        ):
            continue
        found = english_in(response.content.decode("utf-8", "replace"))
        if found:
            problems.append(f"{name} {url}: {sorted(set(found))[:8]}")
    assert not problems, "English left in the Chinese interface:\n" + "\n".join(problems)


@pytest.mark.django_db
def test_the_right_word_for_each_thing(community_a, mgr_a, make_staff, login):
    """PLT-05: on money pages the channel is 收款方式 (never 联络方式); week-over-week change is
    环比 (never 找零, the cash handed back); a work order's channel is 受理渠道."""
    cashier = make_staff(community_a, "CSH")
    for url, page_user in (
        (reverse("billing:payment_list"), cashier),
        (reverse("billing:daily_report"), mgr_a),
    ):
        body = login(page_user).get(url).content.decode()
        assert "收款方式" in body and "联络方式" not in body, url
    weekly = login(mgr_a).get(reverse("service:weekly_report")).content.decode()
    assert "环比" in weekly and "找零" not in weekly
    orders = login(mgr_a).get(reverse("service:workorder_list")).content.decode()
    assert "受理渠道" in orders and "联络方式" not in orders


@pytest.mark.django_db
def test_filter_labels_stay_chinese_after_the_api_schema_is_made(community_a, mgr_a, login):
    """PLT-05: making the OpenAPI schema builds form fields on the filter classes; a list page
    afterwards still labels its filters in Chinese (服务等级, not “Service grade”)."""
    from drf_spectacular.generators import SchemaGenerator

    SchemaGenerator().get_schema(request=None, public=True)
    body = login(mgr_a).get(reverse("org:community_list")).content.decode()
    assert "Service grade" not in body and "服务等级" in body
