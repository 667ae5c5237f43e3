"""FIN-08, MGR-5: budgets in versions (a draft filled in from Excel in the finance office's layout,
approved by the manager, a revision never overwriting), the execution by month and year to date
against billing's and the claims' actuals, highlighted over the threshold; the company's view; a
claim line the budget cannot hold is refused when saved, approved-but-unpaid claims counted."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from openpyxl import Workbook, load_workbook

from wuye.billing.tests.factories import BillFactory, BillLineFactory, FeeItemFactory
from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.estate.tests.factories import UnitFactory
from wuye.finance.models import Budget, ExpenseCategory, ExpenseClaim
from wuye.finance.services import budgets, cash, claims
from wuye.finance.tests.test_claims import pdf
from wuye.finance.tests.test_ledger import at

D = Decimal
ZH = {"Accept-Language": "zh-hans"}
API = "/api/v1"
HEAD = ["类型", "项目", *[f"{n}月" for n in range(1, 13)], "全年合计"]


def workbook(rows, headers=HEAD, name="预算.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def row(kind, name, monthly, total=None):
    months = [monthly] * 12
    return [kind, name, *months, total if total is not None else monthly * 12]


@pytest.fixture
def staff(community_a, make_staff):
    return {
        "mgr": make_staff(community_a, "MGR", name="经理老陈"),
        "fin": make_staff(community_a, "FIN", name="财务小李"),
        "eng": make_staff(community_a, "TECH", name="维修老王"),
    }


@pytest.fixture
def in_force(community_a, staff):
    """2026: 物业费 10,000 a month (fee item 物业服务费), 维修 1,000 a month."""
    FeeItemFactory(community=community_a, code="WYF", name="物业服务费")
    FeeItemFactory(community=community_a, code="TCF", name="停车管理费")
    with at(dt.date(2026, 1, 5)):
        draft = budgets.start_budget(community=community_a, actor=staff["fin"], year=2026)
        budgets.import_budget(
            draft,
            actor=staff["fin"],
            file=workbook([row("收入", "物业费", 10000), row("支出", "维修", 1000)]),
        )
        return budgets.approve_budget(draft, actor=staff["mgr"])


@pytest.mark.django_db
def test_fin08_versions_from_excel_approved_never_overwritten(community_a, staff, in_force):
    fin, mgr = staff["fin"], staff["mgr"]
    lines = {line.name: line for line in in_force.lines.all()}
    assert lines["物业费"].total == D("120000.00") and lines["维修"].m07 == D("1000.00")
    assert [f.name for f in lines["物业费"].fee_items.all()] == ["物业服务费"]
    assert lines["维修"].category.name == "维修"
    with at(dt.date(2026, 6, 1)):
        with pytest.raises(DomainError):  # the budget in force is never refilled
            budgets.import_budget(in_force, actor=fin, file=workbook([row("支出", "维修", 5)]))
        revision = budgets.revise_budget(in_force, actor=fin)
        assert revision.version == 2 and revision.lines.count() == 2  # a copy
        with pytest.raises(DomainError):  # one draft at a time
            budgets.start_budget(community=community_a, actor=fin, year=2026)
        budgets.import_budget(
            revision,
            actor=fin,
            file=workbook([row("收入", "物业费", 11000), row("支出", "维修", 1200)]),
        )
        with pytest.raises(PermissionDeniedError):  # the one who prepared it does not approve
            budgets.approve_budget(revision, actor=fin)
        budgets.approve_budget(revision, actor=mgr)
    in_force.refresh_from_db()
    assert in_force.status == "superseded"
    assert in_force.lines.get(name="维修").m01 == D("1000.00")  # kept as it was
    assert budgets.in_force(community_a, 2026) == revision


@pytest.mark.django_db
def test_fin08_a_workbook_in_the_wrong_layout_or_with_wrong_rows_changes_nothing(
    community_a, staff, in_force
):
    fin = staff["fin"]
    with at(dt.date(2026, 6, 1)):
        draft = budgets.revise_budget(in_force, actor=fin)
        with pytest.raises(DomainError, match="第一行"):
            budgets.import_budget(
                draft, actor=fin, file=workbook([row("支出", "维修", 1)], headers=["项目", "金额"])
            )
        with pytest.raises(DomainError) as refused:
            budgets.import_budget(
                draft,
                actor=fin,
                file=workbook(
                    [
                        row("支出", "维修", 100),
                        row("支出", "火箭", 100),  # no such category
                        row("费用", "清洁", 100),  # no such kind
                        ["支出", "绿化", "-5", *[0] * 11, -5],
                        row("支出", "清洁", 100, total=999),  # the total is not the sum
                        row("支出", "维修", 100),  # twice
                        ["支出", "办公", "12.345", *[0] * 11, ""],
                    ]
                ),
            )
        text = str(refused.value.message)
        for number in (3, 4, 5, 6, 7, 8):
            assert f"第 {number} 行" in text
        assert "第 2 行" not in text
        with pytest.raises(DomainError):
            budgets.import_budget(
                draft, actor=fin, file=SimpleUploadedFile("预算.xlsx", b"not a workbook")
            )
    assert draft.lines.get(name="维修").m01 == D("1000.00")  # unchanged


@pytest.mark.django_db
def test_fin08_execution_by_month_and_year_to_date(community_a, staff, in_force):
    """Hand-computed to the end of March 2026: 物业费 billed 9,000 + 9,500 + 12,000 (a cancelled
    line of 500 left out) = 30,500 against 30,000 → 101.67%; 维修 paid 800 in February and 3,000
    in March = 3,800 against 3,000 → 126.67%, over the 10% threshold."""
    fin, mgr, eng = staff["fin"], staff["mgr"], staff["eng"]
    fee = in_force.lines.get(name="物业费").fee_items.get()
    home = UnitFactory(community=community_a)
    for month, amount in ((1, "9000"), (2, "9500"), (3, "12000")):
        period = dt.date(2026, month, 1)
        made = BillFactory(community=community_a, unit=home, period_start=period, total=D(amount))
        BillLineFactory(
            community=community_a, bill=made, fee_item=fee, period=period, amount=D(amount)
        )
    cancelled = BillFactory(community=community_a, unit=home, period_start=dt.date(2026, 3, 1))
    BillLineFactory(
        community=community_a,
        bill=cancelled,
        fee_item=fee,
        period=dt.date(2026, 3, 1),
        amount=D("500"),
        cancelled=True,
    )
    petty = cash.add_account(
        community=community_a,
        actor=fin,
        kind="petty",
        name="备用金",
        custodian=fin,
        opening_balance=D("9000"),
        opening_date=dt.date(2026, 1, 1),
    )
    for day, amount, invoice in (
        (dt.date(2026, 2, 10), "800", "A1"),
        (dt.date(2026, 3, 10), "3000", "A2"),
    ):
        with at(day):
            claim = claims.create_claim(community=community_a, actor=eng, purpose="维修")
            repair = ExpenseCategory.objects.get(community=community_a, name="维修")
            claims.add_line(
                claim,
                actor=eng,
                category=repair,
                amount=D(amount),
                invoice_type="digital",
                invoice_number=invoice,
            )
            for kind in ("发票", "验收单"):
                claims.attach(claim, actor=eng, kind=kind, uploads=[pdf()])
            claims.submit_claim(claim, actor=eng)
            claims.review_claim(claim, actor=fin)
            claims.approve_claim(claim, actor=mgr)
            claims.pay_claim(claim, actor=fin, account=petty, date=day)
    report = budgets.execution(community_a, 2026, 3)
    rows = {r["name"]: r for r in report["rows"]}
    income, repair = rows["物业费"], rows["维修"]
    assert (income["month_budget"], income["month_actual"]) == (D("10000.00"), D("12000.00"))
    assert (income["ytd_budget"], income["ytd_actual"], income["rate"]) == (
        D("30000.00"),
        D("30500.00"),
        D("101.67"),
    )
    assert income["off"] is False
    assert (repair["ytd_actual"], repair["variance"], repair["rate"], repair["off"]) == (
        D("3800.00"),
        D("800.00"),
        D("126.67"),
        True,
    )
    assert report["monthly"]["expense"]["actual"][:3] == [D("0"), D("800.00"), D("3000.00")]
    company = budgets.company_execution([community_a.pk], 2026, 3)
    assert company[0]["income_actual"] == D("30500.00")
    assert company[0]["expense_actual"] == D("3800.00")
    assert company[0]["expense_budget"] == D("3000.00")


@pytest.mark.django_db
def test_fin03_fin08_a_claim_the_budget_cannot_hold_is_refused_when_saved(
    community_a, staff, in_force
):
    """维修 has 12,000 for 2026; 9,000 approved but not paid counts, so 3,500 more is refused."""
    fin, mgr, eng = staff["fin"], staff["mgr"], staff["eng"]
    repair = ExpenseCategory.objects.get(community=community_a, name="维修")
    with at(dt.date(2026, 4, 1)):
        first = claims.create_claim(community=community_a, actor=eng, purpose="电梯维修")
        claims.add_line(
            first,
            actor=eng,
            category=repair,
            amount=D("9000"),
            invoice_type="digital",
            invoice_number="B1",
        )
        for kind in ("发票", "验收单"):
            claims.attach(first, actor=eng, kind=kind, uploads=[pdf()])
        claims.submit_claim(first, actor=eng)
        claims.review_claim(first, actor=fin)
        claims.approve_claim(first, actor=mgr)  # approved, not paid
        second = claims.create_claim(community=community_a, actor=eng, purpose="水泵")
        with pytest.raises(DomainError, match="预算"):
            claims.add_line(
                second,
                actor=eng,
                category=repair,
                amount=D("3500"),
                invoice_type="digital",
                invoice_number="B2",
            )
        claims.add_line(
            second,
            actor=eng,
            category=repair,
            amount=D("3000"),
            invoice_type="digital",
            invoice_number="B3",
        )
    assert second.lines.count() == 1


@pytest.mark.django_db
def test_fin08_pages_and_api(community_a, staff, in_force, login, company_admin):
    fin, mgr = login(staff["fin"]), login(staff["mgr"])
    with at(dt.date(2026, 3, 15)):
        listed = fin.get("/finance/budgets/", headers=ZH)
        assert listed.status_code == 200 and "2026" in listed.content.decode()
        page = fin.get(f"/finance/budgets/{in_force.pk}/", headers=ZH).content.decode()
        assert "120000.00" in page and 'data-testid="revise-budget"' in page
        sheet = fin.get(f"/finance/budgets/{in_force.pk}/?format=xlsx")
        got = load_workbook(io.BytesIO(sheet.content)).active
        assert [c.value for c in got[1]] == HEAD
        assert [c.value for c in got[2]][:3] == ["收入", "物业费", 10000]
        execution = mgr.get("/finance/budget-execution/?year=2026&month=3", headers=ZH)
        text = execution.content.decode()
        assert execution.status_code == 200 and "预算执行" in text and "budget-chart-data" in text
        assert fin.get("/finance/budget-execution/?year=abc&month=99").status_code == 200
        assert (
            login(company_admin)
            .get("/finance/budget-execution/company/?year=2026&month=3", headers=ZH)
            .status_code
            == 200
        )
        revised = fin.post(
            f"/finance/budgets/{in_force.pk}/", {"_community": community_a.pk, "action": "revise"}
        )
        assert revised.status_code == 302
        draft = Budget.objects.get(community=community_a, status="draft")
        refused = fin.post(
            f"{API}/budgets/{draft.pk}/import/",
            {"file": workbook([row("支出", "不存在", 1)])},
            headers=ZH,
        )
        assert refused.status_code == 400 and "第 2 行" in refused.content.decode("utf-8")
        done = fin.post(
            f"{API}/budgets/{draft.pk}/import/", {"file": workbook([row("支出", "维修", 7)])}
        )
        assert done.status_code == 200, done.content
        assert done.json()["lines"][0]["m01"] == "7.00"
        approved = mgr.post(f"{API}/budgets/{draft.pk}/approve/")
        assert approved.json()["status"] == "approved"
        report = fin.get(f"{API}/budget-execution/?year=2026&month=3").json()
        assert report["budget"] == draft.pk and report["rows"][0]["ytd_budget"] == "21.00"
        assert fin.get(f"{API}/budget-execution/?year=0000").status_code == 400
        assert (
            fin.post(f"{API}/budgets/", {"year": 1999}, content_type="application/json").status_code
            == 400
        )


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL")
def test_fin03_fin08_two_claims_taking_the_last_of_a_budget_at_once(company, make_staff):
    """维修 has 12,000 for the year; two drafts of 7,000 each (a draft holds no budget) are
    submitted at the same moment: one is refused — the budget row is locked while each checks
    what is left."""
    from wuye.billing.tests.test_money_races import TRIALS, at_once
    from wuye.org.tests.factories import CommunityFactory

    for trial in range(TRIALS // 2):
        community = CommunityFactory(company=company, code=f"B{trial}", name=f"小区{trial}")
        fin = make_staff(community, "FIN", username=f"fin_b{trial}")
        mgr = make_staff(community, "MGR", username=f"mgr_b{trial}")
        engineers = [make_staff(community, "TECH", username=f"eng{n}_b{trial}") for n in (1, 2)]
        FeeItemFactory(community=community, code="WYF", name="物业服务费")
        with at(dt.date(2026, 4, 1)):
            draft = budgets.start_budget(community=community, actor=fin, year=2026)
            budgets.import_budget(
                draft,
                actor=fin,
                file=workbook([row("收入", "物业费", 10000), row("支出", "维修", 1000)]),
            )
            budgets.approve_budget(draft, actor=mgr)
            repair = ExpenseCategory.objects.get(community=community, name="维修")
            made = [
                claims.create_claim(community=community, actor=eng, purpose="维修")
                for eng in engineers
            ]

            for claim, eng, number in zip(made, engineers, "ab", strict=True):
                claims.add_line(
                    claim,
                    actor=eng,
                    category=repair,
                    amount=D("7000"),
                    invoice_type="digital",
                    invoice_number=f"R{trial}{number}",
                )

            def submit(claim, eng):
                return lambda: claims.submit_claim(claim, actor=eng)

            results, errors = at_once(submit(made[0], engineers[0]), submit(made[1], engineers[1]))
        assert sum(r is not None for r in results) == 1, errors
        assert len(errors) == 1 and "预算" in str(errors[0])
        statuses = sorted(
            ExpenseClaim.objects.filter(community=community).values_list("status", flat=True)
        )
        assert statuses == ["draft", "submitted"]


@pytest.mark.django_db
def test_fin03_fin08_a_draft_holds_no_budget_submitting_does(community_a, staff, in_force):
    """Two drafts of 7,000 for 维修 (12,000 a year) both save; the second to be submitted is
    refused, naming what is left."""
    repair = ExpenseCategory.objects.get(community=community_a, name="维修")
    with at(dt.date(2026, 4, 1)):
        drafts = []
        for number in ("D1", "D2"):
            claim = claims.create_claim(community=community_a, actor=staff["eng"], purpose="维修")
            claims.add_line(
                claim,
                actor=staff["eng"],
                category=repair,
                amount=D("7000"),
                invoice_type="digital",
                invoice_number=number,
            )
            drafts.append(claim)
        claims.submit_claim(drafts[0], actor=staff["eng"])
        with pytest.raises(DomainError, match="预算") as refused:
            claims.submit_claim(drafts[1], actor=staff["eng"])
    assert "5000.00" in str(refused.value.message)
    drafts[1].refresh_from_db()
    assert drafts[1].status == "draft"
