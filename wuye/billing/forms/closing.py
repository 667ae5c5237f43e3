"""The cashier's daily closing: the blind count, the explanation, finance's return and bank deposit."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from wuye.core.commands import CommandForm
from wuye.org.forms import DateInput


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
