from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Calculation(models.TextChoices):
    """How a fee item's amount is computed (BIL-01)."""

    AREA = "area", _("Unit price × area")
    FIXED_UNIT = "fixed_unit", _("Fixed per unit")
    FIXED_SPACE = "fixed_space", _("Fixed per parking space")
    METERED = "metered", _("Metered (usage × multiplier × price)")
    TIERED = "tiered", _("Tiered price (阶梯)")
    SHARED = "shared", _("Shared allocation (公摊)")
    ONE_OFF = "one_off", _("One-off")
    DEPOSIT = "deposit", _("Deposit")


# Kinds a billing run produces by itself; one-off charges and deposits are issued one by one.
RUN_CALCULATIONS = {
    Calculation.AREA,
    Calculation.FIXED_UNIT,
    Calculation.FIXED_SPACE,
    Calculation.METERED,
    Calculation.TIERED,
    Calculation.SHARED,
}


class AreaBasis(models.TextChoices):
    GROSS = "gross", _("Gross area (建筑面积)")
    INNER = "inner", _("Inner area (套内面积)")


class TierBasis(models.TextChoices):
    MONTHLY = "monthly", _("Usage of the month")
    ANNUAL = "annual", _("Cumulative usage of the year")


class ShareBasis(models.TextChoices):
    INNER_AREA = "inner_area", _("By exclusive (inner) area — 民法典 §283 default")
    HOUSEHOLD = "household", _("Equally per household")


class RemainderRule(models.TextChoices):
    """Shared costs (公摊) are split by largest remainder (`wuye.core.money.split_exact`); the
    rule only says who gets a leftover fen first when remainders are equal (尾差)."""

    LARGEST = "largest", _("Equal remainders: larger share first, then lower unit number")
    FIRST = "first", _("Equal remainders: lower unit number first")
    LAST = "last", _("Equal remainders: higher unit number first")


# Help text of FeeItem.remainder_rule, and the rule stated on the fee item's page.
REMAINDER_RULE_HELP = _(
    "Each unit's share is rounded down to the fen; the fen left over go one each to the units "
    "whose share lost most in rounding, so the shares add up exactly to the total and none is "
    "off by 0.01 or more. This rule only decides who comes first when those losses are equal."
)


class Cycle(models.TextChoices):
    MONTH = "month", _("Monthly")
    QUARTER = "quarter", _("Quarterly")
    HALF_YEAR = "half", _("Half-yearly")
    YEAR = "year", _("Yearly")


CYCLE_MONTHS = {Cycle.MONTH: 1, Cycle.QUARTER: 3, Cycle.HALF_YEAR: 6, Cycle.YEAR: 12}


class FeeStart(models.TextChoices):
    NEXT_MONTH = (
        "next_month",
        _("Owner pays from the month after handover; the developer pays the handover month"),
    )
    PRORATE_DAYS = (
        "prorate",
        _("Prorate the handover month by days (monthly × days / days in month)"),
    )


class ReadingStatus(models.TextChoices):
    OK = "ok", _("Ready to bill")
    ANOMALY = "anomaly", _("Anomaly — confirm or correct")
    CONFIRMED = "confirmed", _("Anomaly confirmed")
    BILLED = "billed", _("Billed")


READING_BADGES = {
    ReadingStatus.OK: "bg-green-lt",
    ReadingStatus.ANOMALY: "bg-red-lt",
    ReadingStatus.CONFIRMED: "bg-yellow-lt",
    ReadingStatus.BILLED: "bg-secondary-lt",
}


class RunStatus(models.TextChoices):
    PREVIEW = "preview", _("Preview")
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


RUN_BADGES = {
    RunStatus.PREVIEW: "bg-blue-lt",
    RunStatus.QUEUED: "bg-azure-lt",
    RunStatus.RUNNING: "bg-yellow-lt",
    RunStatus.DONE: "bg-green-lt",
    RunStatus.FAILED: "bg-red-lt",
    RunStatus.CANCELLED: "bg-secondary-lt",
}

# preview → queued → running → done/failed; done → cancelled (while nothing is paid).
RUN_TRANSITIONS = {
    RunStatus.PREVIEW: {RunStatus.QUEUED, RunStatus.CANCELLED},
    RunStatus.QUEUED: {RunStatus.RUNNING, RunStatus.FAILED},
    # running → running: a stalled run (its worker gone) is resumed where it stopped.
    RunStatus.RUNNING: {RunStatus.RUNNING, RunStatus.DONE, RunStatus.FAILED},
    RunStatus.FAILED: {RunStatus.QUEUED},
    RunStatus.DONE: {RunStatus.CANCELLED},
    RunStatus.CANCELLED: set(),
}


class BillStatus(models.TextChoices):
    OPEN = "open", _("Unpaid")
    CANCELLED = "cancelled", _("Cancelled")


class PayerKind(models.TextChoices):
    RESIDENT = "resident", _("Owner / resident")
    DEVELOPER = "developer", _("Developer")


class Channel(models.TextChoices):
    CASH = "cash", _("Cash")
    POS = "pos", _("POS card")
    WECHAT = "wechat", _("WeChat Pay")
    ALIPAY = "alipay", _("Alipay")
    TRANSFER = "transfer", _("Bank transfer")
    PREPAYMENT = "prepayment", _("From prepayment")


COUNTER_CHANNELS = [c for c in Channel if c != Channel.PREPAYMENT]


def counter_channel_choices() -> list[tuple[str, Any]]:
    """The counter's channels as (value, label): the API schema names their enum once."""
    return [(c.value, c.label) for c in COUNTER_CHANNELS]


class PaymentStatus(models.TextChoices):
    POSTED = "posted", _("Posted")
    VOIDED = "voided", _("Voided")


class WalletEntryKind(models.TextChoices):
    TOP_UP = "top_up", _("Top-up")
    OVERPAYMENT = "overpayment", _("Overpayment kept as prepayment")
    OFFSET = "offset", _("Offset against a bill")
    REFUND = "refund", _("Refund")
    REVERSAL = "reversal", _("Reversal (void)")


class ClosingStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted — waiting for finance")
    CONFIRMED = "confirmed", _("Confirmed — day locked")
    RETURNED = "returned", _("Returned for correction")


class PaymentPurpose(models.TextChoices):
    BILLS = "bills", _("Bills")
    TOP_UP = "top_up", _("Prepayment top-up")
    DEPOSIT = "deposit", _("Deposit")
    OFFSET = "offset", _("Offset from prepayment")


class ApprovalStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


APPROVAL_BADGES = {
    ApprovalStatus.REQUESTED: "bg-yellow-lt",
    ApprovalStatus.APPROVED: "bg-green-lt",
    ApprovalStatus.REJECTED: "bg-red-lt",
}


class DepositStatus(models.TextChoices):
    HELD = "held", _("Held")
    REFUND_REQUESTED = "refund_requested", _("Refund waiting for approval")
    SETTLED = "settled", _("Refunded / settled")


class RefundKind(models.TextChoices):
    PREPAYMENT = "prepayment", _("Prepayment refund")
    DEPOSIT = "deposit", _("Deposit refund")


class AppointmentOutcome(models.TextChoices):
    PLANNED = "planned", _("Planned")
    COLLECTED = "collected", _("Collected")
    PROMISED = "promised", _("Promised to pay")
    NOT_HOME = "not_home", _("Nobody at home")
    REFUSED = "refused", _("Refused")


class ContactMethod(models.TextChoices):
    """How the payer was reminded (催缴方式)."""

    PHONE = "phone", _("Phone call")
    VISIT = "visit", _("Visit")
    COUNTER = "counter", _("At the front desk")
    WECHAT = "wechat", _("WeChat")
    SMS = "sms", _("SMS")
    LETTER = "letter", _("Notice letter")


class ContactResult(models.TextChoices):
    REACHED = "reached", _("Spoke to the payer")
    NOT_REACHED = "not_reached", _("Could not reach")
    PROMISED = "promised", _("Promised to pay")
    DISPUTED = "disputed", _("Disputes the charge")
    REFUSED = "refused", _("Refused")
    SENT = "sent", _("Sent")
