"""Text clean-up for what people type or paste: full-width characters, stray spaces."""

import re

# Full-width ASCII (Ｕ+FF01–FF5E) → ASCII, except the punctuation Chinese text uses as its own
# （，：；！？） — “一区（东）” must stay as typed, while “１３８…” and “Ａ座” become 138…/A座.
_KEEP = {"！", "（", "）", "，", "：", "；", "？"}
_TABLE: dict[int, int | None] = {
    code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if chr(code) not in _KEEP
}
_TABLE.update({0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20})
_TABLE.update({0x200B: None, 0xFEFF: None})


def normalize(value) -> str:
    """Full-width digits and letters to ASCII, odd spaces to plain ones, ends trimmed."""
    if value is None:
        return ""
    return str(value).translate(_TABLE).strip()


_DIGITS = re.compile(r"(\d+)")
NO_NUMBER = 100000  # what sorts after every numbered name


def first_number(value) -> int:
    """The first number in a name (2栋 → 2, A10 → 10), for natural order; NO_NUMBER if none."""
    digits = _DIGITS.search(str(value or ""))
    return min(int(digits.group(0)), NO_NUMBER - 1) if digits else NO_NUMBER


def natural_key(value) -> tuple:
    """Sort names as people count them — 1, 2, 2栋, A2, 10, A10: by the first number in the
    name, then the name with its digits compared as numbers. The database orders buildings
    the same way (`Building.sort_key`, then the number)."""
    text = str(value or "")
    parts = tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in _DIGITS.split(text)
        if part
    )
    return (first_number(text), parts)
