"""BIL-06..12, BIL-14/15, PLT-08: the cashier counter over the REST API — payments with an
idempotency key, oldest-first allocation, voids, prepayments, deposits, refunds, waivers, the
daily closing, arrears and collection rates. Every write goes through the same services as the
pages; the amounts below are computed by hand."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from wuye.billing.models import Allocation, DailyClosing, Deposit, Payment, Receipt, Refund, Waiver
from wuye.billing.services.counter import collect_payment
from wuye.billing.services.ledger import wallet_balance
from wuye.billing.tests.factories import BillFactory, BillLineFactory, FeeItemFactory
from wuye.estate.tests.factories import BuildingFactory, UnitFactory
from wuye.org.tests.factories import ZoneFactory

API = "/api/v1"
JSON = "application/json"
D = Decimal


def key():
    return uuid.uuid4().hex


def post(client, url, body=None, **headers):
    return client.post(url, body or {}, content_type=JSON, headers=headers or None)


def ok(response, status=200):
    assert response.status_code == status, response.content
    return response.json()


def results(response):
    return ok(response)["results"]


def error(response, status=400):
    """The API's one error body; returns it after checking its shape."""
    assert response.status_code == status, response.content
    body = response.json()["error"]
    assert set(body) == {"code", "message", "fields"} and body["code"] and body["message"]
    return body


def collect(client, body, idempotency_key=None):
    return post(client, f"{API}/payments/", body, **{"Idempotency-Key": idempotency_key or key()})


@pytest.fixture
def fin_a(community_a, make_staff):
    return make_staff(community_a, "FIN")


@pytest.fixture
def home(community_a):
    return UnitFactory(community=community_a)


@pytest.fixture
def bills(community_a, home):
    """August 200.00, September 200.00 (物业服务费), October 200.00 + 10.00 (垃圾清运费)."""
    fee = FeeItemFactory(community=community_a, code="WYF", name="物业服务费")
    garbage = FeeItemFactory(
        community=community_a, code="LJF", name="垃圾清运费", calculation="fixed_unit"
    )
    made = []
    for month in (8, 9, 10):
        start = dt.date(2026, month, 1)
        bill = BillFactory(
            community=community_a,
            unit=home,
            period_start=start,
            period_end=start.replace(day=28),
            due_date=start.replace(day=15),
            total=D("210.00") if month == 10 else D("200.00"),
        )
        items = [(fee, D("200.00"))] + ([(garbage, D("10.00"))] if month == 10 else [])
        for item, amount in items:
            BillLineFactory(
                community=community_a,
                bill=bill,
                fee_item=item,
                period=start,
                period_end=start.replace(day=28),
                amount=amount,
                billing_key=f"u{home.pk}:f{item.pk}:2026{month:02d}:r",
            )
        made.append(bill)
    return made


def paid(bill):
    bill.refresh_from_db()
    return bill.paid


# --- Collecting (BIL-06, BIL-07) -----------------------------------------------------------------


@pytest.mark.django_db
def test_the_same_idempotency_key_twice_is_one_payment(home, bills, csh_a, login):
    """BIL-06/PLT-08: a resent request with the same Idempotency-Key header and the same body
    returns the first payment (201, then 200) — one payment, one receipt, August's `paid`
    raised once; the same key with another body is refused (409) and collects nothing. Cash
    300 tendered for 200 gives 100 change; the receipt has its number and verification code."""
    client = login(csh_a)
    same = key()
    body = {"unit": home.pk, "amount": "200.00", "channel": "cash", "tendered": "300"}
    first = ok(collect(client, body, same), 201)
    again = ok(collect(client, body, same), 200)
    conflict = collect(client, {**body, "amount": "400.00"}, same)
    assert conflict.status_code == 409, conflict.content
    assert conflict.json()["error"]["code"] == "idempotency_conflict"
    assert first["receipt_number"] in conflict.json()["error"]["message"]

    assert again["id"] == first["id"] and again["receipt_number"] == first["receipt_number"]
    assert Payment.objects.count() == 1 and Receipt.objects.count() == 1
    assert paid(bills[0]) == D("200.00") and paid(bills[1]) == D("0")
    assert first["amount"] == "200.00" and first["change"] == "100.00"
    assert first["status"] == "posted" and first["cashier"] == csh_a.pk
    receipt = Receipt.objects.get()
    assert first["receipt_number"] == receipt.number
    assert first["verification_code"] == receipt.verification_code
    [allocation] = first["allocations"]
    assert allocation["bill"] == bills[0].pk and allocation["bill_number"] == bills[0].number
    assert allocation["fee_item_code"] == "WYF" and allocation["amount"] == "200.00"
    assert allocation["reversal"] is False

    # The key may come in the body when the header is missing; without either: 400.
    fields = error(post(client, f"{API}/payments/", body))["fields"]
    assert list(fields) == ["idempotency_key"]
    body_key = key()
    ok(post(client, f"{API}/payments/", {**body, "idempotency_key": body_key}), 201)
    ok(post(client, f"{API}/payments/", {**body, "idempotency_key": body_key}), 200)
    assert Payment.objects.count() == 2 and paid(bills[1]) == D("200.00")

    listed = results(client.get(f"{API}/receipts/", {"payment": first["id"]}))
    assert [r["number"] for r in listed] == [receipt.number] and listed[0]["prints"] == 0


@pytest.mark.django_db
def test_money_settles_the_oldest_lines_first(home, bills, csh_a, login):
    """BIL-07: 300 without chosen bills settles August (200) then 100 of September; choosing
    October settles its two lines in full (210) when no amount is given; more than is owed is
    refused unless kept as prepayment."""
    client = login(csh_a)
    payment = ok(collect(client, {"unit": home.pk, "amount": "300", "channel": "wechat"}), 201)
    assert [(a["bill"], a["amount"]) for a in payment["allocations"]] == [
        (bills[0].pk, "200.00"),
        (bills[1].pk, "100.00"),
    ]
    assert (paid(bills[0]), paid(bills[1]), paid(bills[2])) == (D("200"), D("100"), D("0"))

    october = ok(
        collect(client, {"unit": home.pk, "channel": "alipay", "bill_ids": [bills[2].pk]}), 201
    )
    assert october["amount"] == "210.00"
    assert sorted((a["fee_item_code"], a["amount"]) for a in october["allocations"]) == [
        ("LJF", "10.00"),
        ("WYF", "200.00"),
    ]
    assert paid(bills[2]) == D("210.00") and paid(bills[1]) == D("100.00")

    # 150 for the 100 still owed: refused without keep_overpayment, nothing saved.
    fields = error(collect(client, {"unit": home.pk, "amount": "150", "channel": "cash"}))["fields"]
    assert "amount" in fields and Payment.objects.count() == 2
    kept = ok(
        collect(
            client,
            {"unit": home.pk, "amount": "150", "channel": "cash", "keep_overpayment": True},
        ),
        201,
    )
    assert kept["to_prepayment"] == "50.00" and paid(bills[1]) == D("200.00")
    balance = ok(client.get(f"{API}/prepayment-entries/balance/", {"unit": home.pk}))
    assert balance == {"unit": home.pk, "balance": "50.00"}

    mine = results(client.get(f"{API}/payments/", {"unit": home.pk, "channel": "cash"}))
    assert [p["id"] for p in mine] == [kept["id"]]


@pytest.mark.django_db
def test_a_unit_or_bill_of_another_community_is_refused(
    community_b, home, bills, csh_a, ast_a, login
):
    """BIL-06/PLT-01: a unit of another service center is a 400 on `unit`, another unit's bill
    a 400 on `bill_ids`; nothing is collected. The assistant may not collect at all (403)."""
    client = login(csh_a)
    foreign = UnitFactory(community=community_b)
    foreign_bill = BillFactory(community=community_b)
    fields = error(collect(client, {"unit": foreign.pk, "amount": "100", "channel": "cash"}))[
        "fields"
    ]
    assert list(fields) == ["unit"]
    body = {"unit": home.pk, "amount": "100", "channel": "cash", "bill_ids": [foreign_bill.pk]}
    assert "bill_ids" in error(collect(client, body))["fields"]
    assert error(client.get(f"{API}/prepayment-entries/balance/", {"unit": foreign.pk}))["fields"]
    error(client.get(f"{API}/prepayment-entries/balance/"))
    assert collect(login(ast_a), {"unit": home.pk, "channel": "cash"}).status_code == 403
    assert not Payment.objects.exists() and not Allocation.objects.exists()
    assert paid(bills[0]) == 0


@pytest.mark.django_db
def test_a_void_reverses_the_allocations_and_the_bill_owes_again(
    community_a, home, bills, csh_a, make_staff, login
):
    """BIL-11: the cashier voids his own payment of the day with a reason: reversing rows are
    added, August is unpaid again, the receipt number stays. Another cashier may not void it
    (403); a reason is required (400)."""
    client = login(csh_a)
    payment = ok(collect(client, {"unit": home.pk, "amount": "200", "channel": "cash"}), 201)
    other = login(make_staff(community_a, "CSH", username="csh_a2"))
    response = post(other, f"{API}/payments/{payment['id']}/void/", {"void_reason": "x"})
    assert response.status_code == 403
    assert Payment.objects.get().status == "posted" and paid(bills[0]) == D("200.00")

    url = f"{API}/payments/{payment['id']}/void/"
    assert "void_reason" in error(post(client, url, {"void_reason": ""}))["fields"]
    voided = ok(post(client, url, {"void_reason": "收错房号"}))
    assert voided["status"] == "voided" and voided["void_reason"] == "收错房号"
    assert voided["receipt_number"] == payment["receipt_number"]
    assert sorted((a["amount"], a["reversal"]) for a in voided["allocations"]) == [
        ("-200.00", True),
        ("200.00", False),
    ]
    assert paid(bills[0]) == D("0.00")
    assert results(client.get(f"{API}/bills/", {"unit": home.pk}))[0]["outstanding"] == "200.00"
    error(post(client, url, {"void_reason": "again"}))  # already voided
    listed = results(client.get(f"{API}/payments/", {"status": "voided"}))
    assert [p["id"] for p in listed] == [payment["id"]]


# --- Prepayments, deposits, refunds, waivers (BIL-08, BIL-09, BIL-10) ---------------------------


@pytest.mark.django_db
def test_a_prepayment_refund_is_approved_by_finance_not_the_cashier(
    home, bills, csh_a, fin_a, login
):
    """BIL-08: a top-up of 500 goes into the unit's prepayment; the cashier asks for 200 back;
    he cannot approve it (403), finance can: the balance is 300, with every movement listed."""
    cashier, finance = login(csh_a), login(fin_a)
    top_up = ok(
        collect(
            cashier, {"unit": home.pk, "amount": "500", "channel": "cash", "purpose": "top_up"}
        ),
        201,
    )
    assert top_up["purpose"] == "top_up" and top_up["allocations"] == []
    assert top_up["to_prepayment"] == "500.00" and paid(bills[0]) == 0

    fields = error(
        post(cashier, f"{API}/refunds/", {"unit": home.pk, "amount": "600", "reason": "搬走"})
    )["fields"]
    assert "amount" in fields and not Refund.objects.exists()
    refund = ok(
        post(cashier, f"{API}/refunds/", {"unit": home.pk, "amount": "200", "reason": "搬走"}),
        201,
    )
    assert refund["kind"] == "prepayment" and refund["status"] == "requested"
    assert refund["amount"] == "200.00"

    url = f"{API}/refunds/{refund['id']}/decide/"
    assert post(cashier, url, {"approve": True}).status_code == 403
    assert Refund.objects.get().status == "requested"
    decided = ok(post(finance, url, {"approve": True, "note": "已核对"}))
    assert decided["status"] == "approved" and decided["decided_by"] == fin_a.pk
    assert wallet_balance(home) == D("300.00")
    balance = ok(cashier.get(f"{API}/prepayment-entries/balance/", {"unit": home.pk}))
    assert balance["balance"] == "300.00"
    entries = results(cashier.get(f"{API}/prepayment-entries/", {"unit": home.pk}))
    assert [(e["kind"], e["amount"]) for e in entries] == [
        ("top_up", "500.00"),
        ("refund", "-200.00"),
    ]
    error(post(finance, url, {"approve": False}))  # decided once


@pytest.mark.django_db
def test_a_deposit_is_refunded_less_its_deductions(home, csh_a, fin_a, login):
    """BIL-09: a 2000 decoration deposit (with a receipt) is refunded less 300 + 150.50 of
    reasoned deductions: 1549.50 back once finance approves; deductions need a reason."""
    cashier = login(csh_a)
    body = {"unit": home.pk, "amount": "2000", "channel": "pos", "purpose": "deposit"}
    assert "deposit_purpose" in error(collect(cashier, body))["fields"]
    payment = ok(collect(cashier, {**body, "deposit_purpose": "装修押金"}), 201)
    assert payment["purpose"] == "deposit" and payment["receipt_number"]
    deposit = ok(cashier.get(f"{API}/deposits/{payment['deposit']}/"))
    assert deposit["status"] == "held" and deposit["amount"] == "2000.00"
    assert (
        deposit["purpose"] == "装修押金" and deposit["receipt_number"] == payment["receipt_number"]
    )
    assert wallet_balance(home) == 0  # a deposit is not prepayment

    url = f"{API}/deposits/{deposit['id']}/refund/"
    fields = error(post(cashier, url, {"reason": "装修完工", "deductions": [{"amount": "300"}]}))[
        "fields"
    ]
    assert "deductions" in fields and not Refund.objects.exists()
    refund = ok(
        post(
            cashier,
            url,
            {
                "reason": "装修完工",
                "deductions": [
                    {"reason": "墙面修补", "amount": "300"},
                    {"reason": "垃圾清运", "amount": "150.50"},
                ],
            },
        ),
        201,
    )
    assert refund["kind"] == "deposit" and refund["deposit"] == deposit["id"]
    assert refund["amount"] == "1549.50" and len(refund["deductions"]) == 2
    assert Deposit.objects.get().status == "refund_requested"
    assert (
        post(cashier, f"{API}/refunds/{refund['id']}/decide/", {"approve": True}).status_code == 403
    )

    ok(post(login(fin_a), f"{API}/refunds/{refund['id']}/decide/", {"approve": True}))
    settled = ok(cashier.get(f"{API}/deposits/{deposit['id']}/"))
    assert settled["status"] == "settled"
    assert (settled["refunded"], settled["deducted"]) == ("1549.50", "450.50")
    assert post(cashier, f"{API}/deposits/", {}).status_code == 405  # taken at payments/


@pytest.mark.django_db
def test_a_waiver_approved_by_the_manager_lowers_the_bill(
    community_b, home, bills, csh_a, mgr_a, login
):
    """BIL-10: the cashier asks to waive 50 of October's 物业服务费; he cannot approve it (403),
    the manager does: October's total drops from 210 to 160 by a negative line. A line of
    another service center cannot be waived (400)."""
    cashier = login(csh_a)
    october_fee = bills[2].lines.get(fee_item__code="WYF")
    foreign_line = BillLineFactory(community=community_b)
    body = {"line": foreign_line.pk, "amount": "50", "reason": "漏水影响"}
    assert list(error(post(cashier, f"{API}/waivers/", body))["fields"]) == ["line"]
    fields = error(
        post(cashier, f"{API}/waivers/", {**body, "line": october_fee.pk, "amount": "250"})
    )["fields"]
    assert "amount" in fields and not Waiver.objects.exists()

    waiver = ok(post(cashier, f"{API}/waivers/", {**body, "line": october_fee.pk}), 201)
    assert waiver["status"] == "requested" and waiver["bill"] == bills[2].pk
    assert waiver["amount"] == "50.00" and waiver["fee_item_name"] == "物业服务费"
    url = f"{API}/waivers/{waiver['id']}/decide/"
    assert post(cashier, url, {"approve": True}).status_code == 403
    bills[2].refresh_from_db()
    assert bills[2].total == D("210.00")

    decided = ok(post(login(mgr_a), url, {"approve": True, "note": "同意"}))
    assert decided["status"] == "approved" and decided["decided_by"] == mgr_a.pk
    bill = ok(cashier.get(f"{API}/bills/{bills[2].pk}/"))
    assert bill["total"] == "160.00" and bill["outstanding"] == "160.00"
    assert sorted(line["amount"] for line in bill["lines"]) == ["-50.00", "10.00", "200.00"]

    # Collecting October in full now takes 160.
    payment = ok(
        collect(cashier, {"unit": home.pk, "channel": "cash", "bill_ids": [bills[2].pk]}), 201
    )
    assert payment["amount"] == "160.00"


# --- Daily closing (BIL-12) -----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_closed_day_takes_no_more_payments(
    community_a, home, bills, csh_a, fin_a, make_staff, login
):
    """BIL-12: the cashier takes 200 cash and 200 by WeChat, counts 190 (refused without an
    explanation), then 200; the day is locked: a third payment is refused with the standard
    error body. Finance returns it (the day opens), the cashier submits again (200), finance
    confirms and records the cash handed to the bank. The cashier cannot confirm (403) and
    sees only his own closings."""
    cashier, finance = login(csh_a), login(fin_a)
    ok(collect(cashier, {"unit": home.pk, "amount": "200", "channel": "cash"}), 201)
    ok(collect(cashier, {"unit": home.pk, "amount": "200", "channel": "wechat"}), 201)
    other_cashier = make_staff(community_a, "CSH", username="csh_a2")
    collect_payment(
        unit=home, amount=D("10"), channel="cash", cashier=other_cashier, idempotency_key=key()
    )

    fields = error(post(cashier, f"{API}/daily-closings/", {"counted_cash": "190"}))["fields"]
    assert list(fields) == ["explanation"] and not DailyClosing.objects.exists()
    closing = ok(post(cashier, f"{API}/daily-closings/", {"counted_cash": "200.00"}), 201)
    assert closing["status"] == "submitted" and closing["cashier"] == csh_a.pk
    assert closing["totals"] == {"cash": "200.00", "wechat": "200.00"}
    assert closing["payment_count"] == 2 and closing["system_cash"] == "200.00"
    assert closing["difference"] == "0.00"

    refused = error(collect(cashier, {"unit": home.pk, "amount": "10", "channel": "cash"}))
    assert refused["code"] == "invalid" and refused["fields"] == {}
    assert Payment.objects.filter(cashier=csh_a).count() == 2
    assert paid(bills[1]) == D("200.00") and paid(bills[2]) == D("10.00")  # the other cashier

    url = f"{API}/daily-closings/{closing['id']}"
    assert post(cashier, f"{url}/confirm/").status_code == 403
    assert (
        "return_reason" in error(post(finance, f"{url}/return/", {"return_reason": ""}))["fields"]
    )
    returned = ok(post(finance, f"{url}/return/", {"return_reason": "现金少了"}))
    assert returned["status"] == "returned"
    ok(collect(cashier, {"unit": home.pk, "amount": "10", "channel": "cash"}), 201)
    again = ok(post(cashier, f"{API}/daily-closings/", {"counted_cash": "210"}), 200)
    assert again["id"] == closing["id"] and again["system_cash"] == "210.00"
    assert again["status"] == "submitted" and again["payment_count"] == 3

    today = timezone.localdate()
    bank = {"bank_amount": "210", "bank_reference": "Y1", "bank_date": today.isoformat()}
    ahead = {**bank, "bank_date": (today + dt.timedelta(days=1)).isoformat()}
    error(post(finance, f"{url}/bank-deposit/", bank))  # not confirmed yet
    confirmed = ok(post(finance, f"{url}/confirm/"))
    assert confirmed["status"] == "confirmed" and confirmed["confirmed_by"] == fin_a.pk
    fields = error(post(finance, f"{url}/bank-deposit/", {**bank, "bank_amount": "300"}))["fields"]
    assert "bank_amount" in fields
    assert "bank_date" in error(post(finance, f"{url}/bank-deposit/", ahead))["fields"]
    banked = ok(post(finance, f"{url}/bank-deposit/", bank))
    assert banked["bank_amount"] == "210.00" and banked["bank_reference"] == "Y1"
    assert error(collect(cashier, {"unit": home.pk, "amount": "10", "channel": "cash"}))

    ok(post(login(other_cashier), f"{API}/daily-closings/", {"counted_cash": "10"}), 201)
    assert [c["cashier"] for c in results(cashier.get(f"{API}/daily-closings/"))] == [csh_a.pk]
    assert len(results(finance.get(f"{API}/daily-closings/"))) == 2


# --- Arrears and collection rates (BIL-14, BIL-15) -----------------------------------------------


def at(day):
    return time_machine.travel(
        dt.datetime(day.year, day.month, day.day, 2, 0, tzinfo=dt.UTC), tick=False
    )


@pytest.fixture
def ledger(community_a, community_b, csh_a):
    """U1 (building 1, zone 东区) and U2 (building 2, zone 西区): September 100 each, October
    200 (U1) and 300 (U2), due on the 15th. 20 Sep: U1 pays 100. 10 Oct: U1 pays 200, U2 50.
    5 Nov: U2 pays 300 — September's remaining 50 first, then 250 of October (50 still owed).
    Another service center's overdue bill must not show."""
    fee = FeeItemFactory(community=community_a, code="WYF", name="物业服务费")
    units = [
        UnitFactory(
            community=community_a,
            building=BuildingFactory(
                community=community_a,
                number=number,
                zone=ZoneFactory(community=community_a, name=zone),
            ),
        )
        for number, zone in (("1", "东区"), ("2", "西区"))
    ]
    for unit, amounts in zip(units, (("100", "200"), ("100", "300")), strict=True):
        for month, amount in zip((9, 10), amounts, strict=True):
            start = dt.date(2026, month, 1)
            bill = BillFactory(
                community=community_a,
                unit=unit,
                total=D(amount),
                period_start=start,
                period_end=start.replace(day=28),
                due_date=start.replace(day=15),
            )
            BillLineFactory(
                community=community_a,
                bill=bill,
                fee_item=fee,
                amount=D(amount),
                period=start,
                period_end=start.replace(day=28),
                billing_key=f"u{unit.pk}-{month}",
            )
    BillFactory(community=community_b, due_date=dt.date(2026, 9, 15), total=D("999"))

    def pay(unit, amount):
        collect_payment(
            unit=unit, amount=D(amount), channel="cash", cashier=csh_a, idempotency_key=key()
        )

    u1, u2 = units
    with at(dt.date(2026, 9, 20)):
        pay(u1, "100")
    with at(dt.date(2026, 10, 10)):
        pay(u1, "200")
        pay(u2, "50")
    with at(dt.date(2026, 11, 5)):
        pay(u2, "300")
    return units


@pytest.mark.django_db
def test_arrears_by_unit_and_aging_buckets(ledger, csh_a, login):
    """BIL-14: on 26 Nov only U2 owes: 50 of October, 42 days past its 15 Oct due date — the
    31–90 bucket of building 2 (zone 西区)."""
    _u1, u2 = ledger
    with at(dt.date(2026, 11, 26)):
        client = login(csh_a)
        arrears = ok(client.get(f"{API}/arrears/"))
        aging = ok(client.get(f"{API}/arrears/aging/"))
        by_zone = ok(client.get(f"{API}/arrears/aging/", {"group": "zone"}))
        error(client.get(f"{API}/arrears/aging/", {"group": "floor"}))
    assert arrears["as_of"] == "2026-11-26"
    assert arrears["count"] == 1 and arrears["total"] == "50.00"
    [row] = arrears["results"]
    assert row["unit_id"] == u2.pk and row["code"] == u2.code and row["zone"] == "西区"
    assert (row["owed"], row["bills"], row["oldest_due"]) == ("50.00", 1, "2026-10-15")
    assert row["days"] == 42 and row["limitation"] is False

    assert aging["group"] == "building" and len(aging["labels"]) == 5
    assert aging["results"] == [
        {"group": "2", "buckets": ["0.00", "50.00", "0.00", "0.00", "0.00"], "total": "50.00"}
    ]
    assert [r["group"] for r in by_zone["results"]] == ["西区"]


@pytest.mark.django_db
def test_collection_rates_of_october(ledger, csh_a, dsp_a, login):
    """BIL-15: October: 当期收缴率 200/500 = 40.00%; 清欠率 50/100 = 50.00%; 户收费率 1/2 =
    50.00%. Building 1 collected 100%, building 2 0% (and recovered 50 of its 100). By fee item
    the one item has the community's rate. The dispatcher may not see the figures (403)."""
    client = login(csh_a)
    whole = ok(client.get(f"{API}/collection-rates/", {"period": "2026-10"}))
    assert whole["period"] == "2026-10" and whole["group"] is None and whole["total"] is None
    [row] = whole["results"]
    assert (row["receivable"], row["collected"], row["collection_rate"]) == (
        "500.00",
        "200.00",
        "40.00",
    )
    assert (row["prior_arrears"], row["recovered"], row["recovery_rate"]) == (
        "100.00",
        "50.00",
        "50.00",
    )
    assert (row["households"], row["households_paid"], row["household_rate"]) == (2, 1, "50.00")

    by_building = ok(
        client.get(f"{API}/collection-rates/", {"period": "2026-10", "group": "building"})
    )
    rows = {r["group"]: r for r in by_building["results"]}
    assert rows["1"]["collection_rate"] == "100.00" and rows["2"]["collection_rate"] == "0.00"
    assert rows["2"]["recovered"] == "50.00" and rows["2"]["recovery_rate"] == "50.00"
    assert by_building["total"]["collection_rate"] == "40.00"

    by_item = ok(client.get(f"{API}/collection-rates/", {"period": "2026-10", "group": "fee_item"}))
    assert [
        (r["group"], r["receivable"], r["collected"], r["collection_rate"])
        for r in by_item["results"]
    ] == [("物业服务费", "500.00", "200.00", "40.00")]
    september = ok(client.get(f"{API}/collection-rates/", {"period": "2026-09"}))["results"][0]
    assert (september["receivable"], september["collection_rate"]) == ("200.00", "50.00")

    assert "period" in error(client.get(f"{API}/collection-rates/", {"period": "十月"}))["fields"]
    assert login(dsp_a).get(f"{API}/collection-rates/").status_code == 403
    assert login(dsp_a).get(f"{API}/arrears/").status_code == 403
