"""Demo finance office of 阳光花园 and 翠湖苑, made through the services: the seals with a logged
use, and a receipt book issued to the cashier with a few numbers used, one voided and one skipped
(a gap to find); the money accounts (a bank account and a petty cash float), this year's budget in
force, an expense claim paid from petty cash and one returned for a missing document, a cleaning
contract with instalments paid, and a few fixed assets with a stocktake under way. A community
that has seals is left alone; one that has a petty cash float keeps its books."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from wuye.org.models import Community

from .models import Seal
from .services import registers

COMMUNITIES = {"YGHY": "a", "CHY": "b"}
SEALS = [("公章", "official"), ("财务专用章", "finance"), ("合同专用章", "contract")]


def seed(*, out, password):
    User = get_user_model()
    made = []
    for code, suffix in COMMUNITIES.items():
        community = Community.objects.filter(code=code).first()
        found = {
            post: User.objects.filter(username=f"{post}_{suffix}").first()
            for post in ("fin", "mgr", "csh", "css")
        }
        users = {post: user for post, user in found.items() if user is not None}
        if community is None or len(users) < len(found):
            continue
        if Seal.objects.filter(community=community).exists():
            continue
        fin = users["fin"]
        seals = [
            Seal.objects.create(
                community=community, name=name, kind=kind, keeper=fin, created_by=fin
            )
            for name, kind in SEALS
        ]
        registers.log_seal_use(
            community=community,
            actor=fin,
            seal=seals[2],
            document="电梯维保合同（续签）",
            purpose="与维保单位续签一年",
            applicant=users["css"],
            approver=users["mgr"],
        )
        today = timezone.localdate()
        book = registers.add_book(
            community=community,
            actor=fin,
            kind="receipt",
            series="SJ",
            first_number=1001,
            last_number=1050,
        )
        book = registers.issue_book(
            book, actor=fin, holder=users["csh"], issued_on=today - dt.timedelta(days=7)
        )
        for number, amount in ((1001, "300.00"), (1002, "1200.00"), (1004, "80.00")):
            registers.record_number(
                book,
                actor=fin,
                number=number,
                status="used",
                used_on=today - dt.timedelta(days=3),
                amount=Decimal(amount),
                party="装修押金" if number == 1002 else "车位临停",
            )
        registers.record_number(
            book, actor=fin, number=1005, status="voided", used_on=today, note="金额写错"
        )
        made.append(community.name)
    books = [
        name for name in (_books(code, suffix) for code, suffix in COMMUNITIES.items()) if name
    ]
    if books:
        out.write(
            f"finance books of {'、'.join(books)}: a bank account and a petty cash float, this "
            "year's budget, expense claims (one paid, one returned), a cleaning contract, fixed "
            "assets and a stocktake"
        )
    invoiced = [
        name for name in (_invoices(code, suffix) for code, suffix in COMMUNITIES.items()) if name
    ]
    if invoiced:
        out.write(
            f"invoices of {'、'.join(invoiced)}: the seller set, two payments invoiced (one to a "
            "company), one invoice reversed by a red-letter invoice"
        )
    if made:
        out.write(
            f"finance registers of {'、'.join(made)}: three seals with a logged use, a receipt "
            "book issued to the cashier (number 1003 missing)"
        )


# Demo sellers' unified social credit codes (check digits right; not real companies).
SELLERS = {"YGHY": "91310000MA1FL8KX3K", "CHY": "91440300MA5DC12341"}


def _invoices(code: str, suffix: str) -> str:
    """The seller, and invoices for three of the counter's payments (issued by the simulator)."""
    from wuye.billing.choices import PaymentPurpose, PaymentStatus
    from wuye.billing.models import Payment

    from .models import InvoicePayment
    from .services import invoice_rates, invoices

    User = get_user_model()
    community = Community.objects.filter(code=code).first()
    fin = User.objects.filter(username=f"fin_{suffix}").first()
    if community is None or fin is None or invoice_rates.settings_for(community) is not None:
        return ""
    invoice_rates.save_settings(
        community=community,
        actor=fin,
        seller_name=f"{community.name}物业服务中心",
        seller_tax_number=SELLERS[code],
        taxpayer_kind="general",
        seller_address=f"{community.name}物业服务中心 021-5555-0100",
    )
    payments = list(
        Payment.objects.filter(
            community=community, status=PaymentStatus.POSTED, purpose=PaymentPurpose.BILLS
        )
        .exclude(pk__in=InvoicePayment.objects.values("payment_id"))
        .order_by("-received_at")[:3]
    )
    made = []
    for index, payment in enumerate(payments):
        company = index == 1
        invoice = invoices.request_invoice(
            community=community,
            actor=fin,
            payments=[payment],
            buyer_kind="company" if company else "person",
            buyer_name="上海示例科技有限公司" if company else (payment.payer_name or "业主"),
            buyer_tax_number="91110108551385082Q" if company else "",
        )
        invoices.send(invoice.pk)  # at once: the demo does not wait for the worker
        made.append(invoice)
    if len(made) == 3:
        red = invoices.reverse_invoice(made[2], actor=fin, reason="购买方名称有误")
        invoices.send(red.pk)
    return community.name if made else ""


def _pdf(name: str):
    from django.core.files.base import ContentFile

    return ContentFile(b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF", name=name)


def _books(code: str, suffix: str) -> str:
    """The money accounts, budget, claims, a contract and assets of one community."""
    import io

    from openpyxl import Workbook

    from wuye.core.roles import Post
    from wuye.estate.models import Vendor
    from wuye.org.models import Membership

    from .choices import BudgetKind
    from .models import ExpenseCategory, FundAccount
    from .services import assets, budgets, cash, claims, contracts

    User = get_user_model()
    community = Community.objects.filter(code=code).first()
    people = {
        post: User.objects.filter(username=f"{post}_{suffix}").first() for post in ("fin", "mgr")
    }
    worker = (
        Membership.objects.filter(community=community, post=Post.TECH, is_active=True)
        .select_related("user")
        .first()
        if community is not None
        else None
    )
    fin, mgr = people["fin"], people["mgr"]
    if community is None or fin is None or mgr is None or worker is None:
        return ""
    if FundAccount.objects.filter(community=community, kind="petty").exists():
        return ""
    eng = worker.user
    today = timezone.localdate()
    opened = (today - dt.timedelta(days=75)).replace(day=1)
    bank = FundAccount.objects.filter(community=community, receives_deposits=True).first()
    if bank is None:
        bank = cash.add_account(
            community=community,
            actor=fin,
            kind="bank",
            name="工行基本户",
            bank_name="中国工商银行",
            account_number="6222020200112233445",
            opening_balance=Decimal("200000.00"),
            opening_date=opened,
            receives_deposits=True,
        )
    else:  # made by the counter's first bank deposit: its real name and balance
        bank = (
            cash.change_account(
                bank,
                actor=fin,
                kind="bank",
                name="工行基本户",
                bank_name="中国工商银行",
                account_number="6222020200112233445",
                opening_balance=bank.opening_balance,
                opening_date=bank.opening_date,
                receives_deposits=True,
            )
            if not bank.entries.exists()
            else bank
        )
    petty = cash.add_account(
        community=community,
        actor=fin,
        kind="petty",
        name="备用金（财务）",
        custodian=fin,
        float_amount=Decimal("3000.00"),
        opening_date=opened,
    )
    cash.transfer(bank, actor=fin, to_account=petty, date=opened, amount=Decimal("3000.00"))

    # This year's budget, in force.
    draft = budgets.start_budget(community=community, actor=fin, year=today.year)
    book = Workbook()
    sheet = book.active
    sheet.append(budgets.HEADERS)
    for line in draft.lines.all():
        monthly = {"物业费": 180000, "停车费": 24000, "公共收益": 6000, "其他收入": 2000}.get(
            line.name, 8000
        )
        sheet.append(
            [budgets.KIND_LABELS[BudgetKind(line.kind)], line.name, *[monthly] * 12, monthly * 12]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    from django.core.files.uploadedfile import SimpleUploadedFile

    budgets.import_budget(draft, actor=fin, file=SimpleUploadedFile("预算.xlsx", buffer.getvalue()))
    budgets.approve_budget(draft, actor=mgr)

    # Two claims: one paid from petty cash, one returned for its acceptance note.
    repair = ExpenseCategory.objects.get(community=community, code="WX")
    paid = claims.create_claim(community=community, actor=eng, purpose="3号楼水泵轴承更换")
    claims.add_line(
        paid,
        actor=eng,
        category=repair,
        amount=Decimal("650.00"),
        invoice_type="digital",
        invoice_number=f"2644{community.pk:04d}00000000000001",
        description="轴承两套",
    )
    for kind in ("发票", "验收单"):
        claims.attach(paid, actor=eng, kind=kind, uploads=[_pdf(f"{kind}.pdf")])
    claims.submit_claim(paid, actor=eng)
    claims.review_claim(paid, actor=fin)
    claims.approve_claim(paid, actor=mgr)
    claims.pay_claim(paid, actor=fin, account=petty, date=today)
    waiting = claims.create_claim(community=community, actor=eng, purpose="楼道灯更换")
    claims.add_line(
        waiting,
        actor=eng,
        category=repair,
        amount=Decimal("320.00"),
        invoice_type="vat_ordinary",
        invoice_number=f"3100{community.pk:04d}00000002",
    )
    claims.attach(waiting, actor=eng, kind="发票", uploads=[_pdf("发票.pdf")])
    claims.submit_claim(waiting, actor=eng)
    claims.review_claim(waiting, actor=fin, note="请补验收单")

    # A cleaning contract, paid monthly; the instalments due so far paid but the last one.
    vendor, _made = Vendor.objects.get_or_create(
        community=community,
        name="洁美保洁服务有限公司",
        defaults={"category": "cleaning", "contact_name": "王经理", "created_by": fin},
    )
    contract = contracts.create_contract(
        community=community,
        actor=fin,
        kind="expense",
        category="cleaning",
        title="小区保洁外包服务",
        vendor=vendor,
        starts_on=opened,
        ends_on=opened.replace(year=opened.year + 1) - dt.timedelta(days=1),
        amount=Decimal("96000.00"),
        schedule="monthly",
    )
    due = list(contract.instalments.filter(due_date__lte=today).order_by("sequence"))
    for instalment in due[:-1]:
        contracts.settle_instalment(instalment, actor=fin, account=bank, date=instalment.due_date)

    # A few assets, and a stocktake under way.
    for tag, name, category, value, months in (
        ("ZC-0001", "二次供水水泵", "equipment", "18600.00", 120),
        ("ZC-0002", "电动巡逻车", "vehicle", "36000.00", 48),
        ("ZC-0003", "财务室电脑", "electronics", "5200.00", 36),
    ):
        assets.add_asset(
            community=community,
            actor=fin,
            tag=tag,
            name=name,
            category=category,
            purchase_date=opened,
            in_use_date=opened,
            value=Decimal(value),
            useful_life_months=months,
        )
    count = assets.start_stocktake(
        community=community, actor=fin, title=f"{today.year}年资产抽盘", started_on=today
    )
    assets.check_asset(count, actor=fin, tag="ZC-0001", result="found")
    assets.check_asset(count, actor=fin, tag="ZC-0003", result="damaged", note="屏幕破裂")
    return community.name
