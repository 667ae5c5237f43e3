"""The one validation of each quality write, page and API alike."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.commands import CommandForm
from wuye.core.forms import NormalizedCharField, ScopedModelForm
from wuye.estate.forms.rules import UniqueInCommunityForm

from .choices import WEEKDAYS, ItemKind
from .models import ChecklistItem, Checkpoint, InspectionPlan
from .services.checkins import route_checkpoint

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class CheckpointForm(UniqueInCommunityForm):
    unique_together_in_community = [(("code",), _("A checkpoint already has this code."))]
    code = NormalizedCharField(
        label=_("code"), max_length=20, help_text=_("Printed on the QR label, e.g. XJ-B1-01")
    )

    class Meta:
        model = Checkpoint
        fields = ["code", "name", "kind", "building", "floor", "facility", "location", "is_active"]

    def clean_code(self):
        return self.cleaned_data["code"].upper()


class ChecklistItemForm(ScopedModelForm):
    class Meta:
        model = ChecklistItem
        fields = [
            "checkpoint",
            "position",
            "text",
            "kind",
            "minimum",
            "maximum",
            "unit",
            "photo_required",
        ]

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        low, high = cleaned.get("minimum"), cleaned.get("maximum")
        if cleaned.get("kind") == ItemKind.NUMBER and low is None and high is None:
            self.add_error("maximum", _("A number is checked against its limits: give one."))
        if cleaned.get("kind") == ItemKind.PASS_FAIL and (low is not None or high is not None):
            self.add_error("kind", _("Limits are for numbers: choose “A number within limits”."))
        if low is not None and high is not None and low > high:
            self.add_error("maximum", _("The highest allowed is below the lowest."))
        return cleaned


class RouteField(forms.CharField):
    """The route as checkpoint codes in walking order, one per line (or separated by commas)."""

    widget = forms.Textarea(attrs={"rows": 5, "placeholder": "XJ-01\nXJ-02\nXJ-03"})

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [code.strip().upper() for code in re.split(r"[\n,，、;；\s]+", text) if code.strip()]

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value


class InspectionPlanForm(UniqueInCommunityForm):
    """A plan: its route, its schedule and window, and who walks it (QUA-01)."""

    unique_together_in_community = [(("name",), _("A plan already has this name."))]
    weekdays = forms.TypedMultipleChoiceField(
        label=_("weekdays"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    window_start = forms.TimeField(label=_("window from"), widget=TIME_INPUT)
    window_end = forms.TimeField(label=_("window until"), widget=TIME_INPUT)
    starts_on = forms.DateField(label=_("from"), widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("until"), widget=DATE_INPUT, required=False)
    route = RouteField(
        label=_("route"),
        help_text=_("The checkpoints' codes in walking order, one per line"),
    )

    class Meta:
        model = InspectionPlan
        fields = [
            "name",
            "category",
            "route",
            "frequency",
            "weekdays",
            "month_day",
            "window_start",
            "window_end",
            "assigned_post",
            "assignee",
            "starts_on",
            "ends_on",
            "is_active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial.setdefault(
                "route",
                [stop.checkpoint.code for stop in self.instance.stops.select_related("checkpoint")],
            )
        elif not self.is_bound:
            self.initial.setdefault("starts_on", timezone.localdate())

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        codes = cleaned.get("route") or []
        if codes and self.access is not None:
            found = {
                c.code: c for c in Checkpoint.objects.for_access(self.access).filter(code__in=codes)
            }
            unknown = [code for code in codes if code not in found]
            if unknown:
                self.add_error(
                    "route",
                    _("No checkpoint has the code %(codes)s.") % {"codes": "、".join(unknown)},
                )
            else:
                cleaned["route"] = [found[code] for code in codes]
        if cleaned.get("assigned_post") and cleaned.get("assignee"):
            self.add_error("assignee", _("Assign the plan to a post or to a person, not both."))
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The plan cannot end before it starts."))
        return cleaned


class CheckInForm(CommandForm):
    """A check-in at the checkpoint `code` names, with its checklist: `result_<item id>` is
    passed/failed or the number read, `remark_<item id>` what was seen."""

    code = NormalizedCharField(label=_("checkpoint code"), max_length=20)
    note = forms.CharField(label=_("note"), max_length=200, required=False)
    photo = forms.ImageField(
        label=_("photo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        code = (self.data.get("code") if self.is_bound else None) or self.initial.get("code")
        self.checkpoint = (
            route_checkpoint(self.target, code) if self.target is not None and code else None
        )
        if self.checkpoint is not None:
            self.items = list(self.checkpoint.items.all())
        elif self.target is not None and not self.is_bound:
            # No checkpoint named yet (the API reading a body's types): every item of the
            # route, so each checkpoint's answers are known fields.
            self.items = list(
                ChecklistItem.objects.filter(checkpoint__plans=self.target.plan_id).order_by(
                    "checkpoint_id", "position", "pk"
                )
            )
        else:
            self.items = []
        for item in self.items:
            if item.kind == ItemKind.PASS_FAIL:
                self.fields[f"result_{item.pk}"] = forms.ChoiceField(
                    label=item.text,
                    choices=[("passed", _("Passed")), ("failed", _("Not passed"))],
                    widget=forms.RadioSelect,
                )
            else:
                limits = f"{item.minimum if item.minimum is not None else '—'} ~ " + (
                    f"{item.maximum if item.maximum is not None else '—'} {item.unit}"
                )
                self.fields[f"result_{item.pk}"] = forms.DecimalField(
                    label=item.text, max_digits=10, decimal_places=2, help_text=limits
                )
            self.fields[f"remark_{item.pk}"] = forms.CharField(
                label=_("remark"), max_length=200, required=False
            )

        if self.checkpoint is not None:
            self.fields["code"].widget.attrs["readonly"] = True  # chosen: its checklist shows
            self.order_fields([name for name in self.fields if name not in ("photo", "note")])

    def arguments(self):
        values = super().arguments()
        values["answers"] = {item.pk: values.pop(f"result_{item.pk}") for item in self.items}
        values["remarks"] = {item.pk: values.pop(f"remark_{item.pk}") for item in self.items}
        return values
