"""An announcement's text as formatted HTML with nothing that runs: nh3 keeps the tags and
attributes of ordinary formatting and drops the rest (scripts and styles with their content,
event handlers, javascript: links, frames, forms). Pictures may only be the announcement's own
uploaded pictures (`/community/announcement-pictures/<id>/`): a picture from elsewhere would make
every reader's browser call another site."""

from __future__ import annotations

import re

import nh3

TAGS = {
    "p",
    "br",
    "div",
    "span",
    "b",
    "strong",
    "i",
    "em",
    "u",
    "s",
    "sub",
    "sup",
    "mark",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "blockquote",
    "hr",
    "a",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
}
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "*": {"title"},
}
OWN_PICTURE = re.compile(r"^/community/announcement-pictures/\d+/$")


def _keep(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        return value if OWN_PICTURE.match(value) else None
    if attribute in {"width", "height"}:
        return value if value.isdigit() and int(value) <= 2000 else None
    return value


def clean_html(html: str) -> str:
    """The HTML with only formatting left."""
    return nh3.clean(
        html or "",
        tags=TAGS,
        clean_content_tags={"script", "style", "noscript", "template", "iframe", "object"},
        attributes=ATTRIBUTES,
        attribute_filter=_keep,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer nofollow",
    )


def has_script(html: str) -> bool:
    """Whether the text tries to run something (a script, an event handler, a javascript:
    link): such a text is refused rather than silently changed, so its author knows."""
    lowered = (html or "").lower()
    return bool(
        re.search(
            r"<\s*(script|iframe|object|embed)\b|<[^>]*\son[a-z]+\s*=|<[^>]*(java|vb)script\s*:",
            lowered,
        )
    )


def plain_text(html: str) -> str:
    """The text without tags (search, SMS, the list's excerpt)."""
    text = nh3.clean(re.sub(r"<\s*(br|/p|/div|/li|/h\d)\s*/?>", "\n", html or ""), tags=set())
    text = text.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<")
    return re.sub(r"\n\s*\n+", "\n", text.replace("&gt;", ">")).strip()
