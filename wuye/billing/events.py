"""What billing's events are called on the audit page (`core.audit.register_verbs`)."""

from django.utils.translation import gettext_lazy as _

LABELS: dict[str, object] = {  # register_verbs takes any text (lazy or plain)
    "arrears.snapshot": _("Arrears snapshot taken"),
    "billing.late_fees": _("Late fees charged"),
    "billing.one_off": _("One-off bill issued"),
    "billing.months_billed": _("Months billed ahead for a unit"),
    "billing.bill_cancelled": _("Bill cancelled"),
    "billing.policy_saved": _("Billing settings saved"),
    "billing.standard_saved": _("Fee standard saved"),
    "billing_run.cancelled": _("Billing run cancelled"),
    "billing_run.confirmed": _("Billing run confirmed"),
    "billing_run.done": _("Billing run issued"),
    "closing.banked": _("Cash deposited at the bank"),
    "closing.confirmed": _("Daily closing confirmed"),
    "closing.returned": _("Daily closing returned"),
    "closing.submitted": _("Daily closing submitted"),
    "closing.counted": _("Cash counted"),
    "dunning.sms": _("Payment reminder sent by SMS"),
    "payment.collected": _("Payment collected"),
    "payment.voided": _("Payment voided"),
    "prepayment.offset": _("Prepayment offset against bills"),
    "reading.confirmed": _("Meter reading anomaly confirmed"),
    "receipt.reprinted": _("Receipt reprinted"),
    "refund.requested": _("Refund requested"),
    "refund.approved": _("Refund approved"),
    "refund.rejected": _("Refund rejected"),
    "refund.paid_out": _("Refund paid out"),
    "waiver.requested": _("Waiver requested"),
    "waiver.approved": _("Waiver approved"),
    "waiver.rejected": _("Waiver rejected"),
}
