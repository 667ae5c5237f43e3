import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from wuye.core.tables import BadgeColumn, BaseTable

from .models import (
    Budget,
    CashLimitBreach,
    Contract,
    ContractInstalment,
    Disclosure,
    ExpenseCategory,
    ExpenseClaim,
    FixedAsset,
    FundAccount,
    Invoice,
    JournalEntry,
    MonthClose,
    NumberedBook,
    PettyAdvance,
    Seal,
    SealUse,
    Stocktake,
)


class SealTable(BaseTable):
    name = tables.Column(linkify=True)
    keeper = tables.Column(accessor="keeper__display_name", verbose_name=_("keeper"))

    class Meta(BaseTable.Meta):
        model = Seal
        fields = ["name", "kind", "keeper", "is_active"]


class SealUseTable(BaseTable):
    used_at = tables.Column(linkify=True)
    applicant = tables.Column(accessor="applicant__display_name", verbose_name=_("applicant"))
    approver = tables.Column(accessor="approver__display_name", verbose_name=_("approved by"))

    class Meta(BaseTable.Meta):
        model = SealUse
        fields = ["used_at", "seal", "document", "purpose", "copies", "applicant", "approver"]


class NumberedBookTable(BaseTable):
    first_number = tables.Column(linkify=True, verbose_name=_("numbers"))
    status = BadgeColumn()
    holder = tables.Column(accessor="holder__display_name", verbose_name=_("held by"))

    class Meta(BaseTable.Meta):
        model = NumberedBook
        fields = ["kind", "series", "first_number", "last_number", "status", "holder", "issued_on"]

    def render_first_number(self, record):
        return f"{record.series}{record.first_number}–{record.last_number}"


class MonthCloseTable(BaseTable):
    month = tables.DateColumn(format="Y-m", linkify=True)
    status = BadgeColumn()
    closed_by = tables.Column(accessor="closed_by__display_name", verbose_name=_("closed by"))
    reopened_by = tables.Column(accessor="reopened_by__display_name", verbose_name=_("reopened by"))

    class Meta(BaseTable.Meta):
        model = MonthClose
        fields = [
            "month",
            "status",
            "closed_by",
            "closed_at",
            "reopened_by",
            "reopened_at",
            "reopen_reason",
        ]


class FundAccountTable(BaseTable):
    name = tables.Column(linkify=True)
    custodian = tables.Column(accessor="custodian__display_name", verbose_name=_("custodian"))
    current_balance = tables.Column(verbose_name=_("balance"), attrs={"td": {"class": "text-end"}})

    class Meta(BaseTable.Meta):
        model = FundAccount
        fields = [
            "name",
            "kind",
            "bank_name",
            "account_number",
            "custodian",
            "current_balance",
            "receives_deposits",
            "is_active",
        ]


class JournalEntryTable(BaseTable):
    voucher_no = tables.Column(linkify=True)
    amount_in = tables.Column(attrs={"td": {"class": "text-end"}})
    amount_out = tables.Column(attrs={"td": {"class": "text-end"}})

    class Meta(BaseTable.Meta):
        model = JournalEntry
        fields = [
            "date",
            "voucher_no",
            "account",
            "kind",
            "summary",
            "counterparty",
            "amount_in",
            "amount_out",
        ]

    def render_amount_in(self, value):
        return value or ""

    def render_amount_out(self, value):
        return value or ""


class PettyAdvanceTable(BaseTable):
    number = tables.Column(linkify=True)
    borrower = tables.Column(accessor="borrower__display_name", verbose_name=_("advanced to"))
    status = BadgeColumn()

    class Meta(BaseTable.Meta):
        model = PettyAdvance
        fields = [
            "number",
            "account",
            "borrower",
            "amount",
            "purpose",
            "issued_on",
            "status",
            "spent",
            "settled_on",
        ]


class CashLimitBreachTable(BaseTable):
    started_by = tables.Column(linkify=True, verbose_name=_("entry that went over"))
    ended_by = tables.Column(linkify=True, verbose_name=_("entry that came back under"))

    class Meta(BaseTable.Meta):
        model = CashLimitBreach
        fields = ["started_at", "ended_at", "limit", "peak", "started_by", "ended_by"]


class ExpenseCategoryTable(BaseTable):
    name = tables.Column(linkify=True)
    required_documents = tables.Column(
        accessor="documents_text", verbose_name=_("documents required"), orderable=False
    )

    class Meta(BaseTable.Meta):
        model = ExpenseCategory
        fields = ["code", "name", "required_documents", "is_active"]


class ExpenseClaimTable(BaseTable):
    number = tables.Column(linkify=True)
    claimant = tables.Column(accessor="claimant__display_name", verbose_name=_("claimant"))
    status = BadgeColumn()

    class Meta(BaseTable.Meta):
        model = ExpenseClaim
        fields = ["number", "claimant", "purpose", "total", "status", "submitted_at"]


class BudgetTable(BaseTable):
    year = tables.Column(linkify=True)
    status = BadgeColumn()
    approved_by = tables.Column(accessor="approved_by__display_name", verbose_name=_("approved by"))

    class Meta(BaseTable.Meta):
        model = Budget
        fields = ["year", "version", "status", "note", "approved_by", "approved_at"]


class ContractTable(BaseTable):
    number = tables.Column(linkify=True)
    vendor = tables.Column(accessor="vendor__name", verbose_name=_("counter-party"))
    status = BadgeColumn()

    class Meta(BaseTable.Meta):
        model = Contract
        fields = [
            "number",
            "kind",
            "category",
            "title",
            "vendor",
            "starts_on",
            "ends_on",
            "amount",
            "status",
        ]


class ContractInstalmentTable(BaseTable):
    due_date = tables.Column(linkify=True)
    contract = tables.Column(accessor="contract__number", verbose_name=_("contract"))
    title = tables.Column(accessor="contract__title", verbose_name=_("title"))
    kind = tables.Column(accessor="contract__kind", verbose_name=_("kind"))
    vendor = tables.Column(accessor="contract__vendor__name", verbose_name=_("counter-party"))

    class Meta(BaseTable.Meta):
        model = ContractInstalment
        fields = ["due_date", "contract", "title", "kind", "vendor", "sequence", "amount", "status"]

    def render_kind(self, record):
        return record.contract.get_kind_display()


class FixedAssetTable(BaseTable):
    tag = tables.Column(linkify=True)
    custodian = tables.Column(accessor="custodian__display_name", verbose_name=_("custodian"))

    class Meta(BaseTable.Meta):
        model = FixedAsset
        fields = [
            "tag",
            "name",
            "category",
            "building",
            "room",
            "custodian",
            "in_use_date",
            "value",
            "status",
        ]


class StocktakeTable(BaseTable):
    title = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = Stocktake
        fields = ["title", "started_on", "closed_at"]


class DisclosureTable(BaseTable):
    title = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = Disclosure
        fields = ["title", "period_start", "period_end", "status", "published_at"]


class InvoiceTable(BaseTable):
    serial = tables.Column(linkify=True)
    unit = tables.Column(accessor="unit__code", verbose_name=_("unit"))
    status = BadgeColumn()

    class Meta(BaseTable.Meta):
        model = Invoice
        fields = [
            "serial",
            "number",
            "kind",
            "invoice_class",
            "unit",
            "buyer_name",
            "buyer_tax_number",
            "amount",
            "tax",
            "total",
            "issued_on",
            "status",
        ]
