"""Pages of bills and the owner's statement."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wuye.core import pdf  # module attribute: tests replace pdf.render_pdf
from wuye.core.excel import xlsx_response
from wuye.core.views import (
    AccessMixin,
    BatchAction,
    ObjectDetailView,
    ObjectListView,
    ScopedObjectMixin,
)
from wuye.estate.models import Unit

from .. import dunning, filtersets, forms, reports, tables
from ..choices import BillStatus
from ..models import Bill

# --- Bills ---------------------------------------------------------------------------------------------


class BillMixin(ScopedObjectMixin):
    model = Bill
    perm_prefix = "billing.bill"
    url_base = "billing:bill"
    related = ("unit__building", "space__area", "run")


class BillListView(BillMixin, ObjectListView):
    filterset_class = filtersets.BillFilterSet
    table_class = tables.BillTable
    batch_actions = (
        BatchAction(
            "notices",
            gettext_lazy("Print payment notices"),
            "billing.bill.view",
            icon="ti-printer",
            new_tab=True,
        ),
        BatchAction(
            "remind",
            gettext_lazy("Send SMS reminders"),
            "billing.arrears.dun",
            icon="ti-message",
            confirm=gettext_lazy("Send a reminder SMS to the owners of the ticked bills' units?"),
        ),
    )

    def batch_notices(self, bills):
        """缴费通知单 of the ticked bills, one page per unit or space (BIL-14)."""

        pages = dunning.payment_notices(bills)
        if not pages:
            messages.error(self.request, _("The ticked bills owe nothing: no notice to print."))
            return redirect(self.batch_back)
        context = {
            "pages": pages,
            "community": self.access.community,
            "today": timezone.localdate(),
        }
        name = f"缴费通知单-{timezone.localdate():%Y%m%d}-{len(pages)}份.pdf"
        return pdf.pdf_response(
            pdf.render_pdf("billing/payment_notice_pdf.html", context, request=self.request), name
        )

    def batch_remind(self, bills):
        sent = dunning.remind_bills(bills, actor=self.request.user)
        if sent:
            messages.success(
                self.request, _("%(count)d reminders queued by SMS.") % {"count": sent}
            )
        else:
            messages.warning(
                self.request,
                _(
                    "No reminder sent: the ticked bills owe nothing, or their owners have no mobile number (see the dunning log)."
                ),
            )
        return redirect(self.batch_back)


class BillDetailView(BillMixin, ObjectDetailView):
    template_name = "billing/bill_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lines"] = self.object.lines.select_related("fee_item", "standard", "reading")
        context["waivers"] = self.object.waivers.all()
        if (
            self.access.has("billing.waiver.change")
            and self.object.status == BillStatus.OPEN
            and self.object.outstanding > 0
        ):
            context["waiver_form"] = forms.WaiverForm(target=self.object, access=self.access)
        return context


# --- Unit statement (BIL-16) --------------------------------------------------------------------------


class StatementView(AccessMixin, TemplateView):
    """对账单: a unit's bills, payments, balance and prepayment — page, PDF and Excel."""

    model = Unit  # the record in the URL (the isolation walk reads this)
    template_name = "billing/statement.html"
    permission = "billing.bill.view"
    title = gettext_lazy("Unit statement")

    def get(self, request, *args, **kwargs):
        unit = get_object_or_404(
            Unit.objects.for_access(self.access).select_related("building"), pk=kwargs["pk"]
        )
        data = reports.statement(unit, self.access)
        fmt = request.GET.get("format")
        name = f"对账单-{unit.code}-{data['today']}"
        if fmt == "pdf":
            return pdf.pdf_response(
                pdf.render_pdf("billing/statement_pdf.html", data, request=request), f"{name}.pdf"
            )
        if fmt == "xlsx":
            return xlsx_response(
                name,
                [
                    (
                        _("Bills"),
                        [
                            _("bill number"),
                            _("period from"),
                            _("period until"),
                            _("amount"),
                            _("paid"),
                            _("outstanding"),
                        ],
                        [
                            [b.number, b.period_start, b.period_end, b.total, b.paid, b.outstanding]
                            for b in data["bills"]
                        ],
                    ),
                    (
                        _("Payments"),
                        [
                            _("receipt number"),
                            _("received at"),
                            _("amount"),
                            _("payment method"),
                            _("status"),
                        ],
                        [
                            [
                                getattr(getattr(p, "receipt", None), "number", ""),
                                p.received_at,
                                p.amount,
                                str(p.get_channel_display()),
                                str(p.get_status_display()),
                            ]
                            for p in data["payments"]
                        ],
                    ),
                    (
                        _("Prepayment"),
                        [_("time"), _("kind"), _("amount"), _("note")],
                        [
                            [w.created_at, str(w.get_kind_display()), w.amount, w.note]
                            for w in data["wallet"]
                        ],
                    ),
                ],
            )
        self.data = data
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.data)
        context["title"] = _("Statement of %(unit)s") % {"unit": self.data["unit"]}
        context["breadcrumbs"] = [
            (_("Units"), reverse("estate:unit_list")),
            (str(self.data["unit"]), self.data["unit"].get_absolute_url()),
            (_("Statement"), None),
        ]
        return context
