"""Requests and decisions: prepayment and deposit refunds (with deductions), waivers, payouts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from wuye.core.commands import CommandForm
from wuye.estate.models import Unit

from ..choices import (
    COUNTER_CHANNELS,
    Channel,
)
from ..models import (
    Bill,
    BillLine,
)


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


class DeductionsWidget(forms.Widget):
    """The page's rows of deductions (what for, how much); an API body sends the list itself."""

    template_name = "billing/widgets/deductions.html"
    rows = 3

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if not hasattr(data, "getlist"):  # a JSON body: the list as sent
            return data.get(name)
        return [
            {
                "reason": data.get(f"{name}-{n}-reason", ""),
                "amount": data.get(f"{name}-{n}-amount", ""),
            }
            for n in range(self.rows)
        ]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        given = [item for item in (value or []) if isinstance(item, dict)]
        context["widget"]["items"] = [
            given[n] if n < len(given) else {} for n in range(max(self.rows, len(given)))
        ]
        return context


class DeductionsField(forms.Field):
    """What is kept back from a deposit: a list of {reason, amount}. Empty rows are dropped;
    each amount is money of at most two decimals, not negative; the service asks for a reason
    on every deduction and caps their total at the deposit."""

    widget = DeductionsWidget
    default_error_messages = {
        "invalid": _("Each deduction is a reason and an amount."),
        "item": _("Deduction %(number)s: %(message)s"),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.reason_field = forms.CharField(max_length=100, required=False)
        self.amount_field = forms.DecimalField(max_digits=14, decimal_places=2, min_value=0)

    def to_python(self, value: Any) -> list[dict[str, Any]]:
        if value in self.empty_values:
            return []
        if not isinstance(value, list | tuple):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        items = []
        for number, item in enumerate(value, 1):
            if not isinstance(item, dict) or set(item) - {"reason", "amount"}:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            reason, amount = item.get("reason") or "", item.get("amount")
            if not str(reason).strip() and amount in self.empty_values:
                continue  # a row left empty
            try:
                items.append(
                    {
                        "reason": self.reason_field.clean(reason),
                        "amount": self.amount_field.clean(amount),
                    }
                )
            except forms.ValidationError as exc:
                raise forms.ValidationError(
                    self.error_messages["item"],
                    code="item",
                    params={"number": number, "message": "；".join(exc.messages)},
                ) from exc
        return items


class DepositRefundForm(CommandForm):
    """Ask finance to pay a deposit back, less the deductions, each with its reason."""

    reason = forms.CharField(label=_("reason"), max_length=200)
    deductions = DeductionsField(
        label=_("deductions"), help_text=_("e.g. damage, cleaning: what for and how much")
    )


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
