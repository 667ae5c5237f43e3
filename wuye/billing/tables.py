import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from wuye.core.tables import BadgeColumn, BaseTable

from .models import (
    Bill,
    BillingRun,
    CollectionAppointment,
    DailyClosing,
    Deposit,
    DunningContact,
    FeeItem,
    FeeStandard,
    MeterReading,
    Payment,
    Refund,
    Waiver,
)


class FeeItemTable(BaseTable):
    code = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = FeeItem
        fields = ["code", "name", "calculation", "pass_through", "is_active"]


class FeeStandardTable(BaseTable):
    fee_item = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(BaseTable.Meta):
        model = FeeStandard
        fields = ["fee_item", "effective_from", "effective_to", "unit_price", "note"]


class MeterReadingTable(BaseTable):
    meter = tables.Column(linkify=lambda record: record.get_absolute_url())
    unit = tables.Column(accessor="meter__unit", verbose_name=_("unit"))
    usage = tables.Column(verbose_name=_("usage"), empty_values=(), orderable=False)
    status = BadgeColumn()

    class Meta(BaseTable.Meta):
        model = MeterReading
        fields = [
            "meter",
            "unit",
            "period",
            "previous_reading",
            "current_reading",
            "usage",
            "read_on",
            "status",
        ]

    def render_usage(self, record):
        return record.usage

    value_usage = render_usage


class BillingRunTable(BaseTable):
    period = tables.Column(linkify=True)
    status = BadgeColumn()

    class Meta(BaseTable.Meta):
        model = BillingRun
        fields = [
            "period",
            "months",
            "status",
            "bills_created",
            "lines_created",
            "total_amount",
            "created_by",
            "created_at",
        ]

    def render_period(self, value):
        return f"{value:%Y-%m}"

    value_period = render_period


class BillTable(BaseTable):
    number = tables.Column(linkify=True)
    unit = tables.Column(verbose_name=_("unit / space"), accessor="target", orderable=False)

    class Meta(BaseTable.Meta):
        model = Bill
        fields = [
            "number",
            "unit",
            "payer_kind",
            "payer_name",
            "period_start",
            "period_end",
            "due_date",
            "total",
            "paid",
            "status",
        ]


class PaymentTable(BaseTable):
    receipt = tables.Column(
        accessor="receipt__number",
        verbose_name=_("receipt number"),
        linkify=lambda record: record.get_absolute_url(),
    )
    unit = tables.Column()

    class Meta(BaseTable.Meta):
        model = Payment
        fields = [
            "receipt",
            "unit",
            "payer_name",
            "amount",
            "channel",
            "cashier",
            "received_at",
            "status",
        ]


class DailyClosingTable(BaseTable):
    business_date = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = DailyClosing
        fields = [
            "business_date",
            "cashier",
            "payment_count",
            "system_cash",
            "counted_cash",
            "difference",
            "status",
            "bank_amount",
        ]


class DepositTable(BaseTable):
    purpose = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = Deposit
        fields = [
            "purpose",
            "unit",
            "payer_name",
            "amount",
            "status",
            "refunded",
            "deducted",
            "created_at",
        ]


class RefundTable(BaseTable):
    kind = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = Refund
        fields = [
            "kind",
            "unit",
            "amount",
            "reason",
            "status",
            "created_by",
            "decided_by",
            "created_at",
            "paid_out_at",
        ]


class WaiverTable(BaseTable):
    bill = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(BaseTable.Meta):
        model = Waiver
        fields = [
            "bill",
            "line",
            "amount",
            "reason",
            "status",
            "created_by",
            "decided_by",
            "created_at",
        ]


class CollectionAppointmentTable(BaseTable):
    scheduled_for = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = CollectionAppointment
        fields = [
            "scheduled_for",
            "unit",
            "assignee",
            "contact",
            "outcome",
            "promised_date",
            "outcome_note",
        ]


class DunningContactTable(BaseTable):
    contacted_at = tables.Column(linkify=True)
    owed = tables.Column(attrs={"td": {"class": "text-end"}})

    class Meta(BaseTable.Meta):
        model = DunningContact
        fields = [
            "contacted_at",
            "unit",
            "method",
            "person",
            "result",
            "promised_date",
            "promised_amount",
            "owed",
            "note",
            "created_by",
        ]
