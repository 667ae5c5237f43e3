"""Forms of fee items, their standards (price tiers) and the billing policy."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from wuye.core.forms import ScopedModelForm
from wuye.estate.choices import MeterScope, SpaceKind, UnitUse
from wuye.estate.models import Meter
from wuye.org.forms import DateInput

from ..choices import (
    Calculation,
)
from ..models import (
    BillingPolicy,
    FeeItem,
    FeeStandard,
)

# Which units and spaces a fee item is charged to; its page lists them apart from its rules.
FEE_TARGET_FIELDS = ["applies_to_uses", "buildings", "units", "space_kinds"]


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
            *FEE_TARGET_FIELDS,
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
