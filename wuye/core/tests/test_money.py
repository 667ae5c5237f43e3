"""Money helpers: rounding once, exact splits, amounts in Chinese capitals (BIL-01, BIL-11)."""

import ast
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wuye.core.money import amount_in_words, q2, split_exact

D = Decimal


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("0", "人民币零元整"),
        ("0.05", "人民币伍分"),
        ("1", "人民币壹元整"),
        ("10.50", "人民币壹拾元伍角整"),
        ("100.05", "人民币壹佰元零伍分"),
        ("1005.30", "人民币壹仟零伍元叁角整"),
        ("10010", "人民币壹万零壹拾元整"),
        ("100000.01", "人民币壹拾万元零壹分"),
        ("123456789.12", "人民币壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分"),
        ("20000000", "人民币贰仟万元整"),
    ],
)
def test_amounts_in_chinese_capitals(value, words):
    """BIL-11: receipts show the amount in 大写 as banks and cashiers write it."""
    assert amount_in_words(D(value)) == words


def test_rounding_is_half_up_once():
    """BIL-01: 0.005 rounds up to 0.01 (not banker's rounding)."""
    assert (
        q2(D("0.005")) == D("0.01")
        and q2(D("2.345")) == D("2.35")
        and q2(D("-0.005")) == D("-0.01")
    )


def test_split_gives_the_remainder_by_the_stated_rule():
    """BIL-01: 100 shared by three is 33.34 + 33.33 + 33.33; equal remainders go by the rule
    (largest/first: the first unit, last: the last unit)."""
    assert split_exact(D("100"), [D(1)] * 3) == [D("33.34"), D("33.33"), D("33.33")]
    assert split_exact(D("100"), [D(1)] * 3, remainder="first") == [
        D("33.34"),
        D("33.33"),
        D("33.33"),
    ]
    assert split_exact(D("100"), [D(1)] * 3, remainder="last") == [
        D("33.33"),
        D("33.33"),
        D("33.34"),
    ]


def test_split_gives_leftover_cents_to_the_largest_remainders():
    """BIL-01: 10.00 by 70 / 30 / 0.5 — exact 6.9652 / 2.9851 / 0.0498: rounded down 6.96 /
    2.98 / 0.04 leaves two cents, which go to the largest remainders (0.0098 and 0.0052):
    6.97 / 2.98 / 0.05 — every part within a cent of its exact share."""
    assert split_exact(D("10"), [D(70), D(30), D("0.5")]) == [D("6.97"), D("2.98"), D("0.05")]


def test_split_4_50_among_96_households_worked_example():
    """BIL-01 worked example: 4.50 shared equally by 96 households. The exact share is
    0.046875; rounded down 96 × 0.04 = 3.84 leaves 66 fen, one each to 66 households (the
    first 66 in unit order): 66 × 0.05 + 30 × 0.04 = 3.30 + 1.20 = 4.50. Before, one household
    carried the whole difference: 95 × 0.05 and one −0.25."""
    parts = split_exact(D("4.50"), [D(1)] * 96, remainder="first")
    assert parts == [D("0.05")] * 66 + [D("0.04")] * 30
    assert sum(parts, D(0)) == D("4.50")
    last = split_exact(D("4.50"), [D(1)] * 96, remainder="last")
    assert last == [D("0.04")] * 30 + [D("0.05")] * 66
    assert min(split_exact(D("4.50"), [D(1)] * 96)) == D("0.04")  # never negative


def test_split_ties_by_largest_prefer_the_larger_weight():
    """BIL-01: 0.03 by 2 / 1 / 1 / 2 (exact 0.01, 0.005, 0.005, 0.01): floors 0.01, 0, 0, 0.01
    leave one cent; the two 0.005 tie, and `largest` gives it to the first of equal weight;
    with weights 1 / 3 / 1 / 3 on 0.04 the tie is between the larger shares."""
    assert split_exact(D("0.03"), [D(2), D(1), D(1), D(2)]) == [
        D("0.01"),
        D("0.01"),
        D("0"),
        D("0.01"),
    ]
    assert split_exact(D("0.03"), [D(2), D(1), D(1), D(2)], remainder="last") == [
        D("0.01"),
        D("0"),
        D("0.01"),
        D("0.01"),
    ]
    # 0.05 by 1 / 3 / 1 / 3 (exact 0.00625 / 0.01875 ×2): floors 0, 0.01, 0, 0.01 leave three
    # cents; remainders 0.625 / 0.875 / 0.625 / 0.875 (in cents): the two 0.875 first, then the
    # 0.625 tie goes to the first (equal weights).
    assert split_exact(D("0.05"), [D(1), D(3), D(1), D(3)]) == [
        D("0.01"),
        D("0.02"),
        D("0"),
        D("0.02"),
    ]


def test_split_with_zero_weights():
    """BIL-01: a zero weight gets nothing; when every weight is zero the total is shared
    equally (nobody has a larger claim) instead of failing."""
    assert split_exact(D("1.00"), [D(0), D(1), D(0), D(1)]) == [
        D("0"),
        D("0.50"),
        D("0"),
        D("0.50"),
    ]
    assert split_exact(D("1.00"), [D(0)] * 3) == [D("0.34"), D("0.33"), D("0.33")]
    assert split_exact(D("0"), []) == []
    with pytest.raises(ValueError):
        split_exact(D("1"), [])
    with pytest.raises(ValueError):
        split_exact(D("1"), [D(1), D(-1)])


def test_split_of_a_negative_total_mirrors_the_positive_one():
    """BIL-01: a credit shared (−1.00 by three) is the opposite of the charge: −0.34, −0.33, −0.33."""
    assert split_exact(D("-1"), [D(1)] * 3) == [D("-0.34"), D("-0.33"), D("-0.33")]


@given(
    total=st.decimals(min_value=0, max_value=10_000_000, places=2),
    weights=st.lists(
        st.decimals(min_value=D("0.01"), max_value=100_000, places=2), min_size=1, max_size=60
    ),
    rule=st.sampled_from(["largest", "first", "last"]),
)
def test_splits_always_sum_exactly_to_the_total(total, weights, rule):
    """BIL-01 property: whatever the weights, the parts add up to the total to the cent."""
    parts = split_exact(total, weights, remainder=rule)
    assert sum(parts, D(0)) == q2(total)
    assert all(p == q2(p) for p in parts)


@given(
    cents=st.integers(min_value=0, max_value=10**12),
    weights=st.lists(
        st.one_of(
            st.just(D(0)),
            st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False),
            st.integers(min_value=0, max_value=10**9).map(D),
        ),
        min_size=1,
        max_size=80,
    ),
    rule=st.sampled_from(["largest", "first", "last"]),
)
def test_largest_remainder_split_properties(cents, weights, rule):
    """BIL-01 property (尾差): for any total ≥ 0 and weights ≥ 0 (zeros allowed), every part is
    ≥ 0 and less than 0.01 from its exact share, the parts sum exactly to the total, and the
    same input gives the same parts."""
    total = D(cents) / 100
    parts = split_exact(total, weights, remainder=rule)
    assert len(parts) == len(weights)
    assert sum(parts, D(0)) == total
    assert all(part >= 0 and part == q2(part) for part in parts)
    weight_sum = sum(weights, D(0))
    shares = weights if weight_sum else [D(1)] * len(weights)
    share_sum = weight_sum or D(len(weights))
    for part, weight in zip(parts, shares, strict=True):
        exact = Fraction(cents, 100) * Fraction(weight) / Fraction(share_sum)
        assert abs(Fraction(part) - exact) < Fraction(1, 100)
    assert split_exact(total, list(weights), remainder=rule) == parts


# --- Rounding is always named (DESIGN: ROUND_HALF_UP once per line) -------------------------------

ROOT = Path(__file__).resolve().parents[3]


def _quantize_calls_without_rounding(path: Path) -> list[int]:
    """Lines of `.quantize(…)` calls in a file that do not say how to round: neither a
    `rounding=` keyword nor a second positional argument. The Decimal context's default is
    banker's rounding (ROUND_HALF_EVEN): 3.125 would become 3.12."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "quantize"
        and len(node.args) < 2
        and not any(keyword.arg == "rounding" for keyword in node.keywords)
    ]


def test_the_scanner_counts_multi_line_calls(tmp_path):
    """BIL-01: the scan reads the syntax tree, so a call spread over lines still counts, and a
    rounding given by keyword or by position is accepted."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "x = (a * b).quantize(\n    CENT,\n)\n"
        "y = a.quantize(\n    CENT,\n    rounding=ROUND_HALF_UP,\n)\n"
        "z = a.quantize(CENT, ROUND_DOWN)\n",
        encoding="utf-8",
    )
    assert _quantize_calls_without_rounding(sample) == [1]


def test_every_quantize_names_its_rounding():
    """BIL-01 (DESIGN money): every `.quantize(` under wuye/ and bench/ (migrations aside) says
    how it rounds — ROUND_HALF_UP, or ROUND_DOWN where a split rounds down on purpose."""
    offenders = []
    for folder in ("wuye", "bench"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            offenders += [
                f"{path.relative_to(ROOT)}:{line}"
                for line in _quantize_calls_without_rounding(path)
            ]
    assert not offenders, offenders
