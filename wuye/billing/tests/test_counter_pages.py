"""The cashier's pages under time pressure (BIL-06, BIL-11, BIL-12): printing is an explicit act
and opening a receipt changes nothing, the day is counted blind, a closed day is said at once,
the payer is the owner by default, the search shows who owns what and owes how much, and voids
and billing runs ask first with the figures in the question."""

import datetime as dt
import html
import re
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from wuye.billing import closing
from wuye.billing.models import DailyClosing, Payment, Receipt
from wuye.billing.services.counter import collect_payment
from wuye.billing.tests.factories import BillFactory, BillingRunFactory, BillLineFactory
from wuye.core.models import Event
from wuye.estate.tests.factories import (
    BuildingFactory,
    PersonFactory,
    UnitFactory,
    UnitRelationFactory,
)

D = Decimal


def owing(community, unit, amount, month=10):
    bill = BillFactory(
        community=community,
        unit=unit,
        total=D(amount),
        period_start=dt.date(2026, month, 1),
        period_end=dt.date(2026, month, 28),
    )
    BillLineFactory(
        community=community, bill=bill, amount=D(amount), billing_key=f"u{unit.pk}:{month}"
    )
    return bill


def collect(unit, cashier, amount, channel="cash"):
    return collect_payment(
        unit=unit,
        amount=D(amount),
        channel=channel,
        cashier=cashier,
        idempotency_key=uuid.uuid4().hex,
    )


@pytest.fixture
def home(community_a):
    """3-2-1501, owned by 张三 and 李四 (co-owners), 457.50 owed over two months."""
    building = BuildingFactory(community=community_a, number="3", name="")
    unit = UnitFactory(community=community_a, building=building, entrance=2, number="1501")
    for name, phone in (("张三", "13812341234"), ("李四", "13955556666")):
        person = PersonFactory(community=community_a, name=name, phone=phone)
        UnitRelationFactory(community=community_a, unit=unit, person=person, role="owner")
    owing(community_a, unit, "223.75", month=9)
    owing(community_a, unit, "233.75", month=10)
    return unit


# --- Reading is not printing (BIL-11) ---------------------------------------------------------


@pytest.mark.django_db
def test_opening_the_receipt_and_its_pdf_changes_nothing(
    community_a, home, csh_a, login, rendered_pdfs
):
    """BIL-11: viewing the receipt and previewing/downloading its PDF print nothing: the owner's
    original is still to come, and the preview is stamped 预览 so it is never taken for one."""
    receipt = collect(home, csh_a, "457.50").receipt
    client = login(csh_a)
    events = Event.objects.count()
    page = client.get(receipt.get_absolute_url()).content.decode()
    assert 'data-testid="print-half"' in page and "reprint" not in page.lower()
    for size in ("half", "thermal"):
        pdf = client.get(reverse("billing:receipt_pdf", args=[receipt.pk]), {"size": size})
        assert pdf.content.startswith(b"%PDF")
        assert "%E9%A2%84%E8%A7%88" in pdf["Content-Disposition"]  # “预览” in the file name
    receipt.refresh_from_db()
    assert receipt.prints == 0 and Event.objects.count() == events
    assert all("预览" in doc and "副本" not in doc for doc in rendered_pdfs)


@pytest.mark.django_db
def test_the_first_print_is_the_original_and_a_reprint_is_a_copy(
    community_a, home, csh_a, login, rendered_pdfs
):
    """BIL-11: printing is a POST; the first print is the original (no stamp), every later one
    is marked 副本; the print's own link can be fetched again without counting again."""
    receipt = collect(home, csh_a, "457.50").receipt
    client = login(csh_a)
    url = reverse("billing:receipt_pdf", args=[receipt.pk])

    first = client.post(url, {"size": "thermal", "_community": community_a.pk})
    assert first.status_code == 302
    client.get(first["Location"])
    client.get(first["Location"])  # the PDF viewer fetching it again (download, print)
    receipt.refresh_from_db()
    assert receipt.prints == 1
    assert "预览" not in rendered_pdfs[0] and "副本" not in rendered_pdfs[0]
    assert rendered_pdfs[0] == rendered_pdfs[1]

    page = client.get(receipt.get_absolute_url()).content.decode()
    assert "Reprint as copy" in page or "重印" in page

    again = client.post(url, {"size": "half", "_community": community_a.pk})
    client.get(again["Location"])
    receipt.refresh_from_db()
    assert receipt.prints == 2 and "副本" in rendered_pdfs[-1]
    assert list(
        Event.objects.filter(verb__startswith="receipt.")
        .order_by("id")
        .values_list("verb", flat=True)
    ) == ["receipt.printed", "receipt.reprinted"]


@pytest.mark.django_db
def test_a_forged_or_foreign_print_link_is_only_a_preview(
    community_a, home, csh_a, login, rendered_pdfs
):
    """BIL-11: the print link is signed for one receipt; anything else is a preview."""
    first = collect(home, csh_a, "223.75").receipt
    second = collect(home, csh_a, "233.75").receipt
    client = login(csh_a)
    printed = client.post(
        reverse("billing:receipt_pdf", args=[first.pk]), {"_community": community_a.pk}
    )
    token = re.search(r"print=([^&]+)", printed["Location"]).group(1)
    client.get(reverse("billing:receipt_pdf", args=[second.pk]), {"print": token})
    client.get(reverse("billing:receipt_pdf", args=[first.pk]), {"print": token + "x"})
    assert all("预览" in doc for doc in rendered_pdfs)
    assert Receipt.objects.get(pk=second.pk).prints == 0


@pytest.mark.django_db
def test_only_those_who_collect_print_receipts(community_a, home, csh_a, ast_a, login):
    """BIL-11: the assistant may look at receipts (preview) but prints none."""
    receipt = collect(home, csh_a, "457.50").receipt
    client = login(ast_a)
    page = client.get(receipt.get_absolute_url()).content.decode()
    assert 'data-testid="print-half"' not in page and 'data-testid="preview-pdf"' in page
    url = reverse("billing:receipt_pdf", args=[receipt.pk])
    assert client.post(url, {"_community": community_a.pk}).status_code == 403
    assert Receipt.objects.get(pk=receipt.pk).prints == 0


# --- Blind count (BIL-12) ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_day_is_counted_blind(community_a, home, csh_a, login):
    """BIL-12: the closing form is empty and no cash figure of the day is shown before the
    cashier submits his count; non-cash totals are shown (they are checked against slips)."""
    collect(home, csh_a, "223.75")
    collect(home, csh_a, "233.75", channel="wechat")
    page = login(csh_a).get(reverse("billing:close_day")).content.decode()
    counted = re.search(r'<input[^>]*name="counted_cash"[^>]*>', page).group(0)
    assert "value=" not in counted
    assert "223.75" not in page and 'data-testid="system-cash"' not in page
    assert 'data-testid="cash-blind"' in page and "233.75" in page


@pytest.mark.django_db
def test_a_matching_count_closes_the_day_and_then_shows_the_figures(
    community_a, home, csh_a, login
):
    """BIL-12: a count equal to the system's closes the day; then both figures and the
    difference are shown."""
    collect(home, csh_a, "223.75")
    client = login(csh_a)
    response = client.post(
        reverse("billing:close_day"), {"counted_cash": "223.75", "_community": community_a.pk}
    )
    closed = DailyClosing.objects.get()
    assert response["Location"] == closed.get_absolute_url()
    assert closed.counted_cash == D("223.75") and closed.difference == 0
    page = client.get(reverse("billing:close_day")).content.decode()
    assert 'data-testid="system-cash">¥223.75<' in page
    assert 'data-testid="difference">¥0.00<' in page and 'name="counted_cash"' not in page


@pytest.mark.django_db
def test_a_differing_count_stands_and_the_cashier_explains_it(community_a, home, csh_a, login):
    """BIL-12: after a count that differs, the difference is shown and must be explained; the
    count typed blind stands — typing a new figure then does not replace it."""
    collect(home, csh_a, "223.75")
    client = login(csh_a)
    url = reverse("billing:close_day")
    first = client.post(url, {"counted_cash": "200", "_community": community_a.pk})
    assert first.status_code == 302 and not DailyClosing.objects.exists()
    page = client.get(url).content.decode()
    assert 'data-testid="counted-cash">¥200.00<' in page
    assert 'data-testid="system-cash">¥223.75<' in page
    assert 'data-testid="difference">¥-23.75<' in page
    assert 'name="counted_cash"' not in page

    refused = client.post(url, {"counted_cash": "223.75", "_community": community_a.pk})
    assert refused.status_code == 400 and not DailyClosing.objects.exists()
    client.post(
        url,
        {"counted_cash": "223.75", "explanation": "少收一张假币", "_community": community_a.pk},
    )
    closed = DailyClosing.objects.get()
    assert closed.counted_cash == D("200.00") and closed.difference == D("-23.75")
    assert closed.explanation == "少收一张假币"


@pytest.mark.django_db
def test_the_count_stands_in_another_session_until_finance_returns_the_closing(
    community_a, home, csh_a, make_staff, login
):
    """BIL-12: signing in again (another browser) does not offer a fresh count; the first
    count is kept in the audit trail; a closing returned by finance is counted again."""
    collect(home, csh_a, "223.75")
    url = reverse("billing:close_day")
    login(csh_a).post(url, {"counted_cash": "200", "_community": community_a.pk})
    assert Event.objects.get(verb="closing.counted").data["counted"] == "200.00"
    other_browser = login(csh_a)
    page = other_browser.get(url).content.decode()
    assert 'name="counted_cash"' not in page and 'data-testid="counted-cash">¥200.00<' in page
    other_browser.post(url, {"explanation": "少了一张", "_community": community_a.pk})
    submitted = DailyClosing.objects.get()
    assert submitted.counted_cash == D("200.00")

    closing.return_closing(submitted, reason="请重新点钞", actor=make_staff(community_a, "FIN"))
    page = other_browser.get(url).content.decode()
    counted = re.search(r'<input[^>]*name="counted_cash"[^>]*>', page).group(0)
    assert "value=" not in counted and 'data-testid="system-cash"' not in page
    other_browser.post(url, {"counted_cash": "223.75", "_community": community_a.pk})
    submitted.refresh_from_db()
    assert submitted.status == "submitted" and submitted.difference == 0


# --- The counter (BIL-06) ---------------------------------------------------------------------


@pytest.mark.django_db
def test_a_closed_day_is_said_at_once_and_the_counter_takes_nothing(
    community_a, home, csh_a, login
):
    """BIL-12: once the cashier's day is submitted the counter says so at the top and offers
    no form to collect, top up or take a deposit."""
    collect(home, csh_a, "223.75")
    closing.submit_closing(
        community=community_a,
        cashier=csh_a,
        day=timezone.localdate(),
        counted_cash=D("223.75"),
        actor=csh_a,
    )
    client = login(csh_a)
    for params in ({}, {"unit": home.pk}, {"q": "3-2-1501"}):
        page = client.get(reverse("billing:counter"), params).content.decode()
        assert 'data-testid="day-closed"' in page
        assert 'data-testid="collect"' not in page
        assert reverse("billing:counter_top_up") not in page
        assert reverse("billing:counter_deposit") not in page
    assert "233.75" in page  # what is owed is still shown


@pytest.mark.django_db
def test_an_open_day_shows_no_banner(community_a, home, csh_a, login):
    """BIL-12: until the day is closed the counter shows no banner and collects."""
    page = login(csh_a).get(reverse("billing:counter"), {"unit": home.pk}).content.decode()
    assert 'data-testid="day-closed"' not in page and 'data-testid="collect"' in page


@pytest.mark.django_db
def test_the_payer_defaults_to_the_owners_and_can_be_changed(community_a, home, csh_a, login):
    """BIL-06: the payer name is filled with the current owners; the cashier may type another."""
    client = login(csh_a)
    page = client.get(reverse("billing:counter"), {"unit": home.pk}).content.decode()
    payer = re.search(r'<input[^>]*name="payer_name"[^>]*>', page).group(0)
    assert 'value="张三、李四"' in payer
    client.post(
        reverse("billing:counter"),
        {
            "_community": community_a.pk,
            "unit": home.pk,
            "idempotency_key": uuid.uuid4().hex,
            "channel": "cash",
            "payer_name": "王五（租户）",
        },
    )
    assert Payment.objects.get().payer_name == "王五（租户）"


@pytest.mark.django_db
def test_the_counter_form_carries_what_the_change_is_computed_from(community_a, home, csh_a, login):
    """BIL-06: each bill carries what it owes for the live change (找零) shown by app.js."""
    page = login(csh_a).get(reverse("billing:counter"), {"unit": home.pk}).content.decode()
    assert "data-change-calc" in page and "data-change-output" in page
    assert sorted(re.findall(r'data-owed="([\d.]+)"', page)) == ["223.75", "233.75"]
    assert "<script>" not in page  # CSP: behaviour lives in app.js


@pytest.mark.django_db
def test_a_name_search_lists_owner_masked_phone_and_amount_owed(
    community_a, home, csh_a, login, django_assert_max_num_queries
):
    """BIL-06/PLT-10: searching by name lists each unit with its owners, their phones masked
    (138****1234) and what it owes — in a bounded number of queries however many units match."""
    building = home.building
    for n in range(12):
        unit = UnitFactory(community=community_a, building=building, entrance=1, number=f"{n}01")
        person = PersonFactory(community=community_a, name=f"张小{n}", phone=f"1371234{n:04d}")
        UnitRelationFactory(community=community_a, unit=unit, person=person, role="owner")
        owing(community_a, unit, f"{100 + n}.50")
    client = login(csh_a)
    with django_assert_max_num_queries(16):
        page = client.get(reverse("billing:counter"), {"q": "张"}).content.decode()
    rows = re.findall(r'data-testid="match".*?</tr>', page, re.S)
    assert len(rows) == 13
    mine = next(r for r in rows if "1501" in r)
    assert "张三" in mine and "138****1234" in mine and "¥457.50" in mine
    assert "13812341234" not in page
    assert "¥111.50" in page  # 张小11's unit

    # Pinyin initials find the owner too; one unit found opens it at once.
    by_initials = client.get(reverse("billing:counter"), {"q": "ls"}).content.decode()
    assert 'data-testid="owed-total">¥457.50<' in by_initials


# --- Confirmations with the figures (BIL-11, BIL-03) ------------------------------------------


@pytest.mark.django_db
def test_a_void_asks_with_the_receipt_number_and_amount(community_a, home, csh_a, login):
    """BIL-11: the void form asks “作废收据 …，金额 … 元？” before it is sent."""
    payment = collect(home, csh_a, "457.50")
    page = login(csh_a).get(payment.get_absolute_url()).content.decode()
    question = html.unescape(re.search(r'data-confirm="([^"]*)"', page).group(1))
    assert payment.receipt.number in question and "457.50" in question


@pytest.mark.django_db
def test_issuing_a_run_asks_with_households_lines_and_amount(community_a, mgr_a, login):
    """BIL-03: confirming a run asks with the households, the lines and the amount."""
    run = BillingRunFactory(
        community=community_a,
        status="preview",
        preview={"targets": 1234, "lines": 3702, "total": "456789.10", "by_item": []},
    )
    page = login(mgr_a).get(run.get_absolute_url()).content.decode()
    questions = [html.unescape(q) for q in re.findall(r'data-confirm="([^"]*)"', page)]
    assert any("1,234" in q and "3,702" in q and "456,789.10" in q for q in questions)
