"""Money exact to the fen (issue 9): shared costs split by largest remainder in natural unit
order (BIL-01), late fees accrued day by day on the principal outstanding (BIL-10), rates
rounded half up (BIL-15) — each on hand-computed worked examples and properties."""

import datetime as dt
import html
import uuid
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from wuye.billing import latefees, reports
from wuye.billing.choices import REMAINDER_RULE_HELP, RemainderRule
from wuye.billing.latefees import Segment
from wuye.billing.models import Bill, BillingPolicy, BillLine, MeterReading
from wuye.billing.services.approvals import decide_waiver, request_waiver
from wuye.billing.services.counter import collect_payment, void_payment
from wuye.billing.services.runs import confirm_run, preview_run
from wuye.billing.tests.factories import (
    AllocationFactory,
    BillFactory,
    BillLineFactory,
    FeeItemFactory,
    FeeStandardFactory,
    PaymentFactory,
)
from wuye.estate.models import Meter, Unit, natural_unit_order
from wuye.estate.tests.factories import BuildingFactory, UnitFactory

D = Decimal
SHANGHAI = ZoneInfo("Asia/Shanghai")
OCT = dt.date(2026, 10, 1)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """run(community, items) → the finished run of October: preview, confirm, task."""

    def execute(community, items):
        with django_capture_on_commit_callbacks(execute=True):
            preview = preview_run(
                community=community, period=OCT, months=1, fee_items=items, actor=None
            )
            confirm_run(preview, actor=None)
        preview.refresh_from_db()
        return preview

    return execute


def on(day: dt.date, hour: int = 10):
    """The clock at `day`, `hour` o'clock in Shanghai."""
    return time_machine.travel(
        dt.datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI), tick=False
    )


# --- Natural unit order (101, 102 … 1001) --------------------------------------------------------


@pytest.mark.django_db
def test_units_sort_as_numbers_not_as_text(community_a):
    """BIL-01: the shared-cost tie-break counts units in natural order: 2栋 before 10栋, then
    101, 102, 201 … 1001 and S1, S2, S10 — the unit number is text, so text order would put
    1001 before 101 and S10 before S2."""
    tower = BuildingFactory(community=community_a, number="2")
    later = BuildingFactory(community=community_a, number="10")
    shops = BuildingFactory(community=community_a, number="S")
    for building, entrance, number, floor in [
        (later, 1, "101", 1),
        (tower, 1, "1001", 10),
        (tower, 1, "201", 2),
        (tower, 1, "102", 1),
        (tower, 1, "101", 1),
        (shops, 0, "S10", 1),
        (shops, 0, "S2", 1),
        (shops, 0, "S1", 1),
    ]:
        UnitFactory(
            community=community_a,
            building=building,
            entrance=entrance,
            number=number,
            floor=floor,
        )
    units = Unit.objects.filter(community=community_a)
    natural = [u.code for u in units.order_by(*natural_unit_order())]
    assert natural == [
        "2-1-101",
        "2-1-102",
        "2-1-201",
        "2-1-1001",
        "10-1-101",
        "S-0-S1",
        "S-0-S2",
        "S-0-S10",
    ]
    as_text = [u.code for u in units.order_by("building__sort_key", "building__number", "number")]
    assert as_text.index("2-1-1001") < as_text.index("2-1-101")  # what text order does
    meters = [
        Meter.objects.create(community=community_a, unit=u, kind="water", serial=f"W{u.code}")
        for u in units
    ]
    assert [
        m.unit.code
        for m in Meter.objects.filter(pk__in=[m.pk for m in meters]).order_by(
            *natural_unit_order("unit__")
        )
    ] == natural


def _shared_item(community, building, *, total_kwh, price, rule, basis="household"):
    public = Meter.objects.create(
        community=community, kind="electricity", scope="community", serial="E-PUBLIC"
    )
    MeterReading.objects.create(
        community=community,
        meter=public,
        period=OCT,
        previous_reading=D("0"),
        current_reading=D(total_kwh),
        read_on=OCT,
    )
    item = FeeItemFactory(
        community=community,
        code="GTD",
        calculation="shared",
        shared_meter=public,
        share_basis=basis,
        remainder_rule=rule,
    )
    FeeStandardFactory(community=community, fee_item=item, unit_price=D(price))
    return item


@pytest.mark.django_db
def test_billing_run_shares_4_50_among_96_households_without_a_negative_line(community_a, run):
    """BIL-01 worked example through a billing run: 45 kWh × 0.10 = 4.50 shared by 96
    households. 96 × 0.04 = 3.84 leaves 66 fen: the first 66 units get 0.05, the other 30 get
    0.04 (before: 95 × 0.05 and one −0.25)."""
    building = BuildingFactory(community=community_a, number="7")
    for n in range(96):
        UnitFactory(
            community=community_a,
            building=building,
            entrance=1,
            number=f"{1001 + n}",
            floor=10,
            status="occupied",
            handover_date=dt.date(2020, 1, 1),
        )
    item = _shared_item(community_a, building, total_kwh="45", price="0.10", rule="first")
    done = run(community_a, [item])
    amounts = dict(
        BillLine.objects.filter(bill__run=done).values_list("bill__unit__number", "amount")
    )
    assert sorted(amounts.values()) == [D("0.04")] * 30 + [D("0.05")] * 66
    assert all(amounts[f"{1001 + n}"] == D("0.05") for n in range(66))
    assert done.total_amount == D("4.50")


@pytest.mark.django_db
def test_billing_run_tie_break_counts_units_in_natural_order(community_a, run):
    """BIL-01: 1.00 shared by 101, 201 and 1001 is 0.33 each plus one fen; with the rule
    “lower unit number first” that fen goes to 101, not to 1001 (which text order puts first)."""
    building = BuildingFactory(community=community_a, number="8")
    for number, floor in (("1001", 10), ("201", 2), ("101", 1)):
        UnitFactory(
            community=community_a,
            building=building,
            entrance=1,
            number=number,
            floor=floor,
            status="occupied",
            handover_date=dt.date(2020, 1, 1),
        )
    item = _shared_item(community_a, building, total_kwh="10", price="0.10", rule="first")
    done = run(community_a, [item])
    amounts = dict(
        BillLine.objects.filter(bill__run=done).values_list("bill__unit__number", "amount")
    )
    assert amounts == {"101": D("0.34"), "201": D("0.33"), "1001": D("0.33")}


@pytest.mark.django_db
def test_fee_item_page_states_the_remainder_rule(community_a, mgr_a, login):
    """BIL-01: a shared fee item's page says in plain words how the 尾差 is handled and which
    tie rule the item uses."""
    item = FeeItemFactory(community=community_a, calculation="shared", remainder_rule="last")
    body = html.unescape(
        login(mgr_a).get(reverse("billing:feeitem_detail", args=[item.pk])).content.decode()
    )
    with translation.override("zh-hans"):
        assert 'id="remainder-rule"' in body
        assert str(REMAINDER_RULE_HELP) in body
        assert str(RemainderRule.LAST.label) in body
    plain = FeeItemFactory(community=community_a, calculation="area")
    body = login(mgr_a).get(reverse("billing:feeitem_detail", args=[plain.pk])).content.decode()
    assert 'id="remainder-rule"' not in body


# --- Collection rate rounding (BIL-15) ----------------------------------------------------------


def test_rates_round_half_up():
    """BIL-15: 1 of 32 is 3.125 % → 3.13 % (the default banker's rounding said 3.12)."""
    assert reports._rate(D("1.00"), D("32.00")) == D("3.13")
    assert reports._rate(D("1"), D("8")) == D("12.50")
    assert reports._rate(D("1"), D("0")) is None


@pytest.mark.django_db
def test_collection_rate_of_3_125_percent_shows_3_13(community_a, csh_a):
    """BIL-15 worked example: a 32.00 October bill of which 1.00 is paid in October: the
    当期收缴率 is 1 / 32 = 3.125 % → 3.13 %."""
    home = UnitFactory(community=community_a)
    bill = BillFactory(community=community_a, unit=home, total=D("32.00"))
    BillLineFactory(community=community_a, bill=bill, amount=D("32.00"), billing_key="rate-test")
    with on(dt.date(2026, 10, 20)):
        collect_payment(
            unit=home,
            amount=D("1.00"),
            channel="cash",
            cashier=csh_a,
            idempotency_key=uuid.uuid4().hex,
        )
    [row] = reports.collection_rates(community_a, OCT)
    assert (row["receivable"], row["collected"]) == (D("32.00"), D("1.00"))
    assert row["collection_rate"] == D("3.13")


# --- Late fees: the arithmetic (BIL-10) -----------------------------------------------------------

NOV_15 = dt.date(2026, 11, 15)  # due 15 Oct + 30 grace days: the first day counted


def test_late_fee_segments_worked_example():
    """BIL-10 worked example: 300.00 owed from 15 Nov; 200.00 paid on 24 Nov (that day still
    counts at 300.00), 0.5‰ a day until 29 Nov: 300.00 × 0.5‰ × 10 days + 100.00 × 0.5‰ × 5
    days = 1.50 + 0.25 = 1.75."""
    parts = latefees.segments(
        principal=D("300.00"),
        events=[(dt.date(2026, 11, 24), D("-200.00"))],
        first_day=NOV_15,
        last_day=dt.date(2026, 11, 29),
        rate=D("0.5"),
    )
    assert [(s.start.day, s.end.day, s.days, s.balance) for s in parts] == [
        (15, 24, 10, D("300.00")),
        (25, 29, 5, D("100.00")),
    ]
    assert latefees.late_fee_due(parts, cap=D("300.00")) == D("1.75")
    with translation.override("en"):
        text = latefees.formula(parts, total=D("1.75"), charged=D(0), capped=False, cap=D(300))
    assert text == (
        "Late fee 2026-11-15 to 2026-11-29: 300.00 × 0.5‰ × 10 days + 100.00 × 0.5‰ × 5 days"
    )


def test_late_fee_segments_of_a_void_and_a_rate_charged_before():
    """BIL-10: paid in full on 20 Nov, the payment voided on 30 Nov: nothing is owed 21–30 Nov
    (no segment), 400.00 again from 1 Dec; days charged before at 1‰ keep that rate."""
    parts = latefees.segments(
        principal=D("400.00"),
        events=[(dt.date(2026, 11, 20), D("-400.00")), (dt.date(2026, 11, 30), D("400.00"))],
        first_day=NOV_15,
        last_day=dt.date(2026, 12, 14),
        rate=D("0.5"),
        earlier_rates=[(dt.date(2026, 12, 4), D("1"))],
    )
    assert [(s.start, s.end, s.balance, s.rate) for s in parts] == [
        (NOV_15, dt.date(2026, 11, 20), D("400.00"), D("1")),
        (dt.date(2026, 12, 1), dt.date(2026, 12, 4), D("400.00"), D("1")),
        (dt.date(2026, 12, 5), dt.date(2026, 12, 14), D("400.00"), D("0.5")),
    ]
    # 400 × 1‰ × 6 + 400 × 1‰ × 4 + 400 × 0.5‰ × 10 = 2.40 + 1.60 + 2.00
    assert latefees.late_fee_due(parts, cap=D("400")) == D("6.00")


def _naive(principal, events, first_day, last_day, rate, earlier_rates):
    """Day by day: the balance at the start of each day (events count from the next day)."""
    total = D(0)
    day = first_day
    while day <= last_day:
        balance = max(principal + sum((c for d, c in events if d < day), D(0)), D(0))
        day_rate = next((r for end, r in sorted(earlier_rates) if day <= end), rate)
        total += balance * day_rate / 1000
        day += dt.timedelta(days=1)
    return total


money = st.integers(min_value=-50_000_00, max_value=50_000_00).map(lambda c: D(c) / 100)
days = st.integers(min_value=-20, max_value=120).map(lambda n: NOV_15 + dt.timedelta(days=n))
rates = st.decimals(min_value=D("0"), max_value=D("10"), places=3)


@given(
    principal=st.integers(min_value=0, max_value=10_000_000_00).map(lambda c: D(c) / 100),
    events=st.lists(st.tuples(days, money), max_size=12),
    length=st.integers(min_value=-3, max_value=100),
    rate=rates,
    earlier=st.lists(st.tuples(days, rates), max_size=4, unique_by=lambda pair: pair[0]),
)
def test_segments_add_up_to_the_naive_daily_accrual(principal, events, length, rate, earlier):
    """BIL-10 property: Σ segment balance × rate × days equals adding up every day's interest on
    that day's balance, whatever the payments, voids, waivers and earlier rates."""
    last_day = NOV_15 + dt.timedelta(days=length)
    parts = latefees.segments(
        principal=principal,
        events=events,
        first_day=NOV_15,
        last_day=last_day,
        rate=rate,
        earlier_rates=earlier,
    )
    assert sum((s.interest for s in parts), D(0)) == _naive(
        principal, events, NOV_15, last_day, rate, earlier
    )
    assert all(s.balance > 0 and s.days > 0 for s in parts)
    assert all(a.end < b.start for a, b in zip(parts, parts[1:], strict=False))


@given(
    balances=st.lists(money.map(abs), min_size=1, max_size=8),
    cap=money.map(abs),
    length=st.integers(min_value=1, max_value=4000),
)
def test_late_fee_never_exceeds_the_cap(balances, cap, length):
    """BIL-10 property: however long and large, the late fee is between 0 and the principal."""
    parts = [
        Segment(NOV_15, NOV_15 + dt.timedelta(days=length), balance, D("0.5"))
        for balance in balances
    ]
    due = latefees.late_fee_due(parts, cap=cap)
    assert D(0) <= due <= cap


def test_a_long_formula_is_cut_to_the_field_and_says_what_is_left_out():
    """BIL-10: 80 segments do not fit in the 300 characters of a line's formula: the first
    ones are shown and the rest counted (every segment stays in the line's detail)."""
    parts = [
        Segment(
            NOV_15 + dt.timedelta(days=2 * n),
            NOV_15 + dt.timedelta(days=2 * n),
            D(1000 - n),
            D("0.5"),
        )
        for n in range(80)
    ]
    with translation.override("en"):
        text = latefees.formula(
            parts, total=D("38.00"), charged=D("12.00"), capped=True, cap=D(1000)
        )
    assert len(text) <= 300
    assert text.startswith("Late fee 2026-11-15 to 2027-04-22: 1000.00 × 0.5‰ × 1 days")
    assert "more periods" in text and text.endswith("(capped at the principal 1000.00)")


# --- Late fees on bills (BIL-10) ------------------------------------------------------------------


@pytest.fixture
def overdue(community_a):
    """A 400.00 October bill due 15 Oct; late fees on at 0.5‰ a day after 30 grace days."""
    BillingPolicy.objects.create(
        community=community_a,
        late_fee_enabled=True,
        late_fee_daily_rate=D("0.5"),
        late_fee_grace_days=30,
    )
    home = UnitFactory(community=community_a)
    bill = BillFactory(community=community_a, unit=home, total=D("400.00"))
    BillLineFactory(
        community=community_a, bill=bill, amount=D("400.00"), billing_key="principal-line"
    )
    return bill


def pay(bill, cashier, amount, day):
    with on(day):
        return collect_payment(
            unit=bill.unit,
            amount=D(amount),
            channel="cash",
            cashier=cashier,
            idempotency_key=uuid.uuid4().hex,
        )


def charge(community, day, actor):
    with translation.override("en"):
        return latefees.charge_late_fees(community, as_of=day, actor=actor)


def late_lines(bill):
    return list(BillLine.objects.filter(bill=bill, billing_key__startswith="late").order_by("pk"))


@pytest.mark.django_db
def test_late_fee_after_a_part_payment_keeps_accruing_on_the_rest(
    community_a, overdue, csh_a, mgr_a
):
    """BIL-10 worked example: 300.00 of 400.00 paid on 24 Nov. 15–24 Nov at 400.00 and 25 Nov –
    14 Dec at 100.00: 400.00 × 0.5‰ × 10 + 100.00 × 0.5‰ × 20 = 2.00 + 1.00 = 3.00 (before: the
    whole 30 days at 100.00 = 1.50, the interest accrued before the payment was lost). Ten
    days more add 100.00 × 0.5‰ × 10 = 0.50 as a second line; the same day again adds nothing."""
    pay(overdue, csh_a, "300.00", dt.date(2026, 11, 24))
    assert charge(community_a, dt.date(2026, 12, 14), mgr_a) == 1
    [first] = late_lines(overdue)
    assert first.amount == D("3.00")
    assert first.formula == (
        "Late fee 2026-11-15 to 2026-12-14: 400.00 × 0.5‰ × 10 days + 100.00 × 0.5‰ × 20 days"
    )
    assert [(s["from"], s["to"], s["balance"]) for s in first.detail["segments"]] == [
        ("2026-11-15", "2026-11-24", "400.00"),
        ("2026-11-25", "2026-12-14", "100.00"),
    ]
    assert charge(community_a, dt.date(2026, 12, 24), mgr_a) == 1
    assert charge(community_a, dt.date(2026, 12, 24), mgr_a) == 0
    first, second = late_lines(overdue)
    assert second.amount == D("0.50") and second.quantity == D(10)
    assert second.formula == (
        "Late fee 2026-12-15 to 2026-12-24: 100.00 × 0.5‰ × 10 days; "
        "accrued 3.50 less 3.00 charged before"
    )
    overdue.refresh_from_db()
    assert overdue.total == D("403.50")


@pytest.mark.django_db
def test_late_fee_of_a_payment_then_its_void(community_a, overdue, csh_a, make_staff, mgr_a):
    """BIL-10 worked example: 400.00 paid on 20 Nov, the payment voided on 30 Nov: 15–20 Nov at
    400.00 (6 days × 0.20 = 1.20; the day of payment counts), nothing 21–30 Nov, 400.00 again
    from 1 Dec (14 days × 0.20 = 2.80): 4.00 (before: 30 days at 400.00 = 6.00)."""
    fin = make_staff(community_a, "FIN")
    payment = pay(overdue, csh_a, "400.00", dt.date(2026, 11, 20))
    with on(dt.date(2026, 11, 30)):
        void_payment(payment, reason="银行退票", actor=fin)
    assert charge(community_a, dt.date(2026, 12, 14), mgr_a) == 1
    [line] = late_lines(overdue)
    assert line.amount == D("4.00")
    assert [(s["from"], s["to"], s["days"]) for s in line.detail["segments"]] == [
        ("2026-11-15", "2026-11-20", 6),
        ("2026-12-01", "2026-12-14", 14),
    ]


@pytest.mark.django_db
def test_late_fee_after_a_waiver_and_the_cap(community_a, overdue, csh_a, mgr_a):
    """BIL-10 worked example: 100.00 waived, approved on 24 Nov: 400.00 × 0.5‰ × 10 +
    300.00 × 0.5‰ × 20 = 2.00 + 3.00 = 5.00 (before: 300.00 for all 30 days = 4.50). Years
    later the late fee stops at the principal left after the waiver: 300.00 in all."""
    [line] = overdue.lines.all()
    with on(dt.date(2026, 11, 20)):
        waiver = request_waiver(line=line, amount=D("100"), reason="停水", actor=csh_a)
    with on(dt.date(2026, 11, 24)):
        decide_waiver(waiver, approve=True, actor=mgr_a)
    charge(community_a, dt.date(2026, 12, 14), mgr_a)
    assert [late.amount for late in late_lines(overdue)] == [D("5.00")]
    charge(community_a, dt.date(2046, 12, 14), mgr_a)
    first, last = late_lines(overdue)
    assert first.amount + last.amount == D("300.00")
    assert last.formula.endswith("(capped at the principal 300.00)")
    assert len(last.formula) <= 300 and last.detail["cap"] == "300.00"
    assert charge(community_a, dt.date(2047, 1, 14), mgr_a) == 0


@pytest.mark.django_db
def test_a_waived_late_fee_stays_waived(community_a, overdue, csh_a, mgr_a):
    """BIL-10: 400.00 × 0.5‰ × 30 = 6.00 charged, then waived in full; the next day adds only
    that day's 0.20 (before: the waived 6.00 came back the next night)."""
    charge(community_a, dt.date(2026, 12, 14), mgr_a)
    [late] = late_lines(overdue)
    assert late.amount == D("6.00")
    waiver = request_waiver(line=late, amount=D("6.00"), reason="首次逾期", actor=csh_a)
    decide_waiver(waiver, approve=True, actor=mgr_a)
    charge(community_a, dt.date(2026, 12, 15), mgr_a)
    assert [line.amount for line in late_lines(overdue)] == [D("6.00"), D("0.20")]
    assert Bill.objects.get(pk=overdue.pk).total == D("400.20")


@pytest.mark.django_db
def test_days_charged_keep_their_rate_when_the_policy_changes(community_a, overdue, mgr_a):
    """BIL-10: 30 days charged at 0.5‰ (6.00); the rate then goes to 1‰: ten more days add
    400.00 × 1‰ × 10 = 4.00, the days already charged are not priced again."""
    charge(community_a, dt.date(2026, 12, 14), mgr_a)
    BillingPolicy.objects.filter(community=community_a).update(late_fee_daily_rate=D("1"))
    charge(community_a, dt.date(2026, 12, 24), mgr_a)
    assert [line.amount for line in late_lines(overdue)] == [D("6.00"), D("4.00")]
    assert late_lines(overdue)[1].formula.startswith(
        "Late fee 2026-12-15 to 2026-12-24: 400.00 × 1‰ × 10 days"
    )


@pytest.mark.django_db
def test_many_part_payments_fit_the_formula_field(community_a, overdue, csh_a, mgr_a):
    """BIL-10: sixty part payments of 1.00 on sixty days make 60 segments; the formula keeps
    to its 300 characters and the line's detail has them all. Over 75 days the balance is
    399.00 on the first day down to 341.00 on the 59th, then 340.00 for 16 days:
    (399 + … + 341) × 0.5‰ + 340 × 0.5‰ × 16 = 10.915 + 2.72 = 13.635 → 13.64."""
    [line] = overdue.lines.all()
    for n in range(60):
        day = NOV_15 + dt.timedelta(days=n - 1)  # paid the day before: counts from day n
        AllocationFactory(
            community=community_a,
            payment=PaymentFactory(
                community=community_a, unit=overdue.unit, amount=D("1.00"), cashier=csh_a
            ),
            line=line,
            amount=D("1.00"),
            created_at=dt.datetime(day.year, day.month, day.day, 12, tzinfo=SHANGHAI),
        )
    charge(community_a, NOV_15 + dt.timedelta(days=74), mgr_a)
    [late] = late_lines(overdue)
    assert late.amount == D("13.64")
    assert len(late.formula) <= 300 and "more periods" in late.formula
    assert len(late.detail["segments"]) == 60
    assert sum(s["days"] for s in late.detail["segments"]) == 75
