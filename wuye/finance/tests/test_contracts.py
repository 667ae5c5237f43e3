"""FIN-09: contracts with their payment schedule (split in whole fen, the remainder on the last
instalment); income instalments received and expense instalments paid by journal entries (never
from the counter's cash); due-soon and overdue lists and a reminder to finance, once each;
renewal and termination with their history."""

import datetime as dt
from decimal import Decimal

import pytest

from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.core.models import Notification
from wuye.estate.tests.factories import VendorFactory
from wuye.finance.models import ContractInstalment, JournalEntry
from wuye.finance.services import cash, contracts
from wuye.finance.tests.test_ledger import at

D = Decimal
ZH = {"Accept-Language": "zh-hans"}
API = "/api/v1"


@pytest.fixture
def staff(community_a, make_staff):
    return {
        "mgr": make_staff(community_a, "MGR", name="经理老陈"),
        "fin": make_staff(community_a, "FIN", name="财务小李"),
    }


@pytest.fixture
def bank(community_a, staff):
    return cash.add_account(
        community=community_a,
        actor=staff["fin"],
        kind="bank",
        name="基本户",
        opening_balance=D("100000.00"),
        opening_date=dt.date(2026, 1, 1),
    )


def cleaning(community, fin, **kwargs):
    values = {
        "kind": "expense",
        "category": "cleaning",
        "title": "保洁外包",
        "vendor": None,
        "starts_on": dt.date(2026, 1, 1),
        "ends_on": dt.date(2026, 12, 31),
        "amount": D("100000.00"),
        "schedule": "quarterly",
    }
    values.update(kwargs)
    if values["vendor"] is None:
        from wuye.estate.models import Vendor

        values["vendor"] = Vendor.objects.filter(
            community=community, name="洁美保洁公司"
        ).first() or VendorFactory(community=community, name="洁美保洁公司")
    return contracts.create_contract(community=community, actor=fin, **values)


def test_fin09_the_schedule_splits_to_the_fen_with_the_remainder_last():
    plan = contracts.split(D("100000.00"), dt.date(2026, 1, 31), dt.date(2026, 12, 31), "monthly")
    assert len(plan) == 12
    assert [d for d, _a in plan][:3] == [
        dt.date(2026, 1, 31),
        dt.date(2026, 2, 28),
        dt.date(2026, 3, 31),
    ]
    assert {a for _d, a in plan[:-1]} == {D("8333.33")} and plan[-1][1] == D("8333.37")
    assert sum(a for _d, a in plan) == D("100000.00")
    assert contracts.split(D("10.00"), dt.date(2026, 1, 1), dt.date(2026, 12, 31), "quarterly") == [
        (dt.date(2026, 1, 1), D("2.50")),
        (dt.date(2026, 4, 1), D("2.50")),
        (dt.date(2026, 7, 1), D("2.50")),
        (dt.date(2026, 10, 1), D("2.50")),
    ]
    assert contracts.split(D("0.05"), dt.date(2026, 1, 1), dt.date(2026, 3, 31), "monthly") == [
        (dt.date(2026, 1, 1), D("0.01")),
        (dt.date(2026, 2, 1), D("0.01")),
        (dt.date(2026, 3, 1), D("0.03")),
    ]


@pytest.mark.django_db
def test_fin09_instalments_paid_and_received_through_the_journal(community_a, staff, bank):
    fin = staff["fin"]
    with at(dt.date(2026, 1, 5)):
        contract = cleaning(community_a, fin)
        assert contract.number == "HT20260001"
        first = contract.instalments.get(sequence=1)
        assert first.amount == D("25000.00")
        contracts.settle_instalment(first, actor=fin, account=bank, date=dt.date(2026, 1, 5))
        with pytest.raises(DomainError):  # once
            contracts.settle_instalment(first, actor=fin, account=bank, date=dt.date(2026, 1, 5))
        till = cash.add_account(
            community=community_a,
            actor=fin,
            kind="cash",
            name="库存现金",
            opening_balance=D("30000.00"),
            opening_date=dt.date(2026, 1, 1),
        )
        second = contract.instalments.get(sequence=2)
        with pytest.raises(DomainError, match="坐支"):
            contracts.settle_instalment(second, actor=fin, account=till, date=dt.date(2026, 1, 5))
        advertising = contracts.create_contract(
            community=community_a,
            actor=fin,
            kind="income",
            category="advertising",
            title="电梯广告位",
            vendor=VendorFactory(community=community_a, name="分众传媒"),
            starts_on=dt.date(2026, 1, 1),
            ends_on=dt.date(2026, 12, 31),
            amount=D("36000.00"),
            schedule="yearly",
            public_income=True,
        )
        assert advertising.public_income and advertising.instalments.count() == 1
        contracts.settle_instalment(
            advertising.instalments.get(), actor=fin, account=bank, date=dt.date(2026, 1, 5)
        )
        with pytest.raises(DomainError):  # a category of the other kind
            cleaning(community_a, fin, kind="income")
        with pytest.raises(PermissionDeniedError):
            cleaning(community_a, staff["mgr"])
    first.refresh_from_db()
    assert first.status == "settled" and first.entry.amount_out == D("25000.00")
    assert "HT20260001" in first.entry.summary and first.entry.counterparty == "洁美保洁公司"
    assert cash.balance(bank) == D("111000.00")  # 100,000 − 25,000 + 36,000
    with pytest.raises(DomainError):  # not reversed by hand
        cash.reverse_entry(first.entry, actor=fin, reason="错")


@pytest.mark.django_db
def test_fin09_due_soon_overdue_and_the_reminder_once(
    community_a, staff, bank, django_capture_on_commit_callbacks
):
    fin = staff["fin"]
    with at(dt.date(2026, 1, 2)):
        contract = cleaning(community_a, fin)
    today = dt.date(2026, 3, 10)
    base = ContractInstalment.objects.filter(community=community_a)
    assert [i.sequence for i in contracts.overdue(base, today)] == [1]
    assert [i.sequence for i in contracts.due_soon(base, today)] == [2]  # due 04-01
    with django_capture_on_commit_callbacks(execute=True):
        assert contracts.remind(community_a, today) == 2
        assert contracts.remind(community_a, today) == 0  # told once
    texts = list(Notification.objects.filter(user=fin).values_list("text", flat=True))
    assert len(texts) == 2 and any("逾期" in t for t in texts)
    assert all(contract.number in t for t in texts)


@pytest.mark.django_db
def test_fin09_renewal_and_termination_keep_the_history(community_a, staff, bank, login):
    fin = staff["fin"]
    with at(dt.date(2026, 6, 1)):
        contract = cleaning(community_a, fin, schedule="monthly", amount=D("120000.00"))
        renewal = contracts.renew_contract(
            contract,
            actor=fin,
            ends_on=dt.date(2027, 12, 31),
            amount=D("126000.00"),
            schedule="quarterly",
        )
        assert (renewal.starts_on, renewal.renewed_from) == (dt.date(2027, 1, 1), contract)
        contract.refresh_from_db()
        assert contract.status == "renewed"
        with pytest.raises(DomainError):
            contracts.terminate_contract(
                contract, actor=fin, terminated_on=dt.date(2026, 7, 1), reason="x"
            )
        other = cleaning(
            community_a, fin, title="绿化养护", category="greening", schedule="monthly"
        )
        with pytest.raises(DomainError):
            contracts.terminate_contract(
                other, actor=fin, terminated_on=dt.date(2026, 6, 30), reason=" "
            )
        contracts.terminate_contract(
            other, actor=fin, terminated_on=dt.date(2026, 6, 30), reason="服务质量不达标"
        )
    statuses = list(other.instalments.order_by("sequence").values_list("status", flat=True))
    assert statuses == ["pending"] * 6 + ["cancelled"] * 6
    # the pages and the API
    client = login(fin)
    with at(dt.date(2026, 6, 2)):
        page = client.get(f"/finance/contracts/{contract.pk}/", headers=ZH).content.decode()
        assert renewal.number in page and "已续签" in page
        listed = client.get("/finance/instalments/?when=overdue", headers=ZH)
        assert listed.status_code == 200
        made = client.post(
            f"{API}/contracts/",
            {
                "kind": "income",
                "category": "parking_lease",
                "title": "地面车位租赁",
                "vendor": VendorFactory(community=community_a).pk,
                "starts_on": "2026-06-01",
                "ends_on": "2026-11-30",
                "amount": "6000.00",
                "schedule": "monthly",
            },
            content_type="application/json",
        )
        assert made.status_code == 201, made.content
        assert len(made.json()["instalments"]) == 6
        first = made.json()["instalments"][0]["id"]
        settled = client.post(
            f"{API}/contract-instalments/{first}/settle/",
            {"account": bank.pk, "date": "2026-06-02"},
            content_type="application/json",
        )
        assert settled.status_code == 200 and settled.json()["status"] == "settled"
        assert JournalEntry.objects.get(pk=settled.json()["entry"]).amount_in == D("1000.00")
        bad = client.post(
            f"{API}/contracts/",
            {"kind": "income", "category": "cleaning", "amount": "x"},
            content_type="application/json",
            headers=ZH,
        )
        assert bad.status_code == 400


@pytest.mark.django_db
def test_fin09_contract_documents_attached_checked_and_kept(community_a, staff, login, make_staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wuye.finance.tests.test_claims import pdf

    with at(dt.date(2026, 1, 5)):
        contract = cleaning(community_a, staff["fin"])
        with pytest.raises(PermissionDeniedError):
            contracts.attach_documents(
                contract, actor=staff["mgr"], title="合同正本", uploads=[pdf()]
            )
        with pytest.raises(DomainError) as refused:
            contracts.attach_documents(
                contract,
                actor=staff["fin"],
                title="合同正本",
                uploads=[SimpleUploadedFile("fake.pdf", b"just text", "application/pdf")],
            )
        assert refused.value.field == "uploads"
        fin = login(staff["fin"])
        page = fin.post(
            contract.get_absolute_url(),
            {"action": "attach", "title": "合同正本", "uploads": [pdf("hetong.pdf")]},
            headers=ZH,
        )
        assert page.status_code == 302
        missing = fin.post(
            contract.get_absolute_url(), {"action": "attach", "title": ""}, headers=ZH
        )
        assert missing.status_code == 400
        api = fin.post(
            f"{API}/contracts/{contract.pk}/attach/",
            {"title": "补充协议", "uploads": [pdf("buchong.pdf")]},
            headers=ZH,
        )
        assert api.status_code == 200, api.content
        shown = fin.get(f"{API}/contracts/{contract.pk}/", headers=ZH).json()
        assert [d["title"] for d in shown["documents"]] == ["合同正本", "补充协议"]
        document = contract.documents.first()
        detail = fin.get(contract.get_absolute_url(), headers=ZH).content.decode()
        assert document.get_absolute_url() in detail
        assert login(staff["mgr"]).get(document.get_absolute_url()).status_code == 200
        csr = make_staff(community_a, "CSR")
        assert login(csr).get(document.get_absolute_url()).status_code in (403, 404)
