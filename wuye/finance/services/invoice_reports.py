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
from wuye.estate.choices import RelationRole
from wuye.estate.models import UnitRelation

from ..choices import InvoiceKind, InvoiceStatus
from ..models import Invoice, InvoiceLine, InvoicePayment
from .invoice_rates import NOT_INVOICED, rates_for
from .invoices import IN_FORCE, settled_by_item


def last_buyer(access: Any, unit: Any) -> dict[str, str]:
    """The buyer of the unit's last issued invoice the caller may see, to fill the next request
    with — none from before the current owner's day (a sold unit's buyer was someone else)."""
    invoices = Invoice.objects.for_access(access).filter(
        unit=unit, kind=InvoiceKind.BLUE, status=InvoiceStatus.ISSUED
    )
    since = (
        UnitRelation.objects.filter(unit=unit, role=RelationRole.OWNER)
        .current()
        .order_by("start_date")
        .values_list("start_date", flat=True)
        .first()
    )
    if since is not None:
        invoices = invoices.filter(issued_on__gte=since)
    last = invoices.order_by("-id").first()
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
    # A payment on an invoice in force: its items are those on the invoice's lines (not today's
    # rates, which finance may have changed since).
    invoice_of = {
        payment: (invoice, status)
        for payment, invoice, status in InvoicePayment.objects.filter(
            community=community, active=True, payment__in=payments
        ).values_list("payment_id", "invoice_id", "invoice__status")
    }
    items_of = invoice_items({invoice for invoice, _status in invoice_of.values()})
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
        invoice, status = invoice_of.get(row["payment_id"], (None, None))
        if invoice is not None:
            if item not in items_of[invoice]:
                line.excluded += total
            elif status == InvoiceStatus.ISSUED:
                line.invoiced += total
            else:
                line.pending += total
        elif not rates.get(item, NOT_INVOICED).invoiced:
            line.excluded += total
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
    mismatched = _mismatched(month_invoices.filter(kind=InvoiceKind.BLUE))
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


def invoice_items(invoice_ids: Any) -> dict[int, set[int]]:
    """The fee items on each invoice's lines."""
    items: dict[int, set[int]] = defaultdict(set)
    for invoice, item in InvoiceLine.objects.filter(invoice_id__in=invoice_ids).values_list(
        "invoice_id", "fee_item_id"
    ):
        items[invoice].add(item)
    return items


def _mismatched(invoices: Any) -> list[Invoice]:
    """The invoices whose total is not what their payments settle today on the invoice's own fee
    items — the second way of counting: the payments' allocations, not the invoice's lines. A
    payment voided after its invoice was issued shows here until the red-letter invoice is."""
    links = list(
        InvoicePayment.objects.filter(
            invoice__in=invoices.filter(status__in=IN_FORCE), active=True
        ).values_list("invoice_id", "payment_id")
    )
    invoice_of = {payment: invoice for invoice, payment in links}
    items_of = invoice_items({invoice for invoice, _payment in links})
    by_payments: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for row in settled_by_item(list(invoice_of)):
        invoice = invoice_of[row["payment_id"]]
        if row["line__fee_item_id"] in items_of[invoice]:
            by_payments[invoice] += q2(row["total"])
    return [
        invoice
        for invoice in invoices.filter(pk__in={i for i, _p in links}).order_by("id")
        if invoice.total != by_payments[invoice.pk]
    ]


def waiting(access: Any) -> dict[str, int]:
    """For the home card: invoices refused or not answered yet (over ten minutes)."""
    if not access.has("finance.invoice.view"):
        return {}
    mine = Invoice.objects.for_access(access)
    stuck = timezone.now() - dt.timedelta(minutes=10)
    invoiced = InvoicePayment.objects.filter(active=True).values("payment_id")
    # Refused and not answered since: a blue one none of whose payments has been invoiced
    # again, a red-letter one whose blue invoice no other red-letter invoice is reversing.
    refused = mine.filter(status=InvoiceStatus.FAILED).filter(
        Q(kind=InvoiceKind.BLUE) & ~Q(links__payment__in=invoiced)
        | Q(kind=InvoiceKind.RED, reverses__status=InvoiceStatus.ISSUED)
        & ~Q(reverses__red_letters__status__in=IN_FORCE)
    )
    return {
        "refused": refused.distinct().count(),
        "stuck": mine.filter(status=InvoiceStatus.REQUESTED, created_at__lt=stuck).count(),
    }
