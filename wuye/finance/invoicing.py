"""The invoicing provider (开票服务商) interface, and the simulator shipped with Wuye.

Setting `INVOICE_BACKEND`: "simulator" (the default) or the dotted path of a provider's class.
A backend has one method, `issue(request: InvoiceRequest) -> IssuedInvoice`, for blue and red
invoices alike, and it must be idempotent on `request.serial`: asked again with a serial it has
seen, it answers with the invoice it issued then and issues nothing new. The service asks again
after a timeout, so a lost answer never makes a second invoice.

It raises `InvoiceRefused` when the tax system refuses the request (a bad buyer tax number, the
credit line (授信额度) used up, a red-letter request the buyer has not confirmed): nothing was
issued and asking again cannot help. It raises `InvoiceTimeout` when the outcome is unknown
(no answer, a broken connection, the provider's own 5xx): the service keeps the request and
asks again with the same serial.

What a real fully digital invoice (数电票) provider implements behind `issue` — a tax-control
service (乐企 direct connection, or a licensed service provider's API) — is documented in
`docs/invoicing.md`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from wuye.core import pdf  # module attribute: tests replace pdf.render_pdf


class InvoiceRefused(Exception):
    """The tax system refused: nothing was issued; the message says why (Chinese)."""


class InvoiceTimeout(Exception):
    """No answer: the invoice may or may not exist; ask again with the same serial."""


@dataclass(frozen=True)
class RequestLine:
    name: str
    tax_code: str
    rate: Decimal
    simplified: bool
    period_from: dt.date
    period_to: dt.date
    amount: Decimal  # before tax; negative on a red-letter invoice
    tax: Decimal
    total: Decimal


@dataclass(frozen=True)
class InvoiceRequest:
    serial: str  # the service center's request number: the provider's idempotency key
    red: bool
    invoice_class: str  # "ordinary" | "special"
    seller_name: str
    seller_tax_number: str
    seller_address: str
    seller_bank: str
    buyer_name: str
    buyer_tax_number: str
    buyer_address: str
    buyer_bank: str
    buyer_email: str
    buyer_phone: str
    lines: tuple[RequestLine, ...]
    amount: Decimal
    tax: Decimal
    total: Decimal
    drawer: str  # 开票人
    note: str = ""  # 备注: the unit and the receipts
    reverses_number: str = ""  # red-letter: the blue invoice's number
    reason: str = ""  # red-letter: why (开票有误, 销货退回…)


@dataclass(frozen=True)
class IssuedInvoice:
    number: str  # the tax system's 20-digit number
    issued_on: dt.date
    file_name: str
    content: bytes = field(repr=False)  # the PDF (a provider may also give OFD and XML)


def get_backend():
    name = getattr(settings, "INVOICE_BACKEND", "simulator")
    backend_class = SimulatedBackend if name == "simulator" else import_string(name)
    return backend_class()


class SimulatedBackend:
    """Issues invoices without a tax system, for trying Wuye and for its tests.

    The number is derived from the seller's tax number and the serial, so asking again gives the
    same invoice. Setting `INVOICE_SIMULATOR` makes it misbehave on purpose: "refuse" refuses
    every request, "timeout" never answers, "ok" (the default) issues. A buyer named with
    "拒绝" is refused too, so the refusal can be seen from the page."""

    def issue(self, request: InvoiceRequest) -> IssuedInvoice:
        mode = getattr(settings, "INVOICE_SIMULATOR", "ok")
        if mode == "timeout":
            raise InvoiceTimeout("模拟开票：税务系统无应答")
        if mode == "refuse" or "拒绝" in request.buyer_name:
            raise InvoiceRefused("模拟开票：税务系统拒绝开具（购买方信息有误）")
        number = self.number_for(request)
        issued_on = timezone.localdate()
        content = pdf.render_pdf(
            "finance/invoice_pdf.html",
            {"inv": request, "number": number, "issued_on": issued_on, "simulated": True},
        )
        return IssuedInvoice(
            number=number, issued_on=issued_on, file_name=f"{number}.pdf", content=content
        )

    @staticmethod
    def number_for(request: InvoiceRequest) -> str:
        """20 digits as the tax system writes them: the year (2), a region (2), the channel (1)
        and a 15-digit sequence — here a digest of seller and serial, the same every time."""
        digest = hashlib.sha256(f"{request.seller_tax_number}:{request.serial}".encode()).digest()
        sequence = int.from_bytes(digest[:8], "big") % 10**15
        return f"{timezone.localdate():%y}313{sequence:015d}"
