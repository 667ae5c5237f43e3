import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from wuye.billing.models import (
    Allocation,
    ArrearsSnapshot,
    Bill,
    BillingPolicy,
    BillingRun,
    BillLine,
    CollectionAppointment,
    DailyClosing,
    Deposit,
    DunningContact,
    FeeItem,
    FeeStandard,
    MeterReading,
    Payment,
    Receipt,
    Refund,
    Waiver,
    Wallet,
    WalletEntry,
)
from wuye.estate.tests.factories import MeterFactory, UnitFactory
from wuye.org.tests.factories import CommunityFactory, UserFactory


class FeeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeeItem

    community = factory.SubFactory(CommunityFactory)
    code = factory.Sequence(lambda n: f"F{n:04d}")
    name = factory.Sequence(lambda n: f"收费项目{n:05d}")
    calculation = "area"


class FeeStandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeeStandard

    community = factory.SubFactory(CommunityFactory)
    fee_item = factory.SubFactory(FeeItemFactory, community=factory.SelfAttribute("..community"))
    effective_from = dt.date(2020, 1, 1)
    unit_price = Decimal("2.5000")
    note = factory.Sequence(lambda n: f"标准备注{n:05d}")


class BillingPolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BillingPolicy
        django_get_or_create = ("community",)

    community = factory.SubFactory(CommunityFactory)
    developer_name = factory.Sequence(lambda n: f"开发商{n:05d}")


class MeterReadingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeterReading

    community = factory.SubFactory(CommunityFactory)
    meter = factory.SubFactory(MeterFactory, community=factory.SelfAttribute("..community"))
    period = dt.date(2026, 10, 1)
    previous_reading = Decimal("100.00")
    current_reading = Decimal("112.00")
    read_on = dt.date(2026, 10, 28)
    note = factory.Sequence(lambda n: f"抄表备注{n:05d}")


class BillingRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BillingRun

    community = factory.SubFactory(CommunityFactory)
    period = dt.date(2026, 10, 1)
    cancel_reason = factory.Sequence(lambda n: f"批次说明{n:05d}")


class BillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bill

    community = factory.SubFactory(CommunityFactory)
    number = factory.Sequence(lambda n: f"ZD2026{n:07d}")
    unit = factory.SubFactory(UnitFactory, community=factory.SelfAttribute("..community"))
    payer_name = factory.Sequence(lambda n: f"缴费人{n:05d}")
    period_start = dt.date(2026, 10, 1)
    period_end = dt.date(2026, 10, 31)
    due_date = dt.date(2026, 10, 15)
    total = Decimal("223.75")


class BillLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BillLine

    community = factory.SubFactory(CommunityFactory)
    bill = factory.SubFactory(BillFactory, community=factory.SelfAttribute("..community"))
    fee_item = factory.SubFactory(FeeItemFactory, community=factory.SelfAttribute("..community"))
    period = dt.date(2026, 10, 1)
    period_end = dt.date(2026, 10, 31)
    quantity = Decimal("89.5")
    unit_price = Decimal("2.5")
    amount = Decimal("223.75")
    formula = factory.Sequence(lambda n: f"公式{n:05d}")
    billing_key = factory.Sequence(lambda n: f"u{n}:f1:202610:r")


class PaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Payment

    community = factory.SubFactory(CommunityFactory)
    unit = factory.SubFactory(UnitFactory, community=factory.SelfAttribute("..community"))
    payer_name = factory.Sequence(lambda n: f"付款人{n:05d}")
    channel = "cash"
    amount = Decimal("100.00")
    cashier = factory.SubFactory(UserFactory)
    received_at = factory.LazyFunction(timezone.now)
    business_date = factory.LazyFunction(timezone.localdate)
    idempotency_key = factory.Sequence(lambda n: f"key-{n}")


class AllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Allocation

    community = factory.SubFactory(CommunityFactory)
    payment = factory.SubFactory(PaymentFactory, community=factory.SelfAttribute("..community"))
    line = factory.SubFactory(BillLineFactory, community=factory.SelfAttribute("..community"))
    bill = factory.SelfAttribute("line.bill")
    amount = Decimal("100.00")


class ReceiptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Receipt

    community = factory.SubFactory(CommunityFactory)
    payment = factory.SubFactory(PaymentFactory, community=factory.SelfAttribute("..community"))
    number = factory.Sequence(lambda n: f"SJ2026{n:06d}")
    verification_code = factory.Sequence(lambda n: f"V{n:07d}")


class WalletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wallet

    community = factory.SubFactory(CommunityFactory)
    unit = factory.SubFactory(UnitFactory, community=factory.SelfAttribute("..community"))
    balance = Decimal("50.00")


class WalletEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WalletEntry

    community = factory.SubFactory(CommunityFactory)
    unit = factory.SubFactory(UnitFactory, community=factory.SelfAttribute("..community"))
    kind = "top_up"
    amount = Decimal("50.00")
    note = factory.Sequence(lambda n: f"预存备注{n:05d}")


class DailyClosingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DailyClosing

    community = factory.SubFactory(CommunityFactory)
    cashier = factory.SubFactory(UserFactory)
    business_date = factory.Sequence(lambda n: dt.date(2026, 1, 1) + dt.timedelta(days=n))
    system_cash = Decimal("100.00")
    counted_cash = Decimal("100.00")
    difference = Decimal("0.00")
    submitted_at = factory.LazyFunction(timezone.now)
    explanation = factory.Sequence(lambda n: f"日结说明{n:05d}")


class DepositFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deposit

    community = factory.SubFactory(CommunityFactory)
    unit = factory.SubFactory(UnitFactory, community=factory.SelfAttribute("..community"))
    purpose = factory.Sequence(lambda n: f"装修押金{n:05d}")
    amount = Decimal("2000.00")
    payment = factory.SubFactory(
        PaymentFactory,
        community=factory.SelfAttribute("..community"),
        purpose="deposit",
        amount=Decimal("2000.00"),
    )


class RefundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Refund

    community = factory.SubFactory(CommunityFactory)
    kind = "prepayment"
    unit = factory.SubFactory(UnitFactory, community=factory.SelfAttribute("..community"))
    amount = Decimal("100.00")
    reason = factory.Sequence(lambda n: f"退款原因{n:05d}")


class WaiverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Waiver

    community = factory.SubFactory(CommunityFactory)
    line = factory.SubFactory(BillLineFactory, community=factory.SelfAttribute("..community"))
    bill = factory.SelfAttribute("line.bill")
    amount = Decimal("20.00")
    reason = factory.Sequence(lambda n: f"减免原因{n:05d}")


class CollectionAppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectionAppointment

    community = factory.SubFactory(CommunityFactory)
    unit = factory.SubFactory(UnitFactory, community=factory.SelfAttribute("..community"))
    scheduled_for = factory.LazyFunction(timezone.now)
    assignee = factory.SubFactory(UserFactory)
    note = factory.Sequence(lambda n: f"上门备注{n:05d}")


class DunningContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DunningContact

    community = factory.SubFactory(CommunityFactory)
    unit = factory.SubFactory(UnitFactory, community=factory.SelfAttribute("..community"))
    method = "phone"
    result = "reached"
    note = factory.Sequence(lambda n: f"催缴备注{n:05d}")


class ArrearsSnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArrearsSnapshot

    community = factory.SubFactory(CommunityFactory)
    month = factory.Sequence(lambda n: dt.date(2020 + n // 12, n % 12 + 1, 1))
    as_of = factory.SelfAttribute("month")
    total = Decimal("1234.56")
    units = 3
    bills = 5


def monthly_fee(community, price="2.50") -> FeeItem:
    """A property fee on the gross area in effect since 2020, so units have a monthly fee
    (the prepayment limit is counted in months of it)."""
    item, created = FeeItem.objects.get_or_create(
        community=community,
        code="PFEE",
        defaults={"name": "物业费（测试）", "calculation": "area"},
    )
    if created:
        FeeStandardFactory(community=community, fee_item=item, unit_price=Decimal(price))
    return item
