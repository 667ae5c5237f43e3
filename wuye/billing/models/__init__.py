"""Billing models, one module per topic (BIL-01..17). Django and callers import them from here."""

from .approvals import Decided, Refund, Waiver
from .arrears import ArrearsSnapshot, CollectionAppointment, DunningContact
from .bills import Bill, BillingRun, BillLine, BillManager, BillQuerySet
from .closing import DailyClosing, DailyClosingManager, DailyClosingQuerySet
from .fees import (
    NOT_NEGATIVE,
    PRICE,
    QUANTITY,
    BillingPolicy,
    FeeItem,
    FeeStandard,
    receipt_part_names,
    validate_receipt_parts,
)
from .payments import Allocation, Deposit, Payment, Receipt, Wallet, WalletEntry
from .readings import MeterReading, describe_anomaly

__all__ = [
    "Allocation",
    "ArrearsSnapshot",
    "Bill",
    "BillLine",
    "BillManager",
    "BillQuerySet",
    "BillingPolicy",
    "BillingRun",
    "CollectionAppointment",
    "DailyClosing",
    "DailyClosingManager",
    "DailyClosingQuerySet",
    "Decided",
    "Deposit",
    "DunningContact",
    "FeeItem",
    "FeeStandard",
    "MeterReading",
    "NOT_NEGATIVE",
    "PRICE",
    "Payment",
    "QUANTITY",
    "Receipt",
    "Refund",
    "Waiver",
    "Wallet",
    "WalletEntry",
    "describe_anomaly",
    "receipt_part_names",
    "validate_receipt_parts",
]
