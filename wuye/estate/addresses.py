"""Understanding a unit the way people say it: “3-2-1501”, “3栋2单元1501”, “3幢1501室”, “S-101”."""

import re
from dataclasses import dataclass

from django.db.models import Q

from wuye.core.text import normalize

_SPOKEN = re.compile(
    r"^(?P<building>[0-9A-Za-z]+)\s*(?:栋|幢|号楼|座|楼)\s*(?:(?P<entrance>\d+)\s*单元)?\s*(?P<number>[0-9A-Za-z]+)\s*(?:室|号)?$"
)
_DASHED = re.compile(
    r"^(?P<building>[0-9A-Za-z]+)[-－—/](?:(?P<entrance>\d+)[-－—/])?(?P<number>[0-9A-Za-z]+)$"
)


@dataclass(frozen=True)
class UnitQuery:
    building: str
    entrance: int | None
    number: str

    def q(self, prefix: str = "") -> Q:
        condition = Q(
            **{
                f"{prefix}building__number__iexact": self.building,
                f"{prefix}number__iexact": self.number,
            }
        )
        if self.entrance is not None:
            condition &= Q(**{f"{prefix}entrance": self.entrance})
        return condition


def parse_unit_query(text: str) -> UnitQuery | None:
    """The unit address in a search text, or None if it does not look like one."""
    text = normalize(text).replace(" ", "")
    for pattern in (_SPOKEN, _DASHED):
        match = pattern.match(text)
        if match:
            entrance = match.group("entrance")
            return UnitQuery(
                building=match.group("building").upper(),
                entrance=int(entrance) if entrance is not None else None,
                number=match.group("number").upper(),
            )
    return None
