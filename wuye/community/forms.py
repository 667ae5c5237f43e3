"""The one validation of each write in community, page and API alike."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wuye.core.commands import CommandForm
from wuye.core.errors import DomainError
from wuye.core.forms import MobileField, PhotosField, ScopedModelForm
from wuye.estate.models import Building
from wuye.org.models import Zone

from .models import (
    Announcement,
    AnnouncementImage,
    Campaign,
    MessageTemplate,
    OptOut,
    RecipientList,
)
from .richtext import has_script
from .variables import VARIABLES, check_text

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class RichTextInput(forms.Textarea):
    """A textarea the page turns into a small formatting editor (static/wuye/app.js)."""

    def __init__(self, attrs: dict[str, Any] | None = None):
        super().__init__({"rows": 12, "data-richtext": "", **(attrs or {})})


def _variables_help() -> str:
    return str(_("Variables: %(names)s")) % {"names": "、".join(f"{{{v}}}" for v in VARIABLES)}


def _check_variables(text: str) -> str:
    try:
        check_text(text)
    except DomainError as exc:
        raise ValidationError(str(exc.message)) from exc
    return text


class AnnouncementForm(ScopedModelForm):
    """A draft announcement (COM-01): its text is formatted; a script is refused."""

    zones = forms.ModelMultipleChoiceField(
        label=_("zones"),
        queryset=Zone.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    buildings = forms.ModelMultipleChoiceField(
        label=_("buildings"),
        queryset=Building.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    publish_at = forms.DateTimeField(
        label=_("publish at"),
        required=False,
        widget=DATETIME_INPUT,
        help_text=_("When it is approved, if empty"),
    )
    expires_at = forms.DateTimeField(label=_("expires at"), required=False, widget=DATETIME_INPUT)

    class Meta:
        model = Announcement
        fields = [
            "title",
            "category",
            "body",
            "audience",
            "zones",
            "buildings",
            "pinned",
            "publish_at",
            "expires_at",
            "signed_by",
        ]
        widgets = {"body": RichTextInput()}

    def clean_body(self) -> str:
        body = self.cleaned_data.get("body", "")
        if has_script(body):
            raise ValidationError(
                _(
                    "The text contains a script or an event handler; remove it (scripts are "
                    "never published)."
                )
            )
        return body


class AnnouncementPageForm(AnnouncementForm):
    """The page's draft form: pictures go up with the text (the API adds them with a command)."""

    photos = PhotosField(label=_("pictures"), required=False)
    remove_photos = forms.ModelMultipleChoiceField(
        label=_("remove pictures"),
        queryset=AnnouncementImage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            remove = cast(forms.ModelMultipleChoiceField, self.fields["remove_photos"])
            remove.queryset = self.instance.images.all()
        else:
            del self.fields["remove_photos"]


class PicturesForm(CommandForm):
    photos = PhotosField(label=_("pictures"))


class PublishForm(CommandForm):
    publish_at = forms.DateTimeField(
        label=_("publish at"),
        required=False,
        widget=DATETIME_INPUT,
        help_text=_("Now, or the author's time, if empty"),
    )
    note = forms.CharField(label=_("note"), max_length=200, required=False)


class ReturnForm(CommandForm):
    note = forms.CharField(label=_("what to change"), max_length=200)


class WithdrawForm(CommandForm):
    reason = forms.CharField(label=_("why withdrawn"), max_length=200)


class MessageTemplateForm(ScopedModelForm):
    """A text message template: its variables are checked when it is saved."""

    class Meta:
        model = MessageTemplate
        fields = ["name", "kind", "text", "is_active"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = _variables_help()

    def clean_text(self) -> str:
        return _check_variables(self.cleaned_data.get("text", ""))


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
    scheduled_at = forms.DateTimeField(
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
        self.fields["text"].help_text = str(
            _(
                "The template's text if empty. %(variables)s. The service center's name is put "
                "in front; marketing and greetings end with the way to refuse them."
            )
        ) % {"variables": _variables_help()}

    def clean_text(self) -> str:
        return _check_variables(self.cleaned_data.get("text", ""))


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
