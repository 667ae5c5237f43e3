"""The one validation of each write in the finance office, page and API alike."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wuye.core.commands import CommandForm
from wuye.core.forms import BoundedDateTimeField, ScopedModelForm
from wuye.org.models import User

from .choices import NumberStatus
from .models import NumberedBook, Seal, SealUse
from .models.registers import MAX_BOOK_NUMBERS

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TOP = 999_999_999


class StaffChoiceField(forms.ModelChoiceField):
    """A member of staff of the current service center."""

    def label_from_instance(self, obj):
        return obj.display_name


def _staff_of(access: Any) -> QuerySet[User]:
    community = getattr(access, "community", None)
    return User.objects.filter(
        memberships__community=community, memberships__is_active=True, is_active=True
    ).distinct()


class SealForm(ScopedModelForm):
    keeper = StaffChoiceField(label=_("keeper"), queryset=User.objects.none(), required=False)

    class Meta:
        model = Seal
        fields = ["name", "kind", "keeper", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["keeper"]).queryset = _staff_of(self.access)


class SealUseForm(ScopedModelForm):
    used_at = BoundedDateTimeField(label=_("used at"), widget=DATETIME_INPUT, required=False)
    applicant = StaffChoiceField(label=_("applicant"), queryset=User.objects.none())
    approver = StaffChoiceField(label=_("approved by"), queryset=User.objects.none())
    copies = forms.IntegerField(label=_("copies"), min_value=1, max_value=1000, initial=1)

    class Meta:
        model = SealUse
        fields = ["seal", "document", "purpose", "copies", "applicant", "approver", "used_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        seals = cast(forms.ModelChoiceField, self.fields["seal"])
        seals.queryset = cast(QuerySet, seals.queryset).filter(is_active=True)
        for name in ("applicant", "approver"):
            cast(forms.ModelChoiceField, self.fields[name]).queryset = _staff_of(self.access)


class NumberedBookForm(ScopedModelForm):
    first_number = forms.IntegerField(label=_("first number"), min_value=1, max_value=TOP)
    last_number = forms.IntegerField(
        label=_("last number"),
        help_text=_("At most %(count)d numbers in a book") % {"count": MAX_BOOK_NUMBERS},
        min_value=1,
        max_value=TOP,
    )

    class Meta:
        model = NumberedBook
        fields = ["kind", "series", "first_number", "last_number", "account"]


class IssueBookForm(CommandForm):
    holder = StaffChoiceField(label=_("issued to"), queryset=User.objects.none())
    issued_on = forms.DateField(label=_("issued on"), widget=DATE_INPUT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["holder"]).queryset = _staff_of(self.access)


class RecordNumberForm(CommandForm):
    number = forms.IntegerField(label=_("number"), min_value=1, max_value=TOP)
    status = forms.ChoiceField(label=_("status"), choices=NumberStatus.choices)
    used_on = forms.DateField(label=_("date"), widget=DATE_INPUT)
    amount = forms.DecimalField(
        label=_("amount"), max_digits=12, decimal_places=2, min_value=0, required=False
    )
    party = forms.CharField(label=_("paid by or to"), max_length=100, required=False)
    note = forms.CharField(
        label=_("note"), max_length=200, required=False, help_text=_("Why, for a voided number")
    )


class ReturnBookForm(CommandForm):
    returned_on = forms.DateField(label=_("returned on"), widget=DATE_INPUT)
