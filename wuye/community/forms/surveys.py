"""Surveys and their answers (COM-04)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wuye.core.commands import CommandForm
from wuye.core.forms import ScopedModelForm
from wuye.estate.forms import UnitField
from wuye.estate.models import Building

from ..choices import QuestionKind, ResponseChannel
from ..models import (
    Question,
    Survey,
)
from .common import (
    DATE_INPUT,
)


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
