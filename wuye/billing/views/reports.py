"""Report pages: the daily report, collection rates, arrears statistics."""

import datetime as dt
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wuye.core import pdf  # module attribute: tests replace pdf.render_pdf
from wuye.core.excel import xlsx_response
from wuye.core.views import AccessMixin

from .. import reports
from ..models import ArrearsSnapshot
from ..services.arrears import take_arrears_snapshot


class DailyReportView(AccessMixin, TemplateView):
    """收费日报: one day's collections by cashier, channel and fee item; page, Excel, PDF."""

    template_name = "billing/daily_report.html"
    permission = "billing.closing.view"
    title = gettext_lazy("Daily collection report")

    def report(self):

        try:
            day = dt.date.fromisoformat(self.request.GET.get("date", ""))
        except ValueError:
            day = timezone.localdate()
        return reports.daily_report(self.access, day)

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("format")
        if fmt in ("xlsx", "pdf"):
            data = self.report()
            name = f"收费日报-{self.access.community}-{data['day']}"
            if fmt == "xlsx":
                return xlsx_response(
                    name,
                    [
                        (
                            _("By cashier and channel"),
                            [_("cashier"), _("payment method"), _("payments"), _("amount")],
                            [
                                [r["cashier"], str(r["channel"]), r["count"], r["total"]]
                                for r in data["by_cashier"]
                            ],
                        ),
                        (
                            _("By fee item"),
                            [_("fee item"), _("amount")],
                            [[r["item"], r["total"]] for r in data["by_item"]]
                            + [[str(_("kept as prepayment")), data["prepaid"]]],
                        ),
                        (
                            _("Daily closings"),
                            [
                                _("cashier"),
                                _("refunds paid out in cash"),
                                _("cash by the system"),
                                _("cash counted"),
                                _("difference"),
                                _("status"),
                            ],
                            [
                                [
                                    str(c.cashier),
                                    c.cash_paid_out,
                                    c.system_cash,
                                    c.counted_cash,
                                    c.difference,
                                    str(c.get_status_display()),
                                ]
                                for c in data["closings"]
                            ],
                        ),
                    ],
                )

            return pdf.pdf_response(
                pdf.render_pdf("billing/daily_report_pdf.html", data, request=request),
                f"{name}.pdf",
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.report())
        return context


class CollectionRateView(AccessMixin, TemplateView):
    template_name = "billing/collection_rates.html"
    permission = "billing.arrears.view"
    title = gettext_lazy("Collection rates")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        try:
            period = dt.date.fromisoformat(f"{self.request.GET.get('period')}-01")
        except ValueError:
            # The latest month billed: this month before its bills are issued shows nothing.
            period = reports.latest_billed_period(self.access.community, today) or today.replace(
                day=1
            )
        group = (
            self.request.GET.get("group")
            if self.request.GET.get("group") in ("building", "zone", "fee_item")
            else None
        )
        context.update(
            period=period,
            group=group,
            rows=reports.collection_rates(self.access.community, period, group_by=group),
            total=reports.collection_rates(self.access.community, period)[0] if group else None,
        )
        return context


class ArrearsSnapshotView(AccessMixin, TemplateView):
    """Arrears month by month (kept on each month's last day); the month's figure can be taken now."""

    template_name = "billing/arrears_snapshots.html"
    permission = "billing.arrears.view"
    title = gettext_lazy("Arrears by month")

    def get(self, request, *args, **kwargs):
        self.snapshots = list(ArrearsSnapshot.objects.for_access(self.access)[:36])
        self.labels = [b["label"] for b in self.snapshots[0].buckets] if self.snapshots else []
        if request.GET.get("format") == "xlsx":
            return xlsx_response(
                f"欠费月度统计-{self.access.community}",
                [
                    (
                        _("Arrears by month"),
                        [
                            _("month"),
                            _("as of"),
                            _("units owing"),
                            _("overdue bills"),
                            *self.labels,
                            _("total"),
                        ],
                        [
                            [
                                f"{s.month:%Y-%m}",
                                s.as_of,
                                s.units,
                                s.bills,
                                *[Decimal(b["amount"]) for b in s.buckets],
                                s.total,
                            ]
                            for s in self.snapshots
                        ],
                    )
                ],
            )
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.access.has("billing.run.change"):
            raise PermissionDenied
        snapshot = take_arrears_snapshot(self.access.community, actor=request.user)
        messages.success(
            request,
            _("Arrears of %(month)s kept: %(total)s yuan.")
            % {"month": f"{snapshot.month:%Y-%m}", "total": snapshot.total},
        )
        return redirect("billing:arrears_snapshots")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Newest first: each month's change against the month before it (the next row).
        earlier = [s.total for s in self.snapshots[1:]] + [None]
        context.update(
            rows=[
                (s, None if before is None else s.total - before)
                for s, before in zip(self.snapshots, earlier, strict=False)
            ],
            labels=self.labels,
            can_take=self.access.has("billing.run.change"),
        )
        return context
