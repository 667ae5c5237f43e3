"""Money helpers: rounding once, exact splits, amounts in Chinese capitals (BIL-01, BIL-11)."""

from decimal import Decimal

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
    """BIL-01: 100 shared by three is 33.34 + 33.33 + 33.33 (尾差 to the first/largest/last as chosen)."""
    assert split_exact(D("100"), [D(1)] * 3) == [D("33.34"), D("33.33"), D("33.33")]
    assert split_exact(D("100"), [D(1)] * 3, remainder="last") == [
        D("33.33"),
        D("33.33"),
        D("33.34"),
    ]
    assert split_exact(D("10"), [D(70), D(30), D("0.5")]) == [D("6.96"), D("2.99"), D("0.05")]


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
    # No part is more than a cent per part away from its exact share.
    weight_sum = sum(weights, D(0))
    for part, weight in zip(parts, weights, strict=True):
        assert abs(part - total * weight / weight_sum) <= D("0.01") * len(parts)
