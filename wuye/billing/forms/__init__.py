"""Billing's forms by topic; `from wuye.billing.forms import X` finds each."""

from .approvals import (
    BillLineField,
    DecisionForm,
    DeductionsField,
    DeductionsWidget,
    DepositRefundForm,
    PrepaymentRefundForm,
    RefundPayoutForm,
    WaiverForm,
)
from .arrears import CollectionAppointmentForm, DunningContactForm
from .closing import BankDepositForm, CloseDayForm, ExplainDifferenceForm, ReturnClosingForm
from .counter import KEY_MESSAGE, CollectForm, VoidForm
from .fees import FEE_TARGET_FIELDS, BillingPolicyForm, FeeItemForm, FeeStandardForm, TiersField
from .readings import ConfirmReadingForm, MonthField, ReadingForm, RecordReadingForm
from .runs import CancelRunForm, RunForm

__all__ = [
    "FEE_TARGET_FIELDS",
    "BankDepositForm",
    "BillLineField",
    "BillingPolicyForm",
    "CancelRunForm",
    "CloseDayForm",
    "CollectForm",
    "CollectionAppointmentForm",
    "ConfirmReadingForm",
    "DecisionForm",
    "DeductionsField",
    "DeductionsWidget",
    "DepositRefundForm",
    "DunningContactForm",
    "ExplainDifferenceForm",
    "FeeItemForm",
    "FeeStandardForm",
    "KEY_MESSAGE",
    "MonthField",
    "PrepaymentRefundForm",
    "ReadingForm",
    "RecordReadingForm",
    "RefundPayoutForm",
    "ReturnClosingForm",
    "RunForm",
    "TiersField",
    "VoidForm",
    "WaiverForm",
]
