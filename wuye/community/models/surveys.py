"""Satisfaction surveys 满意度调查 (COM-04, CSD-3): a questionnaire (one choice, several
choices, a score of 1–5, text), the units sampled (all, a random share, or some buildings),
one response per unit — online from the owners' side or typed by staff at the door — and its
answers, counted by question and building."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel

from ..choices import (
    SURVEY_BADGES,
    QuestionKind,
    ResponseChannel,
    Sampling,
    SurveyStatus,
)


class Survey(ScopedModel):
    number = models.CharField(_("number"), max_length=20, editable=False)
    title = models.CharField(_("title"), max_length=100)
    intro = models.TextField(_("introduction"), blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    sampling = models.CharField(
        _("sampling"), max_length=10, choices=Sampling.choices, default=Sampling.ALL
    )
    sample_percent = models.PositiveSmallIntegerField(
        _("share sampled (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    buildings = models.ManyToManyField(
        "estate.Building", verbose_name=_("buildings"), blank=True, related_name="+"
    )
    ends_on = models.DateField(_("answers until"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    sample_size = models.PositiveIntegerField(_("units sampled"), default=0)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["community", "number"], name="community_survey_no"),
            models.CheckConstraint(
                condition=~Q(sampling=Sampling.RANDOM) | Q(sample_percent__isnull=False),
                name="community_survey_random_share",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("community:survey_detail", args=[self.pk])

    @property
    def badge(self) -> str:
        return SURVEY_BADGES[SurveyStatus(self.status)]


class Question(ScopedModel):
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("number"))
    text = models.CharField(_("question"), max_length=200)
    kind = models.CharField(_("kind"), max_length=8, choices=QuestionKind.choices)
    required = models.BooleanField(_("must be answered"), default=True)
    satisfaction = models.BooleanField(
        _("counts for satisfaction"),
        default=False,
        help_text=_("A score question whose 4s and 5s count as satisfied"),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "position"], name="community_question_position"
            ),
            models.CheckConstraint(
                condition=Q(satisfaction=False) | Q(kind=QuestionKind.SCALE),
                name="community_question_satisfaction_scale",
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.text}"

    def get_absolute_url(self):
        return self.survey.get_absolute_url()


class Option(ScopedModel):
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="options"
    )
    position = models.PositiveSmallIntegerField(_("number"))
    text = models.CharField(_("option"), max_length=100)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["question", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "position"], name="community_option_position"
            )
        ]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return self.question.survey.get_absolute_url()


class SurveySample(ScopedModel):
    """A unit drawn for the survey."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="samples"
    )
    unit = models.ForeignKey(
        "estate.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("unit sampled")
        verbose_name_plural = _("units sampled")
        ordering = ["survey", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "unit"], name="community_sample_once")
        ]

    def __str__(self):
        return str(self.unit)

    def get_absolute_url(self):
        return self.survey.get_absolute_url()


class Response(ScopedModel):
    """One unit's answers to a survey (one per unit and survey)."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="responses"
    )
    unit = models.ForeignKey(
        "estate.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(
        _("channel"),
        max_length=8,
        choices=ResponseChannel.choices,
        default=ResponseChannel.VISIT,
    )
    respondent = models.CharField(_("respondent"), max_length=50, blank=True)
    answered_at = models.DateTimeField(_("answered at"))

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["survey", "-answered_at"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "unit"], name="community_response_once")
        ]

    def __str__(self):
        return f"{self.survey.number} {self.unit}"

    def get_absolute_url(self):
        return self.survey.get_absolute_url()


class Answer(ScopedModel):
    """One answer of a response: an option chosen (one row per option of a multiple choice),
    a score, or a text."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    option = models.ForeignKey(
        Option,
        verbose_name=_("option"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    score = models.PositiveSmallIntegerField(
        _("score"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.CharField(_("text"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["response", "question"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                name="community_answer_score_range",
            ),
        ]
        indexes = [models.Index(fields=["question", "option"])]

    def __str__(self):
        return str(self.option or self.score or self.text)

    def get_absolute_url(self):
        return self.response.survey.get_absolute_url()
