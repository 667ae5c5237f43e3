"""The owners' forum (COM-05): a post, a reply, moderation, a post made a work order, the
keyword list."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from wuye.core.commands import CommandForm
from wuye.core.forms import NormalizedCharField, ScopedModelForm
from wuye.service.choices import OrderKind, Priority

from ..models import ForumKeyword, ForumPost, ForumReply


class ForumPostForm(ScopedModelForm):
    """A post written for the service center (owners write theirs on the owners' side)."""

    body = forms.CharField(
        label=_("text"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )

    class Meta:
        model = ForumPost
        fields = ["category", "title", "body"]


class ForumReplyForm(CommandForm):
    body = forms.CharField(
        label=_("reply"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


class HideForm(CommandForm):
    reason = forms.CharField(label=_("why hidden"), max_length=200)


class ReplyPickForm(CommandForm):
    """One reply of the post (moderation of a reply is done on its post)."""

    reply = forms.ModelChoiceField(label=_("reply"), queryset=ForumReply.objects.all())

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if self.target is not None:
            field = cast(forms.ModelChoiceField, self.fields["reply"])
            field.queryset = self.target.replies.all()


class HideReplyForm(ReplyPickForm):
    reason = forms.CharField(label=_("why hidden"), max_length=200)


class EscalateForm(CommandForm):
    note = forms.CharField(
        label=_("what headquarters should know"),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ToOrderForm(CommandForm):
    kind = forms.ChoiceField(
        label=_("kind"),
        choices=[("", _("As the post's category"))] + list(OrderKind.choices),
        required=False,
    )
    priority = forms.ChoiceField(
        label=_("priority"), choices=Priority.choices, initial=Priority.NORMAL, required=False
    )
    place = forms.CharField(
        label=_("place"),
        max_length=100,
        required=False,
        help_text=_("Where, when the post names no unit"),
    )
    answer = forms.CharField(
        label=_("official reply on the board"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Empty: the order's number is told"),
    )

    def clean_priority(self) -> str:
        return self.cleaned_data.get("priority") or Priority.NORMAL


class ForumKeywordForm(ScopedModelForm):
    word = NormalizedCharField(label=_("word"), max_length=30)

    class Meta:
        model = ForumKeyword
        fields = ["word", "note"]

    def clean_word(self) -> str:
        word = self.cleaned_data.get("word", "").strip()
        if not word:
            raise forms.ValidationError(_("Write the word."))
        community = getattr(self.access, "community", None)
        same = ForumKeyword.objects.filter(community=community, word__iexact=word)
        if self.instance.pk:
            same = same.exclude(pk=self.instance.pk)
        if community is not None and same.exists():
            raise forms.ValidationError(_("This word is on the list already."))
        return word
