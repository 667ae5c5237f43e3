"""FIN-07: fixed assets — straight-line monthly depreciation exact to the fen, the last month taking
the remainder, from the month after the asset is put in use through the month it is disposed of;
transfers kept; a stocktake on a phone, its differences reported."""

import datetime as dt
from decimal import Decimal

import pytest

from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.finance.models import FixedAsset, StocktakeItem
from wuye.finance.services import assets
from wuye.finance.tests.test_ledger import at

D = Decimal
ZH = {"Accept-Language": "zh-hans"}
API = "/api/v1"


@pytest.fixture
def staff(community_a, make_staff):
    return {
        "fin": make_staff(community_a, "FIN", name="财务小李"),
        "ast": make_staff(community_a, "AST", name="经理助理"),
        "eng": make_staff(community_a, "TECH", name="维修老王"),
    }


def pump(community, fin, **kwargs):
    values = {
        "tag": "zc-0001",
        "name": "二次供水水泵",
        "category": "equipment",
        "purchase_date": dt.date(2026, 1, 10),
        "in_use_date": dt.date(2026, 1, 20),
        "value": D("10000.00"),
        "useful_life_months": 36,
        "residual_rate": D("5"),
    }
    values.update(kwargs)
    with at(dt.date(2026, 2, 1)):
        return assets.add_asset(community=community, actor=fin, **values)


@pytest.mark.django_db
def test_fin07_depreciation_exact_to_the_fen_the_last_month_the_remainder(community_a, staff):
    """10,000 with 5 % residual: 9,500 over 36 months = 263.888… → 263.88 a month, the 36th
    9,500 − 35 × 263.88 = 264.20; from February 2026 (the month after Jan 20) to Jan 2029."""
    asset = pump(community_a, staff["fin"])
    assert asset.tag == "ZC-0001"
    rows = assets.schedule(asset)
    assert len(rows) == 36
    assert rows[0]["month"] == dt.date(2026, 2, 1) and rows[-1]["month"] == dt.date(2029, 1, 1)
    assert {r["amount"] for r in rows[:-1]} == {D("263.88")}
    assert rows[-1]["amount"] == D("264.20")  # 9,500 − 35 × 263.88
    assert rows[-1]["accumulated"] == D("9500.00") and rows[-1]["net"] == D("500.00")
    assert sum(r["amount"] for r in rows) == D("9500.00")
    # a small asset: 0.05 over 10 months — nothing each month, the remainder in the last
    tiny = pump(
        community_a,
        staff["fin"],
        tag="ZC-0002",
        value=D("0.05"),
        residual_rate=D("0"),
        useful_life_months=10,
    )
    amounts = [r["amount"] for r in assets.schedule(tiny)]
    assert amounts == [D("0.00")] * 9 + [D("0.05")]
    # the residual is rounded half up: 3,333.33 × 5 % = 166.6665 → 166.67
    odd = pump(community_a, staff["fin"], tag="ZC-0003", value=D("3333.33"), useful_life_months=7)
    assert assets.residual(odd) == D("166.67")
    assert sum(r["amount"] for r in assets.schedule(odd)) == D("3166.66")


@pytest.mark.django_db
def test_fin07_disposal_stops_after_its_month_and_transfers_are_kept(community_a, staff):
    fin = staff["fin"]
    asset = pump(community_a, fin)
    with at(dt.date(2026, 5, 15)):
        move = assets.transfer_asset(
            asset, actor=fin, moved_on=dt.date(2026, 5, 15), room="地下泵房", custodian=staff["eng"]
        )
        assert (move.to_place, move.to_custodian) == ("地下泵房", "维修老王")
        with pytest.raises(DomainError):
            assets.dispose_asset(
                asset, actor=fin, disposed_on=dt.date(2026, 5, 15), disposal_note=" "
            )
        assets.dispose_asset(
            asset, actor=fin, disposed_on=dt.date(2026, 5, 15), disposal_note="烧毁报废"
        )
        with pytest.raises(DomainError):
            assets.transfer_asset(asset, actor=fin, moved_on=dt.date(2026, 5, 15))
    asset.refresh_from_db()
    rows = assets.schedule(asset)
    assert [r["month"] for r in rows] == [dt.date(2026, m, 1) for m in (2, 3, 4, 5)]
    assert rows[-1]["accumulated"] == D("1055.52")  # 4 × 263.88
    assert assets.for_month(FixedAsset.objects.all(), dt.date(2026, 6, 1)) == []
    with pytest.raises(PermissionDeniedError):
        pump(community_a, staff["eng"], tag="ZC-9")
    with pytest.raises(DomainError):  # a tag once
        pump(community_a, fin, tag="zc-0001")


@pytest.mark.django_db
def test_fin07_a_stocktake_reports_the_differences(community_a, staff, login):
    fin, ast = staff["fin"], staff["ast"]
    for n in range(1, 5):
        pump(community_a, fin, tag=f"ZC-{n:04d}", name=f"设备{n}")
    with at(dt.date(2026, 6, 1)):
        count = assets.start_stocktake(
            community=community_a, actor=ast, title="2026年中盘点", started_on=dt.date(2026, 6, 1)
        )
        assets.check_asset(count, actor=ast, tag="zc-0001", result="found")
        assets.check_asset(count, actor=ast, tag="ZC-0002", result="damaged", note="外壳破损")
        assets.check_asset(count, actor=ast, tag="ZC-0002", result="found")  # again: replaces
        assets.check_asset(count, actor=ast, tag="ZC-0003", result="damaged", note="外壳破损")
        with pytest.raises(DomainError, match="ZC-9999"):
            assets.check_asset(count, actor=ast, tag="zc-9999", result="found")
        report = assets.stocktake_report(count)
        assert (report["found"], report["damaged"], report["unchecked"]) == (2, 1, 1)
        # on a phone: the page takes a tag and a result
        phone = login(ast)
        page = phone.get(f"/finance/stocktakes/{count.pk}/", headers=ZH).content.decode()
        assert 'data-testid="check-form"' in page and "标签号" in page
        done = phone.post(
            f"/finance/stocktakes/{count.pk}/",
            {"_community": community_a.pk, "action": "check", "tag": "ZC-0004", "result": "found"},
        )
        assert done.status_code == 302
        assets.check_asset(count, actor=ast, tag="ZC-0004", result="missing")
        assets.close_stocktake(count, actor=ast)
        with pytest.raises(DomainError):
            assets.check_asset(count, actor=ast, tag="ZC-0001", result="found")
    report = assets.stocktake_report(count)
    assert (report["found"], report["missing"], report["damaged"]) == (2, 1, 1)
    assert sorted(i.asset.tag for i in report["differences"]) == ["ZC-0003", "ZC-0004"]
    assert StocktakeItem.objects.filter(stocktake=count).count() == 4


@pytest.mark.django_db
def test_fin07_pages_and_api(community_a, staff, login):
    fin = login(staff["fin"])
    asset = pump(community_a, staff["fin"])
    with at(dt.date(2026, 4, 10)):
        page = fin.get(f"/finance/assets/{asset.pk}/", headers=ZH).content.decode()
        assert "263.88" in page and "527.76" in page  # two months to the end of March
        register = fin.get("/finance/depreciation/?month=2026-03", headers=ZH).content.decode()
        assert "263.88" in register
        sheet = fin.get("/finance/depreciation/?month=2026-03&format=xlsx")
        assert sheet["Content-Type"].startswith("application/vnd.openxmlformats")
        made = fin.post(
            f"{API}/fixed-assets/",
            {
                "tag": "ZC-0100",
                "name": "电动巡逻车",
                "category": "vehicle",
                "purchase_date": "2026-03-01",
                "in_use_date": "2026-03-05",
                "value": "36000.00",
                "useful_life_months": 48,
                "residual_rate": "5.00",
            },
            content_type="application/json",
        )
        assert made.status_code == 201, made.content
        bad = fin.post(
            f"{API}/fixed-assets/",
            {"tag": "ZC-0101", "value": "abc", "useful_life_months": 0},
            content_type="application/json",
            headers=ZH,
        )
        assert bad.status_code == 400
        stock = fin.post(
            f"{API}/stocktakes/",
            {"title": "月度抽盘", "started_on": "2026-04-10"},
            content_type="application/json",
        )
        assert stock.status_code == 201
        checked = fin.post(
            f"{API}/stocktakes/{stock.json()['id']}/check/",
            {"tag": "ZC-0100", "result": "found"},
            content_type="application/json",
        )
        assert checked.status_code == 200 and checked.json()["items"][0]["tag"] == "ZC-0100"
        assert login(staff["eng"]).get("/finance/assets/").status_code == 403
