"""The month's ledger, its reconciliation and the month-end close (FIN-02, FIN-06)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wuye.core import pdf  # module attribute: tests replace pdf.render_pdf
from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.core.excel import xlsx_response
from wuye.core.views import AccessMixin, ObjectListView, ScopedObjectMixin

from .. import filtersets, tables
from ..choices import MonthStatus
from ..models import MonthClose
from ..services import closing, developer, ledger


def default_month(today: dt.date) -> dt.date:
    """The month finance works on: the last one, until this one's last day."""
    month = today.replace(day=1)
    return (
        month
        if ledger.next_month(month) - dt.timedelta(days=1) <= today
        else (ledger.previous_month(month))
    )


FIRST_YEAR = 2000  # no service center kept its books here before


def parse_month(text: str | None, today: dt.date) -> dt.date:
    try:
        month = dt.date.fromisoformat(f"{text}-01")
    except (TypeError, ValueError):
        return default_month(today)
    return month if month.year >= FIRST_YEAR else default_month(today)


class MonthMixin(AccessMixin):
    permission = "finance.ledger.view"
    walk_kwargs = {"year": 2026, "month": 11}  # a sample for the isolation walk

    def dispatch(self, request, *args, **kwargs):
        year, month = kwargs.get("year"), kwargs.get("month")
        today = timezone.localdate()
        if year is None:
            self.month = parse_month(request.GET.get("month"), today)
        else:
            try:
                self.month = dt.date(int(year), int(month or 0), 1)
            except (ValueError, OverflowError):
                raise Http404 from None
            if self.month.year < FIRST_YEAR:
                raise Http404
        if self.month > today:
            self.month = today.replace(day=1)
        return super().dispatch(request, *args, **kwargs)

    def month_close(self):
        return (
            MonthClose.objects.for_access(self.access)
            .filter(month=self.month)
            .select_related("closed_by", "reopened_by")
            .first()
        )

    def nav(self) -> dict:
        previous, following = ledger.previous_month(self.month), ledger.next_month(self.month)
        return {
            "month": self.month,
            "month_label": closing.month_label(self.month),
            "previous_month": previous,
            "next_month": following if following <= timezone.localdate() else None,
        }


class LedgerView(MonthMixin, TemplateView):
    """应收/欠收/预收 for one month by fee item and payer kind; the close and the reopening."""

    template_name = "finance/ledger.html"
    title = gettext_lazy("Month ledger")

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "xlsx":
            return self.excel(ledger.ledger(self.access.community, self.month))
        return super().get(request, *args, **kwargs)

    def excel(self, book):
        headers = [
            _("fee item"),
            _("payer"),
            _("opening balance"),
            _("billed in the month"),
            _("waived"),
            _("cancelled"),
            _("collected"),
            _("closing balance"),
        ]
        names = ("opening", *ledger.MOVEMENTS, "closing")
        rows = [[r["fee_item"], r["payer"], *(r[n] for n in names)] for r in book.rows()]
        totals = book.totals()
        rows.append([_("Total"), "", *(totals[n] for n in names)])
        prepaid = book.prepaid
        return xlsx_response(
            f"月度总账-{self.access.community}-{self.month:%Y-%m}",
            [
                (_("Receivable"), headers, rows),
                (
                    _("Arrears and prepaid"),
                    [_("account"), _("opening balance"), _("closing balance")],
                    [
                        [_("Arrears (欠收)"), book.arrears_opening, book.arrears_closing],
                        [_("Prepaid"), prepaid["opening"], prepaid["closing"]],
                    ],
                ),
            ],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        book = ledger.ledger(self.access.community, self.month)
        close = self.month_close()
        is_closed = close is not None and close.status == MonthStatus.CLOSED
        context.update(
            self.nav(),
            book=book,
            rows=book.rows(),
            totals=book.totals(),
            by_payer=book.by_payer(),
            close=close,
            is_closed=is_closed,
            can_close=self.access.has("finance.ledger.close") and not is_closed,
            close_blocker=None
            if is_closed
            else closing.can_close(self.access.community, self.month),
            can_reopen=self.access.has("finance.ledger.reopen") and is_closed,
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        community = self.access.community
        try:
            if action == "close":
                closing.close_month(community=community, month=self.month, actor=request.user)
                messages.success(
                    request,
                    _("%(month)s is closed.") % {"month": closing.month_label(self.month)},
                )
            elif action == "reopen":
                close = self.month_close()
                if close is None:
                    raise DomainError(_("This month is not closed."))
                closing.reopen_month(
                    close, reason=request.POST.get("reason", ""), actor=request.user
                )
                messages.success(
                    request,
                    _("%(month)s is open again.") % {"month": closing.month_label(self.month)},
                )
            else:
                raise DomainError(_("Unknown action."))
        except (DomainError, PermissionDeniedError) as exc:
            messages.error(request, str(exc))
        return redirect(reverse("finance:ledger", args=[self.month.year, self.month.month]))


class ReconciliationView(MonthMixin, TemplateView):
    """对账: every closing figure by the movements and by the records, and what differs."""

    template_name = "finance/reconciliation.html"
    title = gettext_lazy("Reconciliation")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        result = ledger.reconcile(self.access.community, self.month)
        context.update(self.nav(), result=result)
        return context


class MonthCloseMixin(ScopedObjectMixin):
    model = MonthClose
    perm_prefix = "finance.ledger"
    url_base = "finance:monthclose"
    related = ("closed_by", "reopened_by")
    page_actions = ("view",)


class MonthCloseListView(MonthCloseMixin, ObjectListView):
    filterset_class = filtersets.MonthCloseFilterSet
    table_class = tables.MonthCloseTable


class DeveloperAccountView(AccessMixin, TemplateView):
    """开发商往来: what the developer owes for the units it holds, what it paid, aging; the
    statement to send it as Excel or PDF."""

    template_name = "finance/developer_account.html"
    permission = "finance.ledger.view"
    title = gettext_lazy("Developer account")

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("format")
        if fmt in ("xlsx", "pdf"):
            account = developer.developer_account(self.access.community)
            name = f"开发商往来对账单-{self.access.community}-{account['as_of']}"
            if fmt == "xlsx":
                return self.excel(account, name)
            context = {"account": account, "community": self.access.community}
            return pdf.pdf_response(
                pdf.render_pdf("finance/developer_account_pdf.html", context, request=request),
                f"{name}.pdf",
            )
        return super().get(request, *args, **kwargs)

    def excel(self, account, name):
        labels = account["labels"]
        return xlsx_response(
            name,
            [
                (
                    _("Units"),
                    [
                        _("unit"),
                        _("bills"),
                        _("billed"),
                        _("paid"),
                        _("owed"),
                        _("not yet due"),
                        *[_("%(days)s days overdue") % {"days": label} for label in labels],
                    ],
                    [
                        [
                            u["code"],
                            u["bills"],
                            u["billed"],
                            u["paid"],
                            u["owed"],
                            u["not_due"],
                            *u["buckets"],
                        ]
                        for u in account["units"]
                    ],
                ),
                (
                    _("Payments"),
                    [_("date"), _("reference"), _("amount")],
                    [[p["date"], p["reference"], p["amount"]] for p in account["payments"]],
                ),
            ],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["account"] = developer.developer_account(self.access.community)
        return context
