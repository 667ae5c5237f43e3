"""The one validation of each write in the finance office, page and API alike."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wuye.billing.choices import PaymentStatus
from wuye.billing.models import Payment
from wuye.core.commands import CommandForm
from wuye.core.forms import (
    BoundedDateTimeField,
    FilesField,
    MobileField,
    PhotosInput,
    ScopedModelForm,
)
from wuye.estate.models import Building, Facility
from wuye.org.models import User

from .choices import (
    TAX_RATES,
    AccountKind,
    Direction,
    EntryKind,
    InvoiceType,
    NumberStatus,
    PaymentSchedule,
    StocktakeResult,
)
from .models import (
    Budget,
    Contract,
    Disclosure,
    ExpenseCategory,
    ExpenseClaim,
    FinanceSettings,
    FixedAsset,
    FundAccount,
    Invoice,
    InvoiceSettings,
    JournalEntry,
    NumberedBook,
    PettyAdvance,
    Seal,
    SealUse,
    Stocktake,
)
from .models.registers import MAX_BOOK_NUMBERS

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TOP = 999_999_999


class StaffChoiceField(forms.ModelChoiceField):
    """A member of staff of the current service center."""

    def label_from_instance(self, obj):
        return obj.display_name


def _staff_of(access: Any) -> QuerySet[User]:
    community = getattr(access, "community", None)
    return User.objects.filter(
        memberships__community=community, memberships__is_active=True, is_active=True
    ).distinct()


class SealForm(ScopedModelForm):
    keeper = StaffChoiceField(label=_("keeper"), queryset=User.objects.none(), required=False)

    class Meta:
        model = Seal
        fields = ["name", "kind", "keeper", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["keeper"]).queryset = _staff_of(self.access)


class SealUseForm(ScopedModelForm):
    used_at = BoundedDateTimeField(label=_("used at"), widget=DATETIME_INPUT, required=False)
    applicant = StaffChoiceField(label=_("applicant"), queryset=User.objects.none())
    approver = StaffChoiceField(label=_("approved by"), queryset=User.objects.none())
    copies = forms.IntegerField(label=_("copies"), min_value=1, max_value=1000, initial=1)

    class Meta:
        model = SealUse
        fields = ["seal", "document", "purpose", "copies", "applicant", "approver", "used_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        seals = cast(forms.ModelChoiceField, self.fields["seal"])
        seals.queryset = cast(QuerySet, seals.queryset).filter(is_active=True)
        for name in ("applicant", "approver"):
            cast(forms.ModelChoiceField, self.fields[name]).queryset = _staff_of(self.access)


class NumberedBookForm(ScopedModelForm):
    first_number = forms.IntegerField(label=_("first number"), min_value=1, max_value=TOP)
    last_number = forms.IntegerField(
        label=_("last number"),
        help_text=_("At most %(count)d numbers in a book") % {"count": MAX_BOOK_NUMBERS},
        min_value=1,
        max_value=TOP,
    )

    class Meta:
        model = NumberedBook
        fields = ["kind", "series", "first_number", "last_number", "account"]


class IssueBookForm(CommandForm):
    holder = StaffChoiceField(label=_("issued to"), queryset=User.objects.none())
    issued_on = forms.DateField(label=_("issued on"), widget=DATE_INPUT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["holder"]).queryset = _staff_of(self.access)


class RecordNumberForm(CommandForm):
    number = forms.IntegerField(label=_("number"), min_value=1, max_value=TOP)
    status = forms.ChoiceField(label=_("status"), choices=NumberStatus.choices)
    used_on = forms.DateField(label=_("date"), widget=DATE_INPUT)
    amount = forms.DecimalField(
        label=_("amount"), max_digits=12, decimal_places=2, min_value=0, required=False
    )
    party = forms.CharField(label=_("paid by or to"), max_length=100, required=False)
    note = forms.CharField(
        label=_("note"), max_length=200, required=False, help_text=_("Why, for a voided number")
    )


class ReturnBookForm(CommandForm):
    returned_on = forms.DateField(label=_("returned on"), widget=DATE_INPUT)


# --- Cash, petty cash and bank (FIN-04, FIN-05) ------------------------------------------------

MONEY_MAX = Decimal("999999999999.99")


def money_field(label: Any, *, required: bool = True, min_value: Decimal = Decimal("0.01")):
    return forms.DecimalField(
        label=label,
        max_digits=14,
        decimal_places=2,
        min_value=min_value,
        max_value=MONEY_MAX,
        required=required,
    )


class FinanceSettingsForm(forms.ModelForm):
    cash_limit = money_field(_("cash on hand limit"))
    claim_company_over = money_field(_("claims approved by the company above"))
    budget_alert_percent = forms.DecimalField(
        label=_("budget variance highlighted above (%)"),
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
    )

    class Meta:
        model = FinanceSettings
        fields = ["cash_limit", "claim_company_over", "budget_alert_percent"]


class FundAccountForm(ScopedModelForm):
    custodian = StaffChoiceField(label=_("custodian"), queryset=User.objects.none(), required=False)
    opening_balance = money_field(_("opening balance"), min_value=Decimal("0"))
    float_amount = money_field(_("float (定额备用金)"), min_value=Decimal("0"), required=False)
    opening_date = forms.DateField(label=_("opening date"), widget=DATE_INPUT)

    class Meta:
        model = FundAccount
        fields = [
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
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["custodian"]).queryset = _staff_of(self.access)

    def clean_float_amount(self):
        return self.cleaned_data.get("float_amount") or Decimal("0")


def _accounts(access: Any) -> QuerySet[FundAccount]:
    return FundAccount.objects.for_access(access).filter(is_active=True)


class JournalEntryForm(ScopedModelForm):
    """An entry finance writes by hand (income, an expense, bank charges or interest)."""

    kind = forms.ChoiceField(
        label=_("kind"),
        choices=[
            (k.value, k.label) for k in (EntryKind.EXPENSE, EntryKind.INCOME, EntryKind.BANK_CHARGE)
        ],
    )
    date = forms.DateField(label=_("date"), widget=DATE_INPUT)
    amount = money_field(_("amount"))
    direction = forms.ChoiceField(
        label=_("in or out"),
        choices=[("", "---------"), *Direction.choices],
        required=False,
        help_text=_("Only for bank charges (out) and interest (in)"),
    )

    class Meta:
        model = JournalEntry
        fields = ["account", "date", "kind", "amount", "direction", "summary", "counterparty"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["account"]).queryset = _accounts(self.access)


class TransferForm(CommandForm):
    to_account = forms.ModelChoiceField(label=_("to account"), queryset=FundAccount.objects.none())
    date = forms.DateField(label=_("date"), widget=DATE_INPUT)
    amount = money_field(_("amount"))
    summary = forms.CharField(label=_("summary (摘要)"), max_length=120, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        accounts = _accounts(self.access)
        if self.target is not None:
            accounts = accounts.exclude(pk=self.target.pk)
            if self.target.kind == AccountKind.CASH:  # the counter's cash only to a bank
                accounts = accounts.filter(kind=AccountKind.BANK)
        cast(forms.ModelChoiceField, self.fields["to_account"]).queryset = accounts


class ReverseEntryForm(CommandForm):
    reason = forms.CharField(label=_("reason for the reversal"), max_length=80)


class PettyAdvanceForm(ScopedModelForm):
    borrower = StaffChoiceField(label=_("advanced to"), queryset=User.objects.none())
    amount = money_field(_("amount"))
    issued_on = forms.DateField(label=_("advanced on"), widget=DATE_INPUT)

    class Meta:
        model = PettyAdvance
        fields = ["account", "borrower", "amount", "purpose", "issued_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["account"]).queryset = _accounts(
            self.access
        ).filter(kind=AccountKind.PETTY)
        cast(forms.ModelChoiceField, self.fields["borrower"]).queryset = _staff_of(self.access)


class SettleAdvanceForm(CommandForm):
    spent = money_field(_("spent (with receipts)"), min_value=Decimal("0"))
    settled_on = forms.DateField(label=_("settled on"), widget=DATE_INPUT)
    settlement_note = forms.CharField(label=_("what was spent"), max_length=200, required=False)


# --- Expense claims (FIN-03) -------------------------------------------------------------------


class DocumentsField(forms.CharField):
    """The checklist typed as “发票、验收单、合同”."""

    def prepare_value(self, value):
        return "、".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        from .services.claims import split_documents

        if isinstance(value, list):
            value = "、".join(str(v) for v in value)
        names = split_documents(super().to_python(value) or "")
        long = [n for n in names if len(n) > 20]
        if long:
            raise forms.ValidationError(
                _("A document's name is at most 20 characters: %(names)s")
                % {"names": "、".join(long)}
            )
        return names


class ExpenseCategoryForm(ScopedModelForm):
    required_documents = DocumentsField(
        label=_("documents required"),
        max_length=200,
        required=False,
        help_text=_("Separated by 、 e.g. 发票、验收单、合同"),
    )

    class Meta:
        model = ExpenseCategory
        fields = ["code", "name", "required_documents", "is_active"]


class ExpenseClaimForm(ScopedModelForm):
    class Meta:
        model = ExpenseClaim
        fields = ["purpose"]


class ClaimLineForm(CommandForm):
    category = forms.ModelChoiceField(
        label=_("category"), queryset=ExpenseCategory.objects.filter(is_active=True)
    )
    amount = money_field(_("amount"))
    invoice_type = forms.ChoiceField(label=_("invoice type"), choices=InvoiceType.choices)
    invoice_number = forms.CharField(
        label=_("invoice number"),
        max_length=30,
        required=False,
        help_text=_("Not needed for a receipt without an invoice"),
    )
    description = forms.CharField(label=_("description"), max_length=120, required=False)


class RemoveLineForm(CommandForm):
    line = forms.IntegerField(label=_("line"), min_value=1, max_value=2_000_000_000)


class AttachForm(CommandForm):
    kind = forms.CharField(label=_("kind of document"), max_length=20)
    uploads = FilesField(
        label=_("files"),
        widget=PhotosInput(attrs={"accept": ".pdf,image/*"}),
        help_text=_("PDF or pictures"),
        required=False,
    )


class ReviewClaimForm(CommandForm):
    missing_items = forms.MultipleChoiceField(
        label=_("documents missing or unusable"),
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The checklist's documents not handed in are missing whatever is ticked"),
    )
    note = forms.CharField(label=_("note to the claimant"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .services.claims import OTHER_DOCUMENT, required_documents

        items = [*required_documents(self.target), OTHER_DOCUMENT] if self.target else []
        cast(forms.MultipleChoiceField, self.fields["missing_items"]).choices = [
            (i, i) for i in items
        ]


class RejectClaimForm(CommandForm):
    reason = forms.CharField(label=_("reason for rejecting"), max_length=200)


class PayClaimForm(CommandForm):
    account = forms.ModelChoiceField(
        label=_("paid from"),
        queryset=FundAccount.objects.filter(
            is_active=True, kind__in=[AccountKind.PETTY, AccountKind.BANK]
        ),
        help_text=_("Petty cash or a bank account: the counter's cash pays no expense (坐支)"),
    )
    date = forms.DateField(label=_("date"), widget=DATE_INPUT)


# --- Budgets (FIN-08) --------------------------------------------------------------------------


class BudgetForm(ScopedModelForm):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)

    class Meta:
        model = Budget
        fields = ["year", "note"]


class ImportBudgetForm(CommandForm):
    file = forms.FileField(label=_("Excel workbook (.xlsx)"))


# --- Contracts (FIN-09) ------------------------------------------------------------------------


class ContractForm(ScopedModelForm):
    amount = money_field(_("contract amount"))
    starts_on = forms.DateField(label=_("starts on"), widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("ends on"), widget=DATE_INPUT)

    class Meta:
        model = Contract
        fields = [
            "kind",
            "category",
            "title",
            "vendor",
            "starts_on",
            "ends_on",
            "amount",
            "schedule",
            "public_income",
            "note",
        ]


class ContractDocumentForm(CommandForm):
    title = forms.CharField(
        label=_("document"), max_length=60, help_text=_("e.g. 合同正本, 补充协议, 报价单")
    )
    uploads = FilesField(
        label=_("files"),
        widget=PhotosInput(attrs={"accept": ".pdf,image/*"}),
        help_text=_("PDF or pictures"),
        required=False,
    )


class TerminateContractForm(CommandForm):
    terminated_on = forms.DateField(label=_("terminated on"), widget=DATE_INPUT)
    reason = forms.CharField(label=_("reason for terminating"), max_length=200)


class RenewContractForm(CommandForm):
    ends_on = forms.DateField(label=_("the renewal ends on"), widget=DATE_INPUT)
    amount = money_field(_("contract amount"))
    schedule = forms.ChoiceField(label=_("payment schedule"), choices=PaymentSchedule.choices)


class SettleInstalmentForm(CommandForm):
    account = forms.ModelChoiceField(
        label=_("money account"),
        queryset=FundAccount.objects.filter(
            is_active=True, kind__in=[AccountKind.PETTY, AccountKind.BANK]
        ),
        help_text=_("A bank account or petty cash; never the counter's cash"),
    )
    date = forms.DateField(label=_("date"), widget=DATE_INPUT)


# --- Fixed assets (FIN-07) ---------------------------------------------------------------------


class FixedAssetForm(ScopedModelForm):
    custodian = StaffChoiceField(label=_("custodian"), queryset=User.objects.none(), required=False)
    value = money_field(_("original value"))
    purchase_date = forms.DateField(label=_("purchased on"), widget=DATE_INPUT)
    in_use_date = forms.DateField(label=_("put in use on"), widget=DATE_INPUT)

    class Meta:
        model = FixedAsset
        fields = [
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
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["custodian"]).queryset = _staff_of(self.access)


class TransferAssetForm(CommandForm):
    moved_on = forms.DateField(label=_("moved on"), widget=DATE_INPUT)
    building = forms.ModelChoiceField(
        label=_("building"), queryset=Building.objects.all(), required=False
    )
    room = forms.CharField(label=_("room or place"), max_length=60, required=False)
    facility = forms.ModelChoiceField(
        label=_("facility"), queryset=Facility.objects.all(), required=False
    )
    custodian = StaffChoiceField(label=_("custodian"), queryset=User.objects.none(), required=False)
    note = forms.CharField(label=_("note"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["custodian"]).queryset = _staff_of(self.access)


class DisposeAssetForm(CommandForm):
    disposed_on = forms.DateField(label=_("disposed of on"), widget=DATE_INPUT)
    disposal_note = forms.CharField(label=_("how it was disposed of"), max_length=200)


class StocktakeForm(ScopedModelForm):
    started_on = forms.DateField(label=_("started on"), widget=DATE_INPUT)

    class Meta:
        model = Stocktake
        fields = ["title", "started_on"]


class CheckAssetForm(CommandForm):
    tag = forms.CharField(
        label=_("tag number"),
        max_length=30,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "off", "inputmode": "text"}
        ),
        help_text=_("Scan the label or type the number"),
    )
    result = forms.ChoiceField(
        label=_("result"), choices=StocktakeResult.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("note"), max_length=200, required=False)


# --- Disclosure to owners (FIN-11) -------------------------------------------------------------


class DisclosureForm(ScopedModelForm):
    period_start = forms.DateField(label=_("from"), widget=DATE_INPUT)
    period_end = forms.DateField(label=_("until"), widget=DATE_INPUT)

    class Meta:
        model = Disclosure
        fields = ["title", "period_start", "period_end", "maintenance_fund", "note"]


# --- Invoices (FIN-07) -------------------------------------------------------------------------


class PaymentsField(forms.ModelMultipleChoiceField):
    """The payments an invoice covers, shown by receipt number and amount."""

    def label_from_instance(self, obj):
        return f"{obj.display_number} · {obj.business_date:%Y-%m-%d} · ¥{obj.amount}"


class InvoiceRequestForm(ScopedModelForm):
    """Ask for an invoice: which payments (one unit's) and who buys. The page offers the unit's
    payments not yet invoiced; the API names them by id."""

    payments = PaymentsField(
        label=_("payments"),
        queryset=Payment.objects.filter(status=PaymentStatus.POSTED),
        widget=forms.CheckboxSelectMultiple,
    )
    buyer_phone = MobileField(label=_("send to mobile"), required=False)
    # Longer than the code: typed with spaces or dashes, the service cleans and checks it.
    buyer_tax_number = forms.CharField(
        label=_("buyer's tax number"),
        max_length=30,
        required=False,
        help_text=_("统一社会信用代码"),
    )

    class Meta:
        model = Invoice
        fields = [
            "payments",
            "buyer_kind",
            "buyer_name",
            "buyer_tax_number",
            "invoice_class",
            "buyer_address",
            "buyer_bank",
            "buyer_email",
            "buyer_phone",
        ]


class ReverseInvoiceForm(CommandForm):
    reason = forms.CharField(
        label=_("reason for the red-letter invoice"),
        max_length=200,
        help_text=_("e.g. the buyer's name was wrong (开票有误)"),
    )


class InvoiceSettingsForm(forms.ModelForm):
    seller_tax_number = forms.CharField(
        label=_("seller's tax number"),
        max_length=30,
        help_text=_("Unified social credit code (统一社会信用代码), 18 characters"),
    )

    class Meta:
        model = InvoiceSettings
        fields = [
            "seller_name",
            "seller_tax_number",
            "taxpayer_kind",
            "seller_address",
            "seller_bank",
        ]


class InvoiceRateForm(CommandForm):
    rate = forms.TypedChoiceField(
        label=_("tax rate"), choices=[(str(v), label) for v, label in TAX_RATES], coerce=Decimal
    )
    simplified = forms.BooleanField(label=_("simplified method (简易计税)"), required=False)
    tax_code = forms.CharField(
        label=_("tax classification code"),
        max_length=19,
        required=False,
        help_text=_("税收分类编码, 19 digits, as the tax office assigned it"),
    )
    invoiced = forms.BooleanField(
        label=_("invoiced by this service center"),
        required=False,
        initial=True,
        help_text=_("Off when the utility invoices the resident itself"),
    )
