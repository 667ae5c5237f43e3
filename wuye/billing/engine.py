"""The fee engine: pure functions that turn a fee item, its standard and a unit (or space,
or reading) into one bill line's figures. No database writes; services call these.

Every amount is rounded once, half up to the cent, at the end of a line (DESIGN: money).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import dataclass, field
from decimal import Decimal

from wuye.core.money import q2, split_exact

from .choices import AreaBasis, Calculation, FeeStart, RemainderRule, ShareBasis, TierBasis

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


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def period_end(start: dt.date, months: int) -> dt.date:
    return add_months(start, months) - dt.timedelta(days=1)


def chargeable_fraction(
    *, period: dt.date, months: int, handover: dt.date | None, rule: str, payer_is_developer: bool
) -> Decimal:
    """How much of the period the resident pays, by the fee-start rule (BIL-03).

    next_month (default): the month of handover is the developer's; the owner pays from the
    next month. prorate: the handover month is split by days (the owner pays from the handover
    day, inclusive). Months before handover are the developer's entirely.
    """
    if payer_is_developer or handover is None:
        return Decimal(months)
    total = Decimal(0)
    for index in range(months):
        first = add_months(period, index)
        last = period_end(first, 1)
        if handover > last:
            continue  # not yet handed over: developer's month
        if handover < first:
            total += ONE
        elif rule == FeeStart.PRORATE_DAYS:
            days = Decimal(calendar.monthrange(first.year, first.month)[1])
            total += Decimal((last - handover).days + 1) / days
        # next_month rule: the handover month itself is not the owner's
    return total


def developer_fraction(
    *, period: dt.date, months: int, handover: dt.date | None, rule: str
) -> Decimal:
    """The share of the period the developer pays for a unit handed over during it."""
    if handover is None:
        return Decimal(months)
    return Decimal(months) - chargeable_fraction(
        period=period, months=months, handover=handover, rule=rule, payer_is_developer=False
    )


@functools.lru_cache(maxsize=1024)
def _money_text(value: Decimal) -> str:
    """2.5000 → 2.50, 14.0000 → 14, 0.5380 → 0.538: what a person would write."""
    text = format(Decimal(value).normalize(), "f")
    whole, _dot, fraction = text.partition(".")
    if fraction and len(fraction) == 1:
        return f"{whole}.{fraction}0"
    return text


def area_fee(
    *,
    price: Decimal,
    gross_area: Decimal,
    inner_area: Decimal,
    basis: str,
    months: Decimal,
    rate: Decimal = ONE,
) -> LineFigures:
    """Unit price × area × months (× vacancy rate): 物业服务费 by 建筑面积 or 套内面积."""
    area = gross_area if basis == AreaBasis.GROSS else inner_area
    factor = Decimal(months) * rate
    amount = q2(price * area * factor)
    label = "建筑面积" if basis == AreaBasis.GROSS else "套内面积"
    formula = (
        f"{_money_text(price)} 元/㎡·月 × {label} {area} ㎡ × {_money_text(Decimal(months))} 月"
    )
    if rate != ONE:
        formula += f" × {_money_text(rate * HUNDRED)}%"
    return LineFigures(
        area,
        price,
        factor,
        amount,
        formula,
        {"area_basis": basis, "area": str(area), "months": str(months), "rate": str(rate)},
    )


def fixed_fee(
    *, price: Decimal, months: Decimal, rate: Decimal = ONE, what: str = "户"
) -> LineFigures:
    """A fixed amount per unit or per parking space per month."""
    factor = Decimal(months) * rate
    amount = q2(price * factor)
    formula = f"{_money_text(price)} 元/{what}·月 × {_money_text(Decimal(months))} 月"
    if rate != ONE:
        formula += f" × {_money_text(rate * HUNDRED)}%"
    return LineFigures(
        ONE, price, factor, amount, formula, {"months": str(months), "rate": str(rate)}
    )


def metered_fee(
    *, previous: Decimal, current: Decimal, multiplier: Decimal, price: Decimal
) -> LineFigures:
    """(current − previous) × multiplier × price."""
    usage = (current - previous) * multiplier
    amount = q2(usage * price)
    formula = f"({_money_text(current)} − {_money_text(previous)}) × {_money_text(multiplier)} × {_money_text(price)} 元"
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
            f"{_money_text(Decimal(p['quantity']))} × {_money_text(Decimal(p['price']))}"
            for p in pieces
        )
        or "0"
    )
    average = (raw / usage) if usage else Decimal(0)
    return LineFigures(
        usage,
        average.quantize(Decimal("0.0001")),
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
    — or equally per household. The lines always add up exactly to the total; the rounding
    remainder (尾差) goes to the unit chosen by `remainder`.

    `units` is [(unit, inner_area)] in a stable order (the order `first`/`last` refer to).
    """
    if not units:
        return []
    weights = [area if basis == ShareBasis.INNER_AREA else ONE for _unit, area in units]
    rules: dict[str, str] = {RemainderRule.FIRST: "first", RemainderRule.LAST: "last"}
    rule = rules.get(remainder, "largest")
    amounts = split_exact(total, weights, remainder=rule)
    weight_sum = sum(weights, Decimal(0))
    result = []
    for (unit, area), weight, amount in zip(units, weights, amounts, strict=True):
        share = weight / weight_sum
        if basis == ShareBasis.INNER_AREA:
            formula = f"公摊总额 {total} 元 × 套内面积 {area} ㎡ / {weight_sum} ㎡"
        else:
            formula = f"公摊总额 {total} 元 ÷ {len(units)} 户"
        result.append(
            (
                unit,
                LineFigures(
                    share.quantize(Decimal("0.0001")),
                    total,
                    ONE,
                    amount,
                    formula,
                    {"total": str(total), "weight": str(weight), "weight_sum": str(weight_sum)},
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


def late_fee(
    *, principal: Decimal, due: dt.date, as_of: dt.date, daily_permille: Decimal, grace_days: int
) -> Decimal:
    """违约金: simple interest on the unpaid principal only, from the end of the grace days,
    never more than the principal itself (BIL-10)."""
    days = (as_of - due).days - grace_days
    if days <= 0 or principal <= 0:
        return Decimal("0.00")
    return min(q2(principal * daily_permille / Decimal(1000) * days), q2(principal))
