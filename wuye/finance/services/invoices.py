"""Invoices 发票 (FIN-07): requested for the counter's payments, issued through the provider,
reversed by red-letter invoices, reconciled with what was collected.

The rules, as the finance office states them:

- What is invoiced is what a payment settled on bills (核销), by fee item. A prepayment top-up
  and a deposit are not sales: a top-up is invoiced when it settles a bill (the offset payment),
  a deposit never. A fee item the service center does not invoice itself (a utility that
  invoices the resident) is left out.
- A payment is invoiced whole, on at most one invoice in force (the database refuses a second).
  Partial invoicing means choosing which of a unit's payments to invoice now; the rest stays
  "not invoiced" in the month's reconciliation until asked for.
- Merged invoicing: several payments of one unit, none of them voided or invoiced, go on one
  invoice with one buyer; their amounts are summed per fee item and tax rate, and the line says
  the months it covers.
- Each line's tax is worked out from its total with tax: amount = total ÷ (1 + rate), to the fen,
  half up; tax = total − amount. Amount and tax of the invoice are the sums of its lines, so
  they add up to the money received exactly.
- A company buyer gives its unified social credit code (checked by its check digit); a VAT
  special invoice is only for a company. An individual gives a name.
- An invoice is never deleted or changed. A wrong one is reversed in full by a red-letter invoice
  (红字发票), and its payments can then be invoiced again. Voiding a payment reverses its
  invoice by itself; the invoice's other payments are invoiced again at once, to the same buyer.
- The provider is asked after the request is saved (a task); a timeout keeps the request and asks
  again with the same serial — a lost answer never makes two invoices.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.billing.choices import PaymentPurpose, PaymentStatus
from wuye.billing.models import Allocation, FeeItem, Payment
from wuye.core.access import require
from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.core.jobs import enqueue_on_commit
from wuye.core.money import ZERO, q2
from wuye.core.notifications import notify_users
from wuye.core.numbering import next_number
from wuye.org.models import User, post_holders

from .. import invoicing
from ..choices import BuyerKind, InvoiceClass, InvoiceKind, InvoiceStatus
from ..models import Invoice, InvoiceLine, InvoicePayment
from .invoice_rates import (
    NOT_INVOICED,
    Rate,
    clean_tax_number,
    rates_for,
    settings_for,
    split_tax,
)

CENT = Decimal("0.01")
MAX_PAYMENTS = 50  # payments on one invoice
INVOICED_PURPOSES = (PaymentPurpose.BILLS, PaymentPurpose.OFFSET)
IN_FORCE = (InvoiceStatus.REQUESTED, InvoiceStatus.ISSUED)
FINANCE_POSTS = ("FIN",)  # told when a request made by the system is refused
logger = logging.getLogger(__name__)
NO_SETTINGS = "请先在“开票设置”中填写销售方名称和纳税人识别号。"


# --- What can be invoiced ----------------------------------------------------------------------


def invoiced_payment_ids(payment_ids: Any) -> set[int]:
    return set(
        InvoicePayment.objects.filter(payment_id__in=payment_ids, active=True).values_list(
            "payment_id", flat=True
        )
    )


def settled_by_item(payment_ids: list[int]) -> list[dict[str, Any]]:
    """Per payment and fee item: what it settled on bills (net of any reversal), in one query."""
    return [
        dict(row)
        for row in Allocation.objects.filter(payment_id__in=payment_ids)
        .values("payment_id", "line__fee_item_id")
        .annotate(total=Sum("amount"))
        .order_by("payment_id", "line__fee_item_id")
    ]


def uninvoiced_payments(community: Any, unit: Any) -> list[Payment]:
    """A unit's posted payments that settled bills and have no invoice in force, newest first."""
    payments = list(
        Payment.objects.filter(
            community=community,
            unit=unit,
            status=PaymentStatus.POSTED,
            purpose__in=INVOICED_PURPOSES,
        )
        .exclude(pk__in=InvoicePayment.objects.filter(active=True).values("payment_id"))
        .select_related("receipt")
        .order_by("-received_at", "-id")[:100]
    )
    rates = rates_for(community)
    amounts: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for row in settled_by_item([p.pk for p in payments]):
        if rates.get(row["line__fee_item_id"], NOT_INVOICED).invoiced:
            amounts[row["payment_id"]] += q2(row["total"])
    for payment in payments:
        payment.invoiceable = amounts[payment.pk]  # type: ignore[attr-defined]
    return [p for p in payments if p.invoiceable > 0]  # type: ignore[attr-defined]


@dataclass
class DraftLine:
    fee_item_id: int
    name: str
    rate: Rate
    period_from: dt.date
    period_to: dt.date
    total: Decimal = ZERO


def _month_after(day: dt.date) -> dt.date:
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def draft_lines(
    community: Any, payment_ids: list[int]
) -> tuple[list[DraftLine], dict[int, Decimal]]:
    """The invoice's lines and each payment's invoiced amount. A line is one fee item at one
    rate over months that follow each other: January and June paid together are two lines, so
    no line claims the months between."""
    rates = rates_for(community)
    names = dict(FeeItem.objects.filter(community=community).values_list("pk", "name"))
    months: dict[int, dict[tuple[dt.date, dt.date], Decimal]] = defaultdict(
        lambda: defaultdict(lambda: ZERO)
    )
    per_payment: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for row in (
        Allocation.objects.filter(payment_id__in=payment_ids)
        .values("payment_id", "line__fee_item_id", "line__period", "line__period_end")
        .annotate(total=Sum("amount"))
        .order_by()
    ):
        item = row["line__fee_item_id"]
        total = q2(row["total"])
        if not rates.get(item, NOT_INVOICED).invoiced or total == 0:
            continue
        months[item][(row["line__period"], row["line__period_end"])] += total
        per_payment[row["payment_id"]] += total
    lines: list[DraftLine] = []
    for item in sorted(months, key=lambda pk: names[pk]):
        run: DraftLine | None = None
        for (first, last), total in sorted(months[item].items()):
            if run is not None and first <= _month_after(run.period_to):
                run.period_to = max(run.period_to, last)
                run.total += total
                continue
            run = DraftLine(item, names[item], rates[item], first, last, total)
            lines.append(run)
    return [line for line in lines if line.total > 0], dict(per_payment)


# --- Requesting a blue invoice -----------------------------------------------------------------


def _clean_buyer(
    buyer_kind: str,
    buyer_name: str,
    buyer_tax_number: str,
    invoice_class: str,
    buyer_phone: str,
) -> tuple[str, str, str]:
    name = (buyer_name or "").strip()
    if not name:
        raise DomainError(_("Give the buyer's name (抬头)."), field="buyer_name")
    number = ""
    if buyer_kind == BuyerKind.COMPANY:
        if not (buyer_tax_number or "").strip():
            raise DomainError(
                _("A company buyer gives its unified social credit code."),
                field="buyer_tax_number",
            )
        number = clean_tax_number(buyer_tax_number, "buyer_tax_number")
    elif (buyer_tax_number or "").strip():
        number = clean_tax_number(buyer_tax_number, "buyer_tax_number")
    if invoice_class == InvoiceClass.SPECIAL and buyer_kind != BuyerKind.COMPANY:
        raise DomainError(
            _("A VAT special invoice is issued only to a company."), field="invoice_class"
        )
    phone = (buyer_phone or "").strip()
    if phone and not re.fullmatch(r"1\d{10}", phone):
        raise DomainError(_("A mobile number is 11 digits starting with 1."), field="buyer_phone")
    return name, number, phone


@transaction.atomic
def request_invoice(
    *,
    community: Any,
    actor: User,
    payments: Any,
    buyer_name: str,
    buyer_kind: str = BuyerKind.PERSON,
    buyer_tax_number: str = "",
    invoice_class: str = InvoiceClass.ORDINARY,
    buyer_address: str = "",
    buyer_bank: str = "",
    buyer_email: str = "",
    buyer_phone: str = "",
) -> Invoice:
    """Ask for a blue invoice for `payments` (one unit's); issued by a task once saved."""
    require(actor, community, "finance.invoice.issue", _("You may not request invoices."))
    return _request(
        community=community,
        actor=actor,
        payments=payments,
        buyer_name=buyer_name,
        buyer_kind=buyer_kind,
        buyer_tax_number=buyer_tax_number,
        invoice_class=invoice_class,
        buyer_address=buyer_address,
        buyer_bank=buyer_bank,
        buyer_email=buyer_email,
        buyer_phone=buyer_phone,
    )


def _request(
    *,
    community: Any,
    actor: User | None,
    payments: Any,
    buyer_name: str,
    buyer_kind: str,
    buyer_tax_number: str,
    invoice_class: str,
    buyer_address: str,
    buyer_bank: str,
    buyer_email: str,
    buyer_phone: str,
    replaces: Invoice | None = None,
) -> Invoice:
    if settings_for(community) is None:
        raise DomainError(NO_SETTINGS)
    name, number, phone = _clean_buyer(
        buyer_kind, buyer_name, buyer_tax_number, invoice_class, buyer_phone
    )
    ids = sorted({p.pk for p in payments})
    if not ids:
        raise DomainError(_("Choose the payments to invoice."), field="payments")
    if len(ids) > MAX_PAYMENTS:
        raise DomainError(
            _("One invoice covers at most %(n)d payments.") % {"n": MAX_PAYMENTS},
            field="payments",
        )
    # The payments are locked (in id order) so a void, or a second request, waits for this one.
    locked = list(
        Payment.objects.select_for_update(of=("self",))
        .filter(pk__in=ids, community=community)
        .select_related("receipt")
        .order_by("pk")
    )
    if len(locked) != len(ids):
        raise DomainError(_("Choose payments of this service center."), field="payments")
    if len({p.unit_id for p in locked}) > 1:
        raise DomainError(
            _("Payments of one unit go on one invoice; invoice each unit's separately."),
            field="payments",
        )
    for payment in locked:
        if payment.status != PaymentStatus.POSTED:
            raise DomainError(
                _("Payment %(number)s has been voided: it is not invoiced.")
                % {"number": payment.display_number},
                field="payments",
            )
        if payment.purpose not in INVOICED_PURPOSES:
            raise DomainError(
                _(
                    "Payment %(number)s is a prepayment top-up or a deposit, not a sale: a top-up "
                    "is invoiced when it settles bills, a deposit never."
                )
                % {"number": payment.display_number},
                field="payments",
            )
    taken = invoiced_payment_ids(ids)
    if taken:
        numbers = "、".join(p.display_number for p in locked if p.pk in taken)
        raise DomainError(
            _("Already invoiced: %(numbers)s.") % {"numbers": numbers}, field="payments"
        )
    drafts, per_payment = draft_lines(community, ids)
    empty = [p.display_number for p in locked if per_payment.get(p.pk, ZERO) <= 0]
    if empty:
        raise DomainError(
            _("Nothing of payment %(numbers)s is invoiced here (a deposit, or items not invoiced).")
            % {"numbers": "、".join(empty)},
            field="payments",
        )
    invoice = Invoice(
        community=community,
        serial=next_number(community, "finance.invoice", prefix="FP", width=6),
        kind=InvoiceKind.BLUE,
        invoice_class=InvoiceClass(invoice_class),
        unit_id=locked[0].unit_id,
        buyer_kind=BuyerKind(buyer_kind),
        buyer_name=name,
        buyer_tax_number=number,
        buyer_address=(buyer_address or "").strip(),
        buyer_bank=(buyer_bank or "").strip(),
        buyer_email=(buyer_email or "").strip(),
        buyer_phone=phone,
        replaces=replaces,
        created_by=actor,
    )
    lines = []
    for draft in drafts:
        amount, tax = split_tax(draft.total, draft.rate.rate)
        lines.append(
            InvoiceLine(
                community=community,
                fee_item_id=draft.fee_item_id,
                name=draft.name,
                tax_code=draft.rate.tax_code,
                rate=draft.rate.rate,
                simplified=draft.rate.simplified,
                period_from=draft.period_from,
                period_to=draft.period_to,
                amount=amount,
                tax=tax,
                total=draft.total,
                created_by=actor,
            )
        )
    invoice.amount = sum((line.amount for line in lines), ZERO)
    invoice.tax = sum((line.tax for line in lines), ZERO)
    invoice.total = sum((line.total for line in lines), ZERO)
    invoice.save()
    for line in lines:
        line.invoice = invoice
    InvoiceLine.objects.bulk_create(lines)
    try:
        with transaction.atomic():
            InvoicePayment.objects.bulk_create(
                InvoicePayment(
                    community=community,
                    invoice=invoice,
                    payment_id=pk,
                    amount=per_payment[pk],
                    created_by=actor,
                )
                for pk in ids
            )
    except IntegrityError:  # invoiced at the same moment by another request
        raise DomainError(_("These payments have just been invoiced."), field="payments") from None
    record_event(
        verb="invoice.requested",
        actor=actor,
        community=community,
        target=invoice,
        message=_("Invoice requested for %(total)s") % {"total": invoice.total},
    )
    _send_after_commit(invoice)
    return invoice


def _send_after_commit(invoice: Invoice) -> None:
    from ..tasks import issue_invoice  # tasks import this module

    enqueue_on_commit(issue_invoice, invoice.pk)


# --- Asking the provider -----------------------------------------------------------------------


def build_request(invoice: Invoice) -> invoicing.InvoiceRequest:
    settings = settings_for(invoice.community)
    if settings is None:
        raise invoicing.InvoiceRefused(NO_SETTINGS)
    blue = invoice.reverses
    source = blue or invoice
    numbers = [
        link.payment.display_number
        for link in source.links.select_related("payment__receipt").order_by("payment_id")
    ]
    # The note (备注) stays short: providers take a couple of hundred characters.
    receipts = "、".join(numbers[:8]) + (f" 等{len(numbers)}张" if len(numbers) > 8 else "")
    actor = invoice.created_by
    return invoicing.InvoiceRequest(
        serial=invoice.serial,
        red=invoice.is_red,
        invoice_class=invoice.invoice_class,
        seller_name=settings.seller_name,
        seller_tax_number=settings.seller_tax_number,
        seller_address=settings.seller_address,
        seller_bank=settings.seller_bank,
        buyer_name=source.buyer_name,
        buyer_tax_number=source.buyer_tax_number,
        buyer_address=source.buyer_address,
        buyer_bank=source.buyer_bank,
        buyer_email=source.buyer_email,
        buyer_phone=source.buyer_phone,
        lines=tuple(
            invoicing.RequestLine(
                name=line.name,
                tax_code=line.tax_code,
                rate=line.rate,
                simplified=line.simplified,
                period_from=line.period_from,
                period_to=line.period_to,
                amount=line.amount,
                tax=line.tax,
                total=line.total,
            )
            for line in invoice.lines.all()
        ),
        amount=invoice.amount,
        tax=invoice.tax,
        total=invoice.total,
        drawer=(actor.get_full_name() or actor.username) if actor else "系统",
        note=f"{invoice.unit.code} 收据 {receipts}",
        reverses_number=blue.number if blue else "",
        reason=invoice.reason,
    )


def send(invoice_id: int) -> str:
    """Ask the provider for one requested invoice (the task's body); returns its status.

    The invoice row is locked while asking, so two workers never ask at once; the provider is
    idempotent on the serial besides. Anything that goes wrong other than an answer (a bug, the
    file store, the database) leaves the request to be asked again, as a timeout does."""
    try:
        return _send(invoice_id)
    except Exception as exc:
        logger.exception("invoice %s: asking the provider failed", invoice_id)
        Invoice.objects.filter(pk=invoice_id, status=InvoiceStatus.REQUESTED).update(
            attempts=F("attempts") + 1,
            error=(_("Not sent: %(error)s") % {"error": exc})[:300],
            updated_at=timezone.now(),
        )
        return InvoiceStatus.REQUESTED


def _send(invoice_id: int) -> str:
    with transaction.atomic():
        invoice = (
            Invoice.objects.select_for_update(of=("self",))
            .select_related("community", "unit", "created_by", "reverses")
            .filter(pk=invoice_id)
            .first()
        )
        if invoice is None or invoice.status != InvoiceStatus.REQUESTED:
            return invoice.status if invoice else ""
        invoice.attempts += 1
        try:
            issued = invoicing.get_backend().issue(build_request(invoice))
        except invoicing.InvoiceTimeout as exc:
            invoice.error = (str(exc) or _("The tax system did not answer."))[:300]
            invoice.save(update_fields=["attempts", "error", "updated_at"])
            return invoice.status
        except invoicing.InvoiceRefused as exc:
            _refused(invoice, str(exc))
            return invoice.status
        invoice.number = issued.number
        invoice.issued_on = issued.issued_on
        invoice.status = InvoiceStatus.ISSUED
        invoice.error = ""
        invoice.file.save(issued.file_name, ContentFile(issued.content), save=False)
        invoice.save()
        record_event(
            verb="invoice.issued",
            actor=None,
            community=invoice.community,
            target=invoice,
            message=invoice.number,
        )
        if invoice.is_red:
            _reversed(invoice)
        return invoice.status


def _refused(invoice: Invoice, message: str) -> None:
    invoice.status = InvoiceStatus.FAILED
    invoice.error = (message or _("The tax system refused the request."))[:300]
    invoice.save(update_fields=["status", "attempts", "error", "updated_at"])
    if not invoice.is_red:
        invoice.links.update(active=False)  # its payments can be invoiced again
    record_event(
        verb="invoice.refused",
        actor=None,
        community=invoice.community,
        target=invoice,
        message=invoice.error,
    )
    # Whoever asked; a red-letter invoice made by a void, finance.
    people = [invoice.created_by] if invoice.created_by_id else []
    notify_users(
        invoice.community,
        people or post_holders(invoice.community, FINANCE_POSTS),
        _("Invoice %(serial)s was refused: %(error)s")
        % {"serial": invoice.serial, "error": invoice.error},
        invoice.get_absolute_url(),
    )


def _reversed(red: Invoice) -> None:
    """A red-letter invoice was issued: its blue one is reversed, its payments released, and
    (after a void) those still posted invoiced again to the same buyer."""
    assert red.reverses_id is not None  # a red-letter invoice always reverses one
    blue = Invoice.objects.select_for_update().get(pk=red.reverses_id)
    blue.status = InvoiceStatus.REVERSED
    blue.save(update_fields=["status", "updated_at"])
    links = list(blue.links.filter(active=True).select_related("payment"))
    blue.links.update(active=False)
    if not red.reissue_rest:
        return
    rest = [link.payment for link in links if link.payment.status == PaymentStatus.POSTED]
    if not rest:
        return
    try:
        with transaction.atomic():  # a payment with nothing left to invoice leaves the rest
            _request(
                community=blue.community,
                actor=blue.created_by,
                payments=rest,
                buyer_name=blue.buyer_name,
                buyer_kind=blue.buyer_kind,
                buyer_tax_number=blue.buyer_tax_number,
                invoice_class=blue.invoice_class,
                buyer_address=blue.buyer_address,
                buyer_bank=blue.buyer_bank,
                buyer_email=blue.buyer_email,
                buyer_phone=blue.buyer_phone,
                replaces=blue,
            )
    except DomainError as exc:
        notify_users(
            blue.community,
            post_holders(blue.community, FINANCE_POSTS),
            _("The other payments of invoice %(number)s were not invoiced again: %(error)s")
            % {"number": blue, "error": exc.message},
            blue.get_absolute_url(),
        )


def unanswered(older_than: dt.timedelta = dt.timedelta(minutes=2)) -> list[int]:
    """Requested invoices nobody has asked the provider for lately (a timeout, a worker that
    stopped, a red-letter request the buyer has yet to confirm), oldest first: asked again
    after `older_than`, then hourly once asked twelve times — never given up."""
    now = timezone.now()
    return list(
        Invoice.objects.filter(
            Q(attempts__lt=12, updated_at__lt=now - older_than)
            | Q(updated_at__lt=now - max(older_than, dt.timedelta(hours=1))),
            status=InvoiceStatus.REQUESTED,
        )
        .order_by("id")
        .values_list("pk", flat=True)[:500]
    )


@transaction.atomic
def retry_invoice(invoice: Invoice, *, actor: User) -> Invoice:
    """Ask again, with the same serial, for an invoice the provider has not answered for. (A
    refused one is not asked again: a blue one is asked for anew, a red-letter one reversed
    anew.)"""
    require(actor, invoice.community, "finance.invoice.issue", _("You may not request invoices."))
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if not retryable(invoice):
        raise DomainError(_("Only an invoice still being issued is sent again."))
    record_event(verb="invoice.retried", actor=actor, community=invoice.community, target=invoice)
    _send_after_commit(invoice)
    return invoice


# --- Red-letter reversal -----------------------------------------------------------------------


def being_reversed(invoice: Invoice) -> bool:
    """A red-letter invoice in force (being issued or issued) reverses this one."""
    return Invoice.objects.filter(reverses=invoice, status__in=IN_FORCE).exists()


def reversible(invoice: Invoice) -> bool:
    """An issued blue invoice no red-letter invoice is reversing yet."""
    return (
        not invoice.is_red
        and invoice.status == InvoiceStatus.ISSUED
        and not being_reversed(invoice)
    )


def retryable(invoice: Invoice) -> bool:
    """Asked again only while the provider has not answered (a refusal is final)."""
    return invoice.status == InvoiceStatus.REQUESTED


@transaction.atomic
def reverse_invoice(invoice: Invoice, *, actor: User, reason: str) -> Invoice:
    """Reverse an issued invoice in full by a red-letter invoice (a wrong title, a return); its
    payments can be invoiced again once the red-letter invoice is issued."""
    require(actor, invoice.community, "finance.invoice.reverse", _("You may not reverse invoices."))
    if not (reason or "").strip():
        raise DomainError(_("Give the reason for the red-letter invoice."), field="reason")
    return _reverse(invoice, actor=actor, reason=reason.strip(), reissue_rest=False)


def _reverse(invoice: Invoice, *, actor: User | None, reason: str, reissue_rest: bool) -> Invoice:
    blue = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if blue.is_red:
        raise DomainError(_("A red-letter invoice is not reversed."))
    if blue.status != InvoiceStatus.ISSUED:
        raise DomainError(_("Only an issued invoice is reversed."))
    if being_reversed(blue):
        raise DomainError(_("This invoice is being reversed already."))
    community = blue.community
    red = Invoice.objects.create(
        community=community,
        serial=next_number(community, "finance.invoice", prefix="FP", width=6),
        kind=InvoiceKind.RED,
        invoice_class=blue.invoice_class,
        unit_id=blue.unit_id,
        buyer_kind=blue.buyer_kind,
        buyer_name=blue.buyer_name,
        buyer_tax_number=blue.buyer_tax_number,
        buyer_address=blue.buyer_address,
        buyer_bank=blue.buyer_bank,
        buyer_email=blue.buyer_email,
        buyer_phone=blue.buyer_phone,
        amount=-blue.amount,
        tax=-blue.tax,
        total=-blue.total,
        reverses=blue,
        reason=reason[:200],
        reissue_rest=reissue_rest,
        created_by=actor,
    )
    InvoiceLine.objects.bulk_create(
        InvoiceLine(
            community=community,
            invoice=red,
            fee_item_id=line.fee_item_id,
            name=line.name,
            tax_code=line.tax_code,
            rate=line.rate,
            simplified=line.simplified,
            period_from=line.period_from,
            period_to=line.period_to,
            amount=-line.amount,
            tax=-line.tax,
            total=-line.total,
            created_by=actor,
        )
        for line in blue.lines.all()
    )
    record_event(
        verb="invoice.reversing",
        actor=actor,
        community=community,
        target=blue,
        message=reason,
    )
    _send_after_commit(red)
    return red


def payment_voided(payment: Payment, *, reason: str) -> None:
    """A voided payment's invoice is reversed (红冲) by itself — inside the void's transaction, so
    a void that cannot be answered (its invoice still being issued) is refused."""
    link = (
        InvoicePayment.objects.filter(payment=payment, active=True)
        .select_related("invoice")
        .first()
    )
    if link is None:
        return
    invoice = link.invoice
    if invoice.status == InvoiceStatus.REQUESTED:
        raise DomainError(
            _(
                "Invoice %(serial)s of this payment is still being issued: void the payment once "
                "it is issued (it is then reversed by a red-letter invoice)."
            )
            % {"serial": invoice.serial}
        )
    if invoice.status == InvoiceStatus.ISSUED and not being_reversed(invoice):  # else on its way
        _reverse(
            invoice,
            actor=None,
            reason=_("Payment %(number)s voided: %(reason)s")
            % {"number": payment.display_number, "reason": reason},
            reissue_rest=True,
        )


def payment_links(access: Any, payment: Payment) -> list[dict[str, Any]]:
    """The payment page's link: its invoice, or "ask for an invoice" when it has none."""
    if not access.has("finance.invoice.view") or payment.purpose not in INVOICED_PURPOSES:
        return []
    link = (
        InvoicePayment.objects.filter(payment=payment, active=True)
        .select_related("invoice")
        .first()
    )
    if link is not None:
        invoice = link.invoice
        if not Invoice.objects.for_access(access).filter(pk=invoice.pk).exists():
            return []
        return [
            {
                "label": _("Invoice %(number)s") % {"number": invoice},
                "url": invoice.get_absolute_url(),
                "icon": "ti-file-invoice",
            }
        ]
    if payment.status != PaymentStatus.POSTED or not access.has("finance.invoice.issue"):
        return []
    return [
        {
            "label": _("Ask for an invoice"),
            "url": f"{reverse('finance:invoice_add')}?payment={payment.pk}",
            "icon": "ti-file-invoice",
        }
    ]


def on_payment_voided(sender: Any, *, payment: Payment, reason: str, **kwargs: Any) -> None:
    payment_voided(payment, reason=reason)
