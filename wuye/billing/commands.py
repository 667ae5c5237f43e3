"""Billing's declared commands (core/commands.py): one form, one service call, one permission
for the page and the API alike.

Collecting at the counter is one command whichever the purpose: the counter page's three forms
(bills, prepayment top-up, deposit) and `POST payments/` all bind `CollectForm` and call
`collect`, so a bad amount or a missing key reads the same everywhere.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from wuye.core.commands import Command, Commands

from . import closing
from .choices import PaymentPurpose, RefundKind
from .forms import (
    BankDepositForm,
    CollectForm,
    ConfirmReadingForm,
    DecisionForm,
    DepositRefundForm,
    ReadingForm,
    RecordReadingForm,
    RefundPayoutForm,
    ReturnClosingForm,
    VoidForm,
)
from .models import DailyClosing, Deposit, MeterReading, Payment, Refund, Waiver
from .services.approvals import decide_refund, decide_waiver, pay_out_refund, request_refund
from .services.counter import collect_payment, void_payment
from .services.readings import confirm_reading, record_reading
from .services.wallet import collect_deposit


def collect(
    _target: None,
    *,
    actor: Any,
    unit: Any,
    idempotency_key: str,
    channel: str,
    amount: Decimal | None = None,
    bill_ids: list[int] | None = None,
    tendered: Decimal | None = None,
    keep_overpayment: bool = False,
    reference: str = "",
    payer_name: str = "",
    purpose: str = PaymentPurpose.BILLS,
    deposit_purpose: str = "",
) -> Payment:
    """Take the money for its purpose; the same key again is the same payment (`replayed`)."""
    if purpose == PaymentPurpose.DEPOSIT:
        return collect_deposit(
            unit=unit,
            amount=amount,
            purpose_text=deposit_purpose,
            channel=channel,
            cashier=actor,
            idempotency_key=idempotency_key,
            payer_name=payer_name,
            reference=reference,
        ).payment
    return collect_payment(
        unit=unit,
        amount=amount,
        channel=channel,
        cashier=actor,
        idempotency_key=idempotency_key,
        bill_ids=bill_ids,
        tendered=tendered,
        keep_overpayment=keep_overpayment,
        reference=reference,
        payer_name=payer_name,
        purpose=purpose,
    )


COLLECT = Command(
    name="collect",
    label=_("Collect"),
    form=CollectForm,
    permission="billing.payment.change",
    run=collect,
    done=_("Collected ¥%(amount)s; receipt %(number)s."),
    done_values=lambda _target, payment: {
        "amount": payment.amount,
        "number": payment.receipt.number,
    },
)


def record(
    _target: None,
    *,
    actor: Any,
    meter: Any,
    period: Any,
    current_reading: Decimal,
    read_on: Any,
    previous_reading: Decimal | None = None,
    note: str = "",
) -> MeterReading:
    """Enter (or correct) a meter's reading for a month."""
    return record_reading(
        meter=meter,
        period=period,
        current=current_reading,
        previous=previous_reading,
        read_on=read_on,
        note=note,
        actor=actor,
    )


RECORD_READING = Command(
    name="record",
    label=_("Enter the reading"),
    form=RecordReadingForm,
    permission="billing.reading.change",
    run=record,
    done=_("Reading saved."),
)

READING_COMMANDS = Commands(
    MeterReading,
    (
        Command(
            name="confirm",
            label=_("Confirm"),
            form=ConfirmReadingForm,
            permission="billing.reading.confirm",
            run=confirm_reading,
            done=_("Reading confirmed; it can be billed."),
            api_doc="Confirm an anomalous reading after checking it: it can then be billed.",
        ),
        Command(
            name="correct",
            label=_("Correct"),
            form=ReadingForm,
            permission="billing.reading.change",
            # The month's reading entered again, from the same previous reading.
            run=lambda reading, *, actor, **values: record(
                None,
                actor=actor,
                meter=reading.meter,
                period=reading.period,
                previous_reading=reading.previous_reading,
                **values,
            ),
            done=_("Reading corrected."),
            api_doc="Correct the month's reading (not once billed): the anomaly checks run again.",
        ),
    ),
)

PAYMENT_COMMANDS = Commands(
    Payment,
    (
        Command(
            name="void",
            label=_("Void"),
            form=VoidForm,
            # Whose payment and which day: the service decides (void own same-day, void_any).
            run=lambda payment, *, actor, void_reason: void_payment(
                payment, reason=void_reason, actor=actor
            ),
            done=_("Payment voided; the receipt number stays used."),
            api_doc="Void the payment: its allocations (and any prepayment kept) are reversed, "
            "the bills owe again, the receipt number stays used. A cashier voids his own payment "
            "of the same day; anything else only the finance administrator. Not in a closed day.",
        ),
    ),
)

CLOSING_COMMANDS = Commands(
    DailyClosing,
    (
        Command(
            name="confirm",
            label=_("Confirm"),
            permission="billing.closing.confirm",
            run=closing.confirm_closing,
            done=_("Closing confirmed; the day is locked."),
            api_doc="Confirm a submitted closing (not one's own): the day stays locked.",
        ),
        Command(
            name="return",
            label=_("Return"),
            form=ReturnClosingForm,
            permission="billing.closing.confirm",
            run=lambda day, *, actor, return_reason: closing.return_closing(
                day, reason=return_reason, actor=actor
            ),
            done=_("Closing returned to the cashier."),
            api_name="return_closing",
            api_doc="Send a submitted closing back with the reason: the day opens again.",
        ),
        Command(
            name="bank",
            label=_("Bank deposit"),
            form=BankDepositForm,
            permission="billing.closing.confirm",
            run=lambda day, *, actor, bank_amount, bank_reference, bank_date: (
                closing.record_bank_deposit(
                    day, amount=bank_amount, reference=bank_reference, date=bank_date, actor=actor
                )
            ),
            done=_("Bank deposit recorded."),
            api_name="bank_deposit",
            api_path="bank-deposit",
            api_doc="Record the cash of a confirmed closing handed to the bank (at most the "
            "cash counted).",
        ),
    ),
)


DEPOSIT_COMMANDS = Commands(
    Deposit,
    (
        Command(
            name="refund",
            label=_("Request the refund"),
            form=DepositRefundForm,
            permission="billing.refund.change",
            run=lambda deposit, *, actor, reason, deductions: request_refund(
                unit=deposit.unit,
                kind=RefundKind.DEPOSIT,
                deposit=deposit,
                reason=reason,
                deductions=deductions,
                actor=actor,
            ),
            done=_("Refund requested; finance decides."),
            opens_result=True,
            api_doc="Ask finance to pay the deposit back, less the deductions, each with its "
            "reason (their total at most the deposit). Finance decides under refunds/.",
        ),
    ),
)


def _decide(label: Any, service: Any, permission: str, doc: str) -> Command:
    return Command(
        name="decide",
        label=label,
        form=DecisionForm,
        permission=permission,
        run=service,
        done=_("Decision recorded."),
        api_doc=doc,
    )


REFUND_COMMANDS = Commands(
    Refund,
    (
        _decide(
            _("Decide the refund"),
            decide_refund,
            "billing.refund.approve",
            "Approve (`approve` true: the prepayment is reduced, or the deposit settled) or "
            "reject (false).",
        ),
        Command(
            name="pay_out",
            label=_("Record the payout"),
            form=RefundPayoutForm,
            permission="billing.refund.pay",
            run=pay_out_refund,
            done=_("Refund paid out."),
            api_path="pay-out",
            api_doc="Record that an approved refund was paid out (once). `channel` empty: the "
            "channel asked for; other channels than cash need their `reference`.",
        ),
    ),
)

WAIVER_COMMANDS = Commands(
    Waiver,
    (
        _decide(
            _("Decide the waiver"),
            decide_waiver,
            "billing.waiver.approve",
            "Approve (`approve` true: the bill's total drops by the amount) or reject (false).",
        ),
    ),
)
