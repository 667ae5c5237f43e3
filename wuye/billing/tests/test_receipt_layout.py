"""Receipts as offices print them (BIL-11): on the 80 mm slip a line item is one printed line;
the A4 form carries the parts (联) the company names, a stamp area, the months each line covers
and how an area fee was worked out. The layout is checked in WeasyPrint's own boxes."""

import datetime as dt
import html
import uuid
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from wuye.billing.models import BillingPolicy
from wuye.billing.receipts import receipt_context
from wuye.billing.services.counter import collect_payment
from wuye.billing.services.standards import policy_for
from wuye.billing.tests.factories import BillFactory, BillLineFactory, FeeItemFactory
from wuye.estate.tests.factories import UnitFactory

D = Decimal
AREA_FORMULA = "2.50 元/㎡·月 × 建筑面积 89.50 ㎡ × 3 月"
LONG_NAME = "二次供水加压设备及消防水泵房运行维护公摊费用"  # 22 characters


@pytest.fixture
def receipt(community_a, csh_a):
    """A quarter of 物业服务费 by area and a month of a fee item with a long name, paid in one."""
    unit = UnitFactory(community=community_a)
    bill = BillFactory(
        community=community_a,
        unit=unit,
        total=D("713.25"),
        period_start=dt.date(2026, 10, 1),
        period_end=dt.date(2026, 12, 31),
    )
    BillLineFactory(
        community=community_a,
        bill=bill,
        fee_item=FeeItemFactory(community=community_a, name="物业服务费"),
        quantity=D("89.50"),
        unit_price=D("2.5000"),
        amount=D("671.25"),
        formula=AREA_FORMULA,
        period=dt.date(2026, 10, 1),
        period_end=dt.date(2026, 12, 31),
        billing_key="area-q4",
    )
    BillLineFactory(
        community=community_a,
        bill=bill,
        fee_item=FeeItemFactory(community=community_a, name=LONG_NAME),
        amount=D("42.00"),
        formula="42.00 元/户·月 × 1 月",
        period=dt.date(2026, 10, 1),
        period_end=dt.date(2026, 10, 31),
        billing_key="long-name",
    )
    return collect_payment(
        unit=unit,
        amount=D("713.25"),
        channel="cash",
        cashier=csh_a,
        idempotency_key=uuid.uuid4().hex,
    ).receipt


def render(receipt, size):
    from wuye.core.pdf import pdf_font_faces

    return render_to_string(
        "billing/receipt_pdf.html",
        {
            **receipt_context(receipt),
            "size": size,
            "community": receipt.community,
            "pdf_font_faces": pdf_font_faces(),
        },
    )


def laid_out(document_html):
    """Each element's WeasyPrint boxes by class, after layout."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    from wuye.core.pdf import _static_fetcher

    document = HTML(string=document_html, base_url="/", url_fetcher=_static_fetcher())
    found: dict[str, list] = {}
    for page in document.render().pages:
        for box in page._page_box.descendants():
            if isinstance(box, boxes.TableCellBox) and box.element is not None:
                for name in (box.element.get("class") or "").split():
                    found.setdefault(name, []).append(box)
    return found


def line_count(cell):
    from weasyprint.formatting_structure import boxes

    return sum(1 for child in cell.children if isinstance(child, boxes.LineBox))


@pytest.mark.django_db
def test_a_line_item_never_wraps_on_the_80mm_slip(receipt):
    """BIL-11: the long fee item name and every amount stay on one printed line."""
    cells = laid_out(render(receipt, "thermal"))
    names = cells["slip-item"]
    assert len(names) >= 4  # header, two items, total
    assert all(line_count(cell) == 1 for cell in names)
    assert all(line_count(cell) == 1 for cell in cells["slip-amount"])


@pytest.mark.django_db
def test_the_slip_still_says_the_months_and_the_working(receipt):
    """BIL-11: a name too long for the slip's line is shortened there and given in full on the
    small line below, with the months and the working."""
    text = html.unescape(render(receipt, "thermal"))
    assert "2026-10～2026-12 · " + AREA_FORMULA in text
    assert f'<td class="slip-item">{LONG_NAME[:13]}…</td>' in text
    assert f"{LONG_NAME} · 2026-10 · 42.00 元/户·月 × 1 月" in text
    assert "收款单位（盖章）" in text


@pytest.mark.django_db
def test_a4_receipt_has_parts_stamp_area_periods_and_area_times_price(receipt):
    """BIL-11: 第一联 存根 / 第二联 客户 / 第三联 记账 by default; the stamp area; the quarter as
    a range; the area line's area × unit price × months."""
    text = html.unescape(render(receipt, "half"))
    assert "第一联存根" in text and "第二联客户" in text and "第三联记账" in text
    assert "收款单位（盖章）" in text
    assert "2026-10～2026-12" in text and AREA_FORMULA in text
    assert "2026-10</td>" in text  # the one-month line shows its month alone


@pytest.mark.django_db
def test_the_parts_are_what_the_policy_says(receipt, community_a, mgr_a, login):
    """BIL-11: the company names its form's parts on the billing policy; none prints none."""
    client = login(mgr_a)
    form = policy_for(community_a)
    data = {
        "cycle": form.cycle,
        "due_day": form.due_day,
        "fee_start": form.fee_start,
        "developer_name": "",
        "vacant_rate": "100",
        "late_fee_daily_rate": "0.5",
        "late_fee_grace_days": "30",
        "prepayment_limit_months": "12",
        "auto_offset_prepayment": "on",
        "receipt_parts": "存根，交款人、财务",
    }
    assert client.post(reverse("billing:policy"), data).status_code == 302
    text = html.unescape(render(receipt, "half"))
    assert "第二联交款人" in text and "第三联财务" in text and "记账" not in text

    data["receipt_parts"] = "一,二,三,四,五,六"
    response = client.post(reverse("billing:policy"), data)
    assert response.status_code == 400
    assert BillingPolicy.objects.get().receipt_parts == "存根，交款人、财务"

    BillingPolicy.objects.update(receipt_parts="")
    assert 'data-testid="receipt-parts"' not in render(receipt, "half")


@pytest.mark.django_db
def test_a_partly_paid_line_says_so(community_a, csh_a):
    unit = UnitFactory(community=community_a)
    bill = BillFactory(community=community_a, unit=unit, total=D("300.00"))
    BillLineFactory(community=community_a, bill=bill, amount=D("300.00"), billing_key="p")
    receipt = collect_payment(
        unit=unit,
        amount=D("100.00"),
        channel="cash",
        cashier=csh_a,
        idempotency_key=uuid.uuid4().hex,
    ).receipt
    text = html.unescape(render(receipt, "half"))
    assert "应缴 300.00，本次部分缴纳" in text
