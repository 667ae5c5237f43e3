"""Cash, petty cash and bank (FIN-04, FIN-05): the money accounts with their journals (month by
month, with the running balance, the daily and monthly balances), entries written by hand,
transfers and reversals, petty cash advances, the cash limit's breaches and the settings."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import DecimalField, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wuye.core.commands import CommandPageMixin
from wuye.core.errors import DomainError
from wuye.core.excel import xlsx_response
from wuye.core.money import MONEY
from wuye.core.views import (
    AccessMixin,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
)

from .. import filtersets, forms, tables
from ..choices import AccountAction, AccountKind, AdvanceAction, AdvanceStatus, EntryAction
from ..commands import ACCOUNT_COMMANDS, ADVANCE_COMMANDS, ENTRY_COMMANDS
from ..models import CashLimitBreach, FundAccount, JournalEntry, PettyAdvance
from ..services import cash, ledger
from .ledger import parse_month


def with_balances(accounts):
    """Each account with its balance today (`current_balance`), in one query."""
    money = DecimalField(**MONEY)

    def total(column):
        return Coalesce(
            Subquery(
                JournalEntry.objects.filter(account=OuterRef("pk"))
                .order_by()
                .values("account")
                .annotate(total=Sum(column))
                .values("total"),
                output_field=money,
            ),
            Value(0, output_field=money),
        )

    return accounts.annotate(
        current_balance=F("opening_balance") + total("amount_in") - total("amount_out")
    )


class FundAccountMixin(ScopedObjectMixin):
    model = FundAccount
    perm_prefix = "finance.account"
    url_base = "finance:fundaccount"
    related: tuple[str, ...] = ("custodian",)


class FundAccountListView(FundAccountMixin, ObjectListView):
    filterset_class = filtersets.FundAccountFilterSet
    table_class = tables.FundAccountTable

    def get_queryset(self):
        return with_balances(super().get_queryset())


class FundAccountEditView(FundAccountMixin, ObjectEditView):
    form_class = forms.FundAccountForm
    create_service = cash.add_account
    update_service = cash.change_account


class FundAccountDetailView(CommandPageMixin, FundAccountMixin, ObjectDetailView):
    """An account's journal for a month (现金日记账 / 银行日记账) with the running balance, the
    days' and the year's months' balances; the cash account's tie to the counter's closings;
    a petty cash float's advances and top-up."""

    commands = ACCOUNT_COMMANDS
    template_name = "finance/fundaccount_detail.html"
    page_forms = {AccountAction.TRANSFER: "transfer_form"}

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if request.GET.get("format") == "xlsx":
            return self.excel()
        return self.render_to_response(self.get_context_data(object=self.object))

    def month(self) -> dt.date:
        today = timezone.localdate()
        month = parse_month(self.request.GET.get("month") or f"{today:%Y-%m}", today)
        return min(month, today.replace(day=1))

    def excel(self):
        account, month = self.object, self.month()
        book = cash.journal(account, month, ledger.next_month(month) - dt.timedelta(days=1))
        headers = [
            _("date"),
            _("voucher no."),
            _("summary"),
            _("counter-party"),
            _("in"),
            _("out"),
            _("balance"),
        ]
        rows = [["", "", _("Brought forward"), "", "", "", book["opening"]]]
        rows += [
            [
                r["entry"].date,
                r["entry"].voucher_no,
                r["entry"].summary,
                r["entry"].counterparty,
                r["entry"].amount_in or "",
                r["entry"].amount_out or "",
                r["balance"],
            ]
            for r in book["rows"]
        ]
        rows.append(
            ["", "", _("Carried forward"), "", book["total_in"], book["total_out"], book["closing"]]
        )
        days = cash.daily_balances(account, month, ledger.next_month(month) - dt.timedelta(days=1))
        return xlsx_response(
            f"日记账-{account}-{month:%Y-%m}",
            [
                (_("Journal"), headers, rows),
                (
                    _("Daily balances"),
                    [_("date"), _("opening balance"), _("in"), _("out"), _("closing balance")],
                    [[d["day"], d["opening"], d["in"], d["out"], d["closing"]] for d in days],
                ),
            ],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        account = self.object
        month = self.month()
        end = ledger.next_month(month) - dt.timedelta(days=1)
        following = ledger.next_month(month)
        context.update(
            month=month,
            previous_month=ledger.previous_month(month),
            next_month=following if following <= timezone.localdate() else None,
            book=cash.journal(account, month, end),
            days=cash.daily_balances(account, month, end),
            months=cash.monthly_balances(account, month.year),
            balance=cash.balance(account),
        )
        context["can_change"] = self.access.has("finance.account.change")
        context["can_delete"] = False
        if account.kind == AccountKind.CASH:
            context["tie"] = cash.counter_cash_tie(account.community)
            context["cash_on_hand"] = cash.cash_on_hand(account.community)
            context["cash_limit"] = cash.settings_for(account.community).cash_limit
        if account.kind == AccountKind.PETTY:
            context["outstanding"] = cash.outstanding_advances(account)
            context["top_up"] = cash.top_up_needed(account)
            context["advances"] = (
                PettyAdvance.objects.for_access(self.access)
                .filter(account=account, status=AdvanceStatus.OUTSTANDING)
                .select_related("borrower")
            )
        if account.is_active and self.access.has("finance.journal.change"):
            context.setdefault(
                "transfer_form",
                forms.TransferForm(
                    target=account,
                    access=self.access,
                    initial={"date": timezone.localdate(), "amount": context.get("top_up")},
                ),
            )
        return context


class JournalEntryMixin(ScopedObjectMixin):
    model = JournalEntry
    perm_prefix = "finance.journal"
    url_base = "finance:journalentry"
    related: tuple[str, ...] = ("account", "cashier", "created_by")


class JournalEntryListView(JournalEntryMixin, ObjectListView):
    page_actions = ("view", "change")  # entries are written, reversed, never deleted

    filterset_class = filtersets.JournalEntryFilterSet
    table_class = tables.JournalEntryTable


class JournalEntryEditView(JournalEntryMixin, ObjectEditView):
    """An entry written by hand; never edited afterwards (`reverse` puts a mistake right)."""

    form_class = forms.JournalEntryForm
    create_service = cash.record_entry

    def get_object(self):
        if self.kwargs.get("pk") is not None:
            raise PermissionDenied
        return None


class JournalEntryDetailView(CommandPageMixin, JournalEntryMixin, ObjectDetailView):
    commands = ENTRY_COMMANDS
    template_name = "finance/journalentry_detail.html"
    page_forms = {EntryAction.REVERSE: "reverse_form"}
    related: tuple[str, ...] = (
        "account",
        "cashier",
        "created_by",
        "reversal_of",
        "counter_entry",
        "advance",
    )
    detail_fields = [
        "account",
        "date",
        "voucher_no",
        "kind",
        "summary",
        "counterparty",
        "amount_in",
        "amount_out",
        "cashier",
        "created_by",
        "created_at",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entry = self.object
        context["can_change"] = context["can_delete"] = False
        context["reversed_by"] = JournalEntry.objects.filter(reversal_of=entry).first()
        reversible = (
            not entry.source
            and entry.advance_id is None
            and not hasattr(entry, "claim")
            and not hasattr(entry, "instalment")
            and entry.reversal_of_id is None
            and context["reversed_by"] is None
        )
        if reversible and self.access.has("finance.journal.change"):
            context.setdefault(
                "reverse_form", forms.ReverseEntryForm(target=entry, access=self.access)
            )
        return context


class PettyAdvanceMixin(ScopedObjectMixin):
    model = PettyAdvance
    perm_prefix = "finance.advance"
    url_base = "finance:pettyadvance"
    related: tuple[str, ...] = ("account", "borrower")


class PettyAdvanceListView(PettyAdvanceMixin, ObjectListView):
    filterset_class = filtersets.PettyAdvanceFilterSet
    table_class = tables.PettyAdvanceTable


class PettyAdvanceEditView(PettyAdvanceMixin, ObjectEditView):
    form_class = forms.PettyAdvanceForm
    create_service = cash.issue_advance

    def get_object(self):
        if self.kwargs.get("pk") is not None:
            raise PermissionDenied
        return None


class PettyAdvanceDetailView(CommandPageMixin, PettyAdvanceMixin, ObjectDetailView):
    commands = ADVANCE_COMMANDS
    template_name = "finance/pettyadvance_detail.html"
    page_forms = {AdvanceAction.SETTLE: "settle_form"}
    detail_fields = [
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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        advance = self.object
        context["can_change"] = context["can_delete"] = False
        context["entries"] = advance.entries.order_by("date", "id")
        if advance.status == AdvanceStatus.OUTSTANDING and self.access.has(
            "finance.journal.change"
        ):
            context.setdefault(
                "settle_form",
                forms.SettleAdvanceForm(
                    target=advance,
                    access=self.access,
                    initial={"settled_on": timezone.localdate(), "spent": advance.amount},
                ),
            )
        return context


class CashLimitBreachListView(ObjectListView):
    """The history of the cash on hand above its limit (FIN-04): when, how high, what ended it."""

    model = CashLimitBreach
    perm_prefix = "finance.account"
    url_base = "finance:cashlimitbreach"
    page_actions = ("view",)  # written by the postings, never by hand
    related: tuple[str, ...] = ("started_by", "ended_by")
    filterset_class = filtersets.CashLimitBreachFilterSet
    table_class = tables.CashLimitBreachTable


class FinanceSettingsView(AccessMixin, TemplateView):
    """The finance office's settings (the cash on hand limit), the defaults until changed."""

    template_name = "finance/settings.html"
    permission = "finance.account.view"
    title = gettext_lazy("Finance settings")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        settings = cash.settings_for(self.access.community)
        context["settings"] = settings
        context["can_change"] = self.access.has("finance.settings.change")
        context["cash_on_hand"] = cash.cash_on_hand(self.access.community)
        context.setdefault("form", forms.FinanceSettingsForm(instance=settings))
        return context

    def post(self, request):
        if not self.access.has("finance.settings.change"):
            raise PermissionDenied
        form = forms.FinanceSettingsForm(request.POST)
        if form.is_valid():
            try:
                cash.save_settings(
                    community=self.access.community, actor=request.user, **form.cleaned_data
                )
            except DomainError as exc:
                form.add_error(None, str(exc.message))
            else:
                messages.success(request, _("Finance settings saved."))
                return redirect("finance:settings")
        return self.render_to_response(self.get_context_data(form=form), status=400)
