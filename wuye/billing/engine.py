"""The fee engine: pure functions that turn a fee item, its standard and a unit (or space,
or reading) into one bill line's figures. No database writes; services call these.

Every amount is rounded once, half up to the cent, at the end of a line (DESIGN: money).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction

from wuye.core.money import CENT, Remainder, q2, split_exact

from .choices import AreaBasis, Calculation, FeeStart, ShareBasis, TierBasis

ONE = Decimal("1")
HUNDRED = Decimal("100")


@dataclass(slots=True)
class LineFigures:
    """What a bill line is made of: quantity × price × factor = amount (rounded once)."""

    quantity: Decimal
    unit_price: Decimal
    factor: Decimal
    amount: Decimal
    formula: str
    detail: dict = field(default_factory=dict)
    # `detail` as JSON text, where the engine wrote it already (a run's area lines, written
    # by the hundred thousand: a template is much cheaper than encoding each dict).
    detail_json: str | None = None


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def period_end(start: dt.date, months: int) -> dt.date:
    return add_months(start, months) - dt.timedelta(days=1)


class Months(Decimal):
    """A number of months that remembers how it was counted — whole months plus parts of
    months by days (10 of October's 31 days) — so a formula can say “10/31 月” instead of
    0.3225806451612903225806451613. It is a Decimal: arithmetic on it gives plain Decimals.

    `whole - months` (the developer's share of a period, `Decimal(3) - resident`) is again a
    Months: the whole months the resident does not pay, and the other days of a part month."""

    __slots__ = ("parts", "whole")
    whole: int
    parts: tuple[tuple[int, int], ...]

    def __new__(cls, whole: int = 0, parts=()):
        parts = tuple((int(days), int(of)) for days, of in parts if days)
        whole = int(whole) + sum(1 for days, of in parts if days >= of)
        parts = tuple((days, of) for days, of in parts if days < of)
        value = Decimal(whole) + sum((Decimal(d) / Decimal(o) for d, o in parts), Decimal(0))
        self = super().__new__(cls, value)
        self.whole, self.parts = whole, parts
        return self

    def __reduce__(self):
        return (type(self), (self.whole, self.parts))

    def __rsub__(self, other):
        if isinstance(other, int | Decimal) and other == int(other):
            rest = int(other) - self.whole - len(self.parts)
            if rest >= 0:
                return Months(rest, [(of - days, of) for days, of in self.parts])
        return Decimal(other) - Decimal(self)

    @property
    def text(self) -> str:
        """3 → “3”; 10/31 → “10/31”; 2 months and 10 of 31 days → “(2 + 10/31)”."""
        pieces = [str(self.whole)] if self.whole or not self.parts else []
        pieces += [f"{days}/{of}" for days, of in self.parts]
        return f"({' + '.join(pieces)})" if len(pieces) > 1 else pieces[0]

    @property
    def days_text(self) -> str:
        """The part months in words: “31 天中计 10 天” (empty for whole months)."""
        return "，".join(f"{of} 天中计 {days} 天" for days, of in self.parts)


def months_text(months) -> str:
    """A number of months as a person writes it, with its day count when it has one:
    “3 月”, “10/31 月（31 天中计 10 天）”, never 0.3225806451612903225806451613."""
    if isinstance(months, Months):
        note = months.days_text
        return f"{months.text} 月" + (f"（{note}）" if note else "")
    value = Decimal(months)
    if value == value.to_integral_value():
        return f"{int(value)} 月"
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= -2:
        return f"{_number_text(value)} 月"  # 0.5, 1.25: short enough as it is
    fraction = Fraction(value).limit_denominator(31)  # a month has at most 31 days
    if abs(Decimal(fraction.numerator) / Decimal(fraction.denominator) - value) < Decimal("1e-20"):
        whole, rest = divmod(fraction.numerator, fraction.denominator)
        text = f"{rest}/{fraction.denominator}"
        return f"({whole} + {text}) 月" if whole else f"{text} 月"
    return f"{_number_text(value.quantize(Decimal('0.0001'), rounding=ROUND_HALF_UP))} 月"


def chargeable_fraction(
    *, period: dt.date, months: int, handover: dt.date | None, rule: str, payer_is_developer: bool
) -> Months:
    """How much of the period the resident pays, by the fee-start rule (BIL-03).

    next_month (default): the month of handover is the developer's; the owner pays from the
    next month. prorate: the handover month is split by days (the owner pays from the handover
    day, inclusive). Months before handover are the developer's entirely. The result keeps
    its day counts (`Months`) for the formula.
    """
    if payer_is_developer or handover is None:
        return Months(months)
    whole = 0
    parts = []
    for index in range(months):
        first = add_months(period, index)
        last = period_end(first, 1)
        if handover > last:
            continue  # not yet handed over: developer's month
        if handover < first:
            whole += 1
        elif rule == FeeStart.PRORATE_DAYS:
            days = calendar.monthrange(first.year, first.month)[1]
            parts.append(((last - handover).days + 1, days))
        # next_month rule: the handover month itself is not the owner's
    return Months(whole, parts)


def developer_fraction(
    *, period: dt.date, months: int, handover: dt.date | None, rule: str
) -> Decimal:
    """The share of the period the developer pays for a unit handed over during it."""
    if handover is None:
        return Months(months)
    return Decimal(months) - chargeable_fraction(
        period=period, months=months, handover=handover, rule=rule, payer_is_developer=False
    )


@functools.lru_cache(maxsize=1024)
def _money_text(value: Decimal) -> str:
    """A price or an amount as written on a bill: at least two decimals, more only when the
    price has them (2.5000 → 2.50, 14 → 14.00, 0.5380 → 0.538)."""
    value = Decimal(value)
    if value == value.quantize(CENT, rounding=ROUND_HALF_UP):
        return f"{value.quantize(CENT, rounding=ROUND_HALF_UP):f}"
    return format(value.normalize(), "f")


@functools.lru_cache(maxsize=1024)
def _number_text(value: Decimal) -> str:
    """A quantity without trailing zeros (1.0000 → 1, 0.5 → 0.5, 1E+2 → 100)."""
    return format(Decimal(value).normalize(), "f")


def _rate_text(rate: Decimal) -> str:
    """A vacancy rate: 0.70 → “70%（空置房）”."""
    return f"{_number_text(rate * HUNDRED)}%（空置房）"


def area_fee(
    *,
    price: Decimal,
    gross_area: Decimal,
    inner_area: Decimal,
    basis: str,
    months: Decimal,
    rate: Decimal = ONE,
) -> LineFigures:
    """Unit price × area × months (× vacancy rate): 物业服务费 by 建筑面积 or 套内面积.

    The formula is what an owner can check with a calculator: the price with two decimals, the
    area as registered, whole months as integers and part months as days (10/31 月)."""
    area = gross_area if basis == AreaBasis.GROSS else inner_area
    return area_fee_by(price=price, basis=basis, months=months, rate=rate)(area)


# Integer arithmetic in the database stays exact below this (a signed 64-bit integer).
_INT64 = 2**63 - 1
# The largest area in hundredths of a square metre (10 digits, two of them decimals).
_MAX_AREA_HUNDREDTHS = 10**10 - 1


@dataclass(frozen=True, slots=True)
class AreaFee:
    """What an area fee at one price, basis, months and rate is apart from the area: the
    factor, the formula and the detail's JSON around the area's text (`area_fee_by`; a billing
    run writes its lines from these in the database)."""

    price: Decimal
    basis: str
    factor: Decimal
    formula_head: str
    formula_tail: str
    detail_head: str  # the detail as JSON up to the area's text, quotes included
    detail_tail: str
    months_text: str
    months: str
    rate: str

    @property
    def cents(self) -> tuple[int, int] | None:
        """(multiplier, divisor) such that for an area of `h` hundredths of a square metre
        the amount in fen is (h × multiplier + divisor ÷ 2) ÷ divisor in whole numbers: exactly
        `q2(price × area × factor)` (half up, the price and factor never negative). None when
        the figures are too long for 64-bit arithmetic in a database."""
        if self.price < 0 or self.factor < 0:
            return None
        price, factor = self.price.as_tuple(), self.factor.as_tuple()
        places = max(0, -int(price.exponent)) + max(0, -int(factor.exponent))
        price_units = int(self.price.scaleb(max(0, -int(price.exponent))))
        factor_units = int(self.factor.scaleb(max(0, -int(factor.exponent))))
        multiplier, divisor = 2 * price_units * factor_units, 2 * 10**places
        if _MAX_AREA_HUNDREDTHS * multiplier + divisor > _INT64:
            return None
        return multiplier, divisor


def area_fee_parts(*, price: Decimal, basis: str, months: Decimal, rate: Decimal = ONE) -> AreaFee:
    """The parts of an area fee that do not depend on the area (see `AreaFee`)."""
    label = "建筑面积" if basis == AreaBasis.GROSS else "套内面积"
    period = months_text(months)
    months_str, rate_str = str(months), str(rate)
    # The detail's JSON around the area's place: json.dumps once, the area put in per line
    # (a decimal's text never needs escaping in JSON).
    marker = "\x00"
    before, after = json.dumps(
        {
            "area_basis": basis,
            "area": marker,
            "months": months_str,
            "months_text": period,
            "rate": rate_str,
        },
        ensure_ascii=False,
    ).split(json.dumps(marker)[1:-1])
    return AreaFee(
        price=price,
        basis=basis,
        factor=Decimal(months) * rate,
        formula_head=f"{_money_text(price)} 元/㎡·月 × {label} ",
        formula_tail=f" ㎡ × {period}" + (f" × {_rate_text(rate)}" if rate != ONE else ""),
        detail_head=before,
        detail_tail=after,
        months_text=period,
        months=months_str,
        rate=rate_str,
    )


def area_fee_by(
    *, price: Decimal, basis: str, months: Decimal, rate: Decimal = ONE, texts: bool = True
) -> Callable[[Decimal], LineFigures]:
    """`area_fee` for many areas at one price, basis, months and rate (a billing run's units):
    what does not depend on the area is worked out once. Without `texts` the lines have their
    figures but no formula and detail (a preview counts and adds up, it shows no line)."""
    parts = area_fee_parts(price=price, basis=basis, months=months, rate=rate)
    factor, head, tail = parts.factor, parts.formula_head, parts.formula_tail
    detail_head, detail_tail = parts.detail_head, parts.detail_tail
    months_str, period, rate_str = parts.months, parts.months_text, parts.rate

    def figures(area: Decimal) -> LineFigures:
        if not texts:
            return LineFigures(area, price, factor, q2(price * area * factor), "")
        text = str(area)
        return LineFigures(
            area,
            price,
            factor,
            q2(price * area * factor),
            f"{head}{text}{tail}",
            {
                "area_basis": basis,
                "area": text,
                "months": months_str,
                "months_text": period,
                "rate": rate_str,
            },
            f"{detail_head}{text}{detail_tail}",
        )

    return figures


def fixed_fee(
    *, price: Decimal, months: Decimal, rate: Decimal = ONE, what: str = "户"
) -> LineFigures:
    """A fixed amount per unit or per parking space per month."""
    factor = Decimal(months) * rate
    amount = q2(price * factor)
    formula = f"{_money_text(price)} 元/{what}·月 × {months_text(months)}"
    if rate != ONE:
        formula += f" × {_rate_text(rate)}"
    return LineFigures(
        ONE,
        price,
        factor,
        amount,
        formula,
        {"months": str(months), "months_text": months_text(months), "rate": str(rate)},
    )


def metered_fee(
    *, previous: Decimal, current: Decimal, multiplier: Decimal, price: Decimal
) -> LineFigures:
    """(current − previous) × multiplier × price."""
    usage = (current - previous) * multiplier
    amount = q2(usage * price)
    formula = f"({current} − {previous}) × {_number_text(multiplier)} × {_money_text(price)} 元"
    return LineFigures(
        usage,
        price,
        ONE,
        amount,
        formula,
        {"previous": str(previous), "current": str(current), "multiplier": str(multiplier)},
    )


def tiered_amount(
    usage: Decimal, tiers: list[dict], *, already_used: Decimal = Decimal(0)
) -> tuple[Decimal, list[dict]]:
    """Price `usage` across tiers, starting after `already_used` (annual cumulative tiers).

    `tiers` is ordered: [{"up_to": 180, "price": "2.80"}, {"up_to": 260, "price": "3.50"},
    {"up_to": None, "price": "6.10"}] where up_to is the cumulative ceiling of the tier.
    Returns the unrounded amount and the pieces (for the formula and the bill's detail).
    """
    remaining = usage
    position = already_used
    lower = Decimal(0)
    total = Decimal(0)
    pieces = []
    for tier in tiers:
        ceiling = None if tier.get("up_to") in (None, "") else Decimal(str(tier["up_to"]))
        price = Decimal(str(tier["price"]))
        if ceiling is not None and position >= ceiling:
            lower = ceiling
            continue
        room = remaining if ceiling is None else min(remaining, ceiling - max(position, lower))
        if room > 0:
            total += room * price
            pieces.append(
                {"from": str(max(position, lower)), "quantity": str(room), "price": str(price)}
            )
            remaining -= room
            position += room
        if remaining <= 0:
            break
        if ceiling is not None:
            lower = ceiling
    if remaining > 0:
        raise ValueError("the last tier must have no ceiling")
    return total, pieces


def tiered_fee(
    *,
    previous: Decimal,
    current: Decimal,
    multiplier: Decimal,
    tiers: list[dict],
    basis: str,
    used_this_year: Decimal = Decimal(0),
) -> LineFigures:
    """Tiered (阶梯) price on a reading's usage, by monthly use or annual cumulative use."""
    usage = (current - previous) * multiplier
    already = used_this_year if basis == TierBasis.ANNUAL else Decimal(0)
    raw, pieces = tiered_amount(usage, tiers, already_used=already)
    amount = q2(raw)
    formula = (
        " + ".join(
            f"{_number_text(Decimal(p['quantity']))} × {_money_text(Decimal(p['price']))}"
            for p in pieces
        )
        or "0"
    )
    average = (raw / usage) if usage else Decimal(0)
    return LineFigures(
        usage,
        average.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP),
        ONE,
        amount,
        f"阶梯：{formula} 元",
        {
            "previous": str(previous),
            "current": str(current),
            "multiplier": str(multiplier),
            "tiers": pieces,
            "basis": basis,
            "used_before": str(already),
        },
    )


def shared_fees[U](
    *, total: Decimal, units: list[tuple[U, Decimal]], basis: str, remainder: str
) -> list[tuple[U, LineFigures]]:
    """Share a public total (公摊) among units: by exclusive (inner) area — 民法典 §283's default
    — or equally per household. The lines always add up exactly to the total (BIL-01).

    Largest remainder (`split_exact`): every unit gets its exact share rounded down to the
    fen, and the fen left over go one each to the units whose share lost most in rounding;
    `remainder` (the fee item's rule) orders equal losses: `largest` the larger area first,
    `first` the natural unit order, `last` the reverse. No share is negative or 0.01 or more
    away from its exact value. `units` is [(unit, inner_area)] in natural unit order (101,
    102 … 1001: `estate.models.UNIT_NATURAL_ORDER`), the order `first`/`last` refer to.
    Areas adding up to zero are shared equally.
    """
    if not units:
        return []
    by_area = basis == ShareBasis.INNER_AREA
    weights = [area if by_area else ONE for _unit, area in units]
    rule = remainder if remainder in Remainder.CHOICES else Remainder.LARGEST_SHARE
    amounts = split_exact(total, weights, remainder=rule)
    weight_sum = sum(weights, Decimal(0))
    count = len(units)
    total_text = _money_text(q2(total))
    result = []
    for (unit, area), weight, amount in zip(units, weights, amounts, strict=True):
        share = weight / weight_sum if weight_sum else ONE / count
        if by_area and weight_sum:
            formula = f"公摊总额 {total_text} 元 × 套内面积 {area} ㎡ / 总套内面积 {weight_sum} ㎡"
        else:
            formula = f"公摊总额 {total_text} 元 ÷ {count} 户"
        rounded_down = (total * share).quantize(CENT, rounding=ROUND_DOWN)
        if amount > rounded_down:
            formula += f"（含尾差 {_money_text(amount - rounded_down)} 元）"
        result.append(
            (
                unit,
                LineFigures(
                    share.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP),
                    total,
                    ONE,
                    amount,
                    formula,
                    {
                        "total": str(total),
                        "weight": str(weight),
                        "weight_sum": str(weight_sum),
                        "remainder_rule": rule,
                    },
                ),
            )
        )
    return result


def standard_for(standards, day: dt.date):
    """The standard in effect on `day` from a fee item's standards (newest first or any order)."""
    best = None
    for standard in standards:
        if (
            standard.effective_from <= day
            and (standard.effective_to is None or standard.effective_to >= day)
            and (best is None or standard.effective_from > best.effective_from)
        ):
            best = standard
    return best


CALCULATORS = {
    Calculation.AREA: area_fee,
    Calculation.FIXED_UNIT: fixed_fee,
    Calculation.FIXED_SPACE: fixed_fee,
    Calculation.METERED: metered_fee,
    Calculation.TIERED: tiered_fee,
}
