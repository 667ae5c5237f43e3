import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


def validate_mobile(value: str) -> None:
    """Mainland mobile numbers: 11 digits starting 13–19."""
    if value and not MOBILE_RE.match(value):
        raise ValidationError(
            _("Enter an 11-digit mainland mobile number, e.g. 13812345678."), code="mobile"
        )


def validate_resident_id(value: str) -> None:
    """Chinese resident identity card number (18 characters, check digit, valid birth date)."""
    from stdnum.cn import ric
    from stdnum.exceptions import ValidationError as StdnumError

    if not value:
        return
    try:
        ric.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            _("Enter a valid 18-character resident ID number (the last character may be X)."), code="ric"
        ) from exc


def mask_id_number(value: str) -> str:
    """110105********002X, E12****78: enough to recognise, not enough to misuse.

    At most a third of the characters stay visible at the front and a quarter at the end."""
    if not value:
        return ""
    if len(value) <= 4:
        return "*" * len(value)
    head = min(6, len(value) // 3)
    tail = min(4, len(value) // 4)
    return value[:head] + "*" * (len(value) - head - tail) + value[len(value) - tail :]
