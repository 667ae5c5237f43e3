"""Forms of billing runs: which months and fee items, cancelling."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from wuye.org.forms import DateInput

from ..choices import (
    RUN_CALCULATIONS,
)
from ..models import (
    FeeItem,
)


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
