"""Invoice reports (FIN-07): the month's invoiced vs collected, the unit's last buyer, the home
card's count of invoices refused or not answered."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.billing.choices import PaymentPurpose, PaymentStatus
from wuye.billing.models import Allocation, FeeItem, Payment
from wuye.core.money import ZERO, q2

from ..choices import InvoiceKind, InvoiceStatus
from ..models import Invoice, InvoicePayment
from .invoice_rates import Rate, default_rate_none, rates_for
from .invoices import IN_FORCE, settled_by_item


def last_buyer(community: Any, unit: Any) -> dict[str, str]:
    """The buyer of the unit's last invoice, to fill the next request with."""
    last = (
        Invoice.objects.filter(community=community, unit=unit, kind=InvoiceKind.BLUE)
        .order_by("-id")
        .first()
    )
    if last is None:
        return {}
    return {
        "buyer_kind": last.buyer_kind,
        "buyer_name": last.buyer_name,
        "buyer_tax_number": last.buyer_tax_number,
        "invoice_class": last.invoice_class,
        "buyer_address": last.buyer_address,
        "buyer_bank": last.buyer_bank,
        "buyer_email": last.buyer_email,
        "buyer_phone": last.buyer_phone,
    }


@dataclass
class ReconciliationRow:
    fee_item: str
    collected: Decimal = ZERO  # settled on bills by the month's payments still posted
    invoiced: Decimal = ZERO  # … of them on an issued invoice
    pending: Decimal = ZERO  # … on an invoice being issued
    not_invoiced: Decimal = ZERO  # … on none yet
    excluded: Decimal = ZERO  # … of items this service center does not invoice

    def balanced(self) -> bool:
        return self.collected == self.invoiced + self.pending + self.not_invoiced + self.excluded


@dataclass
class InvoiceReconciliation:
    month: dt.date
    rows: list[ReconciliationRow]
    totals: ReconciliationRow
    not_sales: Decimal  # top-ups kept as prepayment and deposits: not invoiced
    issued: dict[str, Any]  # blue invoices issued in the month: count, amount, tax, total
    reversed: dict[str, Any]  # red-letter invoices issued in the month
    net: Decimal
    mismatched: list[Invoice]  # invoices whose lines and payments do not add up alike

    @property
    def balanced(self) -> bool:
        return not self.mismatched and all(row.balanced() for row in self.rows)


def reconcile(community: Any, month: dt.date) -> InvoiceReconciliation:
    """The month's invoiced vs collected: what the month's payments settled, by fee item, split
    into invoiced, being issued, not yet invoiced and not invoiced here; the invoices issued and
    reversed in the month; and every invoice whose lines do not add up to its payments."""
    start = month.replace(day=1)
    end = (start + dt.timedelta(days=32)).replace(day=1)
    payments = Payment.objects.filter(
        community=community,
        business_date__gte=start,
        business_date__lt=end,
        status=PaymentStatus.POSTED,
    )
    status_of = dict(
        InvoicePayment.objects.filter(
            community=community, active=True, payment__in=payments
        ).values_list("payment_id", "invoice__status")
    )
    rates = rates_for(community)
    names = dict(FeeItem.objects.filter(community=community).values_list("pk", "name"))
    rows: dict[int, ReconciliationRow] = {}
    for row in (
        Allocation.objects.filter(payment__in=payments)
        .values("payment_id", "line__fee_item_id")
        .annotate(total=Sum("amount"))
        .order_by()
    ):
        item = row["line__fee_item_id"]
        total = q2(row["total"])
        line = rows.setdefault(item, ReconciliationRow(names.get(item, "")))
        line.collected += total
        status = status_of.get(row["payment_id"])
        if not rates.get(item, default_rate_none()).invoiced:
            line.excluded += total
        elif status == InvoiceStatus.ISSUED:
            line.invoiced += total
        elif status == InvoiceStatus.REQUESTED:
            line.pending += total
        else:
            line.not_invoiced += total
    ordered = [rows[k] for k in sorted(rows, key=lambda k: rows[k].fee_item)]
    totals = ReconciliationRow(str(_("Total")))
    for row_ in ordered:
        for name in ("collected", "invoiced", "pending", "not_invoiced", "excluded"):
            setattr(totals, name, getattr(totals, name) + getattr(row_, name))
    kept = payments.aggregate(
        prepaid=Sum("to_prepayment", filter=Q(purpose=PaymentPurpose.BILLS)),
        top_ups=Sum(
            "amount", filter=Q(purpose__in=[PaymentPurpose.TOP_UP, PaymentPurpose.DEPOSIT])
        ),
    )
    month_invoices = Invoice.objects.filter(
        community=community, issued_on__gte=start, issued_on__lt=end
    )

    def figures(kind: str) -> dict[str, Any]:
        found = month_invoices.filter(kind=kind).aggregate(
            count=Count("id"), amount=Sum("amount"), tax=Sum("tax"), total=Sum("total")
        )
        return {k: (v if k == "count" else q2(v)) for k, v in found.items()}

    issued, red = figures(InvoiceKind.BLUE), figures(InvoiceKind.RED)
    mismatched = _mismatched(month_invoices.filter(kind=InvoiceKind.BLUE), rates)
    return InvoiceReconciliation(
        month=start,
        rows=ordered,
        totals=totals,
        not_sales=q2(kept["prepaid"]) + q2(kept["top_ups"]),
        issued=issued,
        reversed=red,
        net=issued["total"] + red["total"],
        mismatched=mismatched,
    )


def _mismatched(invoices: Any, rates: dict[int, Rate]) -> list[Invoice]:
    """The invoices whose total is not what their payments settle today on the items invoiced
    here — the second way of counting: the payments' own allocations, not the invoice's lines. A
    payment voided after its invoice was issued shows here until the red-letter invoice is."""
    links = list(
        InvoicePayment.objects.filter(
            invoice__in=invoices.filter(status__in=IN_FORCE), active=True
        ).values_list("invoice_id", "payment_id")
    )
    settled: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for row in settled_by_item([payment for _invoice, payment in links]):
        if rates.get(row["line__fee_item_id"], default_rate_none()).invoiced:
            settled[row["payment_id"]] += q2(row["total"])
    by_payments: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for invoice_id, payment_id in links:
        by_payments[invoice_id] += settled[payment_id]
    return [
        invoice
        for invoice in invoices.filter(pk__in=by_payments.keys()).order_by("id")
        if invoice.total != by_payments[invoice.pk]
    ]


def waiting(access: Any) -> dict[str, int]:
    """For the home card: invoices refused or not answered yet (over ten minutes)."""
    if not access.has("finance.invoice.view"):
        return {}
    mine = Invoice.objects.for_access(access)
    stuck = timezone.now() - dt.timedelta(minutes=10)
    return {
        "refused": mine.filter(status=InvoiceStatus.FAILED).count(),
        "stuck": mine.filter(status=InvoiceStatus.REQUESTED, created_at__lt=stuck).count(),
    }
