"""The left menu and the home-page cards: each module registers its entries in AppConfig.ready().

An entry names the permission it needs; the menu a person sees is filtered by `Access.has`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse


@dataclass
class MenuItem:
    label: object
    url_name: str
    permission: str
    icon: str = ""


@dataclass
class MenuGroup:
    key: str
    label: object
    icon: str
    order: int
    items: list[MenuItem] = field(default_factory=list)


GROUPS: dict[str, MenuGroup] = {}
HOME_CARDS: list = []  # callables (access) -> list[dict(label, value, url, icon)]


def register_group(key: str, label, icon: str, order: int, items: list[MenuItem]) -> None:
    group = GROUPS.setdefault(key, MenuGroup(key, label, icon, order))
    known = {item.url_name for item in group.items}
    group.items.extend(item for item in items if item.url_name not in known)


LANDINGS: list = []  # callables (access) -> URL of the post's own first screen, or None


def register_landing(func) -> None:
    """An app names the first screen of a post whose work is elsewhere than the workbench (a
    technician's task list): the home page sends him there."""
    if func not in LANDINGS:
        LANDINGS.append(func)


ALERTS: list = []  # callables (access) -> list[dict(text, url)]: shown atop every page


def register_alerts(func) -> None:
    """An app names what every page must show until it is dealt with (an emergency being
    handled): field staff who start on their task list see it too."""
    if func not in ALERTS:
        ALERTS.append(func)


def alerts_for(access) -> list[dict]:
    found = []
    for provider in ALERTS:
        found.extend(provider(access))
    return found


def register_home_cards(func) -> None:
    if func not in HOME_CARDS:
        HOME_CARDS.append(func)


def menu_for(access, path: str) -> list[dict]:
    visible = []
    for group in sorted(GROUPS.values(), key=lambda g: g.order):
        items = []
        for item in group.items:
            if not access.has(item.permission):
                continue
            try:
                url = reverse(item.url_name)
            except NoReverseMatch:
                continue
            items.append(
                {"label": item.label, "url": url, "icon": item.icon, "active": _active(url, path)}
            )
        if items:
            visible.append(
                {
                    "key": group.key,
                    "label": group.label,
                    "icon": group.icon,
                    "items": items,
                    "active": any(i["active"] for i in items),
                }
            )
    return visible


def _active(url: str, path: str) -> bool:
    if url == "/":
        return path == "/"
    return path.startswith(url)
