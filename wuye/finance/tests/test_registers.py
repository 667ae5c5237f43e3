"""FIN-10: the finance office's registers — every use of a seal logged with its approver (never
the applicant), and receipt and cheque books whose numbers are each recorded once, overlapping
books refused, gaps found while a book is out and when it comes back; nothing deleted."""

import datetime as dt
import json
from decimal import Decimal

import pytest

from wuye.core.errors import DomainError
from wuye.core.models import Event
from wuye.finance.models import BookNumber, NumberedBook, Seal, SealUse
from wuye.finance.services import registers

ZH = {"Accept-Language": "zh-hans"}
DAY = dt.date(2026, 12, 1)


@pytest.fixture
def staff(community_a, make_staff):
    return {
        "mgr": make_staff(community_a, "MGR", name="经理老陈"),
        "fin": make_staff(community_a, "FIN", name="财务小李"),
        "csh": make_staff(community_a, "CSH", name="收费员小张"),
        "csr": make_staff(community_a, "CSR", name="客服小钱"),
    }


def api(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json", headers=ZH)


def book(community, staff, first=1001, last=1050, series="ab"):
    made = registers.add_book(
        community=community,
        actor=staff["fin"],
        kind="receipt",
        series=series,
        first_number=first,
        last_number=last,
    )
    return registers.issue_book(made, actor=staff["fin"], holder=staff["csh"], issued_on=DAY)


@pytest.mark.django_db
def test_fin10_receipt_book_numbers_once_and_gaps_found(community_a, staff, login):
    b = book(community_a, staff)
    assert b.series == "AB" and b.status == "issued" and b.holder == staff["csh"]
    for number in (1001, 1002, 1004):
        registers.record_number(
            b,
            actor=staff["fin"],
            number=number,
            status="used",
            used_on=DAY,
            amount=Decimal("120.00"),
            party="3-1-201",
        )
    registers.record_number(
        b, actor=staff["fin"], number=1005, status="voided", used_on=DAY, note="写错金额"
    )
    assert registers.gaps(b) == [1003]
    with pytest.raises(DomainError, match="已登记"):
        registers.record_number(
            b, actor=staff["fin"], number=1002, status="used", used_on=DAY, amount=Decimal("1")
        )
    with pytest.raises(DomainError, match="1001–1050"):
        registers.record_number(
            b, actor=staff["fin"], number=1051, status="used", used_on=DAY, amount=Decimal("1")
        )
    with pytest.raises(DomainError, match="作废原因"):
        registers.record_number(b, actor=staff["fin"], number=1006, status="voided", used_on=DAY)
    assert BookNumber.objects.count() == 4
    fin = login(staff["fin"])
    page = fin.get(f"/finance/books/{b.pk}/", headers=ZH).content.decode()
    assert "缺号 1 个" in page and "AB1003" in page
    listed = fin.get("/finance/books/?with_gaps=true", headers=ZH).content.decode()
    assert "AB1001–1050" in listed
    # Taken back: every number never recorded is a gap now.
    missing = registers.return_book(b, actor=staff["fin"], returned_on=DAY)
    assert missing[:2] == [1003, 1006] and len(missing) == 50 - 4
    assert Event.objects.filter(verb="book.returned").exists()
    with pytest.raises(DomainError):
        registers.record_number(
            b, actor=staff["fin"], number=1007, status="used", used_on=DAY, amount=Decimal("1")
        )


@pytest.mark.django_db
def test_fin10_overlapping_books_and_bad_input_change_nothing(community_a, staff, login):
    book(community_a, staff, 1001, 1050)
    with pytest.raises(DomainError, match="重叠"):
        registers.add_book(
            community=community_a,
            actor=staff["fin"],
            kind="receipt",
            series="AB",
            first_number=1040,
            last_number=1100,
        )
    # Another series, or a cheque book, may use the same numbers.
    registers.add_book(
        community=community_a,
        actor=staff["fin"],
        kind="cheque",
        series="AB",
        first_number=1040,
        last_number=1060,
        account="工行 1234",
    )
    fin = login(staff["fin"])
    assert (
        api(
            fin, "/api/v1/numbered-books/", {"kind": "receipt", "first_number": 9, "last_number": 5}
        ).status_code
        == 400
    )
    assert (
        api(
            fin,
            "/api/v1/numbered-books/",
            {"kind": "receipt", "first_number": 1, "last_number": 5000},
        ).status_code
        == 400
    )
    assert (
        api(fin, "/api/v1/numbered-books/", {"kind": "receipt", "first_number": "x"}).status_code
        == 400
    )
    assert api(fin, "/api/v1/numbered-books/", ["x"]).status_code == 400
    assert NumberedBook.objects.count() == 2
    b = NumberedBook.objects.get(kind="receipt")
    wrong = api(
        fin,
        f"/api/v1/numbered-books/{b.pk}/record-number/",
        {"number": 1003, "status": "used", "used_on": "2026-12-01"},
    )
    assert wrong.status_code == 400 and "金额" in wrong.content.decode()
    # Cashiers and representatives do not keep the books.
    assert api(
        login(staff["csr"]), f"/api/v1/numbered-books/{b.pk}/record-number/", {}
    ).status_code in (403, 404)
    assert BookNumber.objects.count() == 0
    # Nothing is deleted.
    assert fin.delete(f"/api/v1/numbered-books/{b.pk}/").status_code == 405


@pytest.mark.django_db
def test_fin10_seal_use_logged_with_an_approver_other_than_the_applicant(community_a, staff, login):
    seal = Seal.objects.create(community=community_a, name="合同专用章", kind="contract")
    with pytest.raises(DomainError, match="申请人以外"):
        registers.log_seal_use(
            community=community_a,
            actor=staff["fin"],
            seal=seal,
            document="保洁外包合同",
            purpose="签约",
            applicant=staff["csr"],
            approver=staff["csr"],
        )
    with pytest.raises(DomainError, match="项目经理或财务"):
        registers.log_seal_use(
            community=community_a,
            actor=staff["fin"],
            seal=seal,
            document="保洁外包合同",
            purpose="签约",
            applicant=staff["fin"],
            approver=staff["csr"],
        )
    response = login(staff["fin"]).post(
        "/finance/seal-uses/add/",
        {
            "seal": seal.pk,
            "document": "保洁外包合同",
            "purpose": "续签一年",
            "copies": "2",
            "applicant": staff["csr"].pk,
            "approver": staff["mgr"].pk,
        },
        headers=ZH,
    )
    assert response.status_code == 302
    use = SealUse.objects.get()
    assert use.copies == 2 and use.approver == staff["mgr"]
    assert Event.objects.filter(verb="seal.used").exists()
    page = login(staff["mgr"]).get("/finance/seal-uses/", headers=ZH).content.decode()
    assert "保洁外包合同" in page
    assert login(staff["csh"]).get("/finance/seal-uses/", headers=ZH).status_code == 403
    assert login(staff["fin"]).delete(f"/api/v1/seal-uses/{use.pk}/").status_code == 405
