"""BIL-01..05, BIL-17/PLT-08: the billing REST API — same scoping, FilterSets, forms and
services as the pages. Amounts below are computed by hand."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from wuye.billing.models import Bill, BillingPolicy, BillingRun, FeeItem, FeeStandard, MeterReading
from wuye.billing.tests.factories import (
    BillFactory,
    BillingRunFactory,
    BillLineFactory,
    FeeItemFactory,
    FeeStandardFactory,
    MeterReadingFactory,
)
from wuye.estate.tests.factories import BuildingFactory, MeterFactory, UnitFactory

API = "/api/v1"
JSON = "application/json"
CJK = re.compile(r"[\u4e00-\u9fff]")
PERIOD = dt.date(2026, 10, 1)
LONG_AGO = dt.date(2025, 1, 1)


@pytest.fixture
def building(community_a):
    return BuildingFactory(community=community_a, number="3", name="", floors=18)


@pytest.fixture
def units(community_a, building):
    """Two occupied units of 89.50 m², handed over long before the period billed."""
    return [
        UnitFactory(
            community=community_a,
            building=building,
            entrance=1,
            number=number,
            floor=int(number[:-2]),
            status="occupied",
            handover_date=LONG_AGO,
        )
        for number in ("1501", "1502")
    ]


@pytest.fixture
def csr_a(community_a, make_staff):
    return make_staff(community_a, "CSR")


@pytest.fixture
def fin_a(community_a, make_staff):
    return make_staff(community_a, "FIN")


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what the request queued after commit (the billing task, ImmediateBackend)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def error_fields(response):
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] and error["message"]
    return error["fields"]


def post(client, url, body=None):
    return client.post(url, body or {}, content_type=JSON)


def service_fee(client, price="2.50", start="2026-01-01"):
    """物业服务费 by gross area, set up through the API like the finance office would."""
    response = post(
        client,
        f"{API}/fee-items/",
        {"code": "WYF", "name": "物业服务费", "calculation": "area", "area_basis": "gross"},
    )
    assert response.status_code == 201, response.content
    item = response.json()
    response = post(
        client,
        f"{API}/fee-standards/",
        {"fee_item": item["id"], "effective_from": start, "unit_price": price},
    )
    assert response.status_code == 201, response.content
    return item, response.json()


# --- Fee items and standards (BIL-01, BIL-02, BIL-17) ---------------------------------------


@pytest.mark.django_db
def test_fee_items_follow_the_page_rules_and_filters(community_a, mgr_a, login):
    """BIL-01/PLT-08: a metered item needs its meter type, codes are unique in the community,
    the list filters by calculation, and the unit uses are stored as a list."""
    client = login(mgr_a)
    fields = error_fields(
        post(client, f"{API}/fee-items/", {"code": "DF", "name": "电费", "calculation": "metered"})
    )
    assert "meter_kind" in fields
    response = post(
        client,
        f"{API}/fee-items/",
        {
            "code": "WYF",
            "name": "物业服务费",
            "calculation": "area",
            "applies_to_uses": ["residential", "shop"],
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["applies_to_uses"] == ["residential", "shop"]
    assert response.json()["area_basis"] == "gross"  # the form's default when left out
    duplicate = post(
        client, f"{API}/fee-items/", {"code": "WYF", "name": "x", "calculation": "area"}
    )
    assert "code" in error_fields(duplicate)
    FeeItemFactory(community=community_a, code="CW", name="车位管理费", calculation="fixed_space")

    listed = results(client.get(f"{API}/fee-items/", {"calculation": "fixed_space"}))
    assert [i["code"] for i in listed] == ["CW"]
    assert [i["code"] for i in results(client.get(f"{API}/fee-items/", {"q": "物业"}))] == ["WYF"]


@pytest.mark.django_db
def test_a_fee_item_used_on_bills_cannot_be_deleted(community_a, mgr_a, csr_a, login):
    """BIL-01/PLT-08: deleting is for the manager and finance; an unused item goes (204), an
    item on a bill stays, with the API's standard 400 error body."""
    used = FeeItemFactory(community=community_a)
    BillLineFactory(community=community_a, fee_item=used)
    unused = FeeItemFactory(community=community_a)
    assert login(csr_a).delete(f"{API}/fee-items/{unused.pk}/").status_code == 403

    client = login(mgr_a)
    response = client.delete(f"{API}/fee-items/{used.pk}/")
    assert response.status_code == 400
    error = response.json()["error"]
    assert set(error) == {"code", "message", "fields"} and error["message"]
    assert FeeItem.objects.filter(pk=used.pk).exists()
    assert client.delete(f"{API}/fee-items/{unused.pk}/").status_code == 204
    assert not FeeItem.objects.filter(pk=unused.pk).exists()


@pytest.mark.django_db
def test_a_new_standard_ends_the_previous_one_the_day_before(community_a, mgr_a, login):
    """BIL-02: 2.50 from 2026-01-01, then 2.80 from 2026-07-01: the first ends 2026-06-30, the
    second is open-ended. Standards are never deleted (405)."""
    client = login(mgr_a)
    item, first = service_fee(client, price="2.50", start="2026-01-01")
    response = post(
        client,
        f"{API}/fee-standards/",
        {"fee_item": item["id"], "effective_from": "2026-07-01", "unit_price": "2.80"},
    )
    assert response.status_code == 201, response.content
    second = response.json()
    assert second["effective_to"] is None and second["fee_item_code"] == "WYF"

    standards = results(client.get(f"{API}/fee-standards/", {"fee_item": item["id"]}))
    by_start = {s["effective_from"]: s for s in standards}
    assert by_start["2026-01-01"]["effective_to"] == "2026-06-30"
    assert by_start["2026-07-01"]["unit_price"] == "2.8000"
    assert FeeStandard.objects.get(pk=first["id"]).effective_to == dt.date(2026, 6, 30)

    assert client.delete(f"{API}/fee-standards/{first['id']}/").status_code == 405
    assert FeeStandard.objects.count() == 2


@pytest.mark.django_db
def test_a_standard_used_on_bills_cannot_be_changed(community_a, mgr_a, login):
    """BIL-02: issued bills keep their price: the standard they used cannot be edited, and no new
    standard may start inside a period already billed (400, nothing changes)."""
    standard = FeeStandardFactory(
        community=community_a, effective_from=dt.date(2026, 1, 1), unit_price=Decimal("2.50")
    )
    BillLineFactory(
        community=community_a, fee_item=standard.fee_item, standard=standard, period=PERIOD
    )
    client = login(mgr_a)
    response = client.patch(
        f"{API}/fee-standards/{standard.pk}/", {"unit_price": "3.00"}, content_type=JSON
    )
    error_fields(response)
    standard.refresh_from_db()
    assert standard.unit_price == Decimal("2.50")

    response = post(
        client,
        f"{API}/fee-standards/",
        {"fee_item": standard.fee_item.pk, "effective_from": "2026-10-01", "unit_price": "3.00"},
    )
    assert "effective_from" in error_fields(response)
    standard.refresh_from_db()
    assert standard.effective_to is None and FeeStandard.objects.count() == 1


# --- Billing policy (BIL-03, BIL-05) -------------------------------------------------------


@pytest.mark.django_db
def test_billing_policy_shows_the_defaults_until_saved(community_a, mgr_a, ast_a, login):
    """BIL-03/PLT-08: GET gives the defaults (not saved); PATCH saves through the page's form
    and its rules; the assistant may read the policy but not change it."""
    client = login(mgr_a)
    response = client.get(f"{API}/billing-policy/")
    assert response.status_code == 200, response.content
    policy = response.json()
    assert policy["saved"] is False and policy["id"] is None
    assert policy["cycle"] == "month" and policy["due_day"] == 15
    assert policy["fee_start"] == "next_month" and policy["vacant_rate"] == "100.00"

    response = client.patch(f"{API}/billing-policy/", {"due_day": 31}, content_type=JSON)
    assert "due_day" in error_fields(response)
    assert not BillingPolicy.objects.exists()

    response = client.patch(
        f"{API}/billing-policy/",
        {"due_day": 20, "developer_name": "阳光地产"},
        content_type=JSON,
    )
    assert response.status_code == 200, response.content
    assert response.json()["saved"] is True and response.json()["due_day"] == 20
    saved = BillingPolicy.objects.get(community=community_a)
    assert saved.due_day == 20 and saved.developer_name == "阳光地产"
    assert saved.cycle == "month"  # untouched by the PATCH

    response = client.put(f"{API}/billing-policy/", {"cycle": "quarter"}, content_type=JSON)
    assert response.status_code == 200, response.content
    saved.refresh_from_db()
    # PUT: the fields left out take the defaults again.
    assert saved.cycle == "quarter" and saved.due_day == 15 and BillingPolicy.objects.count() == 1

    assistant = login(ast_a)
    assert assistant.get(f"{API}/billing-policy/").json()["cycle"] == "quarter"
    response = assistant.patch(f"{API}/billing-policy/", {"due_day": 5}, content_type=JSON)
    assert response.status_code == 403
    saved.refresh_from_db()
    assert saved.due_day == 15


# --- Billing runs (BIL-03, BIL-05) ---------------------------------------------------------


@pytest.mark.django_db
def test_a_billing_run_by_api_previews_confirms_and_bills_once(
    community_a, community_b, units, mgr_a, login, on_commit
):
    """BIL-03/PLT-08: preview (2 units × 2.50 × 89.50 = 223.75 each) → confirm → the bills and
    their lines; running the period again bills nothing new; cancelling with a reason frees
    the period so a third run bills it again."""
    UnitFactory(community=community_b, status="occupied", handover_date=LONG_AGO)
    client = login(mgr_a)
    item, standard = service_fee(client)

    response = post(
        client, f"{API}/billing-runs/", {"period": "2026-10-15", "fee_items": [item["id"]]}
    )
    assert response.status_code == 201, response.content
    run = response.json()
    assert run["status"] == "preview" and run["period"] == "2026-10-01" and run["months"] == 1
    preview = run["preview"]
    assert preview["targets"] == 2 and preview["lines"] == 2 and preview["skipped"] == 0
    assert preview["total"] == "447.50"
    assert preview["by_item"] == [{"item": "WYF 物业服务费", "lines": 2, "amount": "447.50"}]
    assert preview["anomaly_count"] == 0 and preview["missing_standards"] == []
    assert not Bill.objects.exists()  # a preview bills nothing

    with on_commit():
        response = post(client, f"{API}/billing-runs/{run['id']}/confirm/")
    assert response.status_code == 202, response.content
    assert response.json()["status"] == "queued"
    done = client.get(f"{API}/billing-runs/{run['id']}/").json()
    assert done["status"] == "done" and done["bills_created"] == 2 and done["lines_created"] == 2
    assert done["total_amount"] == "447.50" and done["progress_done"] == done["progress_total"] == 2
    assert done["percent"] == 100

    bills = results(client.get(f"{API}/bills/", {"run": run["id"]}))
    assert sorted(b["unit"] for b in bills) == sorted(u.pk for u in units)
    for bill in bills:
        assert bill["total"] == "223.75" and bill["outstanding"] == "223.75"
        assert bill["status"] == "open" and bill["payer_kind"] == "resident"
        assert bill["period_start"] == "2026-10-01" and bill["period_end"] == "2026-10-31"
        # Issued after October's due day: due the payment term (10 days) after issue.
        issued_late = timezone.localdate() + dt.timedelta(days=10)
        assert bill["due_date"] == max(dt.date(2026, 10, 15), issued_late).isoformat()
        [line] = bill["lines"]
        assert line["fee_item_code"] == "WYF" and line["fee_item_name"] == "物业服务费"
        assert Decimal(line["quantity"]) == Decimal("89.50")
        assert Decimal(line["unit_price"]) == Decimal("2.50")
        assert Decimal(line["factor"]) == 1 and line["amount"] == "223.75"
        assert line["standard"] == standard["id"] and "89.50" in line["formula"]
        assert line["detail"]["area"] == "89.50"

    # The same period again: nothing new (the lines' keys are taken).
    response = post(client, f"{API}/billing-runs/", {"period": "2026-10-01"})
    again = response.json()
    assert response.status_code == 201 and again["fee_items"] == [item["id"]]
    assert again["preview"]["lines"] == 0 and again["preview"]["skipped"] == 2
    with on_commit():
        post(client, f"{API}/billing-runs/{again['id']}/confirm/")
    again = client.get(f"{API}/billing-runs/{again['id']}/").json()
    assert again["status"] == "done" and again["bills_created"] == 0
    assert again["lines_skipped"] == 2 and again["total_amount"] == "0.00"
    assert Bill.objects.count() == 2

    # Cancelling needs a reason; then the run's bills are cancelled and the keys given back.
    response = post(client, f"{API}/billing-runs/{run['id']}/cancel/", {"cancel_reason": ""})
    assert "cancel_reason" in error_fields(response)
    response = post(
        client, f"{API}/billing-runs/{run['id']}/cancel/", {"cancel_reason": "单价录错"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "cancelled"
    assert response.json()["cancel_reason"] == "单价录错"
    assert {b["status"] for b in results(client.get(f"{API}/bills/", {"run": run["id"]}))} == {
        "cancelled"
    }
    # A cancelled run cannot be confirmed again.
    error_fields(post(client, f"{API}/billing-runs/{run['id']}/confirm/"))

    third = post(client, f"{API}/billing-runs/", {"period": "2026-10-01"}).json()
    assert third["preview"]["lines"] == 2 and third["preview"]["skipped"] == 0
    with on_commit():
        post(client, f"{API}/billing-runs/{third['id']}/confirm/")
    open_bills = results(client.get(f"{API}/bills/", {"status": "open"}))
    assert len(open_bills) == 2 and {b["run"] for b in open_bills} == {third["id"]}
    assert sum(Decimal(b["outstanding"]) for b in open_bills) == Decimal("447.50")


@pytest.mark.django_db
def test_the_run_refuses_bad_requests_without_billing(community_a, units, mgr_a, login):
    """BIL-03/PLT-08: the page's RunForm rules (a date, 1–12 months, this community's items);
    a run with no billable item is refused."""
    client = login(mgr_a)
    item_b = FeeItemFactory(calculation="area")  # another community's item
    assert "period" in error_fields(post(client, f"{API}/billing-runs/", {"period": "十月"}))
    fields = error_fields(
        post(client, f"{API}/billing-runs/", {"period": "2026-10-01", "months": 13})
    )
    assert "months" in fields
    fields = error_fields(
        post(client, f"{API}/billing-runs/", {"period": "2026-10-01", "fee_items": [item_b.pk]})
    )
    assert "fee_items" in fields
    error_fields(post(client, f"{API}/billing-runs/", {"period": "2026-10-01"}))  # no items
    assert not BillingRun.objects.exists()


@pytest.mark.django_db
def test_the_developer_pays_for_unsold_units_and_the_handover_month(
    community_a, building, mgr_a, login, on_commit
):
    """BIL-05: an unsold unit is billed to the developer account of the policy; with the
    prorate rule a unit handed over on 10 October is split by days: the owner pays 22/31 of
    223.75 = 158.79, the developer 9/31 = 64.96."""
    unsold = UnitFactory(community=community_a, building=building, number="101", status="unsold")
    handed = UnitFactory(
        community=community_a,
        building=building,
        number="102",
        status="occupied",
        handover_date=dt.date(2026, 10, 10),
    )
    client = login(mgr_a)
    response = client.patch(
        f"{API}/billing-policy/",
        {"fee_start": "prorate", "developer_name": "阳光地产"},
        content_type=JSON,
    )
    assert response.status_code == 200, response.content
    service_fee(client)
    run = post(client, f"{API}/billing-runs/", {"period": "2026-10-01"}).json()
    assert run["preview"]["targets"] == 3 and run["preview"]["total"] == "447.50"
    with on_commit():
        post(client, f"{API}/billing-runs/{run['id']}/confirm/")

    bills = results(client.get(f"{API}/bills/", {"run": run["id"]}))
    by_target = {(b["unit"], b["payer_kind"]): b for b in bills}
    assert set(by_target) == {
        (unsold.pk, "developer"),
        (handed.pk, "developer"),
        (handed.pk, "resident"),
    }
    assert by_target[unsold.pk, "developer"]["payer_name"] == "阳光地产"
    assert by_target[unsold.pk, "developer"]["total"] == "223.75"
    assert by_target[handed.pk, "resident"]["total"] == "158.79"
    assert by_target[handed.pk, "developer"]["total"] == "64.96"


# --- Meter readings (BIL-04) ---------------------------------------------------------------


@pytest.mark.django_db
def test_an_anomalous_reading_is_held_back_until_confirmed(
    community_a, community_b, units, mgr_a, tech_a, login
):
    """BIL-04: a reading below the previous one is stored as an anomaly and the run preview
    holds it back; engineering may enter readings but not confirm them; once the manager
    confirms it, the run bills it. A meter of another community cannot be read (400)."""
    water = FeeItemFactory(
        community=community_a, code="SF", name="水费", calculation="metered", meter_kind="water"
    )
    FeeStandardFactory(community=community_a, fee_item=water, unit_price=Decimal("3.00"))
    odd = MeterFactory(community=community_a, unit=units[0], kind="water", serial="W0001")
    fine = MeterFactory(community=community_a, unit=units[1], kind="water", serial="W0002")
    foreign = MeterFactory(community=community_b, kind="water")
    tech = login(tech_a)

    response = post(
        tech,
        f"{API}/meter-readings/",
        {
            "meter": odd.pk,
            "period": "2026-10",
            "previous_reading": "120",
            "current_reading": "100",
            "read_on": "2026-10-28",
        },
    )
    assert response.status_code == 201, response.content
    reading = response.json()
    assert reading["status"] == "anomaly" and reading["anomalies"]
    assert reading["period"] == "2026-10-01" and reading["usage"] == "-20.00"
    assert reading["unit_code"] == units[0].code
    response = post(
        tech,
        f"{API}/meter-readings/",
        {
            "meter": fine.pk,
            "period": "2026-10-20",
            "current_reading": "12",
            "read_on": "2026-10-28",
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "ok" and response.json()["previous_reading"] == "0.00"

    fields = error_fields(
        post(
            tech,
            f"{API}/meter-readings/",
            {
                "meter": foreign.pk,
                "period": "2026-10-01",
                "current_reading": "5",
                "read_on": "2026-10-28",
            },
        )
    )
    assert list(fields) == ["meter"]
    assert not MeterReading.objects.filter(meter=foreign).exists()

    client = login(mgr_a)
    anomalies = results(client.get(f"{API}/meter-readings/", {"status": "anomaly"}))
    assert [r["id"] for r in anomalies] == [reading["id"]]
    preview = post(client, f"{API}/billing-runs/", {"period": "2026-10-01"}).json()["preview"]
    assert preview["anomaly_count"] == 1 and "W0001" in preview["anomalies"][0]
    assert preview["lines"] == 1 and preview["total"] == "36.00"  # 12 × 3.00

    assert post(tech, f"{API}/meter-readings/{reading['id']}/confirm/").status_code == 403
    # A negative usage is never confirmed (it would bill a refund): the manager corrects it.
    refused = post(client, f"{API}/meter-readings/{reading['id']}/confirm/", {"note": "核实"})
    assert refused.status_code == 400
    response = post(
        client,
        f"{API}/meter-readings/",
        {
            "meter": odd.pk,
            "period": "2026-10",
            "previous_reading": "120",
            "current_reading": "130",
            "read_on": "2026-10-29",
        },
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "ok"
    # Only an anomaly needs confirming.
    error_fields(post(client, f"{API}/meter-readings/{reading['id']}/confirm/"))

    preview = post(client, f"{API}/billing-runs/", {"period": "2026-10-01"}).json()["preview"]
    assert preview["anomaly_count"] == 0 and preview["lines"] == 2
    assert preview["total"] == "66.00"  # (12 + 10) × 3.00


@pytest.mark.django_db
def test_a_reading_is_corrected_until_it_is_billed(community_a, units, mgr_a, login):
    """BIL-04: posting the same meter and month again corrects the reading (200); a billed
    reading can no longer be corrected (400)."""
    meter = MeterFactory(community=community_a, unit=units[0], kind="water")
    client = login(mgr_a)
    body = {
        "meter": meter.pk,
        "period": "2026-10-01",
        "current_reading": "10",
        "read_on": "2026-10-28",
    }
    assert post(client, f"{API}/meter-readings/", body).status_code == 201
    response = post(client, f"{API}/meter-readings/", {**body, "current_reading": "11"})
    assert response.status_code == 200, response.content
    reading = MeterReading.objects.get(meter=meter)
    assert reading.current_reading == Decimal("11") and MeterReading.objects.count() == 1

    MeterReading.objects.filter(pk=reading.pk).update(status="billed")
    error_fields(post(client, f"{API}/meter-readings/", {**body, "current_reading": "12"}))
    reading.refresh_from_db()
    assert reading.current_reading == Decimal("11")


# --- Permissions, isolation, queries, schema (PLT-08) ----------------------------------------


@pytest.mark.django_db
def test_a_csr_reads_bills_but_cannot_run_billing(community_a, units, csr_a, login):
    """PLT-08: customer service may list bills but neither see nor start billing runs, nor set
    up fees or read the policy."""
    BillFactory(community=community_a, unit=units[0])
    client = login(csr_a)
    assert len(results(client.get(f"{API}/bills/"))) == 1
    assert client.get(f"{API}/billing-runs/").status_code == 403
    response = post(client, f"{API}/billing-runs/", {"period": "2026-10-01"})
    assert response.status_code == 403 and response.json()["error"]["code"] == "permission_denied"
    assert client.get(f"{API}/billing-policy/").status_code == 403
    assert post(client, f"{API}/fee-items/", {"code": "X"}).status_code == 403
    assert not BillingRun.objects.exists()


@pytest.mark.django_db
def test_another_communitys_run_and_reading_are_not_found(community_a, community_b, mgr_a, login):
    """PLT-08/PLT-01: a run or reading id of community B is 404 on every action; nothing of B
    changes."""
    run_b = BillingRunFactory(community=community_b)
    reading_b = MeterReadingFactory(community=community_b, status="anomaly")
    client = login(mgr_a)
    assert client.get(f"{API}/billing-runs/{run_b.pk}/").status_code == 404
    response = post(client, f"{API}/billing-runs/{run_b.pk}/confirm/")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert (
        post(client, f"{API}/billing-runs/{run_b.pk}/cancel/", {"cancel_reason": "x"}).status_code
        == 404
    )
    assert post(client, f"{API}/meter-readings/{reading_b.pk}/confirm/").status_code == 404
    run_b.refresh_from_db()
    reading_b.refresh_from_db()
    assert run_b.status == "preview" and reading_b.status == "anomaly"


@pytest.mark.django_db
def test_billing_lists_use_a_bounded_number_of_queries(
    community_a, building, mgr_a, login, django_assert_max_num_queries
):
    """PLT-08: bills with their lines, runs with their fee items, readings, fee items and
    standards are listed without a query per row."""
    items = [FeeItemFactory(community=community_a) for _ in range(3)]
    for item in items:
        FeeStandardFactory(community=community_a, fee_item=item)
    for n in range(20):
        unit = UnitFactory(community=community_a, building=building, number=f"{n + 1}01")
        bill = BillFactory(community=community_a, unit=unit)
        for item in items[:2]:
            BillLineFactory(community=community_a, bill=bill, fee_item=item)
        MeterReadingFactory(
            community=community_a, meter=MeterFactory(community=community_a, unit=unit)
        )
        BillingRunFactory(community=community_a).fee_items.set(items)
    client = login(mgr_a)
    for resource, count in (
        ("bills", 20),
        ("billing-runs", 20),
        ("meter-readings", 20),
        ("fee-items", 3),
        ("fee-standards", 3),
    ):
        with django_assert_max_num_queries(15):
            data = client.get(f"{API}/{resource}/").json()
        assert data["count"] == count, resource
    bills = client.get(f"{API}/bills/").json()["results"]
    assert all(len(b["lines"]) == 2 and b["unit_code"] for b in bills)


@pytest.mark.django_db
def test_billing_endpoints_are_in_the_schema(community_a, mgr_a, login):
    """PLT-08: every billing resource and action is documented in the OpenAPI schema."""
    schema = login(mgr_a).get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    paths = schema["paths"]
    for name in ("fee-items", "fee-standards", "meter-readings", "billing-runs", "bills"):
        assert f"/api/v1/{name}/" in paths and f"/api/v1/{name}/{{id}}/" in paths, name
    assert set(paths["/api/v1/billing-policy/"]) == {"get", "put", "patch"}
    assert "delete" not in paths["/api/v1/fee-standards/{id}/"]
    assert "delete" in paths["/api/v1/fee-items/{id}/"]
    assert set(paths["/api/v1/bills/"]) == {"get"}
    assert set(paths["/api/v1/meter-readings/"]) == {"get", "post"}
    assert set(paths["/api/v1/meter-readings/{id}/"]) == {"get"}
    assert "post" in paths["/api/v1/meter-readings/{id}/confirm/"]
    assert "post" in paths["/api/v1/billing-runs/{id}/confirm/"]
    assert "post" in paths["/api/v1/billing-runs/{id}/cancel/"]
    assert set(paths["/api/v1/billing-runs/{id}/"]) == {"get"}
