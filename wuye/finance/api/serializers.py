"""What the API shows of the finance office's records (reads; writes go through the forms)."""

from rest_framework import serializers

from ..models import (
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
    FixedAsset,
    FundAccount,
    Invoice,
    InvoiceLine,
    InvoicePayment,
    JournalEntry,
    MonthClose,
    NumberedBook,
    PettyAdvance,
    Seal,
    SealUse,
    Stocktake,
    StocktakeItem,
)


class SealSerializer(serializers.ModelSerializer):
    class Meta:
        model = Seal
        fields = ["id", "name", "kind", "keeper", "is_active"]
        read_only_fields = fields


class SealUseSerializer(serializers.ModelSerializer):
    class Meta:
        model = SealUse
        fields = [
            "id",
            "seal",
            "used_at",
            "document",
            "purpose",
            "copies",
            "applicant",
            "approver",
            "created_by",
        ]
        read_only_fields = fields


class BookNumberSerializer(serializers.ModelSerializer):
    class Meta:
        model = BookNumber
        fields = ["number", "status", "used_on", "amount", "party", "note"]
        read_only_fields = fields


class NumberedBookSerializer(serializers.ModelSerializer):
    """A receipt or cheque book with its numbers (the gaps are those between)."""

    numbers = BookNumberSerializer(many=True, read_only=True)

    class Meta:
        model = NumberedBook
        fields = [
            "id",
            "kind",
            "series",
            "first_number",
            "last_number",
            "account",
            "status",
            "holder",
            "issued_on",
            "returned_on",
            "numbers",
        ]
        read_only_fields = fields


def money(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=14, decimal_places=2, **kwargs)


class MonthQuerySerializer(serializers.Serializer):
    month = serializers.RegexField(
        r"^20\d{2}-(0[1-9]|1[0-2])$",
        required=False,
        allow_blank=True,  # ?month= is the default month, as on the page
        help_text="YYYY-MM; the last month by default (this month from its last day)",
        error_messages={"invalid": "请按“年-月”填写月份，例如 2026-11。"},
    )


class LedgerTotalsSerializer(serializers.Serializer):
    opening = money()
    billed = money()
    waived = money()
    cancelled = money()
    collected = money()
    closing = money()


class LedgerRowSerializer(LedgerTotalsSerializer):
    fee_item = serializers.CharField()
    payer_kind = serializers.CharField()


class PrepaidSerializer(serializers.Serializer):
    opening = money()
    paid_in = money(source="in")
    offset = money()
    refunded = money()
    reversed = money()
    closing = money()


class LedgerSerializer(serializers.Serializer):
    month = serializers.CharField()
    status = serializers.CharField(help_text="open, closed or reopened")
    receivable = LedgerRowSerializer(many=True)
    totals = LedgerTotalsSerializer()
    arrears_opening = money()
    arrears_closing = money()
    prepaid = PrepaidSerializer()


class CheckSerializer(serializers.Serializer):
    figure = serializers.CharField(source="label")
    by_movements = money()
    by_records = money()
    difference = money()


class RecordSerializer(serializers.Serializer):
    kind = serializers.CharField()
    record = serializers.CharField()
    url = serializers.CharField()
    kept = money()
    movements = money()


class ReconciliationSerializer(serializers.Serializer):
    month = serializers.CharField()
    balanced = serializers.BooleanField()
    checks = CheckSerializer(many=True)
    records = RecordSerializer(many=True)


class MonthCloseSerializer(serializers.ModelSerializer):
    class Meta:
        model = MonthClose
        fields = [
            "id",
            "month",
            "status",
            "closed_by",
            "closed_at",
            "figures",
            "reopened_by",
            "reopened_at",
            "reopen_reason",
        ]
        read_only_fields = fields


class CloseMonthSerializer(serializers.Serializer):
    month = serializers.RegexField(
        r"^20\d{2}-(0[1-9]|1[0-2])$",
        error_messages={"invalid": "请按“年-月”填写月份，例如 2026-11。"},
    )


class ReopenMonthSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200)


# --- Cash, petty cash and bank (FIN-04, FIN-05) ------------------------------------------------


class FundAccountSerializer(serializers.ModelSerializer):
    balance = money(read_only=True, source="current_balance", help_text="The balance today")

    class Meta:
        model = FundAccount
        fields = [
            "id",
            "kind",
            "name",
            "bank_name",
            "account_number",
            "custodian",
            "float_amount",
            "opening_balance",
            "opening_date",
            "receives_deposits",
            "is_active",
            "balance",
        ]
        read_only_fields = fields


class JournalEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = JournalEntry
        fields = [
            "id",
            "account",
            "date",
            "voucher_no",
            "kind",
            "summary",
            "counterparty",
            "amount_in",
            "amount_out",
            "cashier",
            "counter_entry",
            "reversal_of",
            "advance",
            "created_by",
            "created_at",
        ]
        read_only_fields = fields


class PettyAdvanceSerializer(serializers.ModelSerializer):
    class Meta:
        model = PettyAdvance
        fields = [
            "id",
            "number",
            "account",
            "borrower",
            "amount",
            "purpose",
            "issued_on",
            "status",
            "spent",
            "settled_on",
            "settlement_note",
        ]
        read_only_fields = fields


class CashLimitBreachSerializer(serializers.ModelSerializer):
    class Meta:
        model = CashLimitBreach
        fields = ["id", "started_at", "ended_at", "limit", "peak", "started_by", "ended_by"]
        read_only_fields = fields


# --- Expense claims (FIN-03) -------------------------------------------------------------------


class ExpenseCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = ExpenseCategory
        fields = ["id", "code", "name", "required_documents", "is_active"]
        read_only_fields = fields


class ClaimLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClaimLine
        fields = ["id", "category", "amount", "invoice_type", "invoice_number", "description"]
        read_only_fields = fields


class ClaimDocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClaimDocument
        fields = ["id", "kind"]
        read_only_fields = fields


class ExpenseClaimSerializer(serializers.ModelSerializer):
    lines = ClaimLineSerializer(many=True, read_only=True)
    documents = ClaimDocumentSerializer(many=True, read_only=True)

    class Meta:
        model = ExpenseClaim
        fields = [
            "id",
            "number",
            "claimant",
            "purpose",
            "status",
            "total",
            "missing",
            "review_note",
            "reject_reason",
            "submitted_at",
            "reviewed_by",
            "approved_by",
            "company_approved_by",
            "payment",
            "lines",
            "documents",
        ]
        read_only_fields = fields


# --- Budgets (FIN-08) --------------------------------------------------------------------------


class BudgetLineSerializer(serializers.ModelSerializer):
    total = money(read_only=True)

    class Meta:
        model = BudgetLine
        fields = [
            "id",
            "kind",
            "name",
            "category",
            "fee_items",
            *[f"m{n:02d}" for n in range(1, 13)],
            "total",
        ]
        read_only_fields = fields


class BudgetSerializer(serializers.ModelSerializer):
    lines = BudgetLineSerializer(many=True, read_only=True)

    class Meta:
        model = Budget
        fields = ["id", "year", "version", "status", "note", "approved_by", "approved_at", "lines"]
        read_only_fields = fields


class ExecutionQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    month = serializers.IntegerField(required=False, min_value=1, max_value=12)


class ExecutionRowSerializer(serializers.Serializer):
    kind = serializers.CharField()
    name = serializers.CharField()
    month_budget = money()
    month_actual = money()
    ytd_budget = money()
    ytd_actual = money()
    variance = money()
    rate = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    year_budget = money()
    off = serializers.BooleanField(help_text="Off the budget by more than the threshold")


class ExecutionSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    month = serializers.IntegerField()
    budget = serializers.IntegerField(allow_null=True, help_text="The budget in force")
    threshold = serializers.DecimalField(max_digits=5, decimal_places=2)
    rows = ExecutionRowSerializer(many=True)


# --- Contracts (FIN-09) ------------------------------------------------------------------------


class ContractInstalmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = ContractInstalment
        fields = [
            "id",
            "contract",
            "sequence",
            "due_date",
            "amount",
            "status",
            "settled_on",
            "entry",
        ]
        read_only_fields = fields


class ContractDocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = ContractDocument
        fields = ["id", "title", "created_at"]
        read_only_fields = fields


class ContractSerializer(serializers.ModelSerializer):
    instalments = ContractInstalmentSerializer(many=True, read_only=True)
    documents = ContractDocumentSerializer(many=True, read_only=True)

    class Meta:
        model = Contract
        fields = [
            "id",
            "number",
            "kind",
            "category",
            "title",
            "vendor",
            "starts_on",
            "ends_on",
            "amount",
            "schedule",
            "public_income",
            "status",
            "terminated_on",
            "termination_reason",
            "renewed_from",
            "note",
            "instalments",
            "documents",
        ]
        read_only_fields = fields


# --- Fixed assets (FIN-07) ---------------------------------------------------------------------


class FixedAssetSerializer(serializers.ModelSerializer):
    class Meta:
        model = FixedAsset
        fields = [
            "id",
            "tag",
            "name",
            "category",
            "building",
            "room",
            "facility",
            "custodian",
            "purchase_date",
            "in_use_date",
            "value",
            "useful_life_months",
            "residual_rate",
            "status",
            "disposed_on",
            "disposal_note",
        ]
        read_only_fields = fields


class StocktakeItemSerializer(serializers.ModelSerializer):
    tag = serializers.CharField(source="asset.tag", read_only=True)

    class Meta:
        model = StocktakeItem
        fields = ["asset", "tag", "result", "note"]
        read_only_fields = fields


class StocktakeSerializer(serializers.ModelSerializer):
    items = StocktakeItemSerializer(many=True, read_only=True)

    class Meta:
        model = Stocktake
        fields = ["id", "title", "started_on", "closed_at", "items"]
        read_only_fields = fields


class DisclosureSerializer(serializers.ModelSerializer):
    class Meta:
        model = Disclosure
        fields = [
            "id",
            "title",
            "period_start",
            "period_end",
            "maintenance_fund",
            "note",
            "status",
            "figures",
            "published_by",
            "published_at",
        ]
        read_only_fields = fields


# --- Invoices (FIN-07) -------------------------------------------------------------------------


class InvoiceLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = InvoiceLine
        fields = [
            "fee_item",
            "name",
            "tax_code",
            "rate",
            "simplified",
            "period_from",
            "period_to",
            "amount",
            "tax",
            "total",
        ]
        read_only_fields = fields


class InvoicePaymentSerializer(serializers.ModelSerializer):
    class Meta:
        model = InvoicePayment
        fields = ["payment", "amount", "active"]
        read_only_fields = fields


class InvoiceSerializer(serializers.ModelSerializer):
    lines = InvoiceLineSerializer(many=True, read_only=True)
    payments = InvoicePaymentSerializer(source="links", many=True, read_only=True)
    has_file = serializers.SerializerMethodField()
    # Empty when nobody gave one: plain text, not the schema's "email" format.
    buyer_email = serializers.CharField(read_only=True)

    class Meta:
        model = Invoice
        fields = [
            "id",
            "serial",
            "number",
            "kind",
            "invoice_class",
            "status",
            "unit",
            "buyer_kind",
            "buyer_name",
            "buyer_tax_number",
            "buyer_address",
            "buyer_bank",
            "buyer_email",
            "buyer_phone",
            "amount",
            "tax",
            "total",
            "issued_on",
            "reverses",
            "replaces",
            "reason",
            "attempts",
            "error",
            "has_file",
            "lines",
            "payments",
        ]
        read_only_fields = fields

    def get_has_file(self, invoice) -> bool:
        return bool(invoice.file)


class InvoiceReconciliationRowSerializer(serializers.Serializer):
    fee_item = serializers.CharField()
    collected = serializers.DecimalField(max_digits=14, decimal_places=2)
    invoiced = serializers.DecimalField(max_digits=14, decimal_places=2)
    pending = serializers.DecimalField(max_digits=14, decimal_places=2)
    not_invoiced = serializers.DecimalField(max_digits=14, decimal_places=2)
    excluded = serializers.DecimalField(max_digits=14, decimal_places=2)


class InvoiceFiguresSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    tax = serializers.DecimalField(max_digits=14, decimal_places=2)
    total = serializers.DecimalField(max_digits=14, decimal_places=2)


class InvoiceReconciliationSerializer(serializers.Serializer):
    month = serializers.CharField()
    balanced = serializers.BooleanField()
    rows = InvoiceReconciliationRowSerializer(many=True)
    totals = InvoiceReconciliationRowSerializer()
    not_sales = serializers.DecimalField(max_digits=14, decimal_places=2)
    issued = InvoiceFiguresSerializer()
    reversed = InvoiceFiguresSerializer()
    net = serializers.DecimalField(max_digits=14, decimal_places=2)
    mismatched = serializers.ListField(child=serializers.IntegerField())
