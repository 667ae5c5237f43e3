"""Survey statistics (COM-04): counted in the database — options chosen and scores per
question, mean score and satisfaction per building — and the overall satisfaction figure the
manager's dashboard shows: the share of 4s and 5s among the answers to the questions that count
for satisfaction."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from wuye.core.money import rate

from .choices import CHOICE_KINDS, QuestionKind, SurveyStatus
from .models import Answer, Response, Survey

TEXTS_SHOWN = 20
SATISFIED = Q(score__gte=4)


def _mean(total: int | None, count: int) -> Decimal | None:
    if not count:
        return None
    return (Decimal(total or 0) / count).quantize(Decimal("0.01"), ROUND_HALF_UP)


def survey_statistics(survey: Survey) -> dict[str, Any]:
    """Every question with its counts, the buildings' scores and the satisfaction figure."""
    questions = list(survey.questions.prefetch_related("options").order_by("position"))
    responses = Response.objects.filter(survey=survey).count()
    answers = Answer.objects.filter(question__survey=survey)
    chosen: dict[tuple[int, int], int] = {}
    for question, option, n in (
        answers.filter(option__isnull=False)
        .order_by()
        .values_list("question", "option")
        .annotate(n=Count("id"))
    ):
        chosen[(question, option)] = n
    scores: dict[tuple[int, int], int] = {}
    for question, score, n in (
        answers.filter(score__isnull=False)
        .order_by()
        .values_list("question", "score")
        .annotate(n=Count("id"))
    ):
        scores[(question, score)] = n
    answered = dict(
        answers.order_by()
        .values_list("question")
        .annotate(n=Count("response", distinct=True))
        .values_list("question", "n")
    )
    texts: dict[int, list[str]] = {}
    for question in questions:
        if question.kind == QuestionKind.TEXT:
            texts[question.pk] = list(
                answers.filter(question=question)
                .order_by("-id")
                .values_list("text", flat=True)[:TEXTS_SHOWN]
            )
    rows = []
    for question in questions:
        count = answered.get(question.pk, 0)
        row: dict[str, Any] = {"question": question, "answered": count}
        if question.kind in CHOICE_KINDS:
            row["options"] = [
                {
                    "text": option.text,
                    "count": chosen.get((question.pk, option.pk), 0),
                    "share": rate(chosen.get((question.pk, option.pk), 0), count),
                }
                for option in question.options.all()
            ]
        elif question.kind == QuestionKind.SCALE:
            counts = [scores.get((question.pk, s), 0) for s in range(1, 6)]
            total = sum(s * n for s, n in zip(range(1, 6), counts, strict=True))
            row["scores"] = counts
            row["mean"] = _mean(total, sum(counts))
            row["satisfied"] = rate(counts[3] + counts[4], sum(counts))
        else:
            row["texts"] = texts.get(question.pk, [])
        rows.append(row)
    return {
        "responses": responses,
        "sample": survey.sample_size,
        "response_rate": rate(responses, survey.sample_size),
        "questions": rows,
        "buildings": by_building(survey),
        "satisfaction": satisfaction(Answer.objects.filter(question__survey=survey)),
    }


def by_building(survey: Survey) -> list[dict[str, Any]]:
    """Per building: responses, the mean of every score answer and the satisfaction figure."""
    scored = Answer.objects.filter(question__survey=survey, score__isnull=False)
    rows = (
        scored.order_by()
        .values_list("response__unit__building__name")
        .annotate(
            n=Count("id"),
            total=Sum("score"),
            happy=Count("id", filter=SATISFIED & Q(question__satisfaction=True)),
            counted=Count("id", filter=Q(question__satisfaction=True)),
            units=Count("response", distinct=True),
        )
        .order_by("response__unit__building__name")
    )
    return [
        {
            "building": name,
            "responses": units,
            "mean": _mean(total, n),
            "satisfaction": rate(happy, counted),
        }
        for name, n, total, happy, counted, units in rows
    ]


def satisfaction(answers: QuerySet[Answer]) -> Decimal | None:
    """The share (%) of 4s and 5s among the answers to questions that count for
    satisfaction."""
    counted = answers.filter(question__satisfaction=True, score__isnull=False).aggregate(
        all=Count("id"), happy=Count("id", filter=SATISFIED)
    )
    return rate(counted["happy"], counted["all"])


def latest_satisfaction(surveys: QuerySet[Survey]) -> tuple[Survey, Decimal] | None:
    """The satisfaction figure of the latest survey (open or closed) that has one: what the
    manager's dashboard shows."""
    for survey in (
        surveys.filter(
            status__in=(SurveyStatus.OPEN, SurveyStatus.CLOSED),
            questions__satisfaction=True,
        )
        .distinct()
        .order_by("-opened_at", "-id")[:5]
    ):
        figure = satisfaction(Answer.objects.filter(question__survey=survey))
        if figure is not None:
            return survey, figure
    return None
