from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from wuye.core.commands import CommandForm
from wuye.core.forms import CameraPhotoField, ScopedModelForm
from wuye.estate.forms import FacilityField, UnitField
from wuye.estate.models import Vendor
from wuye.org.forms import DateTimeInput

from .choices import ReviewMark, Shift
from .models import (
    Category,
    DutyItem,
    KnowledgeArticle,
    ReceptionLog,
    ServicePolicy,
    TimeLimit,
    WorkOrder,
)


class CategoryChoiceField(forms.ModelChoiceField):
    """A category picker whose options read as their path (维修 / 水电 / 漏水)."""

    def label_from_instance(self, obj: Category) -> str:
        return obj.path


class StaffChoiceField(forms.ModelChoiceField):
    """A staff picker whose options read as the person's name."""

    def label_from_instance(self, obj: Any) -> str:
        return obj.name or obj.username


class WorkOrderForm(ScopedModelForm):
    """Hotline and front-desk intake: the fields in the order they are asked on the phone."""

    reporter_phone = forms.CharField(label=_("caller's phone"), max_length=20, required=False)
    unit = UnitField(label=_("unit"), required=False)
    facility = FacilityField(label=_("facility"), required=False)
    photos = forms.ImageField(
        label=_("photos"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    attachments = forms.FileField(
        label=_("documents (PDF, Word, Excel)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx"}),
    )

    class Meta:
        model = WorkOrder
        field_classes = {"category": CategoryChoiceField}
        fields = [
            "reporter_phone",
            "reporter_name",
            "unit",
            "place",
            "facility",
            "kind",
            "category",
            "priority",
            "description",
            "channel",
            "is_major",
            "is_paid",
            "under_warranty",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        category = cast(forms.ModelChoiceField, self.fields["category"])
        assert category.queryset is not None  # restricted to the community by the base form
        category.queryset = category.queryset.filter(is_active=True, children__isnull=True)
        self.fields["channel"].initial = "hotline"

    def clean_reporter_phone(self):
        return "".join(ch for ch in self.cleaned_data.get("reporter_phone", "") if ch.isdigit())

    def clean(self):
        cleaned = super().clean() or {}
        if not (cleaned.get("unit") or cleaned.get("place") or cleaned.get("facility")):
            self.add_error("place", _("Give the unit or the public place."))
        if cleaned.get("is_paid") and not cleaned.get("unit"):
            self.add_error("unit", _("A paid service is charged to a unit: give the unit."))
        if cleaned.get("is_major") and cleaned.get("kind") != "complaint":
            self.add_error("is_major", _("Only a complaint can be marked major."))
        return cleaned


class DispatchForm(CommandForm):
    """Dispatch (or pass on) an order: to whom, and why when it is passed on."""

    assignee = StaffChoiceField(
        label=_("assignee"),
        queryset=get_user_model().objects.all(),
        error_messages={"invalid_choice": _("Choose a member of this service center's staff.")},
    )
    note = forms.CharField(label=_("note"), max_length=500, required=False)


class CompleteForm(CommandForm):
    """The work is done: what was done, materials and labour charged, photos of the result."""

    result = forms.CharField(
        label=_("what was done"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    materials = forms.CharField(label=_("materials"), max_length=300, required=False)
    material_cost = forms.DecimalField(
        label=_("materials charged"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        required=False,
    )
    labour_cost = forms.DecimalField(
        label=_("labour charged"), min_value=0, max_digits=14, decimal_places=2, required=False
    )
    photos = CameraPhotoField(label=_("photos of the work done"))


class NoteForm(CommandForm):
    """A note or a reason (pause, cancel, reopen, return, escalate…); the service says when
    one is required."""

    note = forms.CharField(label=_("note"), max_length=500, required=False)


class VisitForm(CommandForm):
    """A return visit's result: reached with a score 1–5, or not reached."""

    reached = forms.NullBooleanField(
        label=_("result of the call"),
        widget=forms.RadioSelect(
            choices=[("1", _("Reached the resident")), ("0", _("Could not reach"))]
        ),
        initial="1",
    )
    score = forms.TypedChoiceField(
        label=_("satisfaction"),
        choices=[
            ("5", _("5 · very satisfied")),
            ("4", _("4 · satisfied")),
            ("3", _("3 · neutral")),
            ("2", _("2 · unsatisfied")),
            ("1", _("1 · very unsatisfied")),
        ],
        coerce=int,
        required=False,
        empty_value=None,
        # Buttons with none chosen: the score is what the resident says, never a default.
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("comment"), max_length=500, required=False)

    def clean(self):
        cleaned = super().clean() or {}
        if cleaned.get("reached") is None and "reached" not in self.errors:
            self.add_error("reached", self.fields["reached"].error_messages["required"])
        if cleaned.get("reached") and cleaned.get("score") is None:
            self.add_error("score", _("Give the satisfaction score from 1 to 5."))
        return cleaned


class CategoryForm(ScopedModelForm):
    class Meta:
        model = Category
        field_classes = {"parent": CategoryChoiceField}
        fields = ["parent", "name", "department", "is_safety", "is_active", "sort"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parent = cast(forms.ModelChoiceField, self.fields["parent"])
        assert parent.queryset is not None  # restricted to the community by the base form
        parent.queryset = parent.queryset.filter(level__lt=3)

    def clean(self):
        cleaned = super().clean() or {}
        name = (cleaned.get("name") or "").strip()
        siblings = Category.objects.filter(
            community=getattr(self.access, "community", None),
            parent=cleaned.get("parent"),
            name=name,
        ).exclude(pk=self.instance.pk)
        if name and siblings.exists():
            self.add_error("name", _("There is a category of this name here already."))
        return cleaned

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        node = parent
        while node is not None:
            if self.instance.pk and node.pk == self.instance.pk:
                raise forms.ValidationError(_("A category cannot sit under itself."))
            node = node.parent
        return parent

    def save(self, commit=True):
        category = super().save(commit=False)
        category.level = (category.parent.level + 1) if category.parent else 1
        if commit:
            category.save()
        return category


class TimeLimitForm(ScopedModelForm):
    class Meta:
        model = TimeLimit
        field_classes = {"category": CategoryChoiceField}
        fields = [
            "category",
            "priority",
            "response_minutes",
            "arrival_minutes",
            "completion_minutes",
            "calendar",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["category"]).empty_label = _(
            "Default of the service center"
        )

    def clean(self):
        cleaned = super().clean() or {}
        response, completion = cleaned.get("response_minutes"), cleaned.get("completion_minutes")
        arrival = cleaned.get("arrival_minutes")
        if response and completion and response > completion:
            self.add_error("completion_minutes", _("Completion cannot come before acceptance."))
        if arrival and completion and arrival > completion:
            self.add_error("completion_minutes", _("Completion cannot come before arrival."))
        duplicate = TimeLimit.objects.filter(
            community=getattr(self.access, "community", None),
            category=cleaned.get("category"),
            priority=cleaned.get("priority"),
        ).exclude(pk=self.instance.pk)
        if duplicate.exists():
            self.add_error("priority", _("This category already has limits for this priority."))
        return cleaned


class ServicePolicyForm(forms.ModelForm):
    class Meta:
        model = ServicePolicy
        fields = [
            "work_starts",
            "work_ends",
            "repair_visit_percent",
            "visit_within_days",
            "safety_visit_within_days",
            "remind_before_minutes",
            "complaint_hours",
        ]
        widgets = {
            "work_starts": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "work_ends": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def clean(self):
        cleaned = super().clean() or {}
        starts, ends = cleaned.get("work_starts"), cleaned.get("work_ends")
        if starts and ends and starts >= ends:
            self.add_error("work_ends", _("Working hours end after they start."))
        return cleaned


class KnowledgeArticleForm(ScopedModelForm):
    class Meta:
        model = KnowledgeArticle
        fields = ["topic", "title", "question", "answer", "tags", "is_published"]
        widgets = {
            "question": forms.Textarea(attrs={"rows": 2}),
            "answer": forms.Textarea(attrs={"rows": 8}),
        }

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        taken = type(self.instance).objects.filter(
            community=getattr(self.access, "community", None), title=title
        )
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("An article with this title exists already."))
        return title


class DutyLogOpenForm(forms.Form):
    desk = forms.CharField(label=_("desk"), max_length=30, initial="客服前台")
    date = forms.DateField(label=_("date"), widget=forms.DateInput(attrs={"type": "date"}))
    shift = forms.ChoiceField(label=_("shift"), choices=Shift.choices)


class DutyWriteForm(CommandForm):
    """Add to the shift's notes and/or open a matter to follow up."""

    notes = forms.CharField(label=_("what happened"), max_length=5000, required=False)
    item = forms.CharField(label=_("a matter to follow up"), max_length=300, required=False)

    def clean_notes(self):
        # Notes left out (only a matter sent) keep what the log says.
        return self.cleaned_data["notes"] if "notes" in self.data else None


class DutySettleForm(CommandForm):
    """Settle an open matter of the log."""

    item = forms.ModelChoiceField(
        label=_("a matter to follow up"),
        queryset=DutyItem.objects.none(),
        error_messages={"invalid_choice": _("No such matter in this log.")},
    )
    note = forms.CharField(label=_("how it was settled"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.target is not None:
            cast(forms.ModelChoiceField, self.fields["item"]).queryset = self.target.items.all()


class HandOverForm(CommandForm):
    to_user = StaffChoiceField(
        label=_("handed over to"),
        queryset=get_user_model().objects.all(),
        error_messages={
            "required": _("Choose who takes over."),
            "invalid_choice": _("Choose a member of this service center's staff."),
        },
    )


class ReviewForm(CommandForm):
    mark = forms.ChoiceField(label=_("mark"), choices=ReviewMark.choices)
    comment = forms.CharField(label=_("comment"), max_length=300, required=False)


class WarrantyCloseForm(CommandForm):
    """The developer's answer on a forwarded defect: repaired and confirmed, or rejected."""

    confirmed = forms.NullBooleanField(label=_("repair confirmed"))
    reply = forms.CharField(label=_("developer's reply"), max_length=300, required=False)

    def clean_confirmed(self):
        if self.cleaned_data["confirmed"] is None:
            raise forms.ValidationError(self.fields["confirmed"].error_messages["required"])
        return self.cleaned_data["confirmed"]


class ReceptionLogForm(ScopedModelForm):
    unit = UnitField(label=_("unit"), required=False)

    class Meta:
        model = ReceptionLog
        fields = [
            "visited_at",
            "visitor",
            "phone",
            "unit",
            "purpose",
            "matter",
            "handled_by",
            "result",
        ]
        widgets = {"visited_at": DateTimeInput()}


class WarrantyForwardForm(CommandForm):
    """Forward an order under the developer's warranty: to whom, repaired by when."""

    vendor = forms.ModelChoiceField(
        label=_("developer or contractor"), queryset=Vendor.objects.all()
    )
    due_date = forms.DateField(
        label=_("to be repaired by"), widget=forms.DateInput(attrs={"type": "date"})
    )


class WarrantyClaimForm(WarrantyForwardForm):
    """The same, with the order named (POST warranty-claims/)."""

    order = forms.ModelChoiceField(label=_("work order"), queryset=WorkOrder.objects.all())

    field_order = ["order", "vendor", "due_date"]
