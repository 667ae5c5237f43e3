"""A text message's variables (COM-02): `{姓名}`, `{房号}`, `{金额}`, `{日期}`, `{小区}`, and
`{节日}` (the festival's name, in a festival greeting). A text is
checked when its template or campaign is saved — a variable nobody fills, or a lone brace, is
refused with its name — and rendered per recipient."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from wuye.core.errors import DomainError

VARIABLES = ("姓名", "房号", "金额", "日期", "小区", "节日")
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class Values:
    """What one recipient's variables say."""

    name: str = ""
    unit: str = ""
    amount: Decimal | None = None
    date: dt.date | None = None
    community: str = ""
    festival: str = ""

    def get(self, variable: str) -> str:
        if variable == "姓名":
            return self.name
        if variable == "房号":
            return self.unit
        if variable == "金额":
            return "" if self.amount is None else f"{self.amount:.2f}"
        if variable == "日期":
            return (
                ""
                if self.date is None
                else f"{self.date.year}年{self.date.month}月{self.date.day}日"
            )
        if variable == "节日":
            return self.festival
        return self.community


def check_text(text: str, *, field: str = "text") -> list[str]:
    """The variables the text uses; refused when one is unknown or a brace stands alone."""
    used = PLACEHOLDER.findall(text or "")
    unknown = [name for name in used if name.strip() not in VARIABLES]
    if unknown:
        raise DomainError(
            _("Unknown variable %(names)s: a text may use %(known)s.")
            % {
                "names": "、".join(f"{{{name}}}" for name in dict.fromkeys(unknown)),
                "known": "、".join(f"{{{name}}}" for name in VARIABLES),
            },
            field=field,
        )
    rest = PLACEHOLDER.sub("", text or "")
    if "{" in rest or "}" in rest:
        raise DomainError(_("A brace without its pair: write variables as {姓名}."), field=field)
    return [name.strip() for name in used]


def render(text: str, values: Values) -> str:
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1).strip()), text)


def needs(text: str) -> set[str]:
    return {name.strip() for name in PLACEHOLDER.findall(text or "")}
