"""FIN-03, FIN-05, FIN-06 in a real browser: a maintenance worker claims a repair; finance
pre-reviews it and returns it for the missing acceptance note; he completes it; the manager
approves it; finance pays it from petty cash and the cash journal shows it; finance closes last
month."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from wuye.core.tests.browser import TIMEOUT_MS, log_in
from wuye.finance.models import ExpenseClaim, MonthClose
from wuye.finance.services import cash, ledger

pytestmark = pytest.mark.browser


def test_fin03_a_claim_returned_completed_approved_paid_and_the_month_closed(
    transactional_db, live_server, browser, community_a, make_staff, tmp_path
):
    from playwright.sync_api import expect

    fin = make_staff(community_a, "FIN", username="claim_fin", name="财务小李")
    mgr = make_staff(community_a, "MGR", username="claim_mgr", name="经理老陈")
    eng = make_staff(community_a, "TECH", username="claim_eng", name="维修老王")
    today = timezone.localdate()
    petty = cash.add_account(
        community=community_a,
        actor=fin,
        kind="petty",
        name="备用金（财务）",
        custodian=fin,
        float_amount=Decimal("3000.00"),
        opening_balance=Decimal("3000.00"),
        opening_date=today - dt.timedelta(days=3),
    )
    invoice = tmp_path / "发票.pdf"
    invoice.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF")
    note = tmp_path / "验收单.pdf"
    note.write_bytes(b"%PDF-1.4\n2 0 obj<<>>endobj\n%%EOF")
    problems: list[str] = []

    def as_person(user):
        context = browser.new_context(locale="zh-CN")
        context.set_default_timeout(TIMEOUT_MS)
        tab = context.new_page()
        tab.on("pageerror", lambda error: problems.append(str(error)))
        log_in(tab, live_server, user)
        return tab

    worker = as_person(eng)
    worker.goto(f"{live_server.url}/finance/claims/add/")
    worker.get_by_label("用途").fill("3号楼水泵维修")
    worker.get_by_role("button", name="保存").click()
    expect(worker.locator("[data-testid=claim-status]")).to_have_text("草稿")
    line = worker.locator("[data-testid=line-form]")
    line.get_by_label("类别").select_option(label="维修")
    line.get_by_label("金额").fill("800")
    line.get_by_label("票据类型").select_option(label="数电票")
    line.get_by_label("发票号码").fill("26442000000012345678")
    line.get_by_role("button", name="添加明细").click()
    expect(worker.locator("[data-testid=claim-total]")).to_have_text("800.00")
    attach = worker.locator("[data-testid=attach-form]")
    attach.get_by_label("单据类型").select_option("发票")
    attach.locator("input[type=file]").set_input_files(str(invoice))
    attach.get_by_role("button", name="上传单据").click()
    expect(worker.locator("[data-testid=checklist]")).to_contain_text("已上传")
    worker.locator("[data-testid=submit-claim]").click()
    expect(worker.locator("[data-testid=claim-status]")).to_have_text("待财务初审")
    claim = ExpenseClaim.objects.get(community=community_a)

    office = as_person(fin)
    office.goto(f"{live_server.url}/finance/claims/{claim.pk}/")
    office.locator("[data-testid=review-form]").get_by_role("button", name="完成初审").click()
    expect(office.locator("[data-testid=claim-status]")).to_have_text("退回补充单据")
    expect(office.locator("[data-testid=claim-missing]")).to_contain_text("验收单")

    worker.reload()
    expect(worker.locator("[data-testid=claim-missing]")).to_contain_text("验收单")
    attach = worker.locator("[data-testid=attach-form]")
    attach.get_by_label("单据类型").select_option("验收单")
    attach.locator("input[type=file]").set_input_files(str(note))
    attach.get_by_role("button", name="上传单据").click()
    worker.locator("[data-testid=submit-claim]").click()
    expect(worker.locator("[data-testid=claim-status]")).to_have_text("待财务初审")

    office.reload()
    office.locator("[data-testid=review-form]").get_by_role("button", name="完成初审").click()
    expect(office.locator("[data-testid=claim-status]")).to_have_text("财务已初审")

    manager = as_person(mgr)
    manager.goto(f"{live_server.url}/finance/claims/{claim.pk}/")
    manager.locator("[data-testid=approve-claim]").click()
    expect(manager.locator("[data-testid=claim-status]")).to_have_text("已审批待付款")

    office.reload()
    pay = office.locator("[data-testid=pay-form]")
    pay.get_by_label("付款账户").select_option(label="备用金（财务）")
    pay.get_by_role("button", name="付款").click()
    expect(office.locator("[data-testid=claim-status]")).to_have_text("已付款")
    office.goto(f"{live_server.url}/finance/accounts/{petty.pk}/")
    journal = office.locator("[data-testid=journal]")
    expect(journal).to_contain_text(claim.number)
    expect(journal).to_contain_text("800.00")
    expect(office.locator("[data-testid=account-balance]")).to_have_text("2200.00")

    last = ledger.previous_month(today.replace(day=1))
    office.goto(f"{live_server.url}/finance/ledger/{last.year}/{last.month}/")
    office.locator("[data-testid=close-month]").click()
    expect(office.locator("[data-testid=month-status]")).to_have_text("已结账")
    assert MonthClose.objects.filter(community=community_a, month=last).exists()
    assert problems == []
