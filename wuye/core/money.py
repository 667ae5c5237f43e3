"""Money: Decimal only, ROUND_HALF_UP to 0.01 once per bill line, splits that keep the total.

SQLite sums DecimalFields in floating point: quantize every aggregate with `q2`.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
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
    """Who gets a leftover cent first when two shares have the same remainder (尾差).

    The split itself is by largest remainder (`split_exact`); the rule only orders ties."""

    LARGEST_SHARE = "largest"  # the larger weight first, then the natural (given) order
    FIRST = "first"  # the given order (e.g. unit numbers 101, 102 … 1001)
    LAST = "last"  # the given order reversed
    CHOICES = (LARGEST_SHARE, FIRST, LAST)


def _scaled(weights: list[Decimal]) -> list[int]:
    """The weights as integers of one common scale (0.5, 70 → 5, 700), built from their
    digits so that no context precision rounds them: exact arithmetic."""
    parts = []
    for weight in weights:
        sign, digits, exponent = weight.as_tuple()
        if not isinstance(exponent, int):
            raise ValueError("weights must be finite numbers")
        parts.append((-1 if sign else 1, int("".join(map(str, digits)) or 0), exponent))
    lowest = min(min(exponent for _s, _d, exponent in parts), 0)
    return [sign * number * 10 ** (exponent - lowest) for sign, number, exponent in parts]


def split_exact(
    total: Decimal, weights: list[Decimal], *, remainder: str = Remainder.LARGEST_SHARE
) -> list[Decimal]:
    """Split `total` in proportion to `weights` to the cent by largest remainder (尾差):

    1. every part is its exact share rounded down to the cent (ROUND_DOWN);
    2. the cents left over — fewer than the number of parts — go one each to the parts whose
       exact share lost the most in step 1;
    3. equal losses are ordered by `remainder`: `largest` the larger weight first, then the
       given order; `first` the given order; `last` the given order reversed.

    So for a total ≥ 0 and weights ≥ 0 every part is ≥ 0 and less than 0.01 from its exact
    share, a zero weight gets nothing, the parts add up exactly to the total, and the same
    input always gives the same parts. When every weight is zero the total is shared equally
    (each part has the same claim). A negative total is split as its opposite, negated.
    The arithmetic is done on whole cents and integer weights, so nothing is lost to precision.

    >>> split_exact(Decimal("100.00"), [Decimal(1)] * 3)
    [Decimal('33.34'), Decimal('33.33'), Decimal('33.33')]
    """
    total = q2(total)
    if not weights:
        if total:
            raise ValueError("a total cannot be split among no one")
        return []
    weights = [w if isinstance(w, Decimal) else Decimal(str(w)) for w in weights]
    if any(w < 0 for w in weights):
        raise ValueError("weights cannot be negative")
    if total < 0:
        return [-part for part in split_exact(-total, weights, remainder=remainder)]
    scaled = _scaled(weights)
    weight_sum = sum(scaled)
    if weight_sum == 0:
        scaled, weight_sum = [1] * len(weights), len(weights)
    cents = int(total * 100)
    floors = [cents * w // weight_sum for w in scaled]
    # Same denominator for all: the remainders compare as integers, ties are exact.
    losses = [cents * w % weight_sum for w in scaled]
    count = len(scaled)
    if remainder == Remainder.FIRST:
        order = sorted(range(count), key=lambda i: (-losses[i], i))
    elif remainder == Remainder.LAST:
        order = sorted(range(count), key=lambda i: (-losses[i], -i))
    else:
        order = sorted(range(count), key=lambda i: (-losses[i], -scaled[i], i))
    for index in order[: cents - sum(floors)]:
        floors[index] += 1
    return [(Decimal(part) / 100).quantize(CENT, rounding=ROUND_DOWN) for part in floors]


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


def rate(part: int, whole: int) -> Decimal | None:
    """A percentage to one decimal, half up; None when there is nothing to divide by."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)
