"""BIL-01..03: the fee engine on hand-computed worked examples, and its properties."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wuye.billing import engine, latefees
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
    half = (usage / 2).quantize(D("0.01"), rounding=ROUND_HALF_UP)
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
    parts = latefees.segments(
        principal=D("200.00"),
        events=[],
        first_day=dt.date(2026, 10, 15) + dt.timedelta(days=31),
        last_day=as_of,
        rate=D("0.5"),
    )
    assert latefees.late_fee_due(parts, cap=D("200.00")) == D(expected)


# --- Formulas an owner can check (issue 9) ---------------------------------------------------------

OCT = dt.date(2026, 10, 1)


def test_prorated_month_shows_days_not_a_long_decimal():
    """BIL-03 worked example: handed over on 22 Oct (prorate rule): the owner pays 10 of
    October's 31 days, 2.50 × 89.50 × 10/31 = 72.177… → 72.18; the developer the other 21
    days, 223.75 × 21/31 = 151.572… → 151.57; together the month's 223.75."""
    resident = engine.chargeable_fraction(
        period=OCT,
        months=1,
        handover=dt.date(2026, 10, 22),
        rule=FeeStart.PRORATE_DAYS,
        payer_is_developer=False,
    )
    developer = Decimal(1) - resident  # how the billing service computes the developer's part
    owner_line = engine.area_fee(
        price=D("2.5000"), gross_area=D("89.50"), inner_area=D("70"), basis="gross", months=resident
    )
    developer_line = engine.area_fee(
        price=D("2.5000"),
        gross_area=D("89.50"),
        inner_area=D("70"),
        basis="gross",
        months=developer,
    )
    assert owner_line.formula == "2.50 元/㎡·月 × 建筑面积 89.50 ㎡ × 10/31 月（31 天中计 10 天）"
    assert (
        developer_line.formula == "2.50 元/㎡·月 × 建筑面积 89.50 ㎡ × 21/31 月（31 天中计 21 天）"
    )
    assert owner_line.amount == D("72.18") and developer_line.amount == D("151.57")
    assert resident == D(10) / D(31) and developer == D(21) / D(31)


def test_vacant_unit_formula_shows_the_vacancy_rate():
    """BIL-05 worked example: a vacant unit at the 70 % vacancy rate, 2.50 × 100.00 ㎡ × 1 月 ×
    70% = 175.00; whole months are integers and the price has two decimals."""
    line = engine.area_fee(
        price=D("2.5000"),
        gross_area=D("100.00"),
        inner_area=D("80.00"),
        basis="gross",
        months=D(1),
        rate=D("0.70"),
    )
    assert line.formula == "2.50 元/㎡·月 × 建筑面积 100.00 ㎡ × 1 月 × 70%（空置房）"
    assert line.amount == D("175.00")


def test_quarter_formulas_whole_and_with_a_handover():
    """BIL-03 worked example, a quarter Oct–Dec: 10.00 元/户·月 × 3 月 = 30.00; handed over on
    5 Nov with proration, the owner pays December and 26 of November's 30 days:
    223.75 × (1 + 26/30) = 417.666… → 417.67, the developer October and 4 days:
    223.75 × (1 + 4/30) = 253.583… → 253.58; 417.67 + 253.58 = 671.25 = 3 × 223.75."""
    fixed = engine.fixed_fee(price=D("10.0000"), months=D(3))
    assert fixed.formula == "10.00 元/户·月 × 3 月" and fixed.amount == D("30.00")
    resident = engine.chargeable_fraction(
        period=OCT,
        months=3,
        handover=dt.date(2026, 11, 5),
        rule=FeeStart.PRORATE_DAYS,
        payer_is_developer=False,
    )
    developer = Decimal(3) - resident
    owner_line = engine.area_fee(
        price=D("2.50"), gross_area=D("89.50"), inner_area=D("70"), basis="gross", months=resident
    )
    developer_line = engine.area_fee(
        price=D("2.50"), gross_area=D("89.50"), inner_area=D("70"), basis="gross", months=developer
    )
    assert owner_line.formula.endswith("× (1 + 26/30) 月（30 天中计 26 天）")
    assert developer_line.formula.endswith("× (1 + 4/30) 月（30 天中计 4 天）")
    assert (owner_line.amount, developer_line.amount) == (D("417.67"), D("253.58"))
    assert owner_line.amount + developer_line.amount == D("671.25")


def test_months_text_for_plain_numbers():
    """BIL-03: months given as a plain number still read as a person writes them."""
    assert engine.months_text(D(3)) == "3 月"
    assert engine.months_text(D("3.000000")) == "3 月"
    assert engine.months_text(D("0.5")) == "0.5 月"
    assert engine.months_text(D(10) / D(31)) == "10/31 月"
    assert engine.months_text(D(1) + D(26) / D(30)) == "(1 + 13/15) 月"
    assert engine.developer_fraction(period=OCT, months=1, handover=None, rule="prorate") == 1


@given(
    months=st.integers(min_value=1, max_value=12),
    start=st.integers(min_value=0, max_value=11),
    offset=st.integers(min_value=-40, max_value=400),
)
def test_resident_and_developer_months_always_make_the_period(months, start, offset):
    """BIL-03/BIL-05 property: whatever the handover day, the resident's and the developer's
    months add up to the period, and each formula shows whole months and day counts only."""
    period = engine.add_months(OCT, start)
    handover = period + dt.timedelta(days=offset)
    resident = engine.chargeable_fraction(
        period=period,
        months=months,
        handover=handover,
        rule=FeeStart.PRORATE_DAYS,
        payer_is_developer=False,
    )
    developer = Decimal(months) - resident
    assert abs(resident + developer - months) < D("1e-20")
    for part in (resident, developer):
        text = engine.months_text(part)
        assert len(text) < 40 and "0000" not in text


def test_shared_formula_names_the_rounding_difference():
    """BIL-01 worked example: 4.50 among 96 households — 66 lines say they include the 0.01
    尾差; the tie rule `first` gives those cents to the first 66 units in order."""
    lines = engine.shared_fees(
        total=D("4.50"), units=[(n, D(1)) for n in range(96)], basis="household", remainder="first"
    )
    amounts = [f.amount for _u, f in lines]
    assert amounts == [D("0.05")] * 66 + [D("0.04")] * 30
    assert lines[0][1].formula == "公摊总额 4.50 元 ÷ 96 户（含尾差 0.01 元）"
    assert lines[-1][1].formula == "公摊总额 4.50 元 ÷ 96 户"
    assert lines[0][1].detail["remainder_rule"] == "first"


@given(
    areas=st.lists(
        st.decimals(min_value=D("0"), max_value=D("400"), places=2), min_size=1, max_size=60
    ),
    cents=st.integers(min_value=0, max_value=10**9),
    rule=st.sampled_from(["largest", "first", "last"]),
)
def test_shared_lines_are_never_negative_and_within_a_cent(areas, cents, rule):
    """BIL-01 property (尾差): every shared line is ≥ 0, less than 0.01 from its exact share, and
    the lines add up to the total."""
    total = D(cents) / 100
    lines = engine.shared_fees(
        total=total, units=list(enumerate(areas)), basis="inner_area", remainder=rule
    )
    area_sum = sum(areas, D(0))
    assert sum(f.amount for _u, f in lines) == total
    for index, figures in lines:
        exact = total * areas[index] / area_sum if area_sum else total / len(areas)
        assert figures.amount >= 0 and abs(figures.amount - exact) < D("0.01")


@given(
    hundredths=st.integers(min_value=0, max_value=10**10 - 1),
    price=st.decimals(min_value=0, max_value=99999, places=4),
    months=st.sampled_from([D(1), D(2), D(3), D(6), D(12), D("0.5")]),
    rate=st.sampled_from([D(1), D("0.7"), D("0.55"), D("0.333"), D(0)]),
)
def test_area_fee_in_whole_fen_equals_the_engine(hundredths, price, months, rate):
    """BIL-01, BIL-03: a run's area lines are worked out by the database in whole numbers —
    (hundredths of a ㎡ × multiplier + divisor ÷ 2) ÷ divisor fen — and that is the engine's
    amount, half up, for any area and price; figures too long for 64 bits are left to the
    engine (None)."""
    area = D(hundredths).scaleb(-2)
    parts = engine.area_fee_parts(price=price, basis="gross", months=months, rate=rate)
    line = engine.area_fee_by(price=price, basis="gross", months=months, rate=rate)(area)
    if parts.cents is None:  # too long for 64 bits: the engine bills it
        assert price * months * rate > 1
        return
    multiplier, divisor = parts.cents
    assert (10**10 - 1) * multiplier + divisor < 2**63
    assert D((hundredths * multiplier + divisor // 2) // divisor).scaleb(-2) == line.amount


def test_area_fee_parts_give_the_lines_texts():
    """BIL-01: the formula and the detail's JSON a run writes around each unit's area are the
    engine's own, for every basis, part month and vacancy rate."""
    import json

    for basis, months, rate in (
        ("gross", D(1), D(1)),
        ("inner", D(3), D("0.7")),
        ("gross", engine.Months(0, [(10, 31)]), D(1)),
    ):
        parts = engine.area_fee_parts(price=D("2.5"), basis=basis, months=months, rate=rate)
        line = engine.area_fee_by(price=D("2.5"), basis=basis, months=months, rate=rate)(D("89.50"))
        assert parts.formula_head + "89.50" + parts.formula_tail == line.formula
        assert parts.detail_head + "89.50" + parts.detail_tail == line.detail_json
        assert json.loads(line.detail_json) == line.detail
    # A part month's long factor is not worked in whole numbers: the engine bills it.
    assert (
        engine.area_fee_parts(
            price=D("2.5"), basis="gross", months=engine.Months(0, [(10, 31)])
        ).cents
        is None
    )
