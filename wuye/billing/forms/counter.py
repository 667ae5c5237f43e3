"""The counter's forms: collecting (page and API alike) and voiding."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from wuye.core.commands import CommandForm
from wuye.estate.models import Unit

from ..choices import (
    COUNTER_CHANNELS,
    PaymentPurpose,
)
from ..models import (
    Bill,
)

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
