"""FIN-03: expense claims — made by any member of staff, numbered without gaps; finance's
pre-review against each category's checklist returns an incomplete claim naming what is missing;
the claimant completes it; the manager approves (above the set amount the company too), never his
own claim; finance pays it from petty cash or the bank and the journal shows it; an invoice is
claimed once; documents are checked by their content."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.core.models import Notification
from wuye.finance.choices import EntryKind
from wuye.finance.models import ClaimDocument, ExpenseCategory, ExpenseClaim, JournalEntry
from wuye.finance.services import cash, claims
from wuye.finance.tests.test_ledger import at

D = Decimal
ZH = {"Accept-Language": "zh-hans"}
API = "/api/v1"


def pdf(name="fapiao.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF", "application/pdf")


def png(name="yanshou.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


@pytest.fixture
def staff(community_a, make_staff):
    return {
        "mgr": make_staff(community_a, "MGR", name="经理老陈"),
        "fin": make_staff(community_a, "FIN", name="财务小李"),
        "eng": make_staff(community_a, "TECH", name="维修老王"),
        "sec": make_staff(community_a, "SEC", name="保安小赵"),
    }


@pytest.fixture
def petty(community_a, staff):
    with at(dt.date(2026, 11, 1), 9):
        return cash.add_account(
            community=community_a,
            actor=staff["fin"],
            kind="petty",
            name="备用金",
            custodian=staff["fin"],
            float_amount=D("3000.00"),
            opening_balance=D("3000.00"),
            opening_date=dt.date(2026, 11, 1),
        )


def repair_claim(community, claimant, amount="800.00", invoice="26442000000012345678"):
    claim = claims.create_claim(community=community, actor=claimant, purpose="3号楼水泵维修")
    repair = ExpenseCategory.objects.get(community=community, name="维修")
    claims.add_line(
        claim,
        actor=claimant,
        category=repair,
        amount=D(amount),
        invoice_type="digital",
        invoice_number=invoice,
        description="水泵轴承更换",
    )
    claim.refresh_from_db()
    return claim


@pytest.mark.django_db
def test_fin03_returned_for_a_missing_document_completed_approved_and_paid(
    community_a, staff, petty, django_capture_on_commit_callbacks
):
    fin, mgr, eng = staff["fin"], staff["mgr"], staff["eng"]
    with at(dt.date(2026, 11, 10)), django_capture_on_commit_callbacks(execute=True):
        claim = repair_claim(community_a, eng)
        assert claim.number == "BX202600001" and claim.total == D("800.00")
        claims.attach(claim, actor=eng, kind="发票", uploads=[pdf()])
        claims.submit_claim(claim, actor=eng)
        claims.review_claim(claim, actor=fin)
    claim.refresh_from_db()
    assert claim.status == "returned" and claim.missing == ["验收单"]
    told = Notification.objects.get(user=eng, text__contains="退回")
    assert "验收单" in told.text
    with pytest.raises(DomainError):  # a returned claim is not approved
        claims.approve_claim(claim, actor=mgr)

    with at(dt.date(2026, 11, 11)), django_capture_on_commit_callbacks(execute=True):
        claims.attach(claim, actor=eng, kind="验收单", uploads=[png()])
        claims.submit_claim(claim, actor=eng)
        claims.review_claim(claim, actor=fin, note="齐全")
        claims.approve_claim(claim, actor=mgr)
    claim.refresh_from_db()
    assert claim.status == "approved" and claim.approved_by == mgr
    assert Notification.objects.filter(user=fin, text__contains="BX202600001").exists()

    till = cash.add_account(
        community=community_a,
        actor=fin,
        kind="cash",
        name="库存现金",
        opening_balance=D("900.00"),
        opening_date=dt.date(2026, 11, 1),
    )
    with at(dt.date(2026, 11, 12)):
        with pytest.raises(DomainError, match="坐支"):
            claims.pay_claim(claim, actor=fin, account=till, date=dt.date(2026, 11, 12))
        claims.pay_claim(claim, actor=fin, account=petty, date=dt.date(2026, 11, 12))
    claim.refresh_from_db()
    entry = claim.payment
    assert (claim.status, entry.account, entry.kind, entry.amount_out) == (
        "paid",
        petty,
        EntryKind.EXPENSE,
        D("800.00"),
    )
    assert "BX202600001" in entry.summary and entry.counterparty == "维修老王"
    assert cash.balance(petty) == D("2200.00")
    with pytest.raises(DomainError):  # paid once
        claims.pay_claim(claim, actor=fin, account=petty, date=dt.date(2026, 11, 12))


@pytest.mark.django_db
def test_fin03_an_invoice_is_claimed_once(community_a, staff):
    eng, sec = staff["eng"], staff["sec"]
    with at(dt.date(2026, 11, 10)):
        first = repair_claim(community_a, eng, invoice="26442000000012345678")
        with pytest.raises(DomainError, match=first.number):
            repair_claim(community_a, sec, invoice=" 2644 2000-0000 1234 5678 ")
        # a receipt without an invoice needs no number; an invoice does
        claim = claims.create_claim(community=community_a, actor=sec, purpose="打印")
        office = ExpenseCategory.objects.get(community=community_a, name="办公")
        with pytest.raises(DomainError):
            claims.add_line(
                claim, actor=sec, category=office, amount=D("20"), invoice_type="vat_ordinary"
            )
        claims.add_line(claim, actor=sec, category=office, amount=D("20"), invoice_type="receipt")
    assert claim.lines.count() == 1


@pytest.mark.django_db
def test_fin03_nobody_reviews_or_approves_his_own_claim(community_a, staff, company_admin):
    fin, mgr = staff["fin"], staff["mgr"]
    with at(dt.date(2026, 11, 10)):
        own = repair_claim(community_a, fin, invoice="1")
        claims.attach(own, actor=fin, kind="发票", uploads=[pdf()])
        claims.attach(own, actor=fin, kind="验收单", uploads=[pdf()])
        claims.submit_claim(own, actor=fin)
        with pytest.raises(PermissionDeniedError):
            claims.review_claim(own, actor=fin)
        big = repair_claim(community_a, mgr, amount="6000.00", invoice="2")
        claims.attach(big, actor=mgr, kind="发票", uploads=[pdf()])
        claims.attach(big, actor=mgr, kind="验收单", uploads=[pdf()])
        claims.submit_claim(big, actor=mgr)
        claims.review_claim(big, actor=fin)
        with pytest.raises(PermissionDeniedError):
            claims.approve_claim(big, actor=mgr)
        # someone else's large claim: the manager, then the company (6,000 > 5,000)
        other = repair_claim(community_a, staff["eng"], amount="6000.00", invoice="3")
        claims.attach(other, actor=staff["eng"], kind="发票", uploads=[pdf()])
        claims.attach(other, actor=staff["eng"], kind="验收单", uploads=[pdf()])
        claims.submit_claim(other, actor=staff["eng"])
        claims.review_claim(other, actor=fin)
        claims.approve_claim(other, actor=mgr)
        other.refresh_from_db()
        assert other.status == "awaiting_company"
        with pytest.raises(PermissionDeniedError):
            claims.company_approve_claim(other, actor=mgr)
        claims.company_approve_claim(other, actor=company_admin)
        other.refresh_from_db()
        assert (other.status, other.company_approved_by) == ("approved", company_admin)
        # rejected for good, with the reason
        with pytest.raises(DomainError):
            claims.reject_claim(big, actor=fin, reason=" ")
        with pytest.raises(DomainError):  # the claimant is not his own judge
            claims.reject_claim(big, actor=mgr, reason="x")
        claims.reject_claim(big, actor=company_admin, reason="超出预算")
    big.refresh_from_db()
    assert (big.status, big.reject_reason) == ("rejected", "超出预算")


@pytest.mark.django_db
def test_fin03_numbers_without_gaps_and_documents_checked_by_content(community_a, staff):
    eng = staff["eng"]
    with at(dt.date(2026, 11, 10)):
        with pytest.raises(DomainError):
            claims.create_claim(community=community_a, actor=eng, purpose="  ")
        claim = repair_claim(community_a, eng)
        fake = SimpleUploadedFile("fapiao.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
        with pytest.raises(DomainError):
            claims.attach(claim, actor=eng, kind="发票", uploads=[pdf("ok.pdf"), fake])
        with pytest.raises(DomainError):  # not on the checklist
            claims.attach(claim, actor=eng, kind="身份证", uploads=[pdf()])
        with pytest.raises(PermissionDeniedError):  # another's claim
            claims.attach(claim, actor=staff["sec"], kind="发票", uploads=[pdf()])
        second = claims.create_claim(community=community_a, actor=eng, purpose="灯泡")
    assert ClaimDocument.objects.count() == 0
    assert (claim.number, second.number) == ("BX202600001", "BX202600002")


@pytest.mark.django_db
def test_fin03_pages_api_and_who_sees_what(community_a, staff, petty, login):
    eng, sec, fin, mgr = staff["eng"], staff["sec"], staff["fin"], staff["mgr"]
    worker = login(eng)
    with at(dt.date(2026, 11, 10)):
        made = worker.post(
            "/finance/claims/add/", {"_community": community_a.pk, "purpose": "换灯"}
        )
        assert made.status_code == 302
        claim = ExpenseClaim.objects.get(purpose="换灯")
        office = ExpenseCategory.objects.get(community=community_a, name="办公")
        added = worker.post(
            f"/finance/claims/{claim.pk}/",
            {
                "_community": community_a.pk,
                "action": "add_line",
                "category": office.pk,
                "amount": "35.50",
                "invoice_type": "digital",
                "invoice_number": "99887766",
            },
        )
        assert added.status_code == 302
        bad = worker.post(
            f"/finance/claims/{claim.pk}/",
            {"_community": community_a.pk, "action": "add_line", "category": office.pk},
            headers=ZH,
        )
        assert bad.status_code == 400
        page = worker.get(f"/finance/claims/{claim.pk}/", headers=ZH).content.decode()
        assert "35.50" in page and "发票" in page and 'data-testid="submit-claim"' in page
        assert 'data-testid="review-form"' not in page
        attached = worker.post(
            f"/finance/claims/{claim.pk}/",
            {"_community": community_a.pk, "action": "attach", "kind": "发票", "uploads": pdf()},
        )
        assert attached.status_code == 302 and claim.documents.count() == 1
        document = claim.documents.get()
        assert worker.get(f"/finance/claim-documents/{document.pk}/").status_code == 200
        # another member of staff sees neither the claim nor its document
        other = login(sec)
        assert other.get(f"/finance/claims/{claim.pk}/").status_code == 404
        assert other.get(f"/finance/claim-documents/{document.pk}/").status_code == 404
        assert other.get(f"{API}/expense-claims/").json()["results"] == []
        assert login(fin).get(f"/finance/claim-documents/{document.pk}/").status_code == 200

        # the whole course over the API
        api = worker.post(
            f"{API}/expense-claims/", {"purpose": "保安服"}, content_type="application/json"
        )
        assert api.status_code == 201, api.content
        pk = api.json()["id"]
        security = ExpenseCategory.objects.get(community=community_a, name="保安外包")
        line = worker.post(
            f"{API}/expense-claims/{pk}/add-line/",
            {
                "category": security.pk,
                "amount": "120.00",
                "invoice_type": "vat_special",
                "invoice_number": "11112222",
            },
            content_type="application/json",
        )
        assert line.status_code == 200, line.content
        for body in ({}, {"category": security.pk, "amount": "x", "invoice_type": "digital"}):
            refused = worker.post(
                f"{API}/expense-claims/{pk}/add-line/",
                body,
                content_type="application/json",
                headers=ZH,
            )
            assert refused.status_code == 400
        for kind, upload in (("发票", pdf()), ("合同", png())):
            sent = worker.post(
                f"{API}/expense-claims/{pk}/attach/", {"kind": kind, "uploads": upload}
            )
            assert sent.status_code == 200, sent.content
        assert worker.post(f"{API}/expense-claims/{pk}/submit/").status_code == 200
        assert worker.post(f"{API}/expense-claims/{pk}/approve/").status_code == 403
        finance = login(fin)
        reviewed = finance.post(
            f"{API}/expense-claims/{pk}/review/", {}, content_type="application/json"
        )
        assert reviewed.json()["status"] == "reviewed"
        approved = login(mgr).post(f"{API}/expense-claims/{pk}/approve/")
        assert approved.json()["status"] == "approved"
        home = finance.get("/", headers=ZH).content.decode()
        assert "待支付的报销单" in home
        paid = finance.post(
            f"{API}/expense-claims/{pk}/pay/",
            {"account": petty.pk, "date": "2026-11-10"},
            content_type="application/json",
        )
        assert paid.status_code == 200 and paid.json()["status"] == "paid"
        assert JournalEntry.objects.get(pk=paid.json()["payment"]).amount_out == D("120.00")
