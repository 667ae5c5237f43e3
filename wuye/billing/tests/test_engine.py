"""BIL-01..03: the fee engine on hand-computed worked examples, and its properties."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wuye.billing import engine
from wuye.billing.choices import FeeStart
from wuye.core.money import q2

D = Decimal
WATER_TIERS = [
    {"up_to": "216", "price": "3.20"},
    {"up_to": "300", "price": "4.30"},
    {"up_to": None, "price": "6.90"},
]


def test_area_fee_by_gross_and_inner_area():
    """BIL-01: 2.50 元/㎡·月 × 89.50 ㎡ = 223.75; by 套内 72.30 ㎡ = 180.75."""
    gross = engine.area_fee(
        price=D("2.50"), gross_area=D("89.50"), inner_area=D("72.30"), basis="gross", months=D(1)
    )
    inner = engine.area_fee(
        price=D("2.50"), gross_area=D("89.50"), inner_area=D("72.30"), basis="inner", months=D(1)
    )
    assert gross.amount == D("223.75") and inner.amount == D("180.75")
    assert "89.50" in gross.formula and "建筑面积" in gross.formula


def test_area_fee_is_rounded_once_half_up():
    """BIL-01: 1.85 × 98.77 × 3 = 548.1735 → 548.17; 2.35 × 101.11 = 237.6085 → 237.61 (one rounding)."""
    assert engine.area_fee(
        price=D("1.85"), gross_area=D("98.77"), inner_area=D("80"), basis="gross", months=D(3)
    ).amount == D("548.17")
    assert engine.area_fee(
        price=D("2.35"), gross_area=D("101.11"), inner_area=D("80"), basis="gross", months=D(1)
    ).amount == D("237.61")


def test_vacancy_rate():
    """BIL-03: a vacant unit at 70 %: 2.50 × 100 × 0.70 = 175.00."""
    line = engine.area_fee(
        price=D("2.50"),
        gross_area=D("100"),
        inner_area=D("80"),
        basis="gross",
        months=D(1),
        rate=D("0.70"),
    )
    assert line.amount == D("175.00") and "70%" in line.formula


def test_fixed_fees_per_unit_and_space():
    """BIL-01: 10 元/户·月 × 3 months = 30.00; a space 150 × 1 = 150.00."""
    assert engine.fixed_fee(price=D("10"), months=D(3)).amount == D("30.00")
    assert engine.fixed_fee(price=D("150"), months=D(1), what="车位").amount == D("150.00")


def test_metered_fee():
    """BIL-01: (1532.4 − 1320.0) × 1 × 0.538 = 114.2712 → 114.27; a ×40 meter: (12.5−10) × 40 × 0.6 = 60.00."""
    assert engine.metered_fee(
        previous=D("1320.0"), current=D("1532.4"), multiplier=D(1), price=D("0.538")
    ).amount == D("114.27")
    assert engine.metered_fee(
        previous=D("10"), current=D("12.5"), multiplier=D(40), price=D("0.6")
    ).amount == D("60.00")


@pytest.mark.parametrize(
    ("usage", "used_before", "expected"),
    [
        ("20", "0", "64.00"),  # 20 × 3.20
        ("216", "0", "691.20"),  # exactly the first ceiling
        ("217", "0", "695.50"),  # 216 × 3.20 + 1 × 4.30
        ("20", "210", "79.40"),  # annual: 6 × 3.20 + 14 × 4.30 = 19.20 + 60.20
        ("10", "300", "69.00"),  # all in the top tier
        ("100", "250", "560.00"),  # 50 × 4.30 + 50 × 6.90 = 215.00 + 345.00
    ],
)
def test_tier_boundaries(usage, used_before, expected):
    """BIL-01: tiered water price at the boundaries, monthly and with annual cumulative use."""
    amount, _pieces = engine.tiered_amount(D(usage), WATER_TIERS, already_used=D(used_before))
    assert q2(amount) == D(expected)


def test_tiered_fee_line_keeps_its_pieces():
    """BIL-01/BIL-02: the line records how the usage fell into tiers."""
    line = engine.tiered_fee(
        previous=D("100"),
        current=D("120"),
        multiplier=D(1),
        tiers=WATER_TIERS,
        basis="annual",
        used_this_year=D("210"),
    )
    assert line.amount == D("79.40") and line.quantity == D("20")
    assert [p["quantity"] for p in line.detail["tiers"]] == ["6", "14"]


@pytest.mark.parametrize(
    ("handover", "rule", "resident_months"),
    [
        (
            dt.date(2026, 10, 15),
            FeeStart.NEXT_MONTH,
            D(0),
        ),  # handed over this month: developer's month
        (dt.date(2026, 9, 30), FeeStart.NEXT_MONTH, D(1)),  # handed over last month: the owner pays
        (dt.date(2026, 11, 1), FeeStart.NEXT_MONTH, D(0)),  # not yet handed over
        (dt.date(2026, 10, 22), FeeStart.PRORATE_DAYS, D(10) / D(31)),  # 22–31 Oct: 10 of 31 days
        (dt.date(2026, 10, 1), FeeStart.PRORATE_DAYS, D(1)),
    ],
)
def test_fee_start_at_handover(handover, rule, resident_months):
    """BIL-03: default — the owner pays from the month after handover; alternative — by days."""
    fraction = engine.chargeable_fraction(
        period=dt.date(2026, 10, 1),
        months=1,
        handover=handover,
        rule=rule,
        payer_is_developer=False,
    )
    assert fraction == resident_months


def test_proration_worked_example():
    """BIL-03: handover on 22 Oct, 2.50 × 89.50 × 10/31 = 72.177… → 72.18."""
    fraction = engine.chargeable_fraction(
        period=dt.date(2026, 10, 1),
        months=1,
        handover=dt.date(2026, 10, 22),
        rule=FeeStart.PRORATE_DAYS,
        payer_is_developer=False,
    )
    line = engine.area_fee(
        price=D("2.50"), gross_area=D("89.50"), inner_area=D("70"), basis="gross", months=fraction
    )
    assert line.amount == D("72.18")


def test_quarter_with_handover_in_the_middle():
    """BIL-03: a quarter Oct–Dec, handover 5 Nov: the owner pays December only (next-month rule)."""
    resident = engine.chargeable_fraction(
        period=dt.date(2026, 10, 1),
        months=3,
        handover=dt.date(2026, 11, 5),
        rule=FeeStart.NEXT_MONTH,
        payer_is_developer=False,
    )
    assert resident == D(1)
    assert engine.developer_fraction(
        period=dt.date(2026, 10, 1),
        months=3,
        handover=dt.date(2026, 11, 5),
        rule=FeeStart.NEXT_MONTH,
    ) == D(2)


def test_shared_allocation_by_inner_area_sums_to_the_total():
    """BIL-01 (民法典 §283): 1,000.00 shared by inner areas 60/80/100 → 250.00 / 333.33 / 416.67."""
    lines = engine.shared_fees(
        total=D("1000.00"),
        units=[("a", D(60)), ("b", D(80)), ("c", D(100))],
        basis="inner_area",
        remainder="largest",
    )
    assert [f.amount for _u, f in lines] == [D("250.00"), D("333.33"), D("416.67")]
    assert sum(f.amount for _u, f in lines) == D("1000.00")


def test_shared_allocation_per_household_with_remainder_rule():
    """BIL-01: 100.00 among 3 households; the 尾差 goes to the first unit when so configured."""
    first = engine.shared_fees(
        total=D("100"),
        units=[("a", D(1)), ("b", D(1)), ("c", D(1))],
        basis="household",
        remainder="first",
    )
    last = engine.shared_fees(
        total=D("100"),
        units=[("a", D(1)), ("b", D(1)), ("c", D(1))],
        basis="household",
        remainder="last",
    )
    assert [f.amount for _u, f in first] == [D("33.34"), D("33.33"), D("33.33")]
    assert [f.amount for _u, f in last] == [D("33.33"), D("33.33"), D("33.34")]


def test_standard_in_effect_on_a_day():
    """BIL-02: the price in effect on the period's first day is the one used."""

    class S:
        def __init__(self, start, end):
            self.effective_from, self.effective_to = start, end

    old, new = S(dt.date(2020, 1, 1), dt.date(2026, 6, 30)), S(dt.date(2026, 7, 1), None)
    assert engine.standard_for([old, new], dt.date(2026, 6, 1)) is old
    assert engine.standard_for([old, new], dt.date(2026, 7, 1)) is new
    assert engine.standard_for([old, new], dt.date(2019, 12, 1)) is None


@given(
    usage=st.decimals(min_value=0, max_value=5000, places=2),
    before=st.decimals(min_value=0, max_value=5000, places=2),
)
def test_tiers_charge_every_unit_of_usage_exactly_once(usage, before):
    """BIL-01 property: the tier pieces add up to the usage, and splitting a month in two
    (annual tiers) costs the same as billing it at once."""
    amount, pieces = engine.tiered_amount(usage, WATER_TIERS, already_used=before)
    assert sum((D(p["quantity"]) for p in pieces), D(0)) == usage
    half = (usage / 2).quantize(D("0.01"))
    first, _ = engine.tiered_amount(half, WATER_TIERS, already_used=before)
    second, _ = engine.tiered_amount(usage - half, WATER_TIERS, already_used=before + half)
    assert first + second == amount


@given(
    areas=st.lists(
        st.decimals(min_value=D("20"), max_value=D("400"), places=2), min_size=1, max_size=50
    ),
    total=st.decimals(min_value=0, max_value=100000, places=2),
)
def test_shared_lines_always_sum_to_the_total(areas, total):
    """BIL-01 property: whatever the areas, a shared total is billed exactly, never a cent more or less."""
    lines = engine.shared_fees(
        total=total, units=list(enumerate(areas)), basis="inner_area", remainder="largest"
    )
    assert sum(f.amount for _u, f in lines) == q2(total)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (dt.date(2026, 11, 14), "0.00"),  # 30 days after the due date: still inside the grace days
        (dt.date(2026, 12, 14), "3.00"),  # 60 days − 30 grace = 30 × 0.5‰ × 200
        (dt.date(2046, 12, 14), "200.00"),  # never more than the principal
    ],
)
def test_late_fee_worked_examples(as_of, expected):
    """BIL-10: simple interest on unpaid principal only, after the grace days, capped at the principal."""
    fee = engine.late_fee(
        principal=D("200.00"),
        due=dt.date(2026, 10, 15),
        as_of=as_of,
        daily_permille=D("0.5"),
        grace_days=30,
    )
    assert fee == D(expected)
