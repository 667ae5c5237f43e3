from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.commands import CommandForm
from wuye.core.forms import ScopedModelForm
from wuye.estate.choices import MeterScope, SpaceKind, UnitUse
from wuye.estate.forms import UnitField
from wuye.estate.models import Meter, Unit
from wuye.org.forms import DateInput

from .choices import (
    COUNTER_CHANNELS,
    RUN_CALCULATIONS,
    AppointmentOutcome,
    Calculation,
    Channel,
    ContactResult,
    PaymentPurpose,
)
from .dunning import owed_total
from .models import (
    Bill,
    BillingPolicy,
    BillLine,
    CollectionAppointment,
    DunningContact,
    FeeItem,
    FeeStandard,
)


class FeeItemForm(ScopedModelForm):
    applies_to_uses = forms.MultipleChoiceField(
        label=_("unit uses"),
        choices=UnitUse.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every use"),
    )
    space_kinds = forms.MultipleChoiceField(
        label=_("parking space kinds"),
        choices=SpaceKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = FeeItem
        fields = [
            "code",
            "name",
            "calculation",
            "area_basis",
            "meter_kind",
            "tier_basis",
            "share_basis",
            "remainder_rule",
            "shared_meter",
            "pass_through",
            "applies_to_uses",
            "buildings",
            "units",
            "space_kinds",
            "vacancy_applies",
            "is_active",
            "note",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        shared_meter = cast(forms.ModelChoiceField, self.fields["shared_meter"])
        shared_meter.queryset = Meter.objects.for_access(self.access).exclude(scope=MeterScope.UNIT)

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        calculation = cleaned.get("calculation")
        if calculation in (Calculation.METERED, Calculation.TIERED) and not cleaned.get(
            "meter_kind"
        ):
            self.add_error("meter_kind", _("A metered fee needs the meter type it reads."))
        if calculation == Calculation.SHARED and not cleaned.get("shared_meter"):
            self.add_error(
                "shared_meter", _("A shared allocation needs the public meter it shares.")
            )
        code = cleaned.get("code")
        if (
            code
            and self.access
            and FeeItem.objects.for_access(self.access)
            .filter(code=code)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error("code", _("A fee item with this code already exists."))
        return cleaned

    def validate_unique(self):
        return


class TiersField(forms.CharField):
    """Tiers typed one per line as “ceiling price” (“180 2.80”, last line “- 6.10”)."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(
                f"{t['up_to'] if t.get('up_to') is not None else '-'} {t['price']}" for t in value
            )
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        text = (value or "").strip()
        if not text:
            return []
        if text.startswith("["):
            try:
                return json.loads(text)
            except ValueError as exc:
                raise forms.ValidationError(
                    _("Write one tier per line: ceiling and price, e.g. “180 2.80”.")
                ) from exc
        tiers = []
        for line in text.splitlines():
            parts = line.replace("，", " ").replace(",", " ").split()
            if len(parts) != 2:
                raise forms.ValidationError(
                    _("Write one tier per line: ceiling and price, e.g. “180 2.80”.")
                )
            try:
                ceiling = None if parts[0] in {"-", "以上", "∞"} else str(Decimal(parts[0]))
                price = str(Decimal(parts[1]))
            except InvalidOperation as exc:
                raise forms.ValidationError(
                    _("Write one tier per line: ceiling and price, e.g. “180 2.80”.")
                ) from exc
            tiers.append({"up_to": ceiling, "price": price})
        return tiers

    def validate(self, value):
        super().validate(value)
        if not value:
            return
        ceilings = [t.get("up_to") for t in value]
        if ceilings[-1] is not None:
            raise forms.ValidationError(
                _("The last tier has no ceiling: write “-” as its ceiling.")
            )
        numbers = [Decimal(c) for c in ceilings[:-1] if c is not None]
        if None in ceilings[:-1] or numbers != sorted(set(numbers)):
            raise forms.ValidationError(_("Tier ceilings must rise from line to line."))
        if any(Decimal(str(t["price"])) < 0 for t in value):
            raise forms.ValidationError(_("A price cannot be negative."))


class FeeStandardForm(ScopedModelForm):
    tiers = TiersField(
        label=_("tiers"),
        required=False,
        help_text=_(
            "Tiered prices only: one line per tier, “ceiling price”; the last line “- price”."
        ),
    )

    class Meta:
        model = FeeStandard
        fields = ["fee_item", "effective_from", "effective_to", "unit_price", "tiers", "note"]
        widgets = {"effective_from": DateInput(), "effective_to": DateInput()}

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        item = cleaned.get("fee_item")
        if item is not None and item.calculation == Calculation.TIERED and not cleaned.get("tiers"):
            self.add_error("tiers", _("A tiered fee item needs its tiers."))
        start, end = cleaned.get("effective_from"), cleaned.get("effective_to")
        if start and end and end < start:
            self.add_error("effective_to", _("The end date must not be before the start date."))
        return cleaned

    def validate_unique(self):
        return


class BillingPolicyForm(ScopedModelForm):
    class Meta:
        model = BillingPolicy
        fields = [
            "cycle",
            "due_day",
            "fee_start",
            "developer_name",
            "vacant_rate",
            "late_fee_enabled",
            "late_fee_daily_rate",
            "late_fee_grace_days",
            "prepayment_limit_months",
            "auto_offset_prepayment",
            "receipt_parts",
        ]

    def validate_unique(self):
        return


class RunForm(forms.Form):
    period = forms.DateField(
        label=_("first month billed"), widget=DateInput(), help_text=_("Any day of the month")
    )
    months = forms.IntegerField(
        label=_("months"),
        min_value=1,
        max_value=12,
        required=False,
        help_text=_("Empty: the policy's cycle"),
    )
    fee_items = forms.ModelMultipleChoiceField(
        label=_("fee items"), queryset=FeeItem.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, access=None, **kwargs):
        super().__init__(*args, **kwargs)
        fee_items = cast(forms.ModelMultipleChoiceField, self.fields["fee_items"])
        fee_items.queryset = FeeItem.objects.for_access(access).filter(
            is_active=True, calculation__in=RUN_CALCULATIONS
        )
        fee_items.initial = list(fee_items.queryset.values_list("pk", flat=True))


class CancelRunForm(forms.Form):
    cancel_reason = forms.CharField(label=_("reason for cancelling"), max_length=200)


class ReadingForm(forms.Form):
    current_reading = forms.DecimalField(
        label=_("current reading"), max_digits=12, decimal_places=2, min_value=0
    )
    read_on = forms.DateField(label=_("read on"), widget=DateInput())
    note = forms.CharField(label=_("note"), max_length=200, required=False)


# The one key per payment: missing or too long, the counter (page or API) collects nothing.
KEY_MESSAGE = _(
    "Send an Idempotency-Key header of at most 64 characters, so that a resent request is not collected twice."
)


class CollectForm(CommandForm):
    """Collect at the counter (page and API alike): which unit, which bills, how much, how
    paid, what for. `idempotency_key` makes a resubmission — a double click, a retry — the same
    payment. `purpose` top_up adds to the unit's prepayment; deposit holds a deposit."""

    unit = forms.ModelChoiceField(label=_("unit"), queryset=Unit.objects.all())
    idempotency_key = forms.CharField(
        widget=forms.HiddenInput,
        max_length=64,
        error_messages={"required": KEY_MESSAGE, "max_length": KEY_MESSAGE},
        help_text="One key per payment, e.g. a UUID (the API also takes the Idempotency-Key header)",
    )
    bill_ids = forms.ModelMultipleChoiceField(
        label=_("bills"),
        queryset=Bill.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Open bills of the unit to settle; left out: all of them, oldest first",
    )
    amount = forms.DecimalField(
        label=_("amount received"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        required=False,
        help_text=_("Empty: the chosen bills in full. Less: settles the oldest first."),
    )
    channel = forms.ChoiceField(
        label=_("payment method"), choices=[(c.value, c.label) for c in COUNTER_CHANNELS]
    )
    tendered = forms.DecimalField(
        label=_("cash tendered"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    reference = forms.CharField(label=_("transaction reference"), max_length=64, required=False)
    payer_name = forms.CharField(label=_("payer"), max_length=100, required=False)
    keep_overpayment = forms.BooleanField(label=_("keep the rest as prepayment"), required=False)
    purpose = forms.ChoiceField(
        label=_("what the money is for"),
        choices=[
            (p.value, p.label)
            for p in (PaymentPurpose.BILLS, PaymentPurpose.TOP_UP, PaymentPurpose.DEPOSIT)
        ],
        required=False,
    )
    deposit_purpose = forms.CharField(label=_("deposit for"), max_length=100, required=False)

    def clean_purpose(self):
        return self.cleaned_data["purpose"] or PaymentPurpose.BILLS

    def clean(self):
        cleaned = super().clean() or {}
        unit, bills = cleaned.get("unit"), cleaned.get("bill_ids") or []
        foreign = [b for b in bills if unit is not None and b.unit_id != unit.pk]
        if foreign:
            # Another unit's bill: to this unit it does not exist.
            field = self.fields["bill_ids"]
            self.add_error(
                "bill_ids",
                field.error_messages["invalid_choice"] % {"value": foreign[0].pk},
            )
        if (
            cleaned.get("purpose") == PaymentPurpose.DEPOSIT
            and not (cleaned.get("deposit_purpose") or "").strip()
        ):
            self.add_error("deposit_purpose", _("Say what the deposit is for."))
        return cleaned

    def arguments(self):
        values = super().arguments()
        values["bill_ids"] = [b.pk for b in values["bill_ids"]] or None
        return values


class VoidForm(CommandForm):
    void_reason = forms.CharField(
        label=_("reason for voiding"),
        max_length=200,
        error_messages={"required": _("Give the reason for voiding.")},
    )


class CloseDayForm(forms.Form):
    """A blind count: the cashier types what he counted in the drawer; the system's figure is
    never put in front of him (nor into the field) until he has submitted it."""

    counted_cash = forms.DecimalField(
        label=_("cash counted"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    explanation = forms.CharField(
        label=_("explanation of the difference"), max_length=300, required=False
    )


class ExplainDifferenceForm(forms.Form):
    """After a blind count that differs from the system: the count stands, the cashier explains."""

    explanation = forms.CharField(
        label=_("explanation of the difference"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReturnClosingForm(CommandForm):
    return_reason = forms.CharField(
        label=_("reason for returning"),
        max_length=200,
        error_messages={"required": _("Give the reason for returning the closing.")},
    )


class BankDepositForm(CommandForm):
    """The cash of a confirmed closing handed to the bank (at most the cash counted)."""

    bank_amount = forms.DecimalField(
        label=_("cash handed to the bank"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
    )
    bank_reference = forms.CharField(label=_("bank slip number"), max_length=64)
    bank_date = forms.DateField(label=_("handed to the bank on"), widget=DateInput())


class PrepaymentRefundForm(CommandForm):
    """Ask finance to pay back part of a unit's prepayment balance (page and API alike)."""

    unit = forms.ModelChoiceField(label=_("unit"), queryset=Unit.objects.all())
    amount = forms.DecimalField(
        label=_("refund amount"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        help_text="At most the prepayment balance",
    )
    reason = forms.CharField(label=_("reason"), max_length=200)


class DepositRefundForm(forms.Form):
    reason = forms.CharField(label=_("reason"), max_length=200)
    deduction1 = forms.CharField(label=_("deduction"), max_length=100, required=False)
    amount1 = forms.DecimalField(
        label=_("amount"), max_digits=14, decimal_places=2, min_value=0, required=False
    )
    deduction2 = forms.CharField(label=_("deduction"), max_length=100, required=False)
    amount2 = forms.DecimalField(
        label=_("amount"), max_digits=14, decimal_places=2, min_value=0, required=False
    )
    deduction3 = forms.CharField(label=_("deduction"), max_length=100, required=False)
    amount3 = forms.DecimalField(
        label=_("amount"), max_digits=14, decimal_places=2, min_value=0, required=False
    )

    def deductions(self):
        data = self.cleaned_data
        return [
            {"reason": data.get(f"deduction{n}", ""), "amount": data.get(f"amount{n}")}
            for n in (1, 2, 3)
            if data.get(f"amount{n}")
        ]


class DecisionForm(CommandForm):
    """Approve (true) or reject (false) a refund or a waiver, with a note."""

    approve = forms.NullBooleanField(label=_("approve"))
    note = forms.CharField(label=_("decision note"), max_length=200, required=False)

    def clean_approve(self):
        if self.cleaned_data["approve"] is None:
            raise forms.ValidationError(self.fields["approve"].error_messages["required"])
        return self.cleaned_data["approve"]


class BillLineField(forms.ModelChoiceField):
    """A bill line shown as its fee item and amount."""

    def label_from_instance(self, obj: BillLine) -> str:
        return f"{obj.fee_item.name} ¥{obj.amount}"


class WaiverForm(CommandForm):
    """Ask the manager (MGR) to waive part of a bill line: on the bill's page (`target`: the
    bill, its owing lines to choose from) or in the API (any line of the service center)."""

    line = BillLineField(label=_("bill line"), queryset=BillLine.objects.all())
    amount = forms.DecimalField(
        label=_("amount waived"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        help_text="At most what the line still owes",
    )
    reason = forms.CharField(label=_("reason"), max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if isinstance(self.target, Bill):
            line = cast(BillLineField, self.fields["line"])
            line.queryset = self.target.lines.filter(amount__gt=0, cancelled=False)


class CollectionAppointmentForm(ScopedModelForm):
    unit = UnitField(label=_("unit"))

    class Meta:
        model = CollectionAppointment
        fields = [
            "unit",
            "scheduled_for",
            "assignee",
            "contact",
            "note",
            "outcome",
            "outcome_note",
            "promised_date",
        ]
        widgets = {
            "scheduled_for": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "promised_date": DateInput(),
        }

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("outcome") == AppointmentOutcome.PROMISED and not cleaned.get(
            "promised_date"
        ):
            self.add_error("promised_date", _("Give the date the payer promised."))
        return cleaned


class DunningContactForm(ScopedModelForm):
    """An entry of the dunning log; the unit's arrears at that moment are kept with it."""

    unit = UnitField(label=_("unit"))

    class Meta:
        model = DunningContact
        fields = [
            "unit",
            "contacted_at",
            "method",
            "person",
            "result",
            "promised_date",
            "promised_amount",
            "note",
        ]
        widgets = {
            "contacted_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "promised_date": DateInput(),
        }

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        contacted_at = cleaned.get("contacted_at")
        if contacted_at and contacted_at > timezone.now() + dt.timedelta(minutes=5):
            self.add_error("contacted_at", _("A contact is recorded after it happened."))
        promised = cleaned.get("promised_date")
        if cleaned.get("result") == ContactResult.PROMISED and not promised:
            self.add_error("promised_date", _("Give the date the payer promised."))
        if promised and contacted_at and promised < timezone.localdate(contacted_at):
            self.add_error("promised_date", _("The promised date cannot be before the contact."))
        unit = cleaned.get("unit")
        if unit is not None and (self.instance.pk is None or unit.pk != self.instance.unit_id):
            self.instance.owed = owed_total(unit)  # what this unit owed (again if corrected)
        return cleaned


class RefundPayoutForm(CommandForm):
    """Paying out an approved refund: cash from the drawer, or a transfer with its reference.
    Cash comes out of the caller's drawer and counts in his daily closing."""

    channel = forms.ChoiceField(
        label=_("paid back by"),
        choices=[(c.value, c.label) for c in COUNTER_CHANNELS],
        required=False,
        help_text="Empty: the channel asked for",
    )
    reference = forms.CharField(
        label=_("payout reference"),
        max_length=60,
        required=False,
        help_text=_("Bank voucher or transaction number; not needed for cash."),
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        channel = cleaned.get("channel") or getattr(self.target, "channel", "")
        if channel and channel != Channel.CASH and not (cleaned.get("reference") or "").strip():
            self.add_error(
                "reference",
                _("Give the transfer's reference (bank voucher or transaction number)."),
            )
        return cleaned
