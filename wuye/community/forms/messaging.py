"""SMS templates, campaigns, lists, opt-outs, greetings and outage notices (COM-02, COM-03)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from wuye.core.calendar import FESTIVALS
from wuye.core.commands import CommandForm
from wuye.core.forms import BoundedDateTimeField, MobileField, ScopedModelForm
from wuye.estate.models import Building
from wuye.org.models import Zone

from ..choices import MessageKind, TargetKind
from ..models import (
    Campaign,
    MessageTemplate,
    OptOut,
    Outage,
    RecipientList,
)
from .common import (
    DATETIME_INPUT,
    check_variables,
    variables_help,
)


class MessageTemplateForm(ScopedModelForm):
    """A text message template: its variables are checked when it is saved."""

    class Meta:
        model = MessageTemplate
        fields = ["name", "kind", "text", "is_active"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = variables_help()

    def clean_text(self) -> str:
        return check_variables(self.cleaned_data.get("text", ""))


class CampaignForm(ScopedModelForm):
    """An SMS campaign: a template's text or its own, and whom it goes to."""

    text = forms.CharField(
        label=_("text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    zones = forms.ModelMultipleChoiceField(
        label=_("zones"),
        queryset=Zone.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For the arrears list: only these zones (all when none is ticked)"),
    )
    buildings = forms.ModelMultipleChoiceField(
        label=_("buildings"),
        queryset=Building.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    scheduled_at = BoundedDateTimeField(
        label=_("send at"),
        required=False,
        widget=DATETIME_INPUT,
        help_text=_("At once when sent, if empty"),
    )

    class Meta:
        model = Campaign
        fields = [
            "title",
            "kind",
            "template",
            "text",
            "urgent",
            "target",
            "zones",
            "buildings",
            "recipient_list",
            "scheduled_at",
        ]

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        target = cast(forms.ChoiceField, self.fields["target"])
        target.choices = [c for c in TargetKind.choices if c[0] != TargetKind.BIRTHDAYS]
        self.fields["text"].help_text = str(
            _(
                "The template's text if empty. %(variables)s. The service center's name is put "
                "in front; marketing and greetings end with the way to refuse them."
            )
        ) % {"variables": variables_help()}

    def clean_text(self) -> str:
        return check_variables(self.cleaned_data.get("text", ""))


class CancelCampaignForm(CommandForm):
    reason = forms.CharField(label=_("why cancelled"), max_length=200)


class RecipientListForm(ScopedModelForm):
    """A saved list read from an Excel file: 姓名, 手机号, 房号, 金额, 日期 (手机号 required)."""

    file = forms.FileField(
        label=_("Excel file"),
        help_text=_("Columns 姓名, 手机号, 房号, 金额, 日期 in the first row; 手机号 is required"),
    )

    class Meta:
        model = RecipientList
        fields = ["name", "note", "file"]


class OptOutForm(ScopedModelForm):
    phone = MobileField(label=_("mobile phone"))

    class Meta:
        model = OptOut
        fields = ["phone", "reason"]


class GreetingSettingsForm(forms.Form):
    """Which festivals and birthdays are greeted, with which greeting templates."""

    is_active = forms.BooleanField(label=_("send greetings"), required=False)
    festivals = forms.MultipleChoiceField(
        label=_("festivals"),
        choices=[(key, name) for key, name, *_rest in FESTIVALS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    festival_template = forms.ModelChoiceField(
        label=_("festival template"),
        queryset=MessageTemplate.objects.none(),
        required=False,
        help_text=_("A greeting template; {节日} is the festival's name"),
    )
    birthdays = forms.BooleanField(label=_("birthday greetings"), required=False)
    birthday_template = forms.ModelChoiceField(
        label=_("birthday template"), queryset=MessageTemplate.objects.none(), required=False
    )

    def __init__(self, *args: Any, community: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        greetings = MessageTemplate.objects.filter(
            community=community, kind=MessageKind.GREETING, is_active=True
        )
        for name in ("festival_template", "birthday_template"):
            cast(forms.ModelChoiceField, self.fields[name]).queryset = greetings


class OutageForm(ScopedModelForm):
    """An outage notice: what stops, for which buildings, when and why."""

    buildings = forms.ModelMultipleChoiceField(
        label=_("buildings"), queryset=Building.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    starts_at = BoundedDateTimeField(label=_("from"), widget=DATETIME_INPUT)
    ends_at = BoundedDateTimeField(label=_("until"), widget=DATETIME_INPUT)
    urgent = forms.BooleanField(
        label=_("urgent"),
        required=False,
        help_text=_("The SMS goes in quiet hours too (21:00–08:00)"),
    )

    class Meta:
        model = Outage
        fields = ["kind", "buildings", "starts_at", "ends_at", "reason", "urgent"]
