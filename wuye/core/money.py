"""Money: Decimal only, ROUND_HALF_UP to 0.01 once per bill line, splits that keep the total.

SQLite sums DecimalFields in floating point: quantize every aggregate with `q2`.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TypedDict

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


class Digits(TypedDict):
    """The size of a DecimalField, to unpack into it: `DecimalField(**MONEY)`."""

    max_digits: int
    decimal_places: int


# Every money column (DESIGN: max_digits 14, 2 decimal places).
MONEY = Digits(max_digits=14, decimal_places=2)


def q2(value) -> Decimal:
    """Round to the cent, half up (0.005 → 0.01)."""
    if value is None:
        return ZERO
    if not isinstance(value, Decimal):
        value = Decimal(str(value))  # floats (SQLite sums) by their shortest text
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


class Remainder:
    """Who carries the cents left over when a total is split (尾差)."""

    LARGEST_SHARE = "largest"  # the largest share (ties: the first)
    FIRST = "first"  # the first in the given order (e.g. the lowest unit number)
    LAST = "last"
    CHOICES = (LARGEST_SHARE, FIRST, LAST)


def split_exact(
    total: Decimal, weights: list[Decimal], *, remainder: str = Remainder.LARGEST_SHARE
) -> list[Decimal]:
    """Split `total` in proportion to `weights`, each part rounded half up to the cent, and give
    the rounding difference to one part chosen by `remainder`, so the parts always sum to total.

    >>> split_exact(Decimal("100.00"), [Decimal(1)] * 3)
    [Decimal('33.34'), Decimal('33.33'), Decimal('33.33')]
    """
    total = q2(total)
    if not weights:
        return []
    weight_sum = sum(weights, Decimal(0))
    if weight_sum <= 0:
        raise ValueError("weights must add up to more than zero")
    parts = [q2(total * w / weight_sum) for w in weights]
    difference = total - sum(parts, ZERO)
    if difference:
        if remainder == Remainder.FIRST:
            index = 0
        elif remainder == Remainder.LAST:
            index = len(parts) - 1
        else:
            index = max(range(len(weights)), key=lambda i: (weights[i], -i))
        parts[index] += difference
    return parts


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ["", "拾", "佰", "仟"]
_SECTIONS = ["", "万", "亿", "万亿"]


def _section(number: int) -> str:
    """0 ≤ number < 10000 → 壹仟零伍 etc. (no leading 零)."""
    text = ""
    zero = False
    for position in range(3, -1, -1):
        digit = number // (10**position) % 10
        if digit == 0:
            zero = bool(text)
            continue
        if zero:
            text += "零"
            zero = False
        text += _DIGITS[digit] + _UNITS[position]
    return text


def amount_in_words(value) -> str:
    """The amount in Chinese financial capitals, as written on receipts (大写).

    >>> amount_in_words(Decimal("1005.30"))
    '人民币壹仟零伍元叁角整'
    """
    amount = q2(value)
    sign = "负" if amount < 0 else ""
    amount = abs(amount)
    cents = int((amount * 100).to_integral_value())
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    if cents == 0:
        return "人民币零元整"
    words = ""
    if yuan:
        sections = []
        index = 0
        while yuan:
            sections.append((yuan % 10000, index))
            yuan //= 10000
            index += 1
        parts: list[str] = []
        need_zero = False
        for number, index in reversed(sections):
            if number == 0:
                need_zero = bool(parts)
                continue
            if parts and (need_zero or number < 1000):
                parts.append("零")
            parts.append(_section(number) + _SECTIONS[index])
            need_zero = False
        words = "".join(parts) + "元"
    if jiao:
        words += ("零" if words and not words.endswith("元") else "") + _DIGITS[jiao] + "角"
    elif fen and words:
        words += "零"
    if fen:
        words += _DIGITS[fen] + "分"
    else:
        words += "整"
    return f"人民币{sign}{words}"
