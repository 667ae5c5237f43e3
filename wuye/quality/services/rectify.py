"""Rectification (整改): what an inspection, a check or a round finds wrong is put right through
a work order (联络单) registered in customer service, found on patrol."""

from __future__ import annotations

from typing import Any

from django.core.files import File

from wuye.service.services import register_order


def open_rectification(
    community: Any,
    *,
    actor: Any,
    place: str,
    description: str,
    photos: list[File],
    facility: Any = None,
) -> Any:
    """The rectification order of one finding: a repair, registered as found on patrol."""
    return register_order(
        community=community,
        actor=actor,
        kind="repair",
        channel="patrol",
        place=place[:100],
        facility=facility,
        description=description,
        photos=photos,
    )
