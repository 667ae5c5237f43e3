"""FIN-02, FIN-06: the month's ledger (应收/欠收/预收 by fee item and payer kind) on hand-computed
data, every closing figure found two independent ways, and the month-end close — refused while a
cashier day is unconfirmed or the books do not balance; a closed month refuses a payment, a void,
a waiver and a billing run dated in it; the manager reopens it with a reason."""

import datetime as dt
import uuid
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.db import connection

from wuye.billing.closing import confirm_closing, submit_closing
from wuye.billing.models import Bill, BillLine
from wuye.billing.services.approvals import decide_waiver, request_waiver
from wuye.billing.services.counter import collect_payment, void_payment
from wuye.billing.services.runs import confirm_run
from wuye.billing.services.wallet import offset_from_wallet
from wuye.billing.tests.factories import (
    BillFactory,
    BillingRunFactory,
    BillLineFactory,
    FeeItemFactory,
    PaymentFactory,
)
from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.core.models import Event
from wuye.estate.tests.factories import UnitFactory
from wuye.finance.models import MonthClose
from wuye.finance.services import closing, ledger

D = Decimal
SH = zoneinfo.ZoneInfo("Asia/Shanghai")
OCT, NOV, DEC = dt.date(2026, 10, 1), dt.date(2026, 11, 1), dt.date(2026, 12, 1)


def at(day: dt.date, hour=10):
    return time_machine.travel(
        dt.datetime(day.year, day.month, day.day, hour, tzinfo=SH), tick=False
    )


@pytest.fixture
def staff(community_a, make_staff):
    return {
        "mgr": make_staff(community_a, "MGR", name="经理老陈"),
        "fin": make_staff(community_a, "FIN", name="财务小李"),
        "csh": make_staff(community_a, "CSH", name="收费员小张"),
    }


def bill(unit, month, lines, *, due, payer_kind="resident"):
    made = BillFactory(
        community=unit.community,
        unit=unit,
        payer_kind=payer_kind,
        period_start=month,
        period_end=month.replace(day=28),
        due_date=due,
        total=sum(lines.values(), D(0)),
    )
    for item, amount in lines.items():
        BillLineFactory(
            community=unit.community,
            bill=made,
            fee_item=item,
            period=month,
            period_end=month.replace(day=28),
            amount=amount,
            billing_key=f"u{unit.pk}:f{item.pk}:{month:%Y%m}:{payer_kind[0]}",
        )
    return made


def pay(unit, cashier, amount, **kwargs):
    return collect_payment(
        unit=unit,
        cashier=cashier,
        channel=kwargs.pop("channel", "cash"),
        amount=amount,
        idempotency_key=uuid.uuid4().hex,
        **kwargs,
    )


def close_day(community, cashier, day, fin):
    with at(day, 20):
        from wuye.billing.closing import day_totals

        cash = day_totals(community, cashier, day)[0].get("cash", D(0))
        made = submit_closing(
            community=community, cashier=cashier, day=day, counted_cash=cash, actor=cashier
        )
        confirm_closing(made, actor=fin)


@pytest.fixture
def books(community_a, staff):
    """Two months of one resident's unit and one unit the developer holds (hand-computed):

    Oct 5   bills: resident 物业费 200 + 垃圾费 10 (due Oct 15); developer 物业费 300 (due Oct 31)
    Oct 20  the resident pays 250 in cash: 210 settles the bill, 40 kept as prepayment
    Nov 3   bills: resident 物业费 200 + 垃圾费 10 (due Nov 15); developer 物业费 300 (due Dec 10)
    Nov 10  20 of the resident's 物业费 waived
    Nov 12  the 40 of prepayment offset against the resident's bill
    Nov 18  the resident pays 100 in cash; Nov 25 that payment is voided
    Nov 28  the developer pays its October bill, 300 by transfer
    """
    home = UnitFactory(community=community_a)
    held = UnitFactory(community=community_a)
    fee = FeeItemFactory(community=community_a, code="WYF", name="物业服务费")
    garbage = FeeItemFactory(community=community_a, code="LJF", name="垃圾清运费")
    csh, fin, mgr = staff["csh"], staff["fin"], staff["mgr"]
    with at(dt.date(2026, 10, 5)):
        bill(home, OCT, {fee: D("200.00"), garbage: D("10.00")}, due=dt.date(2026, 10, 15))
        dev_oct = bill(
            held, OCT, {fee: D("300.00")}, due=dt.date(2026, 10, 31), payer_kind="developer"
        )
    with at(dt.date(2026, 10, 20)):
        pay(home, csh, D("250.00"), keep_overpayment=True)
    close_day(community_a, csh, dt.date(2026, 10, 20), fin)
    with at(dt.date(2026, 11, 3)):
        nov = bill(home, NOV, {fee: D("200.00"), garbage: D("10.00")}, due=dt.date(2026, 11, 15))
        bill(held, NOV, {fee: D("300.00")}, due=dt.date(2026, 12, 10), payer_kind="developer")
    with at(dt.date(2026, 11, 10)):
        line = nov.lines.get(fee_item=fee)
        decide_waiver(
            request_waiver(line=line, amount=D("20.00"), reason="漏水影响", actor=csh),
            approve=True,
            actor=mgr,
        )
    with at(dt.date(2026, 11, 12)):
        assert offset_from_wallet(home, actor=mgr).amount == D("40.00")
    with at(dt.date(2026, 11, 18)):
        voided = pay(home, csh, D("100.00"))
    with at(dt.date(2026, 11, 25)):
        void_payment(voided, reason="收错户", actor=fin)
    close_day(community_a, csh, dt.date(2026, 11, 18), fin)
    with at(dt.date(2026, 11, 28)):
        pay(held, csh, D("300.00"), channel="transfer", bill_ids=[dev_oct.pk], reference="B-1")
    close_day(community_a, csh, dt.date(2026, 11, 28), fin)
    return {"home": home, "held": held, "fee": fee, "garbage": garbage}


@pytest.mark.django_db
def test_fin02_ledger_identities_on_hand_computed_months(community_a, books):
    with at(dt.date(2026, 12, 2)):
        october = ledger.ledger(community_a, OCT)
        november = ledger.ledger(community_a, NOV)
    assert october.totals() == {
        "opening": D("0.00"),
        "billed": D("510.00"),
        "waived": D("0.00"),
        "cancelled": D("0.00"),
        "collected": D("210.00"),
        "closing": D("300.00"),
    }
    assert october.arrears_closing == D("300.00")  # the developer's bill, due Oct 31
    assert october.prepaid == {
        "opening": D("0.00"),
        "in": D("40.00"),
        "offset": D("0.00"),
        "refunded": D("0.00"),
        "reversed": D("0.00"),
        "closing": D("40.00"),
    }
    totals = november.totals()
    assert totals == {
        "opening": D("300.00"),
        "billed": D("510.00"),
        "waived": D("20.00"),
        "cancelled": D("0.00"),
        # offset 40 + cash 100 − its void 100 + the developer's 300
        "collected": D("340.00"),
        "closing": D("450.00"),
    }
    # opening + movements = closing, and October's closing is November's opening
    assert (
        totals["opening"] + totals["billed"] - totals["waived"] - totals["collected"]
        == totals["closing"]
    )
    by_payer = november.by_payer()
    assert by_payer["developer"]["opening"] == D("300.00")
    assert by_payer["developer"]["collected"] == D("300.00")
    assert by_payer["developer"]["closing"] == D("300.00")  # November's, due only Dec 10
    assert by_payer["resident"]["closing"] == D("150.00")  # 210 − 20 − 40
    # Arrears at Nov 30: the resident's 150 (due Nov 15); the developer's is not due yet.
    assert november.arrears_opening == D("300.00")
    assert november.arrears_closing == D("150.00")
    assert november.prepaid["opening"] == D("40.00")
    assert november.prepaid["offset"] == D("40.00")
    assert november.prepaid["closing"] == D("0.00")
    garbage = next(r for r in november.rows() if r["fee_item"] == "垃圾清运费")
    assert garbage["billed"] == D("10.00") and garbage["payer_kind"] == "resident"


@pytest.mark.django_db
def test_fin06_reconciliation_both_ways_and_the_records_behind_a_difference(community_a, books):
    with at(dt.date(2026, 12, 2)):
        result = ledger.reconcile(community_a, NOV)
        assert result.balanced, [(c.label, c.by_movements, c.by_records) for c in result.checks]
        labels = [str(check.label) for check in result.checks]
        assert any("Arrears" in label or "欠" in label for label in labels)
        collected = result.checks[-1]
        assert collected.by_movements == collected.by_records == D("340.00")
        # A line's paid changed behind the payment service's back: the two ways now disagree,
        # and the line is listed.
        line = BillLine.objects.filter(bill__unit=books["home"], period=NOV).order_by("pk").first()
        BillLine.objects.filter(pk=line.pk).update(paid=line.paid + D("5.00"))
        broken = ledger.reconcile(community_a, NOV)
        assert not broken.balanced
        assert sum(abs(check.difference) for check in broken.checks) >= D("5.00")
        assert any(record["record"] == str(line) for record in broken.records)
        # A bill whose total no longer equals its lines is listed too.
        target = Bill.objects.filter(unit=books["held"], period_start=NOV).get()
        Bill.objects.filter(pk=target.pk).update(total=target.total + D("1.00"))
        assert any(r["record"] == target.number for r in ledger.reconcile(community_a, NOV).records)


@pytest.mark.django_db
def test_fin06_close_waits_for_every_cashier_day_and_balanced_books(community_a, books, staff):
    fin, csh = staff["fin"], staff["csh"]
    with at(dt.date(2026, 11, 15)), pytest.raises(DomainError, match="最后一天"):
        closing.close_month(community=community_a, month=NOV, actor=fin)
    with at(dt.date(2026, 12, 1)):
        # November before October: months are closed in order once closing has begun.
        october = closing.close_month(community=community_a, month=OCT, actor=fin)
        assert october.figures["prepaid"] == "40.00"
        with pytest.raises(PermissionDeniedError):
            closing.close_month(community=community_a, month=NOV, actor=csh)
        pay(books["home"], csh, D("50.00"))  # December: an open day does not hold November
    # A November day with money taken but its closing not confirmed holds the close.
    PaymentFactory(
        community=community_a,
        unit=books["home"],
        cashier=csh,
        business_date=dt.date(2026, 11, 29),
        idempotency_key="late-nov-29",
    )
    with at(dt.date(2026, 12, 1)):
        assert closing.unconfirmed_days(community_a, NOV)[0][1] == dt.date(2026, 11, 29)
        with pytest.raises(DomainError, match="11-29"):
            closing.close_month(community=community_a, month=NOV, actor=fin)


@pytest.mark.django_db
def test_fin06_closed_month_refuses_postings_and_the_manager_reopens(community_a, books, staff):
    fin, mgr, csh = staff["fin"], staff["mgr"], staff["csh"]
    home = books["home"]
    with at(dt.date(2026, 11, 30), 9):
        early = pay(home, csh, D("10.00"))
    close_day(community_a, csh, dt.date(2026, 11, 30), fin)
    with at(dt.date(2026, 11, 30), 21):
        # The last day, after every cashier day is confirmed: FIN closes November.
        closing.close_month(community=community_a, month=OCT, actor=fin)
        month = closing.close_month(community=community_a, month=NOV, actor=fin)
        assert month.status == "closed"
        bills_before = Bill.objects.count()
        with pytest.raises(DomainError, match="已由财务结账"):
            pay(home, csh, D("10.00"))
        with pytest.raises(DomainError, match="已由财务结账"):
            void_payment(early, reason="测试", actor=fin)
        line = BillLine.objects.get(
            bill__unit=home, period=NOV, fee_item=books["fee"], amount__gt=0
        )
        waiver = request_waiver(line=line, amount=D("1.00"), reason="测试", actor=csh)
        with pytest.raises(DomainError, match="已由财务结账"):
            decide_waiver(waiver, approve=True, actor=mgr)
    with at(dt.date(2026, 12, 3)):
        # A billing run for a closed month is refused; December is open.
        run = BillingRunFactory(community=community_a, period=NOV, status="preview", created_by=mgr)
        with pytest.raises(DomainError, match="已由财务结账"):
            confirm_run(run, actor=mgr, enqueue=False)
        assert Bill.objects.count() == bills_before
        assert pay(home, csh, D("10.00")).amount == D("10.00")
        with pytest.raises(PermissionDeniedError):
            closing.reopen_month(month, reason="补录", actor=fin)
        with pytest.raises(DomainError):
            closing.reopen_month(month, reason=" ", actor=mgr)
        reopened = closing.reopen_month(month, reason="补开十一月账单", actor=mgr)
        assert reopened.status == "reopened" and reopened.reopen_reason == "补开十一月账单"
        assert confirm_run(run, actor=mgr, enqueue=False).status == "queued"
        verbs = list(
            Event.objects.filter(community=community_a, verb__startswith="month.").values_list(
                "verb", flat=True
            )
        )
        assert sorted(verbs) == ["month.closed", "month.closed", "month.reopened"]
    assert MonthClose.objects.filter(community=community_a, month=NOV).count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL")
def test_fin06_close_and_a_payment_at_once_never_both(company, make_staff):
    """On the month's last day a cashier takes money while finance closes the month: either the
    payment lands first (its day is then unconfirmed and the close is refused) or the close does
    (the payment is refused) — never a payment inside a closed month."""
    from wuye.billing.tests.test_money_races import TRIALS, at_once
    from wuye.org.tests.factories import CommunityFactory

    both = 0
    for trial in range(TRIALS):
        community = CommunityFactory(company=company, code=f"R{trial}", name=f"小区{trial}")
        fin = make_staff(community, "FIN", username=f"fin_r{trial}")
        csh = make_staff(community, "CSH", username=f"csh_r{trial}")
        home = UnitFactory(community=community)
        item = FeeItemFactory(community=community, code="WYF", name="物业服务费")
        with at(dt.date(2026, 11, 5)):
            bill(home, NOV, {item: D("100.00")}, due=dt.date(2026, 11, 15))
        with at(dt.date(2026, 11, 30), 22):
            results, errors = at_once(
                lambda: pay(home, csh, D("100.00")),
                lambda: closing.close_month(community=community, month=NOV, actor=fin),
            )
        paid, closed = results
        assert len(errors) == (paid is None) + (closed is None), errors
        assert paid is not None or closed is not None, errors
        both += paid is not None and closed is not None
        if closed is not None:
            # whatever committed before the close is in its figures
            assert MonthClose.objects.get(pk=closed.pk).figures["receivable"] == (
                [] if paid is not None else [[item.pk, "resident", "100.00"]]
            )
    assert both == 0


ZH = {"Accept-Language": "zh-hans"}
API = "/api/v1"


@pytest.mark.django_db
def test_fin02_fin06_pages_and_api_close_and_reopen(community_a, books, staff, login, make_staff):
    fin, mgr, csh = login(staff["fin"]), login(staff["mgr"]), login(staff["csh"])
    ast = login(make_staff(community_a, "AST", name="经理助理"))
    with at(dt.date(2026, 12, 2)):
        page = fin.get("/finance/ledger/2026/11/", headers=ZH)
        assert page.status_code == 200
        text = page.content.decode()
        assert "应收" in text and "450.00" in text and "340.00" in text
        assert 'data-testid="close-month"' in text
        assert ast.get("/finance/ledger/2026/11/").status_code == 200
        assert (
            'data-testid="close-month"' not in ast.get("/finance/ledger/2026/11/").content.decode()
        )
        assert csh.get("/finance/ledger/2026/11/").status_code == 403
        sheet = fin.get("/finance/ledger/2026/11/?format=xlsx")
        assert sheet["Content-Type"].startswith("application/vnd.openxmlformats")
        rec = fin.get("/finance/ledger/2026/11/reconciliation/", headers=ZH)
        assert rec.status_code == 200 and "alert-success" in rec.content.decode()
        body = fin.get(f"{API}/ledger/?month=2026-11").json()
        assert body["totals"]["closing"] == "450.00" and body["arrears_closing"] == "150.00"
        assert body["prepaid"]["paid_in"] == "0.00" and body["status"] == "open"
        assert fin.get(f"{API}/reconciliation/?month=2026-11").json()["balanced"] is True
        bad = fin.get(f"{API}/ledger/?month=2026-13", headers=ZH)
        assert bad.status_code == 400 and "年-月" in bad.content.decode()
        assert csh.get(f"{API}/ledger/").status_code == 403
        # December cannot be closed before its last day: refused in the API, in Chinese.
        refused = fin.post(
            f"{API}/month-closes/close/",
            {"month": "2026-12"},
            content_type="application/json",
            headers=ZH,
        )
        assert refused.status_code == 400 and "最后一天" in refused.json()["error"]["message"]
        for malformed in ("{", "[]", '{"month": 5}', '{"month": "x"}'):
            answer = fin.post(
                f"{API}/month-closes/close/", malformed, content_type="application/json"
            )
            assert answer.status_code == 400, malformed
        assert (
            ast.post(
                f"{API}/month-closes/close/", {"month": "2026-10"}, content_type="application/json"
            ).status_code
            == 403
        )
        october = fin.post(
            f"{API}/month-closes/close/", {"month": "2026-10"}, content_type="application/json"
        )
        assert october.status_code == 200 and october.json()["status"] == "closed"
        # The page closes November.
        done = fin.post("/finance/ledger/2026/11/", {"action": "close"}, headers=ZH, follow=True)
        assert (
            "已结账" in done.content.decode()
            or "已关闭" in done.content.decode()
            or "closed" in done.content.decode()
        )
        assert MonthClose.objects.get(community=community_a, month=NOV).status == "closed"
        # The counter's API refuses a payment dated in it (here: a November business day is
        # gone; an unpaid waiver decision of today in December is fine) — the reopening:
        november = MonthClose.objects.get(community=community_a, month=NOV)
        assert (
            fin.post(
                f"{API}/month-closes/{november.pk}/reopen/",
                {"reason": "x"},
                content_type="application/json",
            ).status_code
            == 403
        )
        assert (
            mgr.post(
                f"{API}/month-closes/{november.pk}/reopen/", {}, content_type="application/json"
            ).status_code
            == 400
        )
        mgr.post("/finance/ledger/2026/11/", {"action": "reopen", "reason": "补开账单"})
        november.refresh_from_db()
        assert november.status == "reopened" and november.reopen_reason == "补开账单"
        listing = fin.get("/finance/month-closes/", headers=ZH)
        assert listing.status_code == 200 and "补开账单" in listing.content.decode()


@pytest.mark.django_db
def test_fin06_counter_api_refuses_a_payment_in_a_closed_month_in_chinese(
    community_a, staff, login
):
    home = UnitFactory(community=community_a)
    item = FeeItemFactory(community=community_a, code="WYF", name="物业服务费")
    with at(dt.date(2026, 11, 5)):
        bill(home, NOV, {item: D("100.00")}, due=dt.date(2026, 11, 15))
    with at(dt.date(2026, 11, 30), 21):
        closing.close_month(community=community_a, month=NOV, actor=staff["fin"])
        answer = login(staff["csh"]).post(
            "/api/v1/payments/",
            {"unit": home.pk, "channel": "cash", "amount": "100.00"},
            content_type="application/json",
            headers={**ZH, "Idempotency-Key": uuid.uuid4().hex},
        )
        assert answer.status_code == 400
        assert "已由财务结账" in answer.json()["error"]["message"]
    assert not home.payments.exists()


@pytest.mark.django_db
def test_fin02_developer_account_owed_paid_aging_and_statement(community_a, books, staff, login):
    from wuye.finance.services.developer import developer_account

    with at(dt.date(2026, 12, 2)):
        account = developer_account(community_a)
    assert account["totals"]["billed"] == D("600.00")
    assert account["totals"]["paid"] == D("300.00")
    assert account["totals"]["owed"] == D("300.00")
    assert account["totals"]["not_due"] == D("300.00")  # November's, due Dec 10
    assert sum(account["totals"]["buckets"]) == 0
    assert [p["amount"] for p in account["payments"]] == [D("300.00")]
    with at(dt.date(2026, 12, 20)):
        later = developer_account(community_a)
    # ten days past due: the first bucket
    assert later["totals"]["buckets"][0] == D("300.00") and later["totals"]["not_due"] == 0
    assert later["units"][0]["code"] == books["held"].code
    with at(dt.date(2026, 12, 20)):
        client = login(staff["fin"])  # signed in that day (a session lasts a working day)
        page = client.get("/finance/developer/", headers=ZH)
        assert page.status_code == 200 and "300.00" in page.content.decode()
        sheet = client.get("/finance/developer/?format=xlsx")
        assert sheet["Content-Type"].startswith("application/vnd.openxmlformats")
        statement = client.get("/finance/developer/?format=pdf")
        assert statement.status_code == 200 and statement.content.startswith(b"%PDF")
    assert login(staff["csh"]).get("/finance/developer/").status_code == 403


@pytest.mark.django_db
def test_fin06_settlements_carry_their_payments_moment_so_midnight_splits_nothing(
    community_a, staff
):
    """A payment and its settlements, a void and its reversals, are dated at one moment: the
    ledger (by settlements) and the payments side of the reconciliation never fall in different
    months for a payment taken or voided around midnight."""
    from wuye.billing.models import Allocation

    home = UnitFactory(community=community_a)
    item = FeeItemFactory(community=community_a, code="WYF", name="物业服务费")
    with at(dt.date(2026, 11, 5)):
        bill(home, NOV, {item: D("100.00")}, due=dt.date(2026, 11, 15))
    with time_machine.travel(dt.datetime(2026, 11, 30, 23, 59, 59, tzinfo=SH)):
        taken = pay(home, staff["csh"], D("100.00"))
        void_payment(taken, reason="收错", actor=staff["fin"])
    taken.refresh_from_db()
    allocations = Allocation.objects.filter(payment=taken)
    assert {a.created_at for a in allocations if not a.reversal} == {taken.received_at}
    assert {a.created_at for a in allocations if a.reversal} == {taken.voided_at}


@pytest.mark.django_db
def test_fin06_a_waiver_of_a_bill_cancelled_meanwhile_is_refused(community_a, staff):
    """The manager approves a waiver after the bill was cancelled: refused, the cancelled bill
    keeps its total and no live line hangs on it (the reconciliation would never balance)."""
    from wuye.billing.services.oneoff import cancel_unpaid_bills

    home = UnitFactory(community=community_a)
    item = FeeItemFactory(community=community_a, code="TCF", name="停车费")
    with at(dt.date(2026, 11, 5)):
        made = bill(home, NOV, {item: D("300.00")}, due=dt.date(2026, 11, 15))
        line = made.lines.get()
        waiver = request_waiver(line=line, amount=D("50.00"), reason="协商", actor=staff["csh"])
        key = line.billing_key.split(":")[0]
        assert cancel_unpaid_bills(community_a, key_prefix=key, reason="撤销", actor=staff["fin"])
        with pytest.raises(DomainError):
            decide_waiver(waiver, approve=True, actor=staff["mgr"])
    made.refresh_from_db()
    assert made.status == "cancelled" and made.total == D("300.00")
    assert not BillLine.objects.filter(bill=made, cancelled=False).exists()


@pytest.mark.django_db
def test_fin06_impossible_months_are_not_found_not_errors(community_a, staff, login):
    client = login(staff["fin"])
    assert client.get("/finance/ledger/99999999999999999999/1/").status_code == 404
    assert client.get("/finance/ledger/1/1/").status_code == 404
    assert client.get("/finance/ledger/2026/13/reconciliation/").status_code == 404
    assert client.get("/finance/ledger/?month=0001-01").status_code == 200
    assert client.get("/api/v1/ledger/?month=0001-01").status_code == 400
