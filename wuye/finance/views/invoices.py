"""Invoices (FIN-07): the register, asking for one at the counter or in the office, the
red-letter reversal, the month's invoiced vs collected, and the invoicing settings."""

from __future__ import annotations

from typing import Any, cast

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wuye.billing.models import FeeItem, Payment
from wuye.core.commands import CommandPageMixin
from wuye.core.errors import DomainError
from wuye.core.excel import xlsx_response
from wuye.core.views import (
    AccessMixin,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
    StoredFileView,
)
from wuye.estate.forms import UnitField
from wuye.estate.models import Unit, current_owners

from .. import filtersets, forms, tables
from ..choices import InvoiceAction, InvoiceStatus
from ..commands import INVOICE_COMMANDS
from ..models import Invoice
from ..services import invoice_rates, invoice_reports, invoices
from .ledger import MonthMixin


class InvoiceMixin(ScopedObjectMixin):
    model = Invoice
    perm_prefix = "finance.invoice"
    url_base = "finance:invoice"
    related: tuple[str, ...] = ("unit",)
    page_actions = ("view",)


class InvoiceListView(InvoiceMixin, ObjectListView):
    filterset_class = filtersets.InvoiceFilterSet
    table_class = tables.InvoiceTable

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.access.has("finance.invoice.issue"):
            context["add_url"] = reverse("finance:invoice_add")
        return context


class UnitPickForm(django_forms.Form):
    unit = UnitField(label=gettext_lazy("unit"))

    def __init__(self, *args, access=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(UnitField, self.fields["unit"]).queryset = Unit.objects.for_access(access)


class InvoiceRequestView(InvoiceMixin, ObjectEditView):
    """Ask for an invoice: first the unit, then which of its payments not yet invoiced and who
    buys (filled in from the unit's last invoice)."""

    form_class = forms.InvoiceRequestForm
    template_name = "finance/invoice_request.html"
    action = "issue"
    create_service = invoices.request_invoice

    def get_object(self):
        if self.kwargs.get("pk") is not None:
            raise PermissionDenied
        return None

    def picked_unit(self, data):
        """The unit named by ?unit= (its id or code) or ?payment=, or posted with the form."""
        payment = data.get("payment")
        if payment and str(payment).isdigit():
            found = Payment.objects.for_access(self.access).filter(pk=int(payment)).first()
            if found is not None:
                return found.unit
        picker = UnitPickForm({"unit": data.get("unit", "")}, access=self.access)
        return picker.cleaned_data["unit"] if picker.is_valid() else None

    def get_form(self, data=None, files=None):
        self.unit = self.picked_unit(data if data is not None else self.request.GET)
        initial: dict[str, Any] = {}
        if self.unit is not None and data is None:
            owners = current_owners([self.unit.pk]).get(self.unit.pk, [])
            initial.update(
                invoice_reports.last_buyer(self.access, self.unit)
                or {"buyer_name": "、".join(p.name for p in owners)}
            )
            payment = self.request.GET.get("payment")
            if payment and payment.isdigit():
                initial["payments"] = [int(payment)]
        form = self.form_class(data=data, files=files, initial=initial, access=self.access)
        if self.unit is not None:
            self.offered = invoices.uninvoiced_payments(self.access.community, self.unit)
            cast(forms.PaymentsField, form.fields["payments"]).queryset = Payment.objects.filter(
                pk__in=[p.pk for p in self.offered]
            ).select_related("receipt")
        else:
            self.offered = []
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Ask for an invoice")
        context["unit"] = self.unit
        context["offered"] = self.offered
        form = context.get("form")
        chosen = form["payments"].value() if form is not None else None
        context["selected"] = {int(v) for v in chosen or [] if str(v).isdigit()}
        context["picker"] = UnitPickForm(
            initial={"unit": self.unit.code if self.unit else ""}, access=self.access
        )
        context["settings"] = invoice_rates.settings_for(self.access.community)
        return context


class InvoiceDetailView(CommandPageMixin, InvoiceMixin, ObjectDetailView):
    commands = INVOICE_COMMANDS
    template_name = "finance/invoice_detail.html"
    page_forms = {InvoiceAction.REVERSE: "reverse_form"}
    related: tuple[str, ...] = ("unit", "reverses", "replaces", "created_by")
    detail_fields = [
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
        "reason",
        "attempts",
        "error",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        invoice = self.object
        context["can_change"] = context["can_delete"] = False
        context["lines"] = invoice.lines.all()
        source = invoice.reverses or invoice
        context["links"] = source.links.select_related("payment__receipt").order_by("payment_id")
        context["red_letter"] = (
            Invoice.objects.for_access(self.access)
            .filter(reverses=invoice)
            .exclude(status=InvoiceStatus.FAILED)
            .first()
        )
        context["reissued"] = Invoice.objects.filter(replaces=invoice).first()
        context["can_retry"] = self.access.has("finance.invoice.issue") and invoices.retryable(
            invoice
        )
        if self.access.has("finance.invoice.reverse") and invoices.reversible(invoice):
            context.setdefault(
                "reverse_form", forms.ReverseInvoiceForm(target=invoice, access=self.access)
            )
        return context


class InvoiceFileView(StoredFileView):
    """The issued invoice's PDF, to those who may see the invoice."""

    model = Invoice
    field = "file"
    permission = "finance.invoice.view"


class InvoiceReconciliationView(MonthMixin, TemplateView):
    """The month's invoiced vs collected, by fee item; the invoices issued and reversed."""

    template_name = "finance/invoice_reconciliation.html"
    title = gettext_lazy("Invoiced vs collected")
    permission = "finance.invoice.view_all"

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "xlsx":
            return self.excel(invoice_reports.reconcile(self.access.community, self.month))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            self.nav(), result=invoice_reports.reconcile(self.access.community, self.month)
        )
        return context

    def excel(self, result):
        headers = [
            _("fee item"),
            _("settled on bills (核销)"),
            _("invoiced"),
            _("being issued"),
            _("not invoiced yet"),
            _("not invoiced here"),
        ]

        def cells(row):
            return [
                row.fee_item,
                row.collected,
                row.invoiced,
                row.pending,
                row.not_invoiced,
                row.excluded,
            ]

        invoice_headers = [_("kind"), _("count"), _("amount before tax"), _("tax"), _("total")]
        return xlsx_response(
            f"开票与收款对账-{self.access.community}-{self.month:%Y-%m}",
            [
                (
                    _("By fee item"),
                    headers,
                    [*(cells(r) for r in result.rows), cells(result.totals)],
                ),
                (
                    _("Invoices of the month"),
                    invoice_headers,
                    [
                        [_("Blue invoices issued"), *result.issued.values()],
                        [_("Red-letter invoices"), *result.reversed.values()],
                    ],
                ),
            ],
        )


class InvoiceSettingsView(AccessMixin, TemplateView):
    """Who sells, and how each fee item goes on an invoice (its rate)."""

    template_name = "finance/invoice_settings.html"
    permission = "finance.invoice.view_all"
    title = gettext_lazy("Invoicing settings")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        community = self.access.community
        settings = invoice_rates.settings_for(community)
        context["settings"] = settings
        context["can_change"] = self.access.has("finance.invoice.settings")
        context.setdefault("form", forms.InvoiceSettingsForm(instance=settings))
        rates = invoice_rates.rates_for(community)
        context["items"] = [
            (item, rates[item.pk]) for item in FeeItem.objects.filter(community=community)
        ]
        return context

    def post(self, request):
        if not self.access.has("finance.invoice.settings"):
            raise PermissionDenied
        form = forms.InvoiceSettingsForm(request.POST)
        if form.is_valid():
            try:
                invoice_rates.save_settings(
                    community=self.access.community, actor=request.user, **form.cleaned_data
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            else:
                messages.success(request, _("Invoicing settings saved."))
                return redirect("finance:invoice_settings")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class InvoiceRateView(AccessMixin, TemplateView):
    """One fee item's tax rate on invoices."""

    template_name = "finance/invoice_rate.html"
    permission = "finance.invoice.view_all"  # a reader sees it; saving needs the settings
    title = gettext_lazy("Invoice tax rate")
    model = FeeItem  # the isolation walk: the URL's id names a fee item

    def fee_item(self):
        return get_object_or_404(FeeItem.objects.for_access(self.access), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.fee_item()
        rate = invoice_rates.rates_for(self.access.community).get(item.pk)
        if rate is None:
            raise Http404
        context["item"] = item
        context["can_change"] = self.access.has("finance.invoice.settings")
        context.setdefault(
            "form",
            forms.InvoiceRateForm(
                initial={
                    "rate": str(rate.rate),
                    "simplified": rate.simplified,
                    "tax_code": rate.tax_code,
                    "invoiced": rate.invoiced,
                },
                access=self.access,
            ),
        )
        return context

    def post(self, request, pk):
        item = self.fee_item()
        if not self.access.has("finance.invoice.settings"):
            raise PermissionDenied
        form = forms.InvoiceRateForm(request.POST, access=self.access)
        if form.is_valid():
            try:
                invoice_rates.save_rate(item, actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            else:
                messages.success(request, _("Tax rate of %(item)s saved.") % {"item": item.name})
                return redirect("finance:invoice_settings")
        return self.render_to_response(self.get_context_data(form=form), status=400)
