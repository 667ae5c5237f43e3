import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from wuye.billing.tests.factories import FeeItemFactory, PaymentFactory
from wuye.estate.tests.factories import UnitFactory
from wuye.finance.models import (
    AssetTransfer,
    BookNumber,
    Budget,
    BudgetLine,
    CashLimitBreach,
    ClaimDocument,
    ClaimLine,
    Contract,
    ContractDocument,
    ContractInstalment,
    Disclosure,
    ExpenseCategory,
    ExpenseClaim,
    FinanceSettings,
    FixedAsset,
    FundAccount,
    Invoice,
    InvoiceLine,
    InvoicePayment,
    InvoiceRate,
    InvoiceSettings,
    JournalEntry,
    MonthClose,
    NumberedBook,
    PettyAdvance,
    Seal,
    SealUse,
    Stocktake,
    StocktakeItem,
)
from wuye.org.tests.factories import CommunityFactory, UserFactory


class SealFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seal

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"印章{n:05d}")
    kind = "official"


class SealUseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SealUse

    community = factory.SubFactory(CommunityFactory)
    seal = factory.SubFactory(SealFactory, community=factory.SelfAttribute("..community"))
    document = factory.Sequence(lambda n: f"用印文件{n:05d}")
    purpose = "合同盖章"
    applicant = factory.SubFactory(UserFactory)
    approver = factory.SubFactory(UserFactory)


class NumberedBookFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NumberedBook

    community = factory.SubFactory(CommunityFactory)
    kind = "receipt"
    series = factory.Sequence(lambda n: f"S{n:05d}")
    first_number = 1
    last_number = 50
    status = "issued"
    holder = factory.SubFactory(UserFactory)
    issued_on = dt.date(2026, 1, 5)


class BookNumberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BookNumber

    community = factory.SubFactory(CommunityFactory)
    book = factory.SubFactory(NumberedBookFactory, community=factory.SelfAttribute("..community"))
    number = factory.Sequence(lambda n: n % 50 + 1)
    status = "used"
    used_on = dt.date(2026, 1, 6)


class MonthCloseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MonthClose

    community = factory.SubFactory(CommunityFactory)
    month = dt.date(2026, 10, 1)
    closed_by = factory.SubFactory(UserFactory)
    closed_at = factory.LazyFunction(timezone.now)


class FinanceSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FinanceSettings

    community = factory.SubFactory(CommunityFactory)


class FundAccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundAccount

    community = factory.SubFactory(CommunityFactory)
    kind = "bank"
    name = factory.Sequence(lambda n: f"银行账户{n:05d}")
    bank_name = "工商银行"
    opening_date = dt.date(2026, 1, 1)


class JournalEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JournalEntry

    community = factory.SubFactory(CommunityFactory)
    account = factory.SubFactory(FundAccountFactory, community=factory.SelfAttribute("..community"))
    date = dt.date(2026, 11, 3)
    voucher_no = factory.Sequence(lambda n: f"YH{n:09d}")
    kind = "income"
    summary = "其他收入"
    amount_in = Decimal("100.00")


class PettyAdvanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PettyAdvance

    community = factory.SubFactory(CommunityFactory)
    number = factory.Sequence(lambda n: f"JZ{n:08d}")
    account = factory.SubFactory(
        FundAccountFactory, community=factory.SelfAttribute("..community"), kind="petty"
    )
    borrower = factory.SubFactory(UserFactory)
    amount = Decimal("300.00")
    purpose = "采购清洁用品"
    issued_on = dt.date(2026, 11, 3)


class CashLimitBreachFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CashLimitBreach

    community = factory.SubFactory(CommunityFactory)
    started_at = factory.LazyFunction(timezone.now)
    limit = Decimal("2000.00")
    peak = Decimal("2500.00")
    started_by = factory.SubFactory(
        JournalEntryFactory, community=factory.SelfAttribute("..community")
    )


class ExpenseCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpenseCategory

    community = factory.SubFactory(CommunityFactory)
    code = factory.Sequence(lambda n: f"C{n:05d}")
    name = factory.Sequence(lambda n: f"费用类别{n:05d}")
    required_documents = factory.LazyFunction(lambda: ["发票"])


class ExpenseClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpenseClaim

    community = factory.SubFactory(CommunityFactory)
    number = factory.Sequence(lambda n: f"BX{n:09d}")
    claimant = factory.SubFactory(UserFactory)
    purpose = factory.Sequence(lambda n: f"报销事项{n:05d}")
    status = "submitted"


class ClaimLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClaimLine

    community = factory.SubFactory(CommunityFactory)
    claim = factory.SubFactory(ExpenseClaimFactory, community=factory.SelfAttribute("..community"))
    category = factory.SubFactory(
        ExpenseCategoryFactory, community=factory.SelfAttribute("..community")
    )
    amount = Decimal("100.00")
    invoice_type = "digital"
    invoice_number = factory.Sequence(lambda n: f"2644{n:016d}")


class ClaimDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClaimDocument

    community = factory.SubFactory(CommunityFactory)
    claim = factory.SubFactory(ExpenseClaimFactory, community=factory.SelfAttribute("..community"))
    kind = "发票"
    file = factory.django.FileField(filename="fapiao.pdf", data=b"%PDF-1.4 test")


class BudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Budget

    community = factory.SubFactory(CommunityFactory)
    year = 2026
    version = factory.Sequence(lambda n: n + 1)
    status = "superseded"


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    community = factory.SubFactory(CommunityFactory)
    budget = factory.SubFactory(BudgetFactory, community=factory.SelfAttribute("..community"))
    kind = "income"
    name = factory.Sequence(lambda n: f"预算项目{n:05d}")


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    community = factory.SubFactory(CommunityFactory)
    number = factory.Sequence(lambda n: f"HT{n:08d}")
    kind = "expense"
    category = "cleaning"
    title = factory.Sequence(lambda n: f"保洁外包合同{n:05d}")
    vendor = factory.SubFactory(
        "wuye.estate.tests.factories.VendorFactory", community=factory.SelfAttribute("..community")
    )
    starts_on = dt.date(2026, 1, 1)
    ends_on = dt.date(2026, 12, 31)
    amount = Decimal("120000.00")
    schedule = "monthly"


class ContractInstalmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContractInstalment

    community = factory.SubFactory(CommunityFactory)
    contract = factory.SubFactory(ContractFactory, community=factory.SelfAttribute("..community"))
    sequence = factory.Sequence(lambda n: n + 1)
    due_date = dt.date(2026, 1, 1)
    amount = Decimal("10000.00")


class FixedAssetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FixedAsset

    community = factory.SubFactory(CommunityFactory)
    tag = factory.Sequence(lambda n: f"ZC{n:06d}")
    name = factory.Sequence(lambda n: f"资产{n:05d}")
    category = "machinery"
    purchase_date = dt.date(2026, 1, 5)
    in_use_date = dt.date(2026, 1, 10)
    value = Decimal("12000.00")
    useful_life_months = 36


class AssetTransferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssetTransfer

    community = factory.SubFactory(CommunityFactory)
    asset = factory.SubFactory(FixedAssetFactory, community=factory.SelfAttribute("..community"))
    moved_on = dt.date(2026, 2, 1)


class StocktakeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stocktake

    community = factory.SubFactory(CommunityFactory)
    title = factory.Sequence(lambda n: f"盘点{n:05d}")
    started_on = dt.date(2026, 6, 1)


class StocktakeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StocktakeItem

    community = factory.SubFactory(CommunityFactory)
    stocktake = factory.SubFactory(StocktakeFactory, community=factory.SelfAttribute("..community"))
    asset = factory.SubFactory(FixedAssetFactory, community=factory.SelfAttribute("..community"))
    result = "found"


class DisclosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Disclosure

    community = factory.SubFactory(CommunityFactory)
    title = factory.Sequence(lambda n: f"公示{n:05d}")
    period_start = dt.date(2026, 7, 1)
    period_end = dt.date(2026, 9, 30)


class InvoiceSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InvoiceSettings

    community = factory.SubFactory(CommunityFactory)
    seller_name = factory.Sequence(lambda n: f"阳光物业服务有限公司{n:05d}")
    seller_tax_number = "91310000MA1FL8KX3K"


class InvoiceRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InvoiceRate

    community = factory.SubFactory(CommunityFactory)
    fee_item = factory.SubFactory(FeeItemFactory, community=factory.SelfAttribute("..community"))
    rate = Decimal("0.06")


class InvoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invoice

    community = factory.SubFactory(CommunityFactory)
    serial = factory.Sequence(lambda n: f"FP2026{n:06d}")
    unit = factory.SubFactory(UnitFactory, community=factory.SelfAttribute("..community"))
    buyer_name = factory.Sequence(lambda n: f"购买方{n:05d}")
    amount = Decimal("100.00")
    tax = Decimal("6.00")
    total = Decimal("106.00")
    file = factory.django.FileField(filename="fapiao.pdf", data=b"%PDF-1.4 test")


class InvoiceLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InvoiceLine

    community = factory.SubFactory(CommunityFactory)
    invoice = factory.SubFactory(InvoiceFactory, community=factory.SelfAttribute("..community"))
    fee_item = factory.SubFactory(FeeItemFactory, community=factory.SelfAttribute("..community"))
    name = factory.Sequence(lambda n: f"服务{n:05d}")
    rate = Decimal("0.06")
    period_from = dt.date(2026, 10, 1)
    period_to = dt.date(2026, 10, 31)
    amount = Decimal("100.00")
    tax = Decimal("6.00")
    total = Decimal("106.00")


class InvoicePaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InvoicePayment

    community = factory.SubFactory(CommunityFactory)
    invoice = factory.SubFactory(InvoiceFactory, community=factory.SelfAttribute("..community"))
    payment = factory.SubFactory(PaymentFactory, community=factory.SelfAttribute("..community"))
    amount = Decimal("106.00")


class ContractDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContractDocument

    community = factory.SubFactory(CommunityFactory)
    contract = factory.SubFactory(ContractFactory, community=factory.SelfAttribute("..community"))
    title = "合同正本"
    file = factory.django.FileField(filename="hetong.pdf", data=b"%PDF-1.4 test")
