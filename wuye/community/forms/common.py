"""Inputs and checks the community forms share."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wuye.core.errors import DomainError

from ..richtext import has_script
from ..variables import VARIABLES, check_text

TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class RichTextInput(forms.Textarea):
    """A textarea the page turns into a small formatting editor (static/wuye/app.js)."""

    def __init__(self, attrs: dict[str, Any] | None = None):
        super().__init__({"rows": 12, "data-richtext": "", **(attrs or {})})


def without_script(body: str) -> str:
    """Formatted text is cleaned when saved; a script is refused so its author knows."""
    if has_script(body):
        raise ValidationError(
            _(
                "The text contains a script or an event handler; remove it (scripts are "
                "never published)."
            )
        )
    return body


def variables_help() -> str:
    return str(_("Variables: %(names)s")) % {"names": "、".join(f"{{{v}}}" for v in VARIABLES)}


def check_variables(text: str) -> str:
    try:
        check_text(text)
    except DomainError as exc:
        raise ValidationError(str(exc.message)) from exc
    return text
