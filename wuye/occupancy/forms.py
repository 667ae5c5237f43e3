"""The one validation of each occupancy write, page and API alike."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.commands import CommandForm
from wuye.core.forms import NormalizedCharField, ScopedModelForm
from wuye.estate.forms import PlateField, UnitField

from .models import ReleasePass

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReleasePassForm(ScopedModelForm):
    """An application for a release pass (OCC-04), typed at the desk for the unit's people."""

    unit = UnitField(label=_("unit"))
    applicant_name = NormalizedCharField(label=_("applicant"), max_length=50)
    applicant_phone = NormalizedCharField(
        label=_("applicant's phone"), max_length=20, required=False
    )
    vehicle_plate = PlateField(label=_("vehicle plate"), max_length=16, required=False)
    item_count = forms.IntegerField(label=_("number of pieces"), min_value=1, max_value=999)
    valid_from = forms.DateField(label=_("valid from"), widget=DATE_INPUT)
    valid_until = forms.DateField(label=_("valid until"), widget=DATE_INPUT)

    class Meta:
        model = ReleasePass
        fields = [
            "unit",
            "applicant_name",
            "applicant_phone",
            "applicant_role",
            "reason",
            "items",
            "item_count",
            "vehicle_plate",
            "valid_from",
            "valid_until",
        ]
        widgets = {"items": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk is None:
            today = timezone.localdate()
            self.initial.setdefault("valid_from", today)
            self.initial.setdefault("valid_until", today)

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("valid_from"), cleaned.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The pass cannot end before it starts."))
        return cleaned


class ApprovePassForm(CommandForm):
    owner_confirmation = NormalizedCharField(
        label=_("owner's confirmation"),
        max_length=100,
        required=False,
        help_text=_("Who confirmed for the owner, and how (e.g. 业主张三电话确认)"),
    )
    note = forms.CharField(label=_("decision note"), max_length=200, required=False)


class RejectPassForm(CommandForm):
    note = forms.CharField(label=_("why it is rejected"), max_length=200)


class CancelPassForm(CommandForm):
    note = forms.CharField(label=_("why it is cancelled"), max_length=200, required=False)


class VerifyPassForm(CommandForm):
    gate = NormalizedCharField(label=_("gate"), max_length=30, required=False)


class GateCodeForm(VerifyPassForm):
    """At the gate by code (the API's verify and the guard's page): the pass number as scanned
    or typed, and the gate."""

    code = NormalizedCharField(label=_("pass number"), max_length=30)
