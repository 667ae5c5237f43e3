import django_filters
from django.utils.translation import gettext_lazy as _

from wuye.core.filtersets import BaseFilterSet

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
from .services.registers import books_with_gaps


class SealFilterSet(BaseFilterSet):
    search_fields = ("name",)

    class Meta:
        model = Seal
        fields = ["kind", "is_active"]


class SealUseFilterSet(BaseFilterSet):
    search_fields = ("document", "purpose")
    used_after = django_filters.DateFilter(
        label=_("from"), field_name="used_at", lookup_expr="date__gte"
    )
    used_before = django_filters.DateFilter(
        label=_("until"), field_name="used_at", lookup_expr="date__lte"
    )

    class Meta:
        model = SealUse
        fields = ["seal", "applicant", "approver", "used_after", "used_before"]


class NumberedBookFilterSet(BaseFilterSet):
    search_fields = ("series", "account")
    with_gaps = django_filters.BooleanFilter(label=_("with gaps"), method="filter_gaps")

    class Meta:
        model = NumberedBook
        fields = ["kind", "status", "holder", "with_gaps"]

    def filter_gaps(self, queryset, name, value):
        if value is None:
            return queryset
        gapped = books_with_gaps(queryset)
        return gapped if value else queryset.exclude(pk__in=gapped.values("pk"))


class MonthCloseFilterSet(BaseFilterSet):
    search_fields = ("reopen_reason",)

    class Meta:
        model = MonthClose
        fields = ["status"]


class FundAccountFilterSet(BaseFilterSet):
    search_fields = ("name", "bank_name", "account_number")

    class Meta:
        model = FundAccount
        fields = ["kind", "is_active"]


class JournalEntryFilterSet(BaseFilterSet):
    search_fields = ("voucher_no", "summary", "counterparty")
    date_from = django_filters.DateFilter(label=_("from"), field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("until"), field_name="date", lookup_expr="lte")

    class Meta:
        model = JournalEntry
        fields = ["account", "kind", "date_from", "date_to"]


class PettyAdvanceFilterSet(BaseFilterSet):
    search_fields = ("number", "purpose")

    class Meta:
        model = PettyAdvance
        fields = ["account", "borrower", "status"]


class CashLimitBreachFilterSet(BaseFilterSet):
    ongoing = django_filters.BooleanFilter(
        label=_("still over the limit"), field_name="ended_at", lookup_expr="isnull"
    )

    class Meta:
        model = CashLimitBreach
        fields = ["ongoing"]


class ExpenseCategoryFilterSet(BaseFilterSet):
    search_fields = ("code", "name")

    class Meta:
        model = ExpenseCategory
        fields = ["is_active"]


class ExpenseClaimFilterSet(BaseFilterSet):
    search_fields = ("number", "purpose")

    class Meta:
        model = ExpenseClaim
        fields = ["status", "claimant"]


class BudgetFilterSet(BaseFilterSet):
    search_fields = ("note",)

    class Meta:
        model = Budget
        fields = ["year", "status"]


class ContractFilterSet(BaseFilterSet):
    search_fields = ("number", "title", "vendor__name")

    class Meta:
        model = Contract
        fields = ["kind", "category", "status", "vendor"]


class ContractInstalmentFilterSet(BaseFilterSet):
    search_fields = ("contract__number", "contract__title")
    when = django_filters.ChoiceFilter(
        label=_("when"),
        choices=[("soon", _("Due within 30 days")), ("overdue", _("Overdue"))],
        method="filter_when",
    )

    class Meta:
        model = ContractInstalment
        fields = ["status", "contract", "when"]

    def filter_when(self, queryset, name, value):
        from django.utils import timezone

        from .services.contracts import due_soon, overdue

        today = timezone.localdate()
        return due_soon(queryset, today) if value == "soon" else overdue(queryset, today)


class FixedAssetFilterSet(BaseFilterSet):
    search_fields = ("tag", "name", "room")

    class Meta:
        model = FixedAsset
        fields = ["category", "status", "building", "custodian"]


class StocktakeFilterSet(BaseFilterSet):
    search_fields = ("title",)

    class Meta:
        model = Stocktake
        fields: list[str] = []


class DisclosureFilterSet(BaseFilterSet):
    search_fields = ("title",)

    class Meta:
        model = Disclosure
        fields = ["status"]


class InvoiceFilterSet(BaseFilterSet):
    search_fields = ("number", "serial", "buyer_name", "buyer_tax_number", "unit__code")
    issued_after = django_filters.DateFilter(
        field_name="issued_on", lookup_expr="gte", label=_("Issued from")
    )
    issued_before = django_filters.DateFilter(
        field_name="issued_on", lookup_expr="lte", label=_("Issued until")
    )

    class Meta:
        model = Invoice
        fields = ["status", "kind", "invoice_class", "buyer_kind", "issued_after", "issued_before"]
