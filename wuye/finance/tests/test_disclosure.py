"""FIN-11, MGR-8: a disclosure to owners — fee standards, the owners' public income kept apart
from the company's income, the spending — drafted by finance, approved by the manager, then
frozen: the published notice and its PDF keep the figures of that day."""

import datetime as dt
from decimal import Decimal

import pytest

from wuye.billing.tests.factories import FeeItemFactory, FeeStandardFactory
from wuye.core import pdf
from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.estate.tests.factories import VendorFactory
from wuye.finance.services import cash, contracts, disclosure
from wuye.finance.tests.test_ledger import at

D = Decimal
ZH = {"Accept-Language": "zh-hans"}


@pytest.fixture
def staff(community_a, make_staff):
    return {
        "mgr": make_staff(community_a, "MGR", name="经理老陈"),
        "fin": make_staff(community_a, "FIN", name="财务小李"),
    }


@pytest.mark.django_db
def test_fin11_drafted_approved_published_and_frozen(community_a, staff, login, monkeypatch):
    fin, mgr = staff["fin"], staff["mgr"]
    item = FeeItemFactory(community=community_a, code="WYF", name="物业服务费")
    FeeStandardFactory(
        community=community_a,
        fee_item=item,
        effective_from=dt.date(2026, 1, 1),
        unit_price=D("2.5"),
    )
    bank = cash.add_account(
        community=community_a,
        actor=fin,
        kind="bank",
        name="基本户",
        opening_balance=D("1000"),
        opening_date=dt.date(2026, 1, 1),
    )
    with at(dt.date(2026, 7, 5)):
        ads = contracts.create_contract(
            community=community_a,
            actor=fin,
            kind="income",
            category="advertising",
            title="电梯广告位",
            vendor=VendorFactory(community=community_a, name="分众传媒"),
            starts_on=dt.date(2026, 7, 1),
            ends_on=dt.date(2026, 12, 31),
            amount=D("6000.00"),
            schedule="quarterly",
            public_income=True,
        )
        lease = contracts.create_contract(
            community=community_a,
            actor=fin,
            kind="income",
            category="space_lease",
            title="物业用房出租",
            vendor=VendorFactory(community=community_a, name="便民超市"),
            starts_on=dt.date(2026, 7, 1),
            ends_on=dt.date(2026, 7, 31),
            amount=D("800.00"),
            schedule="once",
        )
        for contract in (ads, lease):
            contracts.settle_instalment(
                contract.instalments.order_by("sequence").first(),
                actor=fin,
                account=bank,
                date=dt.date(2026, 7, 5),
            )
    with at(dt.date(2026, 10, 8)):
        with pytest.raises(DomainError):  # a period still running
            disclosure.draft_disclosure(
                community=community_a,
                actor=fin,
                title="三季度公示",
                period_start=dt.date(2026, 7, 1),
                period_end=dt.date(2026, 12, 31),
            )
        notice = disclosure.draft_disclosure(
            community=community_a,
            actor=fin,
            title="2026年三季度收支公示",
            period_start=dt.date(2026, 7, 1),
            period_end=dt.date(2026, 9, 30),
            maintenance_fund="8月 3号楼电梯更换钢丝绳 12,800 元（业主大会表决通过）",
        )
        figures = disclosure.shown_figures(notice)
        # the advertising is the owners' public income; the lease of the company's room is not
        assert figures["public_income_total"] == "3000.00"
        assert [r["source"] for r in figures["public_income"]] == ["电梯广告位（分众传媒）"]
        assert figures["standards"][0]["fee_item"] == "物业服务费"
        with pytest.raises(PermissionDeniedError):  # not who drafted it
            disclosure.publish_disclosure(notice, actor=fin)
        disclosure.publish_disclosure(notice, actor=mgr)
        with pytest.raises(DomainError):
            disclosure.change_disclosure(
                notice,
                actor=fin,
                title="改",
                period_start=dt.date(2026, 7, 1),
                period_end=dt.date(2026, 9, 30),
            )
        # the books move on; the published notice does not
        contracts.settle_instalment(
            ads.instalments.get(sequence=2), actor=fin, account=bank, date=dt.date(2026, 10, 8)
        )
    notice.refresh_from_db()
    assert notice.status == "published" and notice.figures["public_income_total"] == "3000.00"
    client = login(mgr)
    page = client.get(f"/finance/disclosures/{notice.pk}/", headers=ZH).content.decode()
    assert "公共收益" in page and "3000.00" in page and "钢丝绳" in page
    rendered = {}
    monkeypatch.setattr(
        pdf,
        "render_pdf",
        lambda template, context, request=None: rendered.update(context) or b"%PDF",
    )
    answer = client.get(f"/finance/disclosures/{notice.pk}/?format=pdf")
    assert answer.status_code == 200 and rendered["figures"]["public_income_total"] == "3000.00"
    api = client.get("/api/v1/disclosures/").json()["results"]
    assert api[0]["status"] == "published"
