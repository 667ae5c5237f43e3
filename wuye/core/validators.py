import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.cn import ric
from stdnum.exceptions import ValidationError as StdnumError

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


def validate_mobile(value: str) -> None:
    """Mainland mobile numbers: 11 digits starting 13–19."""
    if value and not MOBILE_RE.match(value):
        raise ValidationError(
            _("Enter an 11-digit mainland mobile number, e.g. 13812345678."), code="mobile"
        )


def validate_resident_id(value: str) -> None:
    """Chinese resident identity card number (18 characters, check digit, valid birth date).

    python-stdnum's full `validate` also checks the 6-digit area code against the birth year,
    which rejects genuine cards of older residents whose district was renamed later (330106
    before 1983…); the area code is therefore not checked here.
    """
    if not value:
        return
    try:
        number = ric.compact(value)
        if (
            len(number) != 18
            or not number[:-1].isdigit()
            or number[-1] != ric.calc_check_digit(number)
        ):
            raise StdnumError()
        if not dt.date(1900, 1, 1) <= ric.get_birth_date(number) <= dt.date.today():
            raise StdnumError()
    except StdnumError as exc:
        raise ValidationError(
            _("Enter a valid 18-character resident ID number (the last character may be X)."),
            code="ric",
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


def mask_phone(phone: str) -> str:
    """138****1234: enough for the cashier to confirm with the payer, not enough to copy."""
    phone = (phone or "").strip()
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
