"""Panels of the unit card (一户一档). Later modules add theirs (bills, work orders, decoration…)
with `register_unit_panel` in their AppConfig.ready(); this app never has to change for it."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class UnitPanel:
    key: str
    title: object
    template: str
    permission: str
    order: int = 100
    context: Callable[[Any, Any], dict] | None = None  # (unit, access) -> extra context
    wide: bool = False


PANELS: list[UnitPanel] = []


def register_unit_panel(panel: UnitPanel) -> None:
    if all(p.key != panel.key for p in PANELS):
        PANELS.append(panel)
        PANELS.sort(key=lambda p: p.order)


def panels_for(unit, access) -> list[dict]:
    shown = []
    for panel in PANELS:
        if not access.has(panel.permission):
            continue
        context = panel.context(unit, access) if panel.context else {}
        shown.append(
            {
                "key": panel.key,
                "title": panel.title,
                "template": panel.template,
                "wide": panel.wide,
                **context,
            }
        )
    return shown
