"""FIN-04, FIN-05: the cash and bank journals — the counter's confirmed days and bank deposits
arrive by themselves, once; entries by hand, transfers and reversals; running, daily and monthly
balances on hand-computed data; no 坐支 (the counter's cash never pays an expense); petty cash
advances; the cash on hand limit's alert rises and clears; a cashier sees only her own days."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection

from wuye.billing.closing import confirm_closing, record_bank_deposit, submit_closing
from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.core.models import Notification
from wuye.finance.choices import EntryKind
from wuye.finance.models import CashLimitBreach, FundAccount, JournalEntry
from wuye.finance.services import cash, closing
from wuye.finance.tests.test_ledger import at, pay

D = Decimal
NOV = dt.date(2026, 11, 1)
ZH = {"Accept-Language": "zh-hans"}
API = "/api/v1"


@pytest.fixture
def staff(community_a, make_staff):
    return {
        "mgr": make_staff(community_a, "MGR", name="经理老陈"),
        "fin": make_staff(community_a, "FIN", name="财务小李"),
        "csh": make_staff(community_a, "CSH", name="收费员小张"),
        "csh2": make_staff(community_a, "CSH", username="csh_two", name="收费员小王"),
        "eng": make_staff(community_a, "TECH", name="维修老王"),
    }


@pytest.fixture
def accounts(community_a, staff):
    fin = staff["fin"]
    with at(dt.date(2026, 11, 1), 9):
        bank = cash.add_account(
            community=community_a,
            actor=fin,
            kind="bank",
            name="工行基本户",
            bank_name="工商银行",
            account_number="6222000011112222",
            opening_balance=D("10000.00"),
            opening_date=dt.date(2026, 11, 1),
            receives_deposits=True,
        )
        petty = cash.add_account(
            community=community_a,
            actor=fin,
            kind="petty",
            name="备用金（李）",
            custodian=fin,
            float_amount=D("1000.00"),
            opening_balance=D("0"),
            opening_date=dt.date(2026, 11, 1),
        )
        cash.transfer(
            bank, actor=fin, to_account=petty, date=dt.date(2026, 11, 1), amount=D("1000.00")
        )
    return {"bank": bank, "petty": petty}


def closed_day(community, cashier, fin, day, counted):
    """The cashier takes `counted` in cash on `day`; she closes the day and finance confirms."""
    from wuye.billing.tests.factories import BillFactory, BillLineFactory, FeeItemFactory
    from wuye.estate.tests.factories import UnitFactory

    home = UnitFactory(community=community)
    item = FeeItemFactory(community=community)
    with at(day, 9):
        made = BillFactory(community=community, unit=home, total=counted, period_start=day)
        BillLineFactory(community=community, bill=made, fee_item=item, amount=counted, period=day)
        pay(home, cashier, counted)
    with at(day, 20):
        submitted = submit_closing(
            community=community, cashier=cashier, day=day, counted_cash=counted, actor=cashier
        )
        confirm_closing(submitted, actor=fin)
    return submitted


@pytest.mark.django_db
def test_fin05_the_counters_days_and_deposits_arrive_once(community_a, staff, accounts):
    fin, csh = staff["fin"], staff["csh"]
    day = dt.date(2026, 11, 3)
    made = closed_day(community_a, csh, fin, day, D("1500.00"))
    till = FundAccount.objects.get(community=community_a, kind="cash")
    entry = JournalEntry.objects.get(account=till)
    assert (entry.date, entry.kind, entry.amount_in, entry.cashier) == (
        day,
        EntryKind.CLOSING,
        D("1500.00"),
        csh,
    )
    assert entry.voucher_no == "XJ202600001"
    # told twice, written once
    with at(day, 21):
        cash.closing_confirmed(made, fin)
    assert JournalEntry.objects.filter(account=till).count() == 1

    with at(dt.date(2026, 11, 4), 10):
        record_bank_deposit(
            made, amount=D("1500.00"), reference="YH-001", date=dt.date(2026, 11, 4), actor=fin
        )
        cash.closing_banked(made, fin)  # again: nothing more
    out = JournalEntry.objects.get(account=till, kind=EntryKind.DEPOSIT)
    into = JournalEntry.objects.get(account=accounts["bank"], kind=EntryKind.DEPOSIT)
    assert out.counter_entry == into and into.counter_entry == out
    assert (out.amount_out, into.amount_in) == (D("1500.00"), D("1500.00"))
    assert cash.balance(till) == D("0.00")
    assert cash.balance(accounts["bank"]) == D("10500.00")  # 10,000 − 1,000 to petty + 1,500

    # the slip was wrong: 1,200 went to the bank — the first deposit is reversed, not edited
    with at(dt.date(2026, 11, 5), 10):
        record_bank_deposit(
            made, amount=D("1200.00"), reference="YH-001", date=dt.date(2026, 11, 5), actor=fin
        )
    assert out.reversed_by.amount_in == D("1500.00")
    assert cash.balance(till) == D("300.00")
    assert cash.balance(accounts["bank"]) == D("10200.00")
    tie = cash.counter_cash_tie(community_a)
    assert (tie["book"], tie["from_closings"], tie["difference"]) == (
        D("300.00"),
        D("300.00"),
        D("0.00"),
    )
    assert tie["last_closing"] == made


@pytest.mark.django_db
def test_fin05_running_daily_and_monthly_balances_by_hand(community_a, staff, accounts):
    """Petty cash in November (hand-computed): 1,000 in on the 1st; 120 paid on the 2nd; 80 and
    30 on the 5th; 50 income on the 5th → balances 1,000 / 880 / 820; monthly in 1,050, out 230."""
    fin, petty = staff["fin"], accounts["petty"]
    with at(dt.date(2026, 11, 5), 16):
        for day, amount in ((2, "120.00"), (5, "80.00"), (5, "30.00")):
            cash.record_entry(
                community=community_a,
                actor=fin,
                account=petty,
                date=dt.date(2026, 11, day),
                kind="expense",
                amount=D(amount),
                summary="购买办公用品",
                counterparty="文具店",
            )
        cash.record_entry(
            community=community_a,
            actor=fin,
            account=petty,
            date=dt.date(2026, 11, 5),
            kind="income",
            amount=D("50.00"),
            summary="废品回收",
        )
    book = cash.journal(petty, NOV, dt.date(2026, 11, 30))
    assert [r["balance"] for r in book["rows"]] == [
        D("1000.00"),
        D("880.00"),
        D("800.00"),
        D("770.00"),
        D("820.00"),
    ]
    assert (book["opening"], book["total_in"], book["total_out"], book["closing"]) == (
        D("0.00"),
        D("1050.00"),
        D("230.00"),
        D("820.00"),
    )
    days = cash.daily_balances(petty, NOV, dt.date(2026, 11, 30))
    assert [(d["day"].day, d["opening"], d["closing"]) for d in days] == [
        (1, D("0.00"), D("1000.00")),
        (2, D("1000.00"), D("880.00")),
        (5, D("880.00"), D("820.00")),
    ]
    months = cash.monthly_balances(petty, 2026)
    assert months[10]["in"] == D("1050.00") and months[10]["closing"] == D("820.00")
    assert months[11]["opening"] == D("820.00") and months[11]["in"] == D("0")
    # vouchers are numbered per kind of account without gaps
    assert list(
        JournalEntry.objects.filter(account=petty)
        .order_by("id")
        .values_list("voucher_no", flat=True)
    ) == [f"BY20260000{n}" for n in range(1, 6)]


@pytest.mark.django_db
def test_fin04_no_spending_the_counters_cash(community_a, staff, accounts):
    """坐支 refused: no expense, advance or transfer to petty cash from the counter's cash."""
    fin, csh = staff["fin"], staff["csh"]
    closed_day(community_a, csh, fin, dt.date(2026, 11, 3), D("800.00"))
    till = FundAccount.objects.get(community=community_a, kind="cash")
    before = JournalEntry.objects.count()
    with at(dt.date(2026, 11, 4)):
        with pytest.raises(DomainError, match="坐支"):
            cash.record_entry(
                community=community_a,
                actor=fin,
                account=till,
                date=dt.date(2026, 11, 4),
                kind="expense",
                amount=D("100.00"),
                summary="买水",
            )
        with pytest.raises(DomainError, match="坐支"):
            cash.transfer(
                till,
                actor=fin,
                to_account=accounts["petty"],
                date=dt.date(2026, 11, 4),
                amount=D("100.00"),
            )
        with pytest.raises(DomainError, match="坐支"):
            cash.issue_advance(
                community=community_a,
                actor=fin,
                account=till,
                borrower=staff["eng"],
                amount=D("100.00"),
                purpose="买配件",
                issued_on=dt.date(2026, 11, 4),
            )
        # but the bank pays, and the cash goes to the bank
        cash.transfer(
            till,
            actor=fin,
            to_account=accounts["bank"],
            date=dt.date(2026, 11, 4),
            amount=D("800.00"),
        )
    assert JournalEntry.objects.count() == before + 2
    assert cash.balance(till) == D("0.00")


@pytest.mark.django_db
def test_fin05_an_account_never_goes_below_zero_and_a_refusal_keeps_no_number(
    community_a, staff, accounts
):
    fin, petty = staff["fin"], accounts["petty"]
    with at(dt.date(2026, 11, 6)):
        with pytest.raises(DomainError, match="不足|short"):
            cash.record_entry(
                community=community_a,
                actor=fin,
                account=petty,
                date=dt.date(2026, 11, 6),
                kind="expense",
                amount=D("1000.01"),
                summary="维修材料",
            )
        # back-dated before the float came in: short on that day although there is money now
        with pytest.raises(DomainError):
            cash.record_entry(
                community=community_a,
                actor=fin,
                account=petty,
                date=dt.date(2026, 10, 31),
                kind="expense",
                amount=D("10.00"),
                summary="维修材料",
            )
        entry = cash.record_entry(
            community=community_a,
            actor=fin,
            account=petty,
            date=dt.date(2026, 11, 6),
            kind="expense",
            amount=D("1000.00"),
            summary="维修材料",
        )
    assert entry.voucher_no == "BY202600002"  # the refusals took no number
    assert cash.balance(petty) == D("0.00")


@pytest.mark.django_db
def test_fin05_reversal_is_a_new_entry_and_only_once(community_a, staff, accounts):
    fin, bank, petty = staff["fin"], accounts["bank"], accounts["petty"]
    with at(dt.date(2026, 11, 7)):
        wrong = cash.record_entry(
            community=community_a,
            actor=fin,
            account=bank,
            date=dt.date(2026, 11, 7),
            kind="expense",
            amount=D("350.00"),
            summary="电梯维保",
            counterparty="奥的斯",
        )
        reversal = cash.reverse_entry(wrong, actor=fin, reason="金额录错")
        assert (reversal.amount_in, reversal.kind, reversal.reversal_of) == (
            D("350.00"),
            EntryKind.REVERSAL,
            wrong,
        )
        with pytest.raises(DomainError):
            cash.reverse_entry(wrong, actor=fin, reason="再冲一次")
        with pytest.raises(DomainError):
            cash.reverse_entry(reversal, actor=fin, reason="冲销的冲销")
        with pytest.raises(DomainError):
            cash.reverse_entry(wrong, actor=fin, reason="  ")
        # a transfer is reversed on both sides
        moved = JournalEntry.objects.get(account=bank, kind=EntryKind.TRANSFER)
        cash.reverse_entry(moved, actor=fin, reason="转错账户")
        assert cash.balance(petty) == D("0.00") and cash.balance(bank) == D("10000.00")
        with pytest.raises(PermissionDeniedError):
            cash.reverse_entry(reversal, actor=staff["csh"], reason="x")
    assert JournalEntry.objects.filter(pk=wrong.pk, amount_out=D("350.00")).exists()


@pytest.mark.django_db
def test_fin05_petty_cash_advances_settled_both_ways(community_a, staff, accounts):
    fin, eng, petty = staff["fin"], staff["eng"], accounts["petty"]
    with at(dt.date(2026, 11, 8)):
        first = cash.issue_advance(
            community=community_a,
            actor=fin,
            account=petty,
            borrower=eng,
            amount=D("500.00"),
            purpose="购买水泵配件",
            issued_on=dt.date(2026, 11, 8),
        )
        second = cash.issue_advance(
            community=community_a,
            actor=fin,
            account=petty,
            borrower=eng,
            amount=D("200.00"),
            purpose="购买灯泡",
            issued_on=dt.date(2026, 11, 8),
        )
        assert cash.balance(petty) == D("300.00")
        assert cash.top_up_needed(petty) == D("0.00")  # 1,000 = 300 in cash + 700 advanced
    with at(dt.date(2026, 11, 10)):
        cash.settle_advance(first, actor=fin, spent=D("320.00"), settled_on=dt.date(2026, 11, 10))
        cash.settle_advance(second, actor=fin, spent=D("260.00"), settled_on=dt.date(2026, 11, 10))
        with pytest.raises(DomainError):
            cash.settle_advance(first, actor=fin, spent=D("1"), settled_on=dt.date(2026, 11, 10))
    first.refresh_from_db()
    assert (first.status, first.spent) == ("settled", D("320.00"))
    kinds = list(
        JournalEntry.objects.filter(advance__in=[first, second])
        .order_by("id")
        .values_list("kind", "amount_in", "amount_out")
    )
    assert kinds == [
        ("advance", D("0"), D("500.00")),
        ("advance", D("0"), D("200.00")),
        ("advance_return", D("180.00"), D("0")),
        ("expense", D("0"), D("60.00")),
    ]
    assert cash.balance(petty) == D("420.00")  # 1,000 − 320 − 260
    assert cash.top_up_needed(petty) == D("580.00")  # what was spent


@pytest.mark.django_db
def test_fin04_the_cash_limit_alert_rises_and_clears(
    community_a, staff, accounts, login, django_capture_on_commit_callbacks
):
    fin, csh, mgr = staff["fin"], staff["csh"], staff["mgr"]
    with django_capture_on_commit_callbacks(execute=True):
        made = closed_day(community_a, csh, fin, dt.date(2026, 11, 3), D("1500.00"))
    # 1,500 at the counter + 1,000 petty cash = 2,500 on hand, over the default 2,000
    breach = CashLimitBreach.objects.get(community=community_a)
    assert (breach.ended_at, breach.limit, breach.peak) == (None, D("2000.00"), D("2500.00"))
    told = Notification.objects.filter(community=community_a, text__contains="2500.00")
    assert set(told.values_list("user", flat=True)) == {fin.pk, mgr.pk}
    home = login(fin).get("/", headers=ZH).content.decode()
    assert "超过限额" in home and "2500.00" in home
    assert "超过限额" not in login(staff["csh2"]).get("/", headers=ZH).content.decode()

    with at(dt.date(2026, 11, 4), 10):
        record_bank_deposit(
            made, amount=D("1000.00"), reference="YH-9", date=dt.date(2026, 11, 4), actor=fin
        )
    breach.refresh_from_db()
    assert breach.ended_at is not None and breach.ended_by.kind == EntryKind.DEPOSIT
    assert "超过限额" not in login(fin).get("/", headers=ZH).content.decode()
    # a lower limit opens a new one at once; the history keeps both
    with at(dt.date(2026, 11, 4), 11):
        cash.save_settings(community=community_a, actor=mgr, cash_limit=D("1000.00"))
    assert CashLimitBreach.objects.filter(community=community_a).count() == 2
    assert CashLimitBreach.objects.filter(community=community_a, ended_at=None).count() == 1
    report = login(mgr).get("/finance/cash-limit-breaches/", headers=ZH)
    assert report.status_code == 200 and "1500.00" in report.content.decode()
    with pytest.raises(PermissionDeniedError):
        cash.save_settings(community=community_a, actor=csh, cash_limit=D("5000.00"))


@pytest.mark.django_db
def test_fin06_a_closed_month_refuses_journal_entries(community_a, staff, accounts):
    fin, bank = staff["fin"], accounts["bank"]
    with at(dt.date(2026, 12, 2)):
        closing.close_month(community=community_a, month=NOV, actor=fin)
        before = JournalEntry.objects.count()
        with pytest.raises(DomainError, match="已由财务结账"):
            cash.record_entry(
                community=community_a,
                actor=fin,
                account=bank,
                date=dt.date(2026, 11, 30),
                kind="bank_charge",
                direction="out",
                amount=D("5.00"),
                summary="手续费",
            )
        cash.record_entry(
            community=community_a,
            actor=fin,
            account=bank,
            date=dt.date(2026, 12, 1),
            kind="bank_charge",
            direction="out",
            amount=D("5.00"),
            summary="手续费",
        )
        with pytest.raises(DomainError):  # not ahead of today either
            cash.record_entry(
                community=community_a,
                actor=fin,
                account=bank,
                date=dt.date(2026, 12, 3),
                kind="income",
                amount=D("5.00"),
                summary="利息",
            )
    assert JournalEntry.objects.count() == before + 1


@pytest.mark.django_db
def test_fin05_a_cashier_sees_only_her_own_days(community_a, staff, accounts, login):
    fin, csh, csh2 = staff["fin"], staff["csh"], staff["csh2"]
    mine = closed_day(community_a, csh, fin, dt.date(2026, 11, 3), D("300.00"))
    closed_day(community_a, csh2, fin, dt.date(2026, 11, 3), D("400.00"))
    own = JournalEntry.objects.get(source=f"closing:{mine.pk}")
    other = JournalEntry.objects.exclude(cashier=csh).exclude(cashier=None).get()
    client = login(csh)
    listed = client.get("/finance/journal/", headers=ZH).content.decode()
    assert own.voucher_no in listed and other.voucher_no not in listed
    assert client.get(f"/finance/journal/{other.pk}/").status_code == 404
    api = client.get(f"{API}/journal-entries/").json()
    assert [row["id"] for row in api["results"]] == [own.pk]
    assert client.get("/finance/accounts/").status_code == 403
    assert client.get(f"{API}/fund-accounts/").status_code == 403
    # finance sees both
    assert {r["id"] for r in login(fin).get(f"{API}/journal-entries/").json()["results"]} >= {
        own.pk,
        other.pk,
    }


@pytest.mark.django_db
def test_fin05_pages_and_api(community_a, staff, accounts, login):
    fin, petty, bank = staff["fin"], accounts["petty"], accounts["bank"]
    client = login(fin)
    with at(dt.date(2026, 11, 9)):
        page = client.get(f"/finance/accounts/{petty.pk}/?month=2026-11", headers=ZH)
        text = page.content.decode()
        assert page.status_code == 200 and "现金日记账" in text and "1000.00" in text
        bank_page = client.get(f"/finance/accounts/{bank.pk}/?month=2026-11", headers=ZH)
        assert "银行日记账" in bank_page.content.decode()
        sheet = client.get(f"/finance/accounts/{petty.pk}/?month=2026-11&format=xlsx")
        assert sheet["Content-Type"].startswith("application/vnd.openxmlformats")
        # an entry by hand on the page; the counter's cash refuses an expense with the rule
        made = client.post(
            "/finance/journal/add/",
            {
                "_community": community_a.pk,
                "account": petty.pk,
                "date": "2026-11-09",
                "kind": "expense",
                "amount": "66.50",
                "summary": "打印纸",
                "counterparty": "文具店",
            },
        )
        assert made.status_code == 302
        entry = JournalEntry.objects.get(summary="打印纸")
        assert entry.amount_out == D("66.50")
        # the reversal on the entry's page
        done = client.post(
            f"/finance/journal/{entry.pk}/",
            {"_community": community_a.pk, "action": "reverse", "reason": "重复录入"},
        )
        assert done.status_code == 302 and entry.reversed_by.amount_in == D("66.50")
        # API: bad bodies are 400 with Chinese messages and change nothing
        before = JournalEntry.objects.count()
        for body in (
            {},
            {"account": petty.pk, "date": "2026-11-09", "kind": "expense", "amount": "abc"},
            {"account": petty.pk, "date": "2026-11-09", "kind": "transfer", "amount": "5"},
            {"account": bank.pk, "date": "2026-11-09", "kind": "bank_charge", "amount": "5"},
            {"account": petty.pk, "date": "2026-11-09", "kind": "expense", "amount": "-1"},
            {"account": petty.pk, "date": "x", "kind": "expense", "amount": "1", "summary": "a"},
        ):
            answer = client.post(
                f"{API}/journal-entries/", body, content_type="application/json", headers=ZH
            )
            assert answer.status_code == 400, (body, answer.content)
        assert JournalEntry.objects.count() == before
        made = client.post(
            f"{API}/journal-entries/",
            {
                "account": bank.pk,
                "date": "2026-11-09",
                "kind": "bank_charge",
                "direction": "in",
                "amount": "12.34",
                "summary": "活期利息",
            },
            content_type="application/json",
        )
        assert made.status_code == 201, made.content
        assert made.json()["amount_in"] == "12.34"
        moved = client.post(
            f"{API}/fund-accounts/{bank.pk}/transfer/",
            {"to_account": petty.pk, "date": "2026-11-09", "amount": "100.00"},
            content_type="application/json",
        )
        assert moved.status_code == 200, moved.content
        listed = client.get(f"{API}/fund-accounts/").json()["results"]
        assert {r["name"]: r["balance"] for r in listed}["备用金（李）"] == "1100.00"
        advance = client.post(
            f"{API}/petty-advances/",
            {
                "account": petty.pk,
                "borrower": staff["eng"].pk,
                "amount": "200.00",
                "purpose": "买水管",
                "issued_on": "2026-11-09",
            },
            content_type="application/json",
        )
        assert advance.status_code == 201, advance.content
        settled = client.post(
            f"{API}/petty-advances/{advance.json()['id']}/settle/",
            {"spent": "150.00", "settled_on": "2026-11-09"},
            content_type="application/json",
        )
        assert settled.status_code == 200 and settled.json()["status"] == "settled"
        # settings page: the limit
        assert client.get("/finance/settings/", headers=ZH).status_code == 200
        saved = client.post(
            "/finance/settings/",
            {
                "_community": community_a.pk,
                "cash_limit": "3000",
                "claim_company_over": "8000",
                "budget_alert_percent": "15",
            },
        )
        assert saved.status_code == 302
        saved_settings = cash.settings_for(community_a)
        assert (saved_settings.cash_limit, saved_settings.claim_company_over) == (
            D("3000.00"),
            D("8000.00"),
        )
        assert saved_settings.budget_alert_percent == D("15.00")
        assert (
            client.post(
                "/finance/settings/", {"_community": community_a.pk, "cash_limit": "-5"}
            ).status_code
            == 400
        )


@pytest.mark.django_db
def test_fin05_accounts_kept_by_finance(community_a, staff, accounts):
    fin = staff["fin"]
    with pytest.raises(DomainError):  # only a bank receives deposits
        cash.add_account(
            community=community_a,
            actor=fin,
            kind="petty",
            name="备用金2",
            custodian=fin,
            opening_date=dt.date(2026, 11, 1),
            receives_deposits=True,
        )
    second = cash.add_account(
        community=community_a,
        actor=fin,
        kind="bank",
        name="建行一般户",
        opening_date=dt.date(2026, 11, 1),
        receives_deposits=True,
    )
    accounts["bank"].refresh_from_db()
    assert not accounts["bank"].receives_deposits and second.receives_deposits
    with pytest.raises(DomainError):  # entries exist: the opening balance stays
        cash.change_account(
            accounts["bank"],
            actor=fin,
            kind="bank",
            name="工行基本户",
            opening_balance=D("1.00"),
            opening_date=dt.date(2026, 11, 1),
        )
    with pytest.raises(PermissionDeniedError):
        cash.add_account(
            community=community_a,
            actor=staff["csh"],
            kind="bank",
            name="x",
            opening_date=dt.date(2026, 11, 1),
        )


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL")
def test_fin05_two_payments_from_one_float_at_once_never_overdraw(company, make_staff):
    """Two expenses of 600 from a float of 1,000 at the same moment: one is refused."""
    from wuye.billing.tests.test_money_races import TRIALS, at_once
    from wuye.org.tests.factories import CommunityFactory

    for trial in range(TRIALS):
        community = CommunityFactory(company=company, code=f"P{trial}", name=f"小区{trial}")
        fin = make_staff(community, "FIN", username=f"fin_p{trial}")
        with at(dt.date(2026, 11, 9)):
            petty = cash.add_account(
                community=community,
                actor=fin,
                kind="petty",
                name="备用金",
                custodian=fin,
                opening_balance=D("1000.00"),
                opening_date=dt.date(2026, 11, 1),
            )

            def spend(petty=petty, community=community, fin=fin):
                return cash.record_entry(
                    community=community,
                    actor=fin,
                    account=petty,
                    date=dt.date(2026, 11, 9),
                    kind="expense",
                    amount=D("600.00"),
                    summary="维修",
                )

            results, errors = at_once(spend, spend)
        assert sum(r is not None for r in results) == 1, errors
        assert len(errors) == 1
        assert cash.balance(FundAccount.objects.get(pk=petty.pk)) == D("400.00")
        numbers = list(
            JournalEntry.objects.filter(account=petty).values_list("voucher_no", flat=True)
        )
        assert numbers == ["BY202600001"]
