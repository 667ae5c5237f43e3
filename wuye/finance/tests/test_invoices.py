"""FIN-07 invoices (发票): asked for a unit's payments, lines by fee item with the tax rate of
the item's kind, amounts exact to the fen; the buyer's unified social credit code checked; a
payment invoiced at most once (the database says so too); a voided payment's invoice reversed by
a red-letter invoice, never deleted, its other payments invoiced again; the provider's refusals
and timeouts; the month's invoiced vs collected."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from wuye.billing.services.counter import void_payment
from wuye.billing.services.wallet import collect_deposit
from wuye.billing.tests.factories import FeeItemFactory
from wuye.core import pdf
from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.estate.tests.factories import MeterFactory, UnitFactory
from wuye.finance.models import Invoice, InvoicePayment
from wuye.finance.services import invoice_rates, invoice_reports, invoices
from wuye.finance.services.invoice_rates import split_tax
from wuye.finance.tests.test_ledger import OCT, at, bill, pay

D = Decimal
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
SELLER = "91310000MA1FL8KX3K"
BUYER = "91440300MA5DC12341"
DAY = dt.date(2026, 10, 20)


@pytest.fixture(autouse=True)
def quick_pdf(monkeypatch, settings):
    """The simulator's PDF without WeasyPrint (one test renders the real one)."""
    settings.INVOICE_BACKEND = "simulator"
    settings.INVOICE_SIMULATOR = "ok"
    monkeypatch.setattr(pdf, "render_pdf", lambda template, context, **kw: b"%PDF-1.7 test")


@pytest.fixture
def on_day():
    """The whole test on one day: a session signed in then stays valid."""
    with at(DAY):
        yield


@pytest.fixture
def staff(community_a, make_staff):
    return {
        "mgr": make_staff(community_a, "MGR", name="经理老陈"),
        "fin": make_staff(community_a, "FIN", name="财务小李"),
        "csh": make_staff(community_a, "CSH", name="收费员小张"),
        "csh2": make_staff(community_a, "CSH", username="csh2_a", name="收费员小王"),
    }


@pytest.fixture
def items(community_a):
    water_meter = MeterFactory(community=community_a, kind="water")
    return {
        "wyf": FeeItemFactory(community=community_a, code="WYF", name="物业服务费"),
        "water": FeeItemFactory(
            community=community_a,
            code="SF",
            name="水费",
            calculation="metered",
            meter_kind="water",
        ),
        "shared": FeeItemFactory(
            community=community_a,
            code="GTSF",
            name="公摊水费",
            calculation="shared",
            shared_meter=water_meter,
        ),
        "parking": FeeItemFactory(
            community=community_a, code="TCF", name="车位管理费", calculation="fixed_space"
        ),
        "power": FeeItemFactory(
            community=community_a,
            code="DF",
            name="电费",
            calculation="metered",
            meter_kind="electricity",
        ),
    }


@pytest.fixture
def seller(community_a, staff):
    return invoice_rates.save_settings(
        community=community_a,
        actor=staff["fin"],
        seller_name="阳光物业服务有限公司",
        seller_tax_number=SELLER.lower(),
        taxpayer_kind="general",
    )


@pytest.fixture
def home(community_a, items, staff, seller):
    """A unit with an October bill: 物业服务费 200.00, 水费 33.33, 车位管理费 150.00 (383.33);
    two cash payments on Oct 20: 250.00 then 133.33 (each settles the oldest lines first)."""
    unit = UnitFactory(community=community_a)
    bill(
        unit,
        OCT,
        {items["wyf"]: D("200.00"), items["water"]: D("33.33"), items["parking"]: D("150.00")},
        due=dt.date(2026, 10, 31),
    )
    with at(DAY):
        first = pay(unit, staff["csh"], D("250.00"))
        second = pay(unit, staff["csh"], D("133.33"))
    return {"unit": unit, "payments": [first, second]}


class Api:
    """JSON to the API through a signed-in test client."""

    def __init__(self, client):
        self.client = client

    def post(self, url, data):
        return self.client.post(url, json.dumps(data), content_type="application/json", **ZH)

    def get(self, url):
        return self.client.get(url, **ZH)


def ask(actor, payments, run, **buyer):
    buyer.setdefault("buyer_name", "张三")
    with run(execute=True):
        made = invoices.request_invoice(
            community=payments[0].community, actor=actor, payments=payments, **buyer
        )
    made.refresh_from_db()
    return made


def test_fin07_tax_is_split_from_the_total_exact_to_the_fen():
    # Hand-computed: amount = total ÷ (1 + rate) half up to the fen; tax = total − amount.
    cases = [
        ("106.00", "0.06", "100.00", "6.00"),
        ("100.00", "0.06", "94.34", "5.66"),
        ("33.33", "0.03", "32.36", "0.97"),
        ("150.00", "0.09", "137.61", "12.39"),
        ("0.01", "0.13", "0.01", "0.00"),
        ("0.05", "0.06", "0.05", "0.00"),
        ("1000000.00", "0.13", "884955.75", "115044.25"),
    ]
    for total, rate, amount, tax in cases:
        got = split_tax(D(total), D(rate))
        assert got == (D(amount), D(tax)), (total, rate)
        assert got[0] + got[1] == D(total)


@pytest.mark.django_db
def test_fin07_unified_social_credit_code_check_digit(community_a, staff):
    assert invoice_rates.clean_tax_number(" 91440300ma5dc1234-1 ", "x") == BUYER
    for bad in ("91440300MA5DC12342", "91440300MA5DC1234", "12345", "91440300MA5DC1234I"):
        with pytest.raises(DomainError) as refused:
            invoice_rates.clean_tax_number(bad, "buyer_tax_number")
        assert "统一社会信用代码" in str(refused.value.message)
        assert refused.value.field == "buyer_tax_number"
    with pytest.raises(DomainError):
        invoice_rates.save_settings(
            community=community_a,
            actor=staff["fin"],
            seller_name="阳光物业",
            seller_tax_number="91310000MA1FL8KX3A",
            taxpayer_kind="general",
        )
    assert invoice_rates.settings_for(community_a) is None


@pytest.mark.django_db
def test_fin07_default_rates_by_item_kind(community_a, items, staff):
    rates = invoice_rates.rates_for(community_a)
    assert (rates[items["wyf"].pk].rate, rates[items["wyf"].pk].simplified) == (D("0.06"), False)
    assert (rates[items["water"].pk].rate, rates[items["water"].pk].simplified) == (D("0.03"), True)
    assert rates[items["shared"].pk].rate == D("0.03")  # its shared meter measures water
    assert rates[items["parking"].pk].rate == D("0.09")
    assert rates[items["power"].pk].rate == D("0.13")
    deposit = FeeItemFactory(community=community_a, code="YJ", calculation="deposit")
    assert not invoice_rates.rates_for(community_a)[deposit.pk].invoiced
    with pytest.raises(DomainError):
        invoice_rates.save_rate(deposit, actor=staff["fin"], rate=D("0.06"), invoiced=True)
    invoice_rates.save_rate(items["power"], actor=staff["fin"], rate=D("0.13"), invoiced=False)
    assert not invoice_rates.rates_for(community_a)[items["power"].pk].invoiced
    with pytest.raises(PermissionDeniedError):
        invoice_rates.save_rate(items["wyf"], actor=staff["csh"], rate=D("0.03"))
    with pytest.raises(DomainError):
        invoice_rates.save_rate(items["wyf"], actor=staff["fin"], rate=D("0.06"), tax_code="30408")


@pytest.mark.django_db
def test_fin07_two_payments_merged_on_one_invoice_lines_by_item(
    home, staff, django_capture_on_commit_callbacks
):
    first, second = home["payments"]
    with at(DAY):
        made = ask(
            staff["csh"],
            [first, second],
            django_capture_on_commit_callbacks,
            buyer_kind="company",
            buyer_name="深圳某某科技有限公司",
            buyer_tax_number=BUYER,
            invoice_class="special",
        )
    assert made.status == "issued"
    assert len(made.number) == 20 and made.number.isdigit()
    assert made.issued_on == DAY
    assert made.file.read().startswith(b"%PDF")
    lines = {line.name: line for line in made.lines.all()}
    assert {n: (line.total, line.amount, line.tax, line.rate) for n, line in lines.items()} == {
        "物业服务费": (D("200.00"), D("188.68"), D("11.32"), D("0.06")),
        "水费": (D("33.33"), D("32.36"), D("0.97"), D("0.03")),
        "车位管理费": (D("150.00"), D("137.61"), D("12.39"), D("0.09")),
    }
    assert lines["水费"].simplified
    assert (made.amount, made.tax, made.total) == (D("358.65"), D("24.68"), D("383.33"))
    assert lines["物业服务费"].period_from == OCT
    links = {link.payment_id: link.amount for link in made.links.all()}
    assert links == {first.pk: D("250.00"), second.pk: D("133.33")}
    assert made.serial.startswith("FP2026")


@pytest.mark.django_db
def test_fin07_a_payment_is_invoiced_at_most_once(home, staff, django_capture_on_commit_callbacks):
    first, second = home["payments"]
    with at(DAY):
        ask(staff["fin"], [first], django_capture_on_commit_callbacks)
        with pytest.raises(DomainError) as refused:
            ask(staff["fin"], [first, second], django_capture_on_commit_callbacks)
    assert "已开票" in str(refused.value.message) or "Already" in str(refused.value.message)
    assert Invoice.objects.count() == 1
    # The database itself refuses a second invoice in force for the payment.
    other = Invoice.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        InvoicePayment.objects.create(
            community=first.community, invoice=other, payment=first, amount=D("1.00")
        )


@pytest.mark.django_db
def test_fin07_what_cannot_be_invoiced_is_refused_and_nothing_saved(
    community_a, home, staff, items, django_capture_on_commit_callbacks
):
    first, second = home["payments"]
    unit = home["unit"]
    other = UnitFactory(community=community_a)
    bill(other, OCT, {items["wyf"]: D("90.00")}, due=dt.date(2026, 10, 31))
    with at(DAY):
        elsewhere = pay(other, staff["csh"], D("80.00"))
        top_up = pay(unit, staff["csh"], D("500.00"), purpose="top_up")
        deposit = collect_deposit(
            unit=unit,
            amount=D("2000.00"),
            purpose_text="装修押金",
            channel="cash",
            cashier=staff["csh"],
            idempotency_key="dep-1",
        )
        voided = pay(other, staff["csh"], D("10.00"))
        void_payment(voided, reason="收错", actor=staff["csh"])
        cases = [
            ({"payments": [first, elsewhere]}, "payments"),
            ({"payments": [top_up]}, "payments"),
            ({"payments": [deposit.payment]}, "payments"),
            ({"payments": [voided]}, "payments"),
            ({"payments": []}, "payments"),
            ({"payments": [first], "buyer_name": "  "}, "buyer_name"),
            (
                {"payments": [first], "buyer_kind": "company", "buyer_name": "某公司"},
                "buyer_tax_number",
            ),
            (
                {
                    "payments": [first],
                    "buyer_kind": "company",
                    "buyer_name": "某公司",
                    "buyer_tax_number": "91440300MA5DC12342",
                },
                "buyer_tax_number",
            ),
            ({"payments": [first], "invoice_class": "special"}, "invoice_class"),
            ({"payments": [first], "buyer_phone": "12345"}, "buyer_phone"),
        ]
        for kwargs, field in cases:
            kwargs.setdefault("buyer_name", "张三")
            with pytest.raises(DomainError) as refused:
                invoices.request_invoice(community=community_a, actor=staff["fin"], **kwargs)
            assert refused.value.field == field, kwargs
            assert any("\u4e00" <= ch <= "\u9fff" for ch in str(refused.value.message)), kwargs
        with pytest.raises(PermissionDeniedError):
            invoices.request_invoice(
                community=community_a, actor=staff["mgr"], payments=[first], buyer_name="张三"
            )
    assert not Invoice.objects.exists()


@pytest.mark.django_db
def test_fin07_no_seller_no_invoice(community_a, items, staff):
    unit = UnitFactory(community=community_a)
    bill(unit, OCT, {items["wyf"]: D("80.00")}, due=dt.date(2026, 10, 31))
    with at(DAY):
        paid = pay(unit, staff["csh"], D("80.00"))
        with pytest.raises(DomainError) as refused:
            invoices.request_invoice(
                community=community_a, actor=staff["fin"], payments=[paid], buyer_name="张三"
            )
    assert "开票设置" in str(refused.value.message)


@pytest.mark.django_db
def test_fin07_void_reverses_by_red_letter_and_invoices_the_rest_again(
    home, staff, django_capture_on_commit_callbacks
):
    first, second = home["payments"]
    with at(DAY):
        blue = ask(staff["csh"], [first, second], django_capture_on_commit_callbacks)
        with django_capture_on_commit_callbacks(execute=True):
            void_payment(second, reason="金额收错", actor=staff["csh"])
    blue.refresh_from_db()
    assert blue.status == "reversed"  # kept, never deleted
    red = Invoice.objects.get(reverses=blue)
    assert (red.kind, red.status) == ("red", "issued")
    assert (red.amount, red.tax, red.total) == (-blue.amount, -blue.tax, -blue.total)
    assert red.number and red.number != blue.number
    assert "金额收错" in red.reason
    assert sorted(line.total for line in red.lines.all()) == sorted(
        -line.total for line in blue.lines.all()
    )
    again = Invoice.objects.get(replaces=blue)
    assert again.status == "issued" and again.buyer_name == blue.buyer_name
    assert list(again.links.values_list("payment_id", flat=True)) == [first.pk]
    assert again.total == D("250.00")
    assert not InvoicePayment.objects.filter(payment=second, active=True).exists()


@pytest.mark.django_db
def test_fin07_timeout_keeps_the_request_and_asking_again_gives_the_same_invoice(
    home, staff, settings, django_capture_on_commit_callbacks
):
    first, second = home["payments"]
    settings.INVOICE_SIMULATOR = "timeout"
    with at(DAY):
        made = ask(staff["csh"], [first], django_capture_on_commit_callbacks)
        assert made.status == "requested" and made.attempts == 1 and made.error
        # While it is being issued, the payment cannot be voided (the invoice may exist).
        with pytest.raises(DomainError) as refused:
            void_payment(first, reason="收错", actor=staff["csh"])
        assert made.serial in str(refused.value.message)
        settings.INVOICE_SIMULATOR = "ok"
        with django_capture_on_commit_callbacks(execute=True):
            invoices.retry_invoice(made, actor=staff["csh"])
    made.refresh_from_db()
    assert made.status == "issued" and made.attempts == 2
    from wuye.finance.invoicing import SimulatedBackend

    assert made.number == SimulatedBackend.number_for(invoices.build_request(made))
    # The periodic resend finds nothing left to ask for.
    assert invoices.unanswered(dt.timedelta(0)) == []


@pytest.mark.django_db
def test_fin07_refused_invoice_lets_its_payments_go(
    home, staff, django_capture_on_commit_callbacks
):
    first, _second = home["payments"]
    with at(DAY):
        refused = ask(staff["csh"], [first], django_capture_on_commit_callbacks, buyer_name="拒绝")
        assert refused.status == "failed" and "拒绝" in refused.error
        assert not refused.links.filter(active=True).exists()
        with pytest.raises(DomainError):
            invoices.retry_invoice(refused, actor=staff["csh"])
        good = ask(staff["csh"], [first], django_capture_on_commit_callbacks, buyer_name="李四")
    assert good.status == "issued"
    assert staff["csh"].notifications.filter(text__contains=refused.serial).exists()


@pytest.mark.django_db
def test_fin07_finance_reverses_a_wrong_invoice_then_it_is_asked_again(
    home, staff, django_capture_on_commit_callbacks
):
    first, _second = home["payments"]
    with at(DAY):
        blue = ask(staff["csh"], [first], django_capture_on_commit_callbacks, buyer_name="张3")
        with pytest.raises(PermissionDeniedError):
            invoices.reverse_invoice(blue, actor=staff["csh"], reason="抬头错")
        with pytest.raises(DomainError):
            invoices.reverse_invoice(blue, actor=staff["fin"], reason=" ")
        with django_capture_on_commit_callbacks(execute=True):
            red = invoices.reverse_invoice(blue, actor=staff["fin"], reason="抬头有误")
        with pytest.raises(DomainError):
            invoices.reverse_invoice(blue, actor=staff["fin"], reason="再来一次")
        red.refresh_from_db()
        with pytest.raises(DomainError):
            invoices.reverse_invoice(red, actor=staff["fin"], reason="红字不能再红冲")
        assert not Invoice.objects.filter(replaces=blue).exists()  # no automatic reissue
        fixed = ask(staff["csh"], [first], django_capture_on_commit_callbacks, buyer_name="张三")
    assert (red.status, fixed.status) == ("issued", "issued")
    assert Invoice.objects.filter(status="reversed").count() == 1


@pytest.mark.django_db
def test_fin07_month_invoiced_vs_collected(
    community_a, home, staff, items, settings, django_capture_on_commit_callbacks
):
    """Hand-computed October: payment 1 (250.00) invoiced, payment 2 (133.33) not; a top-up of
    500 not a sale; electricity not invoiced here (its 60.00 paid by a third payment)."""
    first, second = home["payments"]
    unit = home["unit"]
    invoice_rates.save_rate(items["power"], actor=staff["fin"], rate=D("0.13"), invoiced=False)
    bill(unit, dt.date(2026, 10, 1), {items["power"]: D("60.00")}, due=dt.date(2026, 10, 31))
    with at(DAY):
        ask(staff["fin"], [first], django_capture_on_commit_callbacks)
        pay(unit, staff["csh"], D("60.00"))
        pay(unit, staff["csh"], D("500.00"), purpose="top_up")
    result = invoice_reports.reconcile(community_a, OCT)
    rows = {r.fee_item: r for r in result.rows}
    assert {name: row.collected for name, row in rows.items()} == {
        "物业服务费": D("200.00"),
        "水费": D("33.33"),
        "车位管理费": D("150.00"),
        "电费": D("60.00"),
    }
    assert rows["电费"].excluded == D("60.00") and rows["电费"].not_invoiced == 0
    for row in result.rows:
        assert row.collected == row.invoiced + row.pending + row.not_invoiced + row.excluded
    totals = result.totals
    assert (totals.collected, totals.invoiced, totals.not_invoiced) == (
        D("443.33"),
        D("250.00"),
        D("133.33"),
    )
    assert result.not_sales == D("500.00")
    assert result.issued["count"] == 1 and result.issued["total"] == D("250.00")
    assert result.balanced
    # A payment voided after its invoice, the red-letter invoice not answered yet: shown.
    settings.INVOICE_SIMULATOR = "timeout"
    with at(DAY), django_capture_on_commit_callbacks(execute=True):
        void_payment(first, reason="退款", actor=staff["csh"])
    result = invoice_reports.reconcile(community_a, OCT)
    assert [i.pk for i in result.mismatched] == [
        InvoicePayment.objects.get(payment=first).invoice_id
    ]
    assert not result.balanced


@pytest.mark.django_db
def test_fin07_pages_request_register_detail_and_reconciliation(
    on_day, client, home, staff, django_capture_on_commit_callbacks
):
    first, second = home["payments"]
    client.force_login(staff["csh"])
    page = client.get(reverse("finance:invoice_add") + f"?payment={first.pk}", **ZH)
    assert page.status_code == 200
    text = page.content.decode()
    assert "开发票" in text or "开票" in text
    assert first.display_number in text and second.display_number in text
    with at(DAY), django_capture_on_commit_callbacks(execute=True):
        refused = client.post(
            reverse("finance:invoice_add"),
            {
                "unit": home["unit"].pk,
                "payments": [first.pk],
                "buyer_kind": "company",
                "buyer_name": "某公司",
                "buyer_tax_number": "91440300MA5DC12342",
                "invoice_class": "ordinary",
            },
            **ZH,
        )
        assert refused.status_code == 400
        assert "统一社会信用代码" in refused.content.decode()
        done = client.post(
            reverse("finance:invoice_add"),
            {
                "unit": home["unit"].pk,
                "payments": [first.pk, second.pk],
                "buyer_kind": "person",
                "buyer_name": "张三",
                "invoice_class": "ordinary",
            },
            **ZH,
        )
    assert done.status_code == 302
    made = Invoice.objects.get()
    shown = client.get(made.get_absolute_url(), **ZH)
    assert shown.status_code == 200, shown
    detail = shown.content.decode()
    assert made.number in detail and "已开具" in detail and "价税合计" in detail
    assert client.get(reverse("finance:invoice_file", args=[made.pk])).status_code == 200
    listing = client.get(reverse("finance:invoice_list"), **ZH).content.decode()
    assert made.number in listing
    export = client.get(reverse("finance:invoice_list") + "?export=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    # Another cashier sees neither the invoice nor its file.
    client.force_login(staff["csh2"])
    assert client.get(made.get_absolute_url()).status_code == 404
    assert client.get(reverse("finance:invoice_file", args=[made.pk])).status_code == 404
    # Finance reverses it from the page; the reconciliation page and its Excel.
    client.force_login(staff["fin"])
    with at(DAY), django_capture_on_commit_callbacks(execute=True):
        reversed_ = client.post(
            made.get_absolute_url(), {"action": "reverse", "reason": "抬头有误"}, **ZH
        )
    assert reversed_.status_code == 302
    red = Invoice.objects.get(reverses=made, status="issued")
    # The cashier sees the red-letter invoice reversing hers.
    client.force_login(staff["csh"])
    assert client.get(red.get_absolute_url()).status_code == 200
    client.force_login(staff["fin"])
    with at(DAY):
        month = client.get(reverse("finance:invoice_reconciliation_month", args=[2026, 10]), **ZH)
        assert month.status_code == 200 and "开票与收款" in month.content.decode()
        sheet = client.get(
            reverse("finance:invoice_reconciliation_month", args=[2026, 10]) + "?format=xlsx"
        )
    assert sheet["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.django_db
def test_fin07_settings_pages(client, community_a, items, staff):
    client.force_login(staff["fin"])
    url = reverse("finance:invoice_settings")
    assert "6%" in client.get(url, **ZH).content.decode()
    bad = client.post(
        url,
        {"seller_name": "阳光物业", "seller_tax_number": "123", "taxpayer_kind": "general"},
        **ZH,
    )
    assert bad.status_code == 400 and "统一社会信用代码" in bad.content.decode()
    good = client.post(
        url,
        {"seller_name": "阳光物业", "seller_tax_number": SELLER, "taxpayer_kind": "general"},
        **ZH,
    )
    assert good.status_code == 302
    rate_url = reverse("finance:invoice_rate", args=[items["power"].pk])
    assert client.get(rate_url, **ZH).status_code == 200
    saved = client.post(rate_url, {"rate": "0.09", "tax_code": "", "invoiced": ""}, **ZH)
    assert saved.status_code == 302
    rate = invoice_rates.rates_for(community_a)[items["power"].pk]
    assert (rate.rate, rate.invoiced) == (D("0.09"), False)
    client.force_login(staff["csh"])
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_fin07_api_request_reverse_and_reconciliation(
    on_day, login, home, staff, django_capture_on_commit_callbacks
):
    first, second = home["payments"]
    api = Api(login(staff["csh"]))
    bad = api.post("/api/v1/invoices/", {"payments": "x", "buyer_name": 5})
    assert bad.status_code == 400
    bad = api.post("/api/v1/invoices/", [1, 2])
    assert bad.status_code == 400
    with at(DAY), django_capture_on_commit_callbacks(execute=True):
        made = api.post(
            "/api/v1/invoices/",
            {"payments": [first.pk], "buyer_name": "张三", "buyer_kind": "person"},
        )
    assert made.status_code == 201, made.content
    invoice = Invoice.objects.get(pk=made.json()["id"])
    assert invoice.status == "issued"
    shown = api.get(f"/api/v1/invoices/{invoice.pk}/").json()
    assert shown["number"] == invoice.number and shown["lines"] and shown["has_file"]
    assert api.get(f"/api/v1/invoices/{invoice.pk}/file/").status_code == 200
    assert api.post(f"/api/v1/invoices/{invoice.pk}/reverse/", {"reason": "x"}).status_code == 403
    fin = Api(login(staff["fin"]))
    with at(DAY), django_capture_on_commit_callbacks(execute=True):
        red = fin.post(f"/api/v1/invoices/{invoice.pk}/reverse/", {"reason": "抬头有误"})
    assert red.status_code in (200, 201), red.content
    assert Invoice.objects.filter(reverses=invoice, status="issued").exists()
    with at(DAY):
        month = fin.get("/api/v1/invoice-reconciliation/?month=2026-10").json()
    assert month["month"] == "2026-10" and month["reversed"]["count"] == 1
    other = Api(login(staff["csh2"]))
    assert other.get(f"/api/v1/invoices/{invoice.pk}/").status_code == 404


@pytest.mark.django_db
def test_fin07_simulator_renders_a_real_pdf(home, staff, monkeypatch):
    """The one test that renders the simulator's invoice with WeasyPrint."""
    from wuye.finance import invoicing

    monkeypatch.undo()
    first, _second = home["payments"]
    with at(DAY):
        made = invoices.request_invoice(
            community=first.community, actor=staff["fin"], payments=[first], buyer_name="张三"
        )
        issued = invoicing.SimulatedBackend().issue(invoices.build_request(made))
    assert issued.content.startswith(b"%PDF") and len(issued.number) == 20


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL")
def test_fin07_one_payment_invoiced_twice_at_once_gives_one_invoice(company, make_staff):
    """Two requests for the same payment at the same moment: one invoice, the other refused."""
    from wuye.billing.tests.test_money_races import TRIALS, at_once
    from wuye.org.tests.factories import CommunityFactory

    for trial in range(TRIALS):
        community = CommunityFactory(company=company, code=f"I{trial}", name=f"小区{trial}")
        fin = make_staff(community, "FIN", username=f"fin_i{trial}")
        csh = make_staff(community, "CSH", username=f"csh_i{trial}")
        invoice_rates.save_settings(
            community=community,
            actor=fin,
            seller_name="阳光物业",
            seller_tax_number=SELLER,
            taxpayer_kind="general",
        )
        unit = UnitFactory(community=community)
        item = FeeItemFactory(community=community, code="WYF", name="物业服务费")
        bill(unit, OCT, {item: D("200.00")}, due=dt.date(2026, 10, 31))
        with at(DAY):
            paid = pay(unit, csh, D("200.00"))

            def ask_for(actor, name):
                return lambda: invoices.request_invoice(
                    community=community, actor=actor, payments=[paid], buyer_name=name
                )

            results, errors = at_once(ask_for(csh, "张三"), ask_for(fin, "李四"))
        assert sum(r is not None for r in results) == 1, errors
        assert len(errors) == 1
        assert Invoice.objects.filter(community=community).count() == 1
        assert InvoicePayment.objects.filter(payment=paid, active=True).count() == 1


@pytest.mark.django_db
def test_fin07_payment_page_links_to_its_invoice_and_home_card_counts_refusals(
    on_day, client, home, staff, django_capture_on_commit_callbacks
):
    first, second = home["payments"]
    client.force_login(staff["csh"])
    page = client.get(first.get_absolute_url(), **ZH).content.decode()
    assert f"{reverse('finance:invoice_add')}?payment={first.pk}" in page
    made = ask(staff["csh"], [first], django_capture_on_commit_callbacks)
    page = client.get(first.get_absolute_url(), **ZH).content.decode()
    assert made.get_absolute_url() in page and made.number in page
    ask(staff["csh"], [second], django_capture_on_commit_callbacks, buyer_name="拒绝")
    home_page = client.get(reverse("home"), **ZH).content.decode()
    assert "税务系统拒绝" in home_page


@pytest.mark.django_db
def test_fin07_database_holds_total_equals_amount_plus_tax(community_a):
    from wuye.finance.tests.factories import InvoiceLineFactory

    line = InvoiceLineFactory(
        community=community_a, amount=D("0.10"), tax=D("0.20"), total=D("0.30")
    )
    line = InvoiceLineFactory(
        community=community_a, amount=D("188.68"), tax=D("11.32"), total=D("200.00")
    )
    assert line.pk
    with pytest.raises(IntegrityError), transaction.atomic():
        InvoiceLineFactory(community=community_a, amount=D("0.10"), tax=D("0.20"), total=D("0.31"))


@pytest.mark.django_db
def test_fin07_a_refused_red_letter_is_asked_for_anew(
    home, staff, settings, django_capture_on_commit_callbacks
):
    first, second = home["payments"]
    with at(DAY):
        blue = ask(staff["csh"], [first, second], django_capture_on_commit_callbacks)
        settings.INVOICE_SIMULATOR = "refuse"
        with django_capture_on_commit_callbacks(execute=True):
            refused = invoices.reverse_invoice(blue, actor=staff["fin"], reason="抬头有误")
        refused.refresh_from_db()
        blue.refresh_from_db()
        assert (refused.status, blue.status) == ("failed", "issued")
        assert staff["fin"].notifications.filter(text__contains=refused.serial).exists()
        with pytest.raises(DomainError):  # refused: asking again with that serial cannot help
            invoices.retry_invoice(refused, actor=staff["fin"])
        # Voiding a payment now asks for a new red-letter invoice by itself.
        settings.INVOICE_SIMULATOR = "ok"
        with django_capture_on_commit_callbacks(execute=True):
            void_payment(second, reason="收错", actor=staff["csh"])
    blue.refresh_from_db()
    assert blue.status == "reversed"
    reds = list(Invoice.objects.filter(reverses=blue).order_by("id"))
    assert [r.status for r in reds] == ["failed", "issued"]
    again = Invoice.objects.get(replaces=blue)
    assert list(again.links.values_list("payment_id", flat=True)) == [first.pk]


@pytest.mark.django_db
def test_fin07_anything_else_going_wrong_keeps_the_request(
    home, staff, monkeypatch, django_capture_on_commit_callbacks
):
    from wuye.finance import invoicing

    def broken(self, request):
        raise RuntimeError("磁盘已满")

    monkeypatch.setattr(invoicing.SimulatedBackend, "issue", broken)
    first, _second = home["payments"]
    with at(DAY):
        made = ask(staff["csh"], [first], django_capture_on_commit_callbacks)
    assert (made.status, made.attempts) == ("requested", 1)
    assert "磁盘已满" in made.error
    assert made.links.filter(active=True).exists()  # still this payment's invoice


@pytest.mark.django_db
def test_fin07_rest_that_cannot_be_invoiced_again_is_told_to_finance(
    home, staff, items, django_capture_on_commit_callbacks
):
    """After the invoice, finance stops invoicing the bill's items here; voiding the first
    payment reverses the invoice, and finance is told the second was not invoiced again."""
    first, second = home["payments"]
    with at(DAY):
        blue = ask(staff["csh"], [first, second], django_capture_on_commit_callbacks)
        for key in ("wyf", "water", "parking"):
            invoice_rates.save_rate(items[key], actor=staff["fin"], rate=D("0.06"), invoiced=False)
        with django_capture_on_commit_callbacks(execute=True):
            void_payment(first, reason="收错", actor=staff["csh"])
    blue.refresh_from_db()
    assert blue.status == "reversed"
    assert Invoice.objects.get(reverses=blue).status == "issued"
    assert not Invoice.objects.filter(replaces=blue).exists()
    assert staff["fin"].notifications.filter(text__contains=blue.number).exists()


@pytest.mark.django_db
def test_fin07_a_line_never_claims_months_that_were_not_paid(
    community_a, items, staff, seller, django_capture_on_commit_callbacks
):
    unit = UnitFactory(community=community_a)
    for month in (dt.date(2026, 8, 1), dt.date(2026, 9, 1), dt.date(2026, 11, 1)):
        bill(unit, month, {items["wyf"]: D("100.00")}, due=month.replace(day=20))
    with at(dt.date(2026, 11, 20)):
        paid = pay(unit, staff["csh"], D("300.00"))
        made = ask(staff["fin"], [paid], django_capture_on_commit_callbacks)
    lines = [(line.period_from, line.period_to, line.total) for line in made.lines.order_by("id")]
    assert lines == [
        (dt.date(2026, 8, 1), dt.date(2026, 9, 28), D("200.00")),
        (dt.date(2026, 11, 1), dt.date(2026, 11, 28), D("100.00")),
    ]
    assert made.total == D("300.00")


@pytest.mark.django_db
def test_fin07_small_scale_taxpayer_levy_rates(community_a, items, staff):
    invoice_rates.save_settings(
        community=community_a,
        actor=staff["fin"],
        seller_name="小微物业",
        seller_tax_number=SELLER,
        taxpayer_kind="small",
    )
    rates = invoice_rates.rates_for(community_a)
    assert rates[items["parking"].pk].rate == D("0.05")
    assert {rates[items[k].pk].rate for k in ("wyf", "water", "power")} == {D("0.03")}


@pytest.mark.django_db
def test_fin07_buyer_filled_from_what_the_cashier_may_see(
    home, staff, django_capture_on_commit_callbacks
):
    first, second = home["payments"]
    with at(DAY):
        ask(
            staff["csh"],
            [first],
            django_capture_on_commit_callbacks,
            buyer_kind="company",
            buyer_name="深圳某某科技有限公司",
            buyer_tax_number=BUYER,
        )
    from wuye.core.access import actor_access

    unit = home["unit"]
    mine = invoice_reports.last_buyer(actor_access(staff["csh"], unit.community), unit)
    assert mine["buyer_name"] == "深圳某某科技有限公司"
    assert invoice_reports.last_buyer(actor_access(staff["csh2"], unit.community), unit) == {}
