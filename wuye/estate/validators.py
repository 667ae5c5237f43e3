import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wuye.core.text import normalize

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_L = "A-HJ-NP-Z"  # letters used on plates (no I, no O)
PLATE_RE = re.compile(
    rf"^[{PROVINCES}][{_L}]("
    rf"[{_L}0-9]{{4}}[{_L}0-9挂学警港澳]"  # ordinary: 京A12345, 粤B8A88挂
    rf"|[DF][{_L}0-9][0-9]{{4}}"  # small new-energy: 粤BD12345
    rf"|[0-9]{{5}}[DF]"  # large new-energy: 粤B12345D
    r")$"
)


def normalize_plate(value: str) -> str:
    """“粤b·d1234 5” → “粤BD12345”: upper-case, no spaces or separators."""
    text = normalize(value).upper()
    return re.sub(r"[\s·\-.。・]", "", text)


def validate_plate(value: str) -> None:
    if not PLATE_RE.match(value or ""):
        raise ValidationError(
            _("Enter a mainland plate such as 粤B12345 or the new-energy form 粤BD12345."),
            code="plate",
        )
