"""BIL-03, BIL-05: the rows a billing run writes, checked line by line against the fee engine.

The run issues area and fixed-per-unit lines set-based (the distinct figures computed once, the
database joining units to them); this module computes every expected line the plain way — one
unit, one item, one payer at a time with the engine — and compares everything written: bill
numbers and their order, payers and their names, totals, and each line's figures, formula,
detail, key and coverage."""

import datetime as dt
import json
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import pytest

from wuye.billing import engine
from wuye.billing.models import Bill, BillingPolicy, BillLine, FeeItem
from wuye.billing.services.issuing import execute_run
from wuye.billing.services.planning import _payer_fractions
from wuye.billing.services.runs import confirm_run, preview_run
from wuye.billing.tests.factories import FeeItemFactory, FeeStandardFactory, MeterReadingFactory
from wuye.core.money import q2
from wuye.estate.models import Unit, natural_unit_order
from wuye.estate.tests.factories import (
    BuildingFactory,
    MeterFactory,
    ParkingSpaceFactory,
    PersonFactory,
    UnitFactory,
    UnitRelationFactory,
)

D = Decimal
OCT = dt.date(2026, 10, 1)


@pytest.fixture
def mixed(community_a):
    """Two buildings: occupied, vacant, unsold, developer-held units, one handed over inside
    the quarter and one after it; an item for building 2 only, a fixed item without the
    vacancy rate, a parking space and a water meter."""
    policy, _ = BillingPolicy.objects.get_or_create(community=community_a)
    policy.fee_start = "prorate"
    policy.vacant_rate = D("70")
    policy.developer_name = "阳光地产"
    policy.save()
    one = BuildingFactory(community=community_a, number="1")
    two = BuildingFactory(community=community_a, number="2")
    units = {}
    for name, building, number, values in (
        ("owned", one, "101", {}),
        ("vacant", one, "102", {"status": "vacant"}),
        ("unsold", one, "201", {"status": "unsold", "handover_date": None}),
        ("held", one, "202", {"developer_held": True}),
        ("during", one, "301", {"handover_date": dt.date(2026, 11, 10)}),
        ("after", one, "302", {"handover_date": dt.date(2027, 2, 1)}),
        ("other", two, "101", {"gross_area": D("120.35"), "inner_area": D("99.99")}),
        ("other_vacant", two, "102", {"status": "vacant", "gross_area": D("120.35")}),
        ("same_plan", two, "1001", {}),
    ):
        units[name] = UnitFactory(
            community=community_a,
            building=building,
            number=number,
            floor=int(number) // 100,
            **{"status": "occupied", "handover_date": dt.date(2020, 6, 30), **values},
        )
    for unit, name in (
        (units["owned"], "张三"),
        (units["owned"], "李四"),
        (units["other"], "王五"),
    ):
        UnitRelationFactory(
            community=community_a,
            unit=unit,
            person=PersonFactory(community=community_a, name=name),
            start_date=dt.date(2020, 1, 1),
        )
    items = []
    for code, calculation, values, price in (
        ("A2", "area", {"area_basis": "inner"}, "0.35"),
        ("B1", "area", {"area_basis": "gross"}, "2.50"),
        ("C1", "fixed_unit", {"vacancy_applies": False}, "10.00"),
        ("D1", "fixed_space", {}, "150.00"),
        ("E1", "metered", {"meter_kind": "water"}, "4.10"),
        # A price whose vacancy-rate lines are too long for whole-number arithmetic in the
        # database (`engine.AreaFee.cents` is None): the engine's figures are written instead.
        ("F1", "area", {"area_basis": "gross"}, "9999.9999"),
    ):
        item = FeeItemFactory(
            community=community_a, code=code, name=code, calculation=calculation, **values
        )
        FeeStandardFactory(community=community_a, fee_item=item, unit_price=D(price))
        items.append(item)
    items[0].buildings.set([two])
    ParkingSpaceFactory(community=community_a, unit=units["owned"])
    MeterReadingFactory(
        community=community_a,
        meter=MeterFactory(community=community_a, unit=units["other"]),
        period=OCT,
    )
    return policy, units, items


def expected_lines(community, policy, items, period, months):
    """(target, line) in the order the run writes them, computed per unit and payer."""
    units = list(Unit.objects.filter(community=community).order_by(*natural_unit_order()))
    policy.refresh_from_db()
    vacant_rate = policy.vacant_rate / 100
    month_text = f"{period:%Y%m}"
    lines = []
    for item in items:
        standard = item.standards.get()
        if item.calculation in ("area", "fixed_unit"):
            buildings = set(item.buildings.values_list("pk", flat=True))
            for unit in units:
                if buildings and unit.building_id not in buildings:
                    continue
                for payer, fraction in _payer_fractions(unit, policy, period, months):
                    vacant = payer == "resident" and unit.status == "vacant"
                    rate = vacant_rate if vacant and item.vacancy_applies else D(1)
                    if item.calculation == "area":
                        figures = engine.area_fee(
                            price=standard.unit_price,
                            gross_area=unit.gross_area,
                            inner_area=unit.inner_area,
                            basis=item.area_basis,
                            months=fraction,
                            rate=rate,
                        )
                    else:
                        figures = engine.fixed_fee(
                            price=standard.unit_price, months=fraction, rate=rate
                        )
                    key = f"u{unit.pk}:f{item.pk}:{month_text}:{payer[0]}"
                    lines.append(((unit.pk, None, payer), item, figures, key, None))
        elif item.calculation == "fixed_space":
            for space in community.parkingspace_set.all():
                figures = engine.fixed_fee(price=standard.unit_price, months=D(months), what="车位")
                key = f"s{space.pk}:f{item.pk}:{month_text}:r"
                lines.append(((space.unit_id, space.pk, "resident"), item, figures, key, None))
        else:
            for reading in item.community.meterreading_set.filter(period=period):
                figures = engine.metered_fee(
                    previous=reading.previous_reading,
                    current=reading.current_reading,
                    multiplier=reading.meter.multiplier,
                    price=standard.unit_price,
                )
                key = f"u{reading.meter.unit_id}:f{item.pk}:{month_text}:r"
                target = (reading.meter.unit_id, None, "resident")
                lines.append((target, item, figures, key, reading.pk))
    return lines


def written(run):
    bills = {
        bill.pk: bill for bill in Bill.objects.filter(run=run).order_by("number")
    }  # numbered in the run's order
    lines = defaultdict(list)
    for line in BillLine.objects.filter(bill__run=run).order_by("pk"):
        lines[line.bill_id].append(line)
    return list(bills.values()), lines


@pytest.mark.django_db
def test_areas_have_two_places_as_the_run_counts_them():
    """BIL-03: the run reads areas as whole hundredths of a ㎡ (services._unit_rows)."""
    assert {Unit._meta.get_field(n).decimal_places for n in ("gross_area", "inner_area")} == {2}


@pytest.mark.parametrize("chunk", [1000, 3])
def test_a_run_writes_exactly_the_lines_the_engine_computes_one_by_one(
    community_a, mgr_a, mixed, chunk
):
    """BIL-03/BIL-05: a quarter run over a mixed community — vacant (70%, not on the fixed
    item), unsold and developer-held units, a handover inside the quarter (days prorated,
    the developer paying the rest), one after it, an item for one building, a parking space
    and a meter — writes the same bills, numbers, payers and lines as the engine gives per
    unit; committed a few bills at a time, it writes the same."""
    policy, units, items = mixed
    run = preview_run(community=community_a, period=OCT, months=3, fee_items=items, actor=mgr_a)
    confirm_run(run, actor=mgr_a, enqueue=False)
    run = execute_run(run, chunk=chunk)

    expected = expected_lines(community_a, policy, items, OCT, 3)
    by_target = defaultdict(list)
    for target, *line in expected:
        if line[1].amount or line[1].quantity:
            by_target[target].append(line)
    bills, lines = written(run)
    assert [(b.unit_id, b.space_id, b.payer_kind) for b in bills] == list(by_target)
    first = int(bills[0].number[-7:])
    owners = {units["owned"].pk: "张三、李四", units["other"].pk: "王五"}
    total = D(0)
    for index, (bill, (target, planned)) in enumerate(zip(bills, by_target.items(), strict=True)):
        assert bill.number == f"ZD{bill.created_at:%Y}{first + index:07d}"
        name = "阳光地产" if target[2] == "developer" else owners.get(target[0], "")
        assert bill.payer_name == name
        assert bill.total == q2(sum(figures.amount for _item, figures, _k, _r in planned))
        assert (bill.period_start, bill.period_end) == (OCT, dt.date(2026, 12, 31))
        total += bill.total
        got = [
            (
                line.fee_item_id,
                line.quantity,
                line.unit_price,
                line.factor,
                line.amount,
                line.formula,
                line.detail,
                line.billing_key,
                line.coverage,
                line.reading_id,
                line.standard_id,
                (line.period, line.period_end),
            )
            for line in lines[bill.pk]
        ]
        want = [
            (
                item.pk,
                figures.quantity,
                figures.unit_price,
                figures.factor.quantize(D("0.000001"), rounding=ROUND_HALF_UP),
                figures.amount,
                figures.formula,
                json.loads(json.dumps(figures.detail)),
                key,
                key[: key.rindex(":", 0, key.rindex(":"))] + key[key.rindex(":") :],
                reading,
                item.standards.get().pk,
                (OCT, dt.date(2026, 12, 31)),
            )
            for item, figures, key, reading in planned
        ]
        assert got == want, bill.payer_kind
    assert run.bills_created == len(bills) and run.lines_created == len(expected) - sum(
        1 for _t, _i, f, _k, _r in expected if not (f.amount or f.quantity)
    )
    assert run.total_amount == total
    assert run.preview["targets"] == len(bills) and run.preview["total"] == str(total)
    assert {row["item"]: row["lines"] for row in run.preview["by_item"]} == {
        str(item): sum(len([p for p in planned if p[0] == item]) for planned in by_target.values())
        for item in FeeItem.objects.filter(pk__in=[i.pk for i in items])
    }
