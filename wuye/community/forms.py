"""The one validation of each write in community, page and API alike."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wuye.core.calendar import FESTIVALS
from wuye.core.commands import CommandForm
from wuye.core.errors import DomainError
from wuye.core.forms import BoundedDateTimeField, MobileField, PhotosField, ScopedModelForm
from wuye.core.photos import clean_photos
from wuye.core.roles import Post
from wuye.estate.forms import FacilityField, PersonField, UnitField
from wuye.estate.models import Building
from wuye.org.models import Zone

from .choices import MessageKind, QuestionKind, ResponseChannel, TargetKind
from .models import (
    Activity,
    Announcement,
    AnnouncementImage,
    BookableFacility,
    Campaign,
    ChronicleEntry,
    GroupMember,
    MessageTemplate,
    OptOut,
    Outage,
    Question,
    RecipientList,
    ResidentGroup,
    SignUp,
    StaffNotice,
    Survey,
    Visit,
)
from .richtext import has_script
from .variables import VARIABLES, check_text

TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class RichTextInput(forms.Textarea):
    """A textarea the page turns into a small formatting editor (static/wuye/app.js)."""

    def __init__(self, attrs: dict[str, Any] | None = None):
        super().__init__({"rows": 12, "data-richtext": "", **(attrs or {})})


def _without_script(body: str) -> str:
    """Formatted text is cleaned when saved; a script is refused so its author knows."""
    if has_script(body):
        raise ValidationError(
            _(
                "The text contains a script or an event handler; remove it (scripts are "
                "never published)."
            )
        )
    return body


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
        return _without_script(self.cleaned_data.get("body", ""))


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


class SurveyForm(ScopedModelForm):
    """A survey: its title, who is asked and until when (the questions are added on its page)."""

    buildings = forms.ModelMultipleChoiceField(
        label=_("buildings"),
        queryset=Building.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("When every unit of some buildings is asked"),
    )
    ends_on = forms.DateField(label=_("answers until"), required=False, widget=DATE_INPUT)

    class Meta:
        model = Survey
        fields = ["title", "intro", "sampling", "sample_percent", "buildings", "ends_on"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 3})}


class OptionsField(forms.Field):
    """A choice question's options: one per line on the page, a list in the API."""

    widget = forms.Textarea(attrs={"rows": 4})

    def to_python(self, value: Any) -> list[str]:
        if value in self.empty_values:
            return []
        if isinstance(value, list | tuple):
            items = [str(v) for v in value]
        else:
            items = str(value).splitlines()
        return [item.strip() for item in items if item.strip()]


class QuestionForm(CommandForm):
    text = forms.CharField(label=_("question"), max_length=200)
    kind = forms.ChoiceField(label=_("kind"), choices=QuestionKind.choices)
    required = forms.BooleanField(label=_("must be answered"), required=False)
    satisfaction = forms.BooleanField(
        label=_("counts for satisfaction"),
        required=False,
        help_text=_("A score question whose 4s and 5s count as satisfied"),
    )
    options = OptionsField(
        label=_("options"), required=False, help_text=_("One per line, for a choice question")
    )


class RemoveQuestionForm(CommandForm):
    question = forms.ModelChoiceField(label=_("question"), queryset=Question.objects.all())

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if self.target is not None:
            questions = cast(forms.ModelChoiceField, self.fields["question"])
            questions.queryset = self.target.questions.all()


class AnswersWidget(forms.Widget):
    """The page's questions (radio buttons, tick boxes, scores, a text box) read into the list
    the API sends: [{"question": id, "option": id, "options": [ids], "score": n, "text": ""}]."""

    template_name = "community/widgets/answers.html"

    def __init__(self, attrs: dict[str, Any] | None = None):
        super().__init__(attrs)
        self.questions: list[Any] = []

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if not hasattr(data, "getlist"):  # a JSON body: the list as sent
            return data.get(name)
        answers = []
        for question in self.questions:
            key = f"{name}-{question.pk}"
            item: dict[str, Any] = {"question": question.pk}
            if question.kind == QuestionKind.MULTIPLE:
                item["options"] = data.getlist(key)
            elif question.kind == QuestionKind.SINGLE:
                item["option"] = data.get(key) or None
            elif question.kind == QuestionKind.SCALE:
                item["score"] = data.get(key) or None
            else:
                item["text"] = data.get(key, "")
            answers.append(item)
        return answers

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        given = {item.get("question"): item for item in (value or []) if isinstance(item, dict)}
        context["widget"]["questions"] = [
            (question, given.get(question.pk, {})) for question in self.questions
        ]
        context["widget"]["scale"] = range(1, 6)
        return context


class AnswersField(forms.Field):
    """A response's answers, each checked for its shape here and against the questionnaire by
    the service."""

    widget = AnswersWidget
    default_error_messages = {
        "invalid": _(
            "Each answer names its question and gives an option, options, a score or a text."
        ),
    }
    KEYS = frozenset({"question", "option", "options", "score", "text"})

    def to_python(self, value: Any) -> list[dict[str, Any]]:
        if value in self.empty_values:
            return []
        if not isinstance(value, list | tuple):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        answers = []
        for item in value:
            if not isinstance(item, dict) or set(item) - self.KEYS or "question" not in item:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            try:
                answers.append(
                    {
                        "question": _int(item.get("question")),
                        "option": _int(item.get("option")),
                        "options": [_int(v) for v in item.get("options") or []],
                        "score": _int(item.get("score")),
                        "text": str(item.get("text") or "")[:1000],
                    }
                )
            except (TypeError, ValueError) as exc:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from exc
        return answers


def _int(value: Any) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    number = int(value)
    if not 0 < number < 2**31:
        raise ValueError(value)
    return number


class ResponseForm(CommandForm):
    """One unit's answers, typed at the door or on the telephone."""

    unit = UnitField(label=_("unit"))
    respondent = forms.CharField(label=_("respondent"), max_length=50, required=False)
    channel = forms.ChoiceField(
        label=_("channel"),
        choices=[c for c in ResponseChannel.choices if c[0] != ResponseChannel.ONLINE],
        required=False,
    )
    answers = AnswersField(label=_("answers"))

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if self.target is not None:
            widget = cast(AnswersWidget, self.fields["answers"].widget)
            widget.questions = list(self.target.questions.prefetch_related("options"))

    def clean_channel(self) -> str:
        return self.cleaned_data.get("channel") or ResponseChannel.VISIT


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
        return _without_script(self.cleaned_data.get("body", ""))


class StaffNoticeApiForm(StaffNoticeForm):
    """The API's notice: JSON only (an attachment goes up on the page)."""

    attachment = None  # type: ignore[assignment]

    class Meta(StaffNoticeForm.Meta):
        fields = ["kind", "title", "body", "posts", "meeting_on"]


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
