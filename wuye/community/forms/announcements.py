"""Announcements (COM-01) and internal notices (COM-09)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from wuye.core.commands import CommandForm
from wuye.core.forms import BoundedDateTimeField, PhotosField, ScopedModelForm
from wuye.core.roles import Post
from wuye.estate.models import Building
from wuye.org.models import Zone

from ..models import (
    Announcement,
    AnnouncementImage,
    StaffNotice,
)
from .common import (
    DATE_INPUT,
    DATETIME_INPUT,
    RichTextInput,
    without_script,
)


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
    publish_at = BoundedDateTimeField(
        label=_("publish at"),
        required=False,
        widget=DATETIME_INPUT,
        help_text=_("When it is approved, if empty"),
    )
    expires_at = BoundedDateTimeField(label=_("expires at"), required=False, widget=DATETIME_INPUT)

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
        return without_script(self.cleaned_data.get("body", ""))


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
    publish_at = BoundedDateTimeField(
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


class StaffNoticeForm(ScopedModelForm):
    """An internal notice or the minutes of a meeting, to the staff of some posts."""

    posts = forms.MultipleChoiceField(
        label=_("posts"),
        choices=Post.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Everyone when none is ticked"),
    )
    meeting_on = forms.DateField(label=_("meeting date"), required=False, widget=DATE_INPUT)
    attachment = forms.FileField(label=_("attachment"), required=False)

    class Meta:
        model = StaffNotice
        fields = ["kind", "title", "body", "posts", "meeting_on", "attachment"]
        widgets = {"body": RichTextInput()}

    def clean_body(self) -> str:
        return without_script(self.cleaned_data.get("body", ""))


class StaffNoticeApiForm(StaffNoticeForm):
    """The API's notice: JSON only (an attachment goes up on the page)."""

    attachment = None  # type: ignore[assignment]

    class Meta(StaffNoticeForm.Meta):
        fields = ["kind", "title", "body", "posts", "meeting_on"]
