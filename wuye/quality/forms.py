"""The one validation of each quality write, page and API alike."""

import re
from typing import cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.commands import CommandForm
from wuye.core.errors import DomainError
from wuye.core.forms import CameraPhotoField, NormalizedCharField, ScopedModelForm
from wuye.core.photos import clean_drawings
from wuye.estate.forms.rules import UniqueInCommunityForm
from wuye.estate.models import Building, Vendor
from wuye.org.models import User

from .choices import VENDOR_SCORECARD, WEEKDAYS, CheckKind, ItemKind, SignCondition
from .models import (
    Assessment,
    AssessmentItem,
    Certificate,
    CheckEntry,
    ChecklistItem,
    Checkpoint,
    CheckStandard,
    DepartmentAssessment,
    ExcellenceItem,
    ExcellenceReview,
    Finding,
    Incident,
    IncidentStep,
    InspectionPlan,
    MaintenancePlan,
    QualityCheck,
    SignBoard,
    StandardItem,
    TrainingSession,
    VendorEvaluation,
)
from .services.checkins import route_checkpoint
from .services.checks import kind_permission
from .services.maintenance import check_interval

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
    photo = CameraPhotoField()

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


# --- The office's checks (QUA-02..04) -------------------------------------------------------


class CheckStandardForm(UniqueInCommunityForm):
    unique_together_in_community = [(("name",), _("A standard checklist already has this name."))]

    class Meta:
        model = CheckStandard
        fields = ["name", "kind", "department_kind", "vendor_category", "is_active"]

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("kind") == VENDOR_SCORECARD and not cleaned.get("vendor_category"):
            self.add_error("vendor_category", _("Say which subcontract the scorecard is for."))
        if cleaned.get("kind") != VENDOR_SCORECARD and cleaned.get("vendor_category"):
            self.add_error("vendor_category", _("Only a subcontractor scorecard has one."))
        return cleaned


class StandardItemForm(ScopedModelForm):
    class Meta:
        model = StandardItem
        fields = ["standard", "position", "text", "points", "photo_required"]


class SignBoardForm(UniqueInCommunityForm):
    unique_together_in_community = [(("code",), _("A sign board already has this code."))]
    code = NormalizedCharField(label=_("code"), max_length=20)

    class Meta:
        model = SignBoard
        fields = ["code", "name", "kind", "building", "location", "condition", "is_active"]

    def clean_code(self):
        return self.cleaned_data["code"].upper()


class QualityCheckForm(ScopedModelForm):
    """Start a check: the kinds offered are those the person may record."""

    checked_on = forms.DateField(
        label=_("checked on"),
        widget=DATE_INPUT,
        required=False,
        help_text=_("Today when left empty"),
    )

    class Meta:
        model = QualityCheck
        fields = ["kind", "standard", "department", "checked_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        access = self.access
        cast(forms.ChoiceField, self.fields["kind"]).choices = [
            (value, label)
            for value, label in CheckKind.choices
            if access is None or access.has(kind_permission(value))
        ]
        standards = cast(forms.ModelChoiceField, self.fields["standard"])
        standards.queryset = (
            cast(QuerySet, standards.queryset).filter(is_active=True).exclude(kind=VENDOR_SCORECARD)
        )
        standards.help_text = _("For spot and safety checks")
        self.fields["department"].help_text = _("For spot checks")


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def yes_no(value):
    return {"yes": True, "no": False}.get(value)


class EntryForm(CommandForm):
    """One entry of a check: an item of its standard (passed, or failed with the points
    deducted), or — at night — a post visited."""

    item = forms.ModelChoiceField(label=_("item"), queryset=StandardItem.objects.all())
    passed = forms.TypedChoiceField(
        label=_("passed"),
        choices=[("yes", _("Passed")), ("no", _("Not passed"))],
        coerce=yes_no,
        widget=forms.RadioSelect,
    )
    deduction = forms.DecimalField(
        label=_("points deducted"),
        max_digits=5,
        decimal_places=1,
        required=False,
        help_text=_("All the item's points when left empty"),
    )
    post = forms.CharField(label=_("post visited"), max_length=100)
    on_duty = forms.TypedChoiceField(
        label=_("on duty at the post"), choices=YES_NO, coerce=yes_no, widget=forms.RadioSelect
    )
    remark = forms.CharField(label=_("finding"), max_length=300, required=False)
    # Not "action": that names the command a page posts.
    corrective_action = forms.CharField(
        label=_("corrective action"), max_length=300, required=False
    )
    rectify = forms.BooleanField(
        label=_("Open a rectification work order"),
        required=False,
        help_text=_("When it cannot be put right on the spot"),
    )
    photo = CameraPhotoField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        check = self.target
        if check is None:
            return
        if check.kind == CheckKind.NIGHT:
            for name in ("item", "passed", "deduction"):
                del self.fields[name]
        else:
            for name in ("post", "on_duty", "rectify", "corrective_action"):
                del self.fields[name]
            recorded = check.entries.filter(item__isnull=False).values("item_id")
            waiting = check.standard.items.exclude(pk__in=recorded)
            cast(forms.ModelChoiceField, self.fields["item"]).queryset = waiting
            first = waiting.first()
            if first is not None and not self.is_bound:
                self.initial.setdefault("item", first.pk)


class SignEntryForm(CommandForm):
    """A sign board looked at on a spot or safety check, and the state it is in."""

    sign_board = forms.ModelChoiceField(label=_("sign board"), queryset=SignBoard.objects.all())
    condition = forms.ChoiceField(label=_("condition"), choices=SignCondition.choices)
    remark = forms.CharField(label=_("finding"), max_length=300, required=False)
    photo = CameraPhotoField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        boards = cast(forms.ModelChoiceField, self.fields["sign_board"])
        boards.queryset = cast(QuerySet, boards.queryset).filter(is_active=True)


class FinishForm(CommandForm):
    summary = forms.CharField(
        label=_("summary"), max_length=500, required=False, widget=forms.Textarea({"rows": 2})
    )


# --- Equipment maintenance (QUA-05) ----------------------------------------------------------


class MaintenancePlanForm(ScopedModelForm):
    next_due = forms.DateField(label=_("next due"), widget=DATE_INPUT)

    class Meta:
        model = MaintenancePlan
        fields = [
            "facility",
            "name",
            "interval",
            "interval_unit",
            "contractor",
            "work",
            "next_due",
            "is_active",
        ]
        widgets = {"work": forms.Textarea({"rows": 3})}

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        facility, interval = cleaned.get("facility"), cleaned.get("interval")
        if facility is not None and interval:
            try:
                check_interval(facility, interval, cleaned.get("interval_unit") or "")
            except DomainError as exc:
                self.add_error(exc.field, str(exc.message))
        return cleaned


class MaintenanceRecordForm(CommandForm):
    """A maintenance done on the plan's facility."""

    done_on = forms.DateField(label=_("done on"), widget=DATE_INPUT)
    technician = forms.CharField(label=_("technician"), max_length=50)
    work = forms.CharField(label=_("work done"), widget=forms.Textarea({"rows": 3}))
    parts = forms.CharField(
        label=_("parts replaced"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
        help_text=_("One part per line"),
    )
    cost = forms.DecimalField(
        label=_("cost"), max_digits=14, decimal_places=2, min_value=0, required=False
    )
    contractor = forms.ModelChoiceField(
        label=_("subcontractor"),
        queryset=Vendor.objects.all(),
        required=False,
        help_text=_("The plan's when left empty"),
    )
    photo = CameraPhotoField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("done_on", timezone.localdate())
            if self.target is not None:
                self.initial.setdefault("work", self.target.work)


class CertificateForm(ScopedModelForm):
    issued_on = forms.DateField(label=_("issued on"), widget=DATE_INPUT)
    expires_on = forms.DateField(label=_("valid until"), widget=DATE_INPUT)
    document = forms.FileField(
        label=_("scan"), required=False, help_text=_("A PDF or a photo of the certificate")
    )

    class Meta:
        model = Certificate
        fields = ["facility", "kind", "number", "issuer", "issued_on", "expires_on"]

    def clean(self):
        super().clean()
        issued, expires = self.cleaned_data.get("issued_on"), self.cleaned_data.get("expires_on")
        if issued and expires and expires <= issued:
            self.add_error("expires_on", _("A certificate expires after it is issued."))
        return self.cleaned_data


# --- Emergencies (QUA-08) --------------------------------------------------------------------


class IncidentForm(ScopedModelForm):
    """Report an emergency (its SOP and timers follow its kind)."""

    occurred_at = forms.DateTimeField(
        label=_("reported at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Now when left empty"),
    )

    class Meta:
        model = Incident
        fields = ["kind", "title", "location", "building", "facility", "occurred_at"]


class StepForm(CommandForm):
    step = forms.ModelChoiceField(label=_("step"), queryset=IncidentStep.objects.all())
    note = forms.CharField(label=_("note"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.target is not None:
            steps = cast(forms.ModelChoiceField, self.fields["step"])
            steps.queryset = self.target.steps.filter(done_at__isnull=True)


class IncidentNoteForm(CommandForm):
    text = forms.CharField(
        label=_("what happened"), max_length=500, widget=forms.Textarea({"rows": 2})
    )


class ResidentNoticeForm(CommandForm):
    text = forms.CharField(
        label=_("notice"),
        max_length=300,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("Sent by SMS to the owners and tenants of the buildings chosen"),
    )
    buildings = forms.ModelMultipleChoiceField(
        label=_("buildings"), queryset=Building.objects.all(), widget=forms.CheckboxSelectMultiple
    )

    def arguments(self):
        values = super().arguments()
        values["buildings"] = list(values["buildings"])
        return values


class CloseIncidentForm(CommandForm):
    cause = forms.CharField(label=_("cause"), widget=forms.Textarea({"rows": 2}))
    handling = forms.CharField(label=_("how it was handled"), widget=forms.Textarea({"rows": 3}))
    result = forms.CharField(label=_("result and lessons"), widget=forms.Textarea({"rows": 2}))


# --- Assessments and training (QUA-09, QUA-10) -------------------------------------------------


class AssessmentItemForm(UniqueInCommunityForm):
    unique_together_in_community = [(("code",), _("An assessment item already has this code."))]

    class Meta:
        model = AssessmentItem
        fields = ["code", "text", "points", "amount", "is_active"]

    def clean_points(self):
        points = self.cleaned_data["points"]
        if points == 0:
            raise forms.ValidationError(_("Give the points it adds (or, negative, deducts)."))
        return points


class AssessmentForm(ScopedModelForm):
    """Propose an assessment; the points and the money default to the item's."""

    occurred_on = forms.DateField(
        label=_("on"), widget=DATE_INPUT, required=False, help_text=_("Today when left empty")
    )
    staff = forms.ModelChoiceField(label=_("staff member"), queryset=User.objects.none())
    points = forms.DecimalField(
        label=_("points"),
        max_digits=5,
        decimal_places=1,
        required=False,
        help_text=_("The item's when left empty"),
    )
    amount = forms.DecimalField(
        label=_("reward or penalty"),
        max_digits=14,
        decimal_places=2,
        required=False,
        help_text=_("The item's when left empty"),
    )

    class Meta:
        model = Assessment
        fields = [
            "staff",
            "item",
            "occurred_on",
            "points",
            "amount",
            "reason",
            "check_entry",
            "finding",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        community = self.access.community if self.access else None
        staff = cast(forms.ModelChoiceField, self.fields["staff"])
        staff.queryset = User.objects.filter(
            memberships__community=community, memberships__is_active=True
        ).distinct()
        items = cast(forms.ModelChoiceField, self.fields["item"])
        items.queryset = cast(QuerySet, items.queryset).filter(is_active=True)
        entries = cast(forms.ModelChoiceField, self.fields["check_entry"])
        entries.queryset = cast(QuerySet, entries.queryset).filter(passed=False)


class AssessmentReviewForm(CommandForm):
    note = forms.CharField(label=_("review note"), max_length=200, required=False)


class DepartmentAssessmentForm(ScopedModelForm):
    month = forms.DateField(
        label=_("month"),
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        input_formats=["%Y-%m", "%Y-%m-%d"],
    )

    class Meta:
        model = DepartmentAssessment
        fields = ["department", "month", "score", "comment"]


class TrainingSessionForm(ScopedModelForm):
    held_on = forms.DateField(label=_("held on"), widget=DATE_INPUT)

    class Meta:
        model = TrainingSession
        fields = ["title", "held_on", "hours", "trainer", "department", "content", "material"]
        widgets = {"content": forms.Textarea({"rows": 3})}

    def clean_material(self):
        material = self.cleaned_data.get("material")
        if material and hasattr(material, "read") and not getattr(material, "_committed", False):
            try:
                clean_drawings([material], field="material")
            except DomainError as exc:
                raise forms.ValidationError(str(exc.message)) from None
        return material


class AttendeesForm(CommandForm):
    staff = forms.ModelMultipleChoiceField(
        label=_("attendees"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        community = self.access.community if self.access else None
        staff = cast(forms.ModelMultipleChoiceField, self.fields["staff"])
        staff.queryset = (
            User.objects.filter(memberships__community=community, memberships__is_active=True)
            .distinct()
            .order_by("name")
        )

    def arguments(self):
        values = super().arguments()
        values["staff"] = list(values["staff"])
        return values


# --- Subcontractor evaluation (QUA-07) -------------------------------------------------------


class VendorEvaluationForm(ScopedModelForm):
    month = forms.DateField(
        label=_("month"),
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        input_formats=["%Y-%m", "%Y-%m-%d"],
        required=False,
        help_text=_("Last month when left empty"),
    )

    class Meta:
        model = VendorEvaluation
        fields = ["vendor", "month", "standard"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        standards = cast(forms.ModelChoiceField, self.fields["standard"])
        standards.queryset = cast(QuerySet, standards.queryset).filter(
            is_active=True, kind=VENDOR_SCORECARD
        )


class ScorecardDeductionForm(CommandForm):
    item = forms.ModelChoiceField(label=_("scorecard item"), queryset=StandardItem.objects.all())
    points = forms.DecimalField(label=_("points deducted"), max_digits=5, decimal_places=1)
    reason = forms.CharField(label=_("reason"), max_length=300)
    check_entry = forms.ModelChoiceField(
        label=_("check finding"), queryset=CheckEntry.objects.all(), required=False
    )
    finding = forms.ModelChoiceField(
        label=_("inspection finding"), queryset=Finding.objects.all(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.target is not None:
            items = cast(forms.ModelChoiceField, self.fields["item"])
            items.queryset = self.target.standard.items.all()
        for name in ("check_entry", "finding"):
            self.fields[name].widget = forms.HiddenInput()


# --- Excellent-community evaluation (QUA-11) -------------------------------------------------


class ExcellenceReviewForm(ScopedModelForm):
    year = forms.IntegerField(
        label=_("year"), required=False, help_text=_("This year when left empty")
    )

    class Meta:
        model = ExcellenceReview
        fields = ["year", "level", "note"]


class AssessItemForm(CommandForm):
    item = forms.ModelChoiceField(label=_("item"), queryset=ExcellenceItem.objects.all())
    awarded = forms.DecimalField(label=_("points expected"), max_digits=5, decimal_places=1)
    note = forms.CharField(label=_("note"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.target is not None:
            cast(forms.ModelChoiceField, self.fields["item"]).queryset = self.target.items.all()


class EvidenceForm(CommandForm):
    item = forms.ModelChoiceField(label=_("item"), queryset=ExcellenceItem.objects.all())
    title = forms.CharField(label=_("title"), max_length=100)
    document = forms.FileField(label=_("file"), help_text=_("A PDF or a photo"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.target is not None:
            cast(forms.ModelChoiceField, self.fields["item"]).queryset = self.target.items.all()
