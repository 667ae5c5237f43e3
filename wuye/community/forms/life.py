"""Activities, resident groups, the chronicle, visits and facility bookings (COM-06..08)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wuye.core.commands import CommandForm
from wuye.core.errors import DomainError
from wuye.core.forms import BoundedDateTimeField, MobileField, PhotosField, ScopedModelForm
from wuye.core.photos import clean_photos
from wuye.estate.forms import FacilityField, PersonField, UnitField

from ..models import (
    Activity,
    BookableFacility,
    ChronicleEntry,
    GroupMember,
    ResidentGroup,
    SignUp,
    Visit,
)
from .common import (
    DATE_INPUT,
    DATETIME_INPUT,
    TIME_INPUT,
)


class ActivityForm(ScopedModelForm):
    """An activity of the year's plan: when, where, how many places."""

    planned_month = forms.DateField(
        label=_("planned for (month)"), widget=DATE_INPUT, help_text=_("Any day of the month")
    )
    starts_at = BoundedDateTimeField(label=_("starts at"), required=False, widget=DATETIME_INPUT)
    ends_at = BoundedDateTimeField(label=_("ends at"), required=False, widget=DATETIME_INPUT)
    signup_deadline = BoundedDateTimeField(
        label=_("sign up by"), required=False, widget=DATETIME_INPUT
    )

    class Meta:
        model = Activity
        fields = [
            "title",
            "category",
            "planned_month",
            "description",
            "starts_at",
            "ends_at",
            "place",
            "capacity",
            "waitlist",
            "signup_deadline",
            "organizer",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["waitlist"].required = False


class SignUpForm(CommandForm):
    """A household signed up by staff (the owners' side signs up online)."""

    name = forms.CharField(label=_("full name"), max_length=50)
    phone = MobileField(label=_("mobile phone"))
    unit = UnitField(label=_("unit"), required=False)
    party = forms.IntegerField(label=_("people"), min_value=1, max_value=20, initial=1)
    note = forms.CharField(label=_("note"), max_length=100, required=False)


class SignUpPickForm(CommandForm):
    signup = forms.ModelChoiceField(label=_("sign-up"), queryset=SignUp.objects.all())

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if self.target is not None:
            signups = cast(forms.ModelChoiceField, self.fields["signup"])
            signups.queryset = self.target.signups.all()


class FinishActivityForm(CommandForm):
    summary = forms.CharField(label=_("summary"), widget=forms.Textarea(attrs={"rows": 4}))
    attended = forms.IntegerField(
        label=_("people who came"),
        min_value=0,
        required=False,
        help_text=_("The check-ins when empty"),
    )
    photos = PhotosField(label=_("photos"), required=False)


class CancelActivityForm(CommandForm):
    reason = forms.CharField(label=_("why cancelled"), max_length=200)


class ResidentGroupForm(ScopedModelForm):
    class Meta:
        model = ResidentGroup
        fields = ["name", "description", "meets", "contact", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class GroupMemberForm(ScopedModelForm):
    person = PersonField(label=_("resident"))
    joined_on = forms.DateField(label=_("joined on"), widget=DATE_INPUT)

    class Meta:
        model = GroupMember
        fields = ["group", "person", "role", "joined_on"]


class ChronicleEntryForm(ScopedModelForm):
    occurred_on = forms.DateField(label=_("date"), widget=DATE_INPUT)

    class Meta:
        model = ChronicleEntry
        fields = ["occurred_on", "category", "title", "description", "photo"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def clean_photo(self) -> Any:
        photo = self.cleaned_data.get("photo")
        if photo and hasattr(photo, "content_type"):
            try:
                clean_photos([photo], field="photo")
            except DomainError as exc:
                raise ValidationError(str(exc.message)) from exc
        return photo


class ReceptionVisitForm(ScopedModelForm):
    visit_at = BoundedDateTimeField(label=_("when"), widget=DATETIME_INPUT)

    class Meta:
        model = Visit
        fields = [
            "visit_at",
            "kind",
            "visitor",
            "people",
            "purpose",
            "host",
            "route",
            "status",
            "outcome",
        ]
        widgets = {"outcome": forms.Textarea(attrs={"rows": 3})}


class ChronicleEntryApiForm(ChronicleEntryForm):
    """The API's entry: JSON only (a photo is added on the page)."""

    class Meta(ChronicleEntryForm.Meta):
        fields = ["occurred_on", "category", "title", "description"]


class BookableFacilityForm(ScopedModelForm):
    facility = FacilityField(label=_("facility"))
    opens_at = forms.TimeField(label=_("opens at"), widget=TIME_INPUT)
    closes_at = forms.TimeField(label=_("closes at"), widget=TIME_INPUT)

    class Meta:
        model = BookableFacility
        fields = [
            "facility",
            "opens_at",
            "closes_at",
            "slot_minutes",
            "capacity",
            "price",
            "days_ahead",
            "rules",
            "is_active",
        ]
        widgets = {"rules": forms.Textarea(attrs={"rows": 3})}


class BookingForm(CommandForm):
    """A slot booked for a household (at the desk or on the telephone)."""

    day = forms.DateField(label=_("day"), widget=DATE_INPUT)
    starts_at = forms.TimeField(label=_("from"), widget=TIME_INPUT)
    name = forms.CharField(label=_("booked by"), max_length=50)
    phone = MobileField(label=_("mobile phone"))
    unit = UnitField(label=_("unit"), required=False, help_text=_("Billed here when charged"))
    people = forms.IntegerField(label=_("people"), min_value=1, max_value=50, initial=1)


class CancelBookingForm(CommandForm):
    reason = forms.CharField(label=_("why cancelled"), max_length=200)


class FacilityLogForm(CommandForm):
    """An entry of the operation log: hours, visitors, a pool's water readings."""

    measured_at = BoundedDateTimeField(
        label=_("time"), required=False, widget=DATETIME_INPUT, help_text=_("Now when empty")
    )
    opened_at = forms.TimeField(label=_("opened at"), required=False, widget=TIME_INPUT)
    closed_at = forms.TimeField(label=_("closed at"), required=False, widget=TIME_INPUT)
    visitors = forms.IntegerField(label=_("visitors"), min_value=0, required=False)
    ph = forms.DecimalField(
        label=_("pH"), max_digits=4, decimal_places=2, min_value=0, max_value=14, required=False
    )
    chlorine = forms.DecimalField(
        label=_("free chlorine (mg/L)"),
        max_digits=4,
        decimal_places=2,
        min_value=0,
        required=False,
    )
    temperature = forms.DecimalField(
        label=_("water temperature (℃)"),
        max_digits=4,
        decimal_places=1,
        min_value=0,
        max_value=60,
        required=False,
    )
    turbidity = forms.DecimalField(
        label=_("turbidity (NTU)"), max_digits=5, decimal_places=2, min_value=0, required=False
    )
    note = forms.CharField(label=_("note"), max_length=200, required=False)
