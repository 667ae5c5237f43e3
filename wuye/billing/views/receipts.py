"""Pages of payments and receipts (the printed receipt's content is `billing.receipts`)."""

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import pdf  # module attribute: tests replace pdf.render_pdf
from wuye.core.commands import CommandMixin
from wuye.core.views import ObjectDetailView, ObjectListView, ScopedObjectMixin

from .. import filtersets, forms, tables
from ..choices import PaymentStatus
from ..commands import PAYMENT_COMMANDS
from ..links import payment_links
from ..models import Payment, Receipt
from ..receipts import receipt_context
from ..services.counter import mark_printed


class PaymentMixin(ScopedObjectMixin):
    model = Payment
    perm_prefix = "billing.payment"
    url_base = "billing:payment"
    related = ("unit__building", "cashier", "receipt")


class PaymentListView(PaymentMixin, ObjectListView):
    filterset_class = filtersets.PaymentFilterSet
    table_class = tables.PaymentTable

    page_actions = ("view",)


class PaymentDetailView(CommandMixin, PaymentMixin, ObjectDetailView):
    commands = PAYMENT_COMMANDS
    template_name = "billing/payment_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        payment = self.object
        context["allocations"] = payment.allocations.select_related("bill", "line__fee_item")
        same_day_own = (
            payment.cashier_id == self.request.user.pk
            and payment.business_date == timezone.localdate()
        )
        context["can_void"] = payment.status == PaymentStatus.POSTED and (
            (same_day_own and self.access.has("billing.payment.void"))
            or self.access.has("billing.payment.void_any")
        )
        context["void_form"] = forms.VoidForm()
        context["extra_links"] = payment_links(self.access, payment)
        context["void_question"] = _("Void receipt %(number)s, amount %(amount)s yuan?") % {
            "number": payment.display_number,
            "amount": f"{payment.amount:,.2f}",
        }
        return context

    def post(self, request, pk):
        return self.run_command(request, self.get_object())


class ReceiptMixin(ScopedObjectMixin):
    model = Receipt
    perm_prefix = "billing.payment"
    url_base = "billing:receipt"
    related = ("payment__unit__building", "payment__cashier", "community__company")

    def list_crumb(self):
        return (_("Payments and receipts"), reverse("billing:payment_list"))

    page_actions = ("view",)


class ReceiptDetailView(ReceiptMixin, ObjectDetailView):
    """The receipt on screen: print it (the first print is the original, later ones 副本) or
    preview the PDF (stamped 预览, counts nothing)."""

    template_name = "billing/receipt_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(receipt_context(self.object))
        context["can_print"] = self.access.has("billing.payment.change")
        return context


class ReceiptPdfView(ReceiptMixin, ObjectDetailView):
    """The receipt as PDF (A4 half page or 80 mm thermal). Reading is not printing:

    * GET without a print link is a preview, stamped 预览 (“not a proof of payment”), and
      changes nothing — opening it never turns the owner's original into a 副本;
    * POST is the print: `mark_printed` counts it (the first is the original, every later one a
      copy, 副本) and the browser is sent to a signed, short-lived link of exactly that print, so
      the PDF viewer can fetch it again (download, print) without counting again.
    """

    PRINT_SALT = "billing.receipt-print"
    PRINT_LINK_AGE = 15 * 60  # seconds

    def size(self, source):
        return "thermal" if source.get("size") == "thermal" else "half"

    def get(self, request, *args, **kwargs):

        receipt = self.get_object()
        copy, preview = False, True
        token = request.GET.get("print")
        if token:
            try:
                printed = signing.loads(token, salt=self.PRINT_SALT, max_age=self.PRINT_LINK_AGE)
            except signing.BadSignature:
                printed = None
            if printed and printed.get("r") == receipt.pk:
                copy, preview = bool(printed.get("c")), False
        return self.render_pdf(receipt, self.size(request.GET), copy=copy, preview=preview)

    def post(self, request, *args, **kwargs):

        if not self.access.has("billing.payment.change"):
            raise PermissionDenied
        receipt = self.get_object()
        copy = mark_printed(receipt, actor=request.user)
        token = signing.dumps({"r": receipt.pk, "c": copy}, salt=self.PRINT_SALT)
        url = reverse("billing:receipt_pdf", args=[receipt.pk])
        return redirect(f"{url}?size={self.size(request.POST)}&print={token}")

    def render_pdf(self, receipt, size, *, copy, preview):
        context = {
            **receipt_context(receipt, copy=copy, preview=preview),
            "size": size,
            "community": receipt.community,
        }
        data = pdf.render_pdf("billing/receipt_pdf.html", context, request=self.request)
        suffix = "-预览" if preview else ("-副本" if copy else "")
        return pdf.pdf_response(data, f"收据-{receipt.number}{suffix}.pdf")
