"""Offices work in batches: tick bills and print their payment notices or remind their owners by
SMS (BIL-14), tick waivers and decide them together (BIL-10). Only what the user may see and do."""

import datetime as dt
import html
from decimal import Decimal

import pytest
from django.urls import reverse

from wuye.billing.models import Bill, DunningContact, Waiver
from wuye.billing.services.approvals import decide_waiver, request_waiver
from wuye.billing.tests.factories import BillFactory, BillLineFactory, FeeItemFactory
from wuye.core.sms import MemoryTransport
from wuye.estate.tests.factories import (
    BuildingFactory,
    PersonFactory,
    UnitFactory,
    UnitRelationFactory,
)

D = Decimal


def bill_for(unit, amount, month, item=None, *, quantity="100.00", price="2.5000"):
    start = dt.date(2026, month, 1)
    bill = BillFactory(
        community=unit.community,
        unit=unit,
        total=D(amount),
        period_start=start,
        period_end=start.replace(day=28),
        due_date=start.replace(day=20),
    )
    BillLineFactory(
        community=unit.community,
        bill=bill,
        fee_item=item or FeeItemFactory(community=unit.community, name="物业服务费"),
        amount=D(amount),
        quantity=D(quantity),
        unit_price=D(price),
        formula=f"{quantity} m² × {price} 元/m²·月",
        period=start,
        period_end=start.replace(day=28),
        billing_key=f"u{unit.pk}:{month}",
    )
    return bill


@pytest.fixture
def homes(community_a):
    """10-1-101 (owner 王芳, mobile) owes September and October; 2-1-202 (owner without a mobile)
    owes October; 2-1-203 has paid October."""
    item = FeeItemFactory(community=community_a, name="物业服务费")
    ten = BuildingFactory(community=community_a, number="10", name="")
    two = BuildingFactory(community=community_a, number="2", name="")
    a = UnitFactory(community=community_a, building=ten, entrance="1", number="101")
    b = UnitFactory(community=community_a, building=two, entrance="1", number="202")
    c = UnitFactory(community=community_a, building=two, entrance="1", number="203")
    for unit, name, phone in ((a, "王芳", "13800001111"), (b, "赵强", ""), (c, "钱敏", "")):
        UnitRelationFactory(
            community=community_a,
            unit=unit,
            person=PersonFactory(community=community_a, name=name, phone=phone),
            role="owner",
        )
    bills = {
        "a9": bill_for(a, "250.00", 9, item),
        "a10": bill_for(a, "250.00", 10, item),
        "b10": bill_for(b, "180.00", 10, item, quantity="72.00"),
        "c10": bill_for(c, "90.00", 10, item, quantity="36.00"),
    }
    Bill.objects.filter(pk=bills["c10"].pk).update(paid=D("90.00"), status="paid")
    return bills


def ticked(*bills):
    return [str(b.pk) for b in bills]


@pytest.mark.django_db
def test_bills_list_has_tick_boxes_and_the_actions_the_post_may_use(
    community_a, homes, make_staff, login
):
    """BIL-14: the finance office sees both actions; the assistant manager, who reads bills but
    does not dun, prints notices and sends no SMS."""
    page = login(make_staff(community_a, "FIN")).get(reverse("billing:bill_list")).content.decode()
    assert 'data-testid="batch"' in page and 'value="notices"' in page and 'value="remind"' in page
    assert page.count('form="batch-form"') == 4 and "data-select-all" in page
    assistant_page = login(make_staff(community_a, "AST")).get(reverse("billing:bill_list"))
    body = assistant_page.content.decode()
    assert 'value="notices"' in body and 'value="remind"' not in body


@pytest.mark.django_db
def test_payment_notices_one_page_per_unit_line_by_line(
    community_a, homes, make_staff, login, rendered_pdfs
):
    """BIL-14: 缴费通知单 — a page per unit in natural order (2栋 before 10栋), each owing bill
    with its lines (period, quantity × price, amount), the total; a settled bill is left out."""
    client = login(make_staff(community_a, "FIN"))
    response = client.post(
        reverse("billing:bill_list"),
        {"batch": "notices", "select": ticked(*homes.values())},
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "%E7%BC%B4%E8%B4%B9%E9%80%9A%E7%9F%A5%E5%8D%95" in response["Content-Disposition"]
    [document] = rendered_pdfs
    text = html.unescape(document)
    assert text.count('class="notice"') == 2
    assert text.index("2栋") < text.index("10栋")  # 2-1-202 first
    assert "赵强" in text and "王芳" in text and "钱敏" not in text
    assert "72.00 m² × 2.5000 元/m²·月" in text and "¥180.00" in text and "¥500.00" in text
    assert homes["a9"].number in text and homes["a10"].number in text


@pytest.mark.django_db
def test_nothing_ticked_or_nothing_owed_prints_nothing(community_a, homes, make_staff, login):
    """BIL-14: no box ticked, or only settled bills, says so in Chinese and changes nothing."""
    client = login(make_staff(community_a, "FIN"))
    client.cookies["django_language"] = "zh-hans"
    url = reverse("billing:bill_list") + "?status=open"
    response = client.post(url, {"batch": "notices"}, follow=True)
    assert "请先勾选" in response.content.decode()
    response = client.post(url, {"batch": "notices", "select": ticked(homes["c10"])})
    assert response.status_code == 302 and response["Location"] == url
    response = client.post(url, {"batch": "notices", "select": ["1", "x"]}, follow=True)
    assert "无法读取" in response.content.decode()


@pytest.mark.django_db
def test_sms_reminders_for_ticked_bills(
    community_a, homes, make_staff, login, django_capture_on_commit_callbacks
):
    """BIL-14: each ticked unit's owners are told what its ticked bills still owe; a unit whose
    owner has no mobile is logged as not reached; settled bills send nothing."""
    MemoryTransport.outbox.clear()
    client = login(make_staff(community_a, "FIN"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("billing:bill_list"),
            {"batch": "remind", "select": ticked(homes["a9"], homes["b10"], homes["c10"])},
        )
    assert response.status_code == 302
    [message] = MemoryTransport.outbox
    assert message.phone == "13800001111" and "250.00" in message.text
    log = {c.unit.code: (c.result, c.owed) for c in DunningContact.objects.all()}
    assert log == {
        homes["a9"].unit.code: ("sent", D("250.00")),
        homes["b10"].unit.code: ("not_reached", D("180.00")),
    }


@pytest.mark.django_db
def test_reminders_need_the_dunning_permission(community_a, homes, make_staff, login):
    """BIL-14: the assistant manager may print notices but not send SMS: the action is refused."""
    response = login(make_staff(community_a, "AST")).post(
        reverse("billing:bill_list"), {"batch": "remind", "select": ticked(homes["a9"])}
    )
    assert response.status_code == 403 and not DunningContact.objects.exists()


@pytest.mark.django_db
def test_another_communitys_bills_cannot_be_ticked_in(
    community_a, community_b, homes, make_staff, login, rendered_pdfs
):
    """A forged id from another community is simply not among the rows."""
    foreign = bill_for(UnitFactory(community=community_b), "66.00", 10)
    response = login(make_staff(community_a, "FIN")).post(
        reverse("billing:bill_list"), {"batch": "notices", "select": ticked(foreign)}
    )
    assert response.status_code == 302 and not rendered_pdfs


@pytest.mark.django_db
def test_waivers_decided_together(community_a, homes, csh_a, mgr_a, login):
    """BIL-10: the manager ticks waivers and approves them at once; one already decided is
    reported and the others still go through; the note is kept on each."""
    requested = [
        request_waiver(line=homes[key].lines.get(), amount=D("10"), reason="电梯停运", actor=csh_a)
        for key in ("a9", "a10", "b10")
    ]
    decide_waiver(requested[0], approve=False, note="不符合", actor=mgr_a)
    client = login(mgr_a)
    page = client.get(reverse("billing:waiver_list")).content.decode()
    assert 'value="approve"' in page and 'value="reject"' in page
    response = client.post(
        reverse("billing:waiver_list"),
        {"batch": "approve", "note": "同意减免", "select": [str(w.pk) for w in requested]},
        follow=True,
    )
    statuses = dict(Waiver.objects.values_list("pk", "status"))
    assert [statuses[w.pk] for w in requested] == ["rejected", "approved", "approved"]
    assert Waiver.objects.filter(decision_note="同意减免").count() == 2
    assert Bill.objects.get(pk=homes["b10"].pk).total == D("170.00")
    body = response.content.decode()
    assert homes["a9"].number in body  # named among those not decided
    cashier = login(csh_a).get(reverse("billing:waiver_list")).content.decode()
    assert 'data-testid="batch"' not in cashier


@pytest.mark.django_db
def test_export_has_no_tick_column(community_a, homes, make_staff, login):
    """The Excel export keeps the list's columns, without the tick boxes."""
    import io

    from openpyxl import load_workbook

    response = login(make_staff(community_a, "FIN")).get(
        reverse("billing:bill_list"), {"export": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    headers = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert headers[0] != "select" and "" not in headers and None not in headers
