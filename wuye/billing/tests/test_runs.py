"""BIL-02..05, BIL-17: billing runs end to end — idempotent, cancellable, developer billing,
vacancy, fee start, readings with anomalies, shared allocation, price changes."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from wuye.billing import latefees
from wuye.billing.models import Bill, BillingPolicy, BillLine, MeterReading
from wuye.billing.services.readings import confirm_reading, record_reading
from wuye.billing.services.runs import cancel_run, confirm_run, preview_run
from wuye.billing.services.standards import save_standard
from wuye.billing.tests.factories import FeeItemFactory, FeeStandardFactory
from wuye.core.errors import DomainError
from wuye.estate.models import Meter, MeterReplacement
from wuye.estate.tests.factories import BuildingFactory, MeterFactory, UnitFactory

D = Decimal
OCT = dt.date(2026, 10, 1)


@pytest.fixture
def building(community_a):
    return BuildingFactory(community=community_a, number="3")


@pytest.fixture
def property_fee(community_a):
    item = FeeItemFactory(
        community=community_a,
        code="WYF",
        name="物业服务费",
        calculation="area",
        applies_to_uses=["residential"],
    )
    FeeStandardFactory(community=community_a, fee_item=item, unit_price=D("2.50"))
    return item


def unit(community, building, number, **values):
    defaults = {
        "entrance": 1,
        "floor": 1,
        "gross_area": D("89.50"),
        "inner_area": D("72.30"),
        "status": "occupied",
        "handover_date": dt.date(2020, 6, 30),
    }
    return UnitFactory(
        community=community, building=building, number=number, **{**defaults, **values}
    )


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """run(community, items, …) → the finished run: preview, confirm, and the queued task runs."""

    def execute(community, items, period=OCT, actor=None, months=1):
        with django_capture_on_commit_callbacks(execute=True):
            preview = preview_run(
                community=community, period=period, months=months, fee_items=items, actor=actor
            )
            confirm_run(preview, actor=actor)
        preview.refresh_from_db()
        return preview

    return execute


@pytest.mark.django_db
def test_run_bills_each_unit_once_and_a_rerun_bills_nothing(
    community_a, building, property_fee, mgr_a, run
):
    """BIL-03: a run issues one line per unit, fee item and period; running again adds nothing."""
    for n in range(5):
        unit(community_a, building, f"10{n}")
    first = run(community_a, [property_fee], actor=mgr_a)
    assert first.status == "done" and first.bills_created == 5
    assert first.total_amount == D("1118.75")  # 5 × 2.50 × 89.50
    assert BillLine.objects.filter(bill__run=first).count() == 5
    again = run(community_a, [property_fee], actor=mgr_a)
    assert again.bills_created == 0 and again.lines_skipped == 5
    assert Bill.objects.exclude(status="cancelled").count() == 5


@pytest.mark.django_db
def test_a_new_unit_is_billed_by_a_rerun(community_a, building, property_fee, run):
    """BIL-03: “a re-run bills only what is missing”."""
    unit(community_a, building, "101")
    run(community_a, [property_fee])
    unit(community_a, building, "102")
    second = run(community_a, [property_fee])
    assert second.bills_created == 1 and second.lines_skipped == 1


@pytest.mark.django_db
def test_the_database_refuses_a_second_line_with_the_same_key(
    community_a, building, property_fee, run
):
    """BIL-03: idempotency is a unique key, not luck."""
    unit(community_a, building, "101")
    done = run(community_a, [property_fee])
    line = BillLine.objects.get(bill__run=done)
    with pytest.raises(IntegrityError), transaction.atomic():
        BillLine.objects.create(
            community=community_a,
            bill=line.bill,
            fee_item=property_fee,
            period=OCT,
            quantity=1,
            unit_price=1,
            amount=1,
            formula="x",
            billing_key=line.billing_key,
        )


@pytest.mark.django_db
def test_cancelling_a_run_needs_a_reason_and_frees_the_period(
    community_a, building, property_fee, mgr_a, run
):
    """BIL-03: cancel with a reason while nothing is paid; the period can then be billed again."""
    unit(community_a, building, "101")
    done = run(community_a, [property_fee])
    with pytest.raises(DomainError):
        cancel_run(done, reason="  ", actor=mgr_a)
    cancel_run(done, reason="单价录入错误", actor=mgr_a)
    assert set(Bill.objects.filter(run=done).values_list("status", flat=True)) == {"cancelled"}
    again = run(community_a, [property_fee])
    assert again.bills_created == 1


@pytest.mark.django_db
def test_a_run_with_paid_bills_cannot_be_cancelled(community_a, building, property_fee, mgr_a, run):
    """BIL-03: once money is in, corrections are reversals, not cancellations."""
    unit(community_a, building, "101")
    done = run(community_a, [property_fee])
    Bill.objects.filter(run=done).update(paid=D("10.00"))  # what the payment service records
    with pytest.raises(DomainError):
        cancel_run(done, reason="误操作", actor=mgr_a)


@pytest.mark.django_db
def test_unsold_and_developer_held_units_are_billed_to_the_developer(
    community_a, building, property_fee, run
):
    """BIL-05 (FIN-6): unsold and developer-held units bill the developer's account."""
    BillingPolicy.objects.create(community=community_a, developer_name="阳光置业")
    unit(community_a, building, "101", status="unsold", handover_date=None)
    unit(community_a, building, "102", status="vacant", developer_held=True)
    unit(community_a, building, "103")
    run(community_a, [property_fee])
    payers = dict(Bill.objects.values_list("unit__number", "payer_kind"))
    assert payers == {"101": "developer", "102": "developer", "103": "resident"}
    assert Bill.objects.get(unit__number="101").payer_name == "阳光置业"


@pytest.mark.django_db
def test_handover_month_is_the_developers_by_default(community_a, building, property_fee, run):
    """BIL-03/BIL-05: handed over on 15 Oct → October billed to the developer, not the owner."""
    unit(community_a, building, "101", handover_date=dt.date(2026, 10, 15))
    run(community_a, [property_fee])
    bill = Bill.objects.get()
    assert bill.payer_kind == "developer" and bill.total == D("223.75")


@pytest.mark.django_db
def test_day_proration_splits_the_handover_month(community_a, building, property_fee, run):
    """BIL-03: with day proration, 22 Oct handover → owner 10/31, developer 21/31; together one month."""
    BillingPolicy.objects.create(community=community_a, fee_start="prorate")
    unit(community_a, building, "101", handover_date=dt.date(2026, 10, 22))
    run(community_a, [property_fee])
    amounts = dict(Bill.objects.values_list("payer_kind", "total"))
    assert amounts == {"resident": D("72.18"), "developer": D("151.57")}  # 223.75 × 10/31, × 21/31


@pytest.mark.django_db
def test_vacant_units_pay_the_vacancy_rate(community_a, building, property_fee, run):
    """BIL-03: a vacant (handed-over, empty) unit at the policy's 70 %: 223.75 × 0.7 = 156.63."""
    BillingPolicy.objects.create(community=community_a, vacant_rate=D("70"))
    unit(community_a, building, "101", status="vacant")
    run(community_a, [property_fee])
    assert Bill.objects.get().total == D("156.63")


@pytest.mark.django_db
def test_a_bill_keeps_its_price_after_a_price_change(
    community_a, building, property_fee, mgr_a, run
):
    """BIL-02: a new standard from November leaves October's bill as it was."""
    unit(community_a, building, "101")
    run(community_a, [property_fee])
    from wuye.billing.forms import FeeStandardForm
    from wuye.core.access import Access

    access = Access(
        user=mgr_a, community=community_a, communities=[community_a], posts=frozenset({"MGR"})
    )
    form = FeeStandardForm(
        data={"fee_item": property_fee.pk, "effective_from": "2026-11-01", "unit_price": "2.80"},
        access=access,
    )
    assert form.is_valid(), form.errors
    save_standard(form, actor=mgr_a, community=community_a)
    old = property_fee.standards.get(effective_from=dt.date(2020, 1, 1))
    assert old.effective_to == dt.date(2026, 10, 31)
    assert BillLine.objects.get().unit_price == D("2.5000") and Bill.objects.get().total == D(
        "223.75"
    )
    november = run(community_a, [property_fee], period=dt.date(2026, 11, 1))
    assert november.total_amount == D("250.60")  # 2.80 × 89.50
    refused = FeeStandardForm(
        data={"fee_item": property_fee.pk, "effective_from": "2026-10-15", "unit_price": "3"},
        access=access,
    )
    assert refused.is_valid()
    with pytest.raises(DomainError):
        save_standard(refused, actor=mgr_a, community=community_a)


@pytest.mark.django_db
def test_readings_with_anomalies_wait_for_confirmation(community_a, building, mgr_a, run):
    """BIL-04: negative usage, 3× the average and a meter replacement hold a reading back."""
    home = unit(community_a, building, "101")
    meter = MeterFactory(community=community_a, unit=home, kind="water", initial_reading=D("100"))
    water = FeeItemFactory(
        community=community_a,
        code="SF",
        calculation="metered",
        meter_kind="water",
        pass_through=True,
    )
    FeeStandardFactory(community=community_a, fee_item=water, unit_price=D("3.20"))
    for month, current in ((7, "110"), (8, "120"), (9, "130")):
        record_reading(
            meter=meter,
            period=dt.date(2026, month, 1),
            current=D(current),
            read_on=dt.date(2026, month, 28),
            actor=mgr_a,
        )
    spike = record_reading(
        meter=meter, period=OCT, current=D("180"), read_on=dt.date(2026, 10, 28), actor=mgr_a
    )
    assert spike.status == "anomaly" and spike.anomalies[0]["code"] == "spike"
    assert "10.00" in spike.anomaly_texts[0]  # the recent average, in words
    preview = preview_run(
        community=community_a, period=OCT, months=1, fee_items=[water], actor=mgr_a
    )
    assert preview.preview["lines"] == 0 and preview.preview["anomaly_count"] == 1
    confirm_reading(spike, actor=mgr_a, note="现场核实：漏水已修")
    done = run(community_a, [water])
    line = BillLine.objects.get(bill__run=done)
    assert line.amount == D("160.00") and line.quantity == D("50")  # (180 − 130) × 3.20
    spike.refresh_from_db()
    assert spike.status == "billed"
    with pytest.raises(DomainError):
        record_reading(
            meter=meter, period=OCT, current=D("170"), read_on=dt.date(2026, 10, 29), actor=mgr_a
        )
    negative = record_reading(
        meter=meter,
        period=dt.date(2026, 11, 1),
        current=D("170"),
        read_on=dt.date(2026, 11, 28),
        actor=mgr_a,
    )
    assert negative.status == "anomaly" and negative.usage == D("-10")


@pytest.mark.django_db
def test_a_replaced_meter_is_flagged(community_a, building, mgr_a):
    """BIL-04: a reading in the month of a meter replacement must be checked."""
    home = unit(community_a, building, "101")
    old = MeterFactory(community=community_a, unit=home, kind="electricity", serial="E-OLD")
    new = Meter.objects.create(
        community=community_a, unit=home, kind="electricity", scope="unit", serial="E-NEW"
    )
    MeterReplacement.objects.create(
        community=community_a,
        old_meter=old,
        new_meter=new,
        replaced_on=dt.date(2026, 10, 12),
        old_final_reading=D("500"),
        new_initial_reading=D("0"),
    )
    reading = record_reading(
        meter=new, period=OCT, current=D("40"), read_on=dt.date(2026, 10, 30), actor=mgr_a
    )
    assert reading.status == "anomaly" and [a["code"] for a in reading.anomalies] == ["replaced"]
    assert reading.anomaly_texts == ["本月换表"] or reading.anomaly_texts == [
        "meter replaced this month"
    ]


@pytest.mark.django_db
def test_shared_electricity_is_split_exactly(community_a, building, mgr_a, run):
    """BIL-01: the public meter's 1,000 kWh × 0.60 = 600.00 shared by inner area, to the cent."""
    homes = [
        unit(community_a, building, f"10{n}", inner_area=D(area), gross_area=D(area) + 20)
        for n, area in enumerate(["60", "80", "100"])
    ]
    public = Meter.objects.create(
        community=community_a,
        kind="electricity",
        scope="community",
        serial="E-TOTAL",
        multiplier=D("1"),
    )
    MeterReading.objects.create(
        community=community_a,
        meter=public,
        period=OCT,
        previous_reading=D("0"),
        current_reading=D("1000"),
        read_on=OCT,
    )
    shared = FeeItemFactory(
        community=community_a,
        code="GT",
        calculation="shared",
        shared_meter=public,
        share_basis="inner_area",
    )
    FeeStandardFactory(community=community_a, fee_item=shared, unit_price=D("0.60"))
    done = run(community_a, [shared])
    amounts = dict(
        BillLine.objects.filter(bill__run=done).values_list("bill__unit__number", "amount")
    )
    assert amounts == {"100": D("150.00"), "101": D("200.00"), "102": D("250.00")}
    assert done.total_amount == D("600.00") and len(homes) == 3


@pytest.mark.django_db
def test_run_billing_command(community_a, building, property_fee, capsys):
    """BIL-03: `manage.py run_billing --community A --period 2026-10` issues the bills, idempotently."""
    unit(community_a, building, "101")
    call_command("run_billing", community="A", period="2026-10")
    call_command("run_billing", community="A", period="2026-10")
    out = capsys.readouterr().out
    assert "Issued 1 bills" in out and "1 lines already billed" in out
    assert Bill.objects.count() == 1


@pytest.mark.django_db
def test_run_pages_preview_confirm_and_show_the_result(
    community_a,
    building,
    property_fee,
    mgr_a,
    make_staff,
    login,
    django_capture_on_commit_callbacks,
):
    """BIL-03: preview → confirm → result, through the pages; a cashier cannot start a run."""
    unit(community_a, building, "101")
    client = login(mgr_a)
    response = client.post(
        reverse("billing:billingrun_add"), {"period": "2026-10-01", "fee_items": [property_fee.pk]}
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "223.75" in page and 'data-testid="confirm-run"' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"], {"action": "confirm"})
    done = client.get(response["Location"]).content.decode()
    assert Bill.objects.count() == 1 and "confirm-run" not in done
    cashier = login(make_staff(community_a, "CSH"))
    assert cashier.get(reverse("billing:bill_list")).status_code == 200
    assert cashier.get(reverse("billing:billingrun_add")).status_code == 403


@pytest.mark.django_db
def test_reading_entry_grid_saves_a_building_at_once(community_a, building, make_staff, login):
    """BIL-04: a technician types a building's readings in one grid; blanks are skipped."""
    meters = [
        MeterFactory(
            community=community_a,
            unit=unit(community_a, building, f"2{n:02d}"),
            kind="water",
            initial_reading=D("10"),
        )
        for n in range(6)
    ]
    client = login(make_staff(community_a, "TECH"))
    data = {
        "building": building.pk,
        "kind": "water",
        "period": "2026-10",
        "read_on": "2026-10-28",
        "_community": community_a.pk,
    }
    data.update({f"m{m.pk}": "25" for m in meters[:5]})
    data[f"m{meters[5].pk}"] = ""
    response = client.post(reverse("billing:reading_entry"), data)
    assert response.status_code == 302
    assert MeterReading.objects.filter(period=OCT).count() == 5
    assert set(MeterReading.objects.values_list("previous_reading", "current_reading")) == {
        (D("10"), D("25"))
    }
    assert (
        client.get(
            reverse("billing:reading_entry"),
            {"building": building.pk, "kind": "water", "period": "2026-10"},
        ).status_code
        == 200
    )


@pytest.mark.django_db
def test_policy_page_states_its_defaults(community_a, mgr_a, login):
    """BIL-03: the settings page shows the defaults before anything is saved, then saves changes."""
    client = login(mgr_a)
    page = client.get(reverse("billing:policy")).content.decode()
    assert 'value="100.00"' in page or 'value="100"' in page
    response = client.post(
        reverse("billing:policy"),
        {
            "cycle": "quarter",
            "due_day": "10",
            "fee_start": "next_month",
            "vacant_rate": "80",
            "late_fee_daily_rate": "0.5",
            "late_fee_grace_days": "30",
            "prepayment_limit_months": "12",
        },
    )
    assert response.status_code == 302
    policy = BillingPolicy.objects.get(community=community_a)
    assert (
        policy.cycle == "quarter"
        and policy.vacant_rate == D("80")
        and policy.late_fee_enabled is False
    )


@pytest.mark.django_db
def test_runs_of_different_lengths_never_bill_a_month_twice(
    community_a, building, property_fee, run
):
    """BIL-03: a quarter billed from October covers November; a monthly run for November bills nothing."""
    unit(community_a, building, "101")
    quarter = run(community_a, [property_fee], period=OCT, months=3)
    assert quarter.total_amount == D("671.25")  # 2.50 × 89.50 × 3
    november = run(community_a, [property_fee], period=dt.date(2026, 11, 1))
    assert november.bills_created == 0 and november.lines_skipped == 1


@pytest.mark.django_db
def test_a_negative_reading_cannot_be_confirmed(community_a, building, mgr_a):
    """BIL-04: a negative usage is corrected or explained by a meter replacement, never billed."""
    meter = MeterFactory(
        community=community_a,
        unit=unit(community_a, building, "101"),
        kind="water",
        initial_reading=D("120"),
    )
    reading = record_reading(meter=meter, period=OCT, current=D("100"), read_on=OCT, actor=mgr_a)
    with pytest.raises(DomainError):
        confirm_reading(reading, actor=mgr_a)


@pytest.mark.django_db
def test_late_fees_are_off_by_default_and_a_separate_line_when_on(community_a, building, mgr_a):
    """BIL-10: off by default; when on, its own line, idempotent, never on the late fee itself."""
    from wuye.billing.tests.factories import BillFactory, BillLineFactory

    home = unit(community_a, building, "101")
    bill = BillFactory(
        community=community_a, unit=home, total=D("200.00"), due_date=dt.date(2026, 10, 15)
    )
    BillLineFactory(community=community_a, bill=bill, amount=D("200.00"), billing_key="late-test")
    with pytest.raises(DomainError):
        latefees.charge_late_fees(community_a, as_of=dt.date(2026, 12, 14), actor=mgr_a)
    BillingPolicy.objects.create(
        community=community_a,
        late_fee_enabled=True,
        late_fee_daily_rate=D("0.5"),
        late_fee_grace_days=30,
    )
    assert latefees.charge_late_fees(community_a, as_of=dt.date(2026, 12, 14), actor=mgr_a) == 1
    assert latefees.charge_late_fees(community_a, as_of=dt.date(2026, 12, 14), actor=mgr_a) == 0
    bill.refresh_from_db()
    assert bill.total == D("203.00")
    late = BillLine.objects.get(bill=bill, fee_item__code="WYJ")
    assert late.amount == D("3.00") and "‰" in late.formula
    latefees.charge_late_fees(
        community_a, as_of=dt.date(2026, 12, 24), actor=mgr_a
    )  # 10 more days: +1.00
    bill.refresh_from_db()
    assert bill.total == D("204.00")
