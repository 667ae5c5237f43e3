"""Satisfaction surveys (COM-04, CSD-3): the questionnaire is built while a draft; opening it
draws the sample (every unit, a random share — the same draw for the same survey — or every
unit of some buildings); each sampled unit answers once (a second answer is refused by the
database's unique key as well as here), online or typed by staff at the door; closing it
stops the answers."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.access import require
from wuye.core.audit import record_event
from wuye.core.bulk import insert_rows
from wuye.core.errors import DomainError
from wuye.core.numbering import next_number
from wuye.estate.models import Unit, UnitRelation

from ..choices import CHOICE_KINDS, QuestionKind, ResponseChannel, Sampling, SurveyStatus
from ..models import Answer, Option, Question, Response, Survey, SurveySample

MAX_OPTIONS = 20


def _lock(survey: Survey) -> Survey:
    return (
        Survey.objects.select_for_update(of=("self",)).select_related("community").get(pk=survey.pk)
    )


def _check_sampling(sampling: str, sample_percent: int | None, buildings: list[Any]) -> None:
    if sampling == Sampling.RANDOM and not sample_percent:
        raise DomainError(_("Say what share of the units is asked."), field="sample_percent")
    if sampling == Sampling.BUILDINGS and not buildings:
        raise DomainError(_("Choose the buildings asked."), field="buildings")


@transaction.atomic
def create_survey(
    *,
    community: Any,
    actor: Any,
    title: str,
    intro: str = "",
    sampling: str = Sampling.ALL,
    sample_percent: int | None = None,
    buildings: Iterable[Any] = (),
    ends_on: dt.date | None = None,
) -> Survey:
    require(actor, community, "community.survey.change", _("You may not run surveys."))
    buildings = list(buildings)
    _check_sampling(sampling, sample_percent, buildings)
    survey = Survey.objects.create(
        community=community,
        number=next_number(community, "survey", prefix="DC", width=3),
        title=title.strip(),
        intro=intro.strip(),
        sampling=sampling,
        sample_percent=sample_percent if sampling == Sampling.RANDOM else None,
        ends_on=ends_on,
        created_by=actor,
    )
    survey.buildings.set(buildings if sampling == Sampling.BUILDINGS else [])
    return survey


@transaction.atomic
def update_survey(
    survey: Survey,
    *,
    actor: Any,
    title: str,
    intro: str = "",
    sampling: str = Sampling.ALL,
    sample_percent: int | None = None,
    buildings: Iterable[Any] = (),
    ends_on: dt.date | None = None,
) -> Survey:
    survey = _lock(survey)
    require(actor, survey.community, "community.survey.change", _("You may not run surveys."))
    buildings = list(buildings)
    if survey.status != SurveyStatus.DRAFT and (
        sampling != survey.sampling
        or (sample_percent or None) != survey.sample_percent
        or {b.pk for b in buildings} != set(survey.buildings.values_list("pk", flat=True))
    ):
        raise DomainError(_("The sample is drawn: it no longer changes."), field="sampling")
    _check_sampling(sampling, sample_percent, buildings)
    survey.title, survey.intro, survey.ends_on = title.strip(), intro.strip(), ends_on
    survey.sampling = sampling
    survey.sample_percent = sample_percent if sampling == Sampling.RANDOM else None
    survey.save()
    survey.buildings.set(buildings if sampling == Sampling.BUILDINGS else [])
    return survey


def _check_question(kind: str, satisfaction: bool, options: list[str]) -> list[str]:
    options = [o.strip() for o in options if o.strip()]
    if kind in CHOICE_KINDS:
        if len(options) < 2:
            raise DomainError(_("A choice question needs at least two options."), field="options")
        if len(options) > MAX_OPTIONS or len(set(options)) != len(options):
            raise DomainError(
                _("At most %(max)d options, each once.") % {"max": MAX_OPTIONS}, field="options"
            )
        if any(len(o) > 100 for o in options):
            raise DomainError(_("An option has at most 100 characters."), field="options")
    elif options:
        raise DomainError(_("Only a choice question has options."), field="options")
    if satisfaction and kind != QuestionKind.SCALE:
        raise DomainError(_("Only a score question counts for satisfaction."), field="satisfaction")
    return options


@transaction.atomic
def add_question(
    survey: Survey,
    *,
    actor: Any,
    text: str,
    kind: str,
    required: bool = True,
    satisfaction: bool = False,
    options: list[str] | None = None,
) -> Question:
    survey = _lock(survey)
    require(actor, survey.community, "community.survey.change", _("You may not run surveys."))
    if survey.status != SurveyStatus.DRAFT:
        raise DomainError(_("Questions are changed only while the survey is a draft."))
    choices = _check_question(kind, satisfaction, options or [])
    last = survey.questions.order_by("-position").values_list("position", flat=True).first()
    question = Question.objects.create(
        community_id=survey.community_id,
        survey=survey,
        position=(last or 0) + 1,
        text=text.strip(),
        kind=kind,
        required=required,
        satisfaction=satisfaction,
        created_by=actor,
    )
    Option.objects.bulk_create(
        Option(community_id=survey.community_id, question=question, position=n, text=o)
        for n, o in enumerate(choices, 1)
    )
    return question


@transaction.atomic
def remove_question(survey: Survey, *, actor: Any, question: Question) -> None:
    survey = _lock(survey)
    require(actor, survey.community, "community.survey.change", _("You may not run surveys."))
    if survey.status != SurveyStatus.DRAFT:
        raise DomainError(_("Questions are changed only while the survey is a draft."))
    if question.survey_id != survey.pk:
        raise DomainError(_("That question is not in this survey."), field="question")
    question.delete()
    # Number the rest 1, 2, 3… again, through free numbers (the positions are unique).
    rest = list(survey.questions.order_by("position"))
    for shift in (1000, 0):
        for n, item in enumerate(rest, 1):
            item.position = n + shift
        Question.objects.bulk_update(rest, ["position"])


def _sample_units(survey: Survey) -> list[int]:
    """The units asked: those someone lives in or owns now."""
    today = timezone.localdate()
    inhabited = UnitRelation.objects.filter(community_id=survey.community_id).current(today)
    units = Unit.objects.filter(community_id=survey.community_id, pk__in=inhabited.values("unit"))
    if survey.sampling == Sampling.BUILDINGS:
        units = units.filter(building__in=survey.buildings.all())
    ids = list(units.order_by("pk").values_list("pk", flat=True))
    if survey.sampling == Sampling.RANDOM:
        share = survey.sample_percent or 100
        count = max(1, math.ceil(len(ids) * share / 100)) if ids else 0
        # The same survey draws the same units: the draw is seeded by the survey.
        ids = sorted(random.Random(f"survey-{survey.pk}").sample(ids, count))
    return ids


@transaction.atomic
def open_survey(survey: Survey, *, actor: Any) -> Survey:
    survey = _lock(survey)
    require(actor, survey.community, "community.survey.change", _("You may not run surveys."))
    if survey.status != SurveyStatus.DRAFT:
        raise DomainError(_("Only a draft survey is opened."))
    if not survey.questions.exists():
        raise DomainError(_("Add the questions first."))
    units = _sample_units(survey)
    if not units:
        raise DomainError(_("No unit with residents is in the sample."))
    insert_rows(
        SurveySample,
        ["unit_id"],
        ((u,) for u in units),
        constants={"community_id": survey.community_id, "survey_id": survey.pk},
    )
    survey.status, survey.opened_at, survey.sample_size = (
        SurveyStatus.OPEN,
        timezone.now(),
        len(units),
    )
    survey.save(update_fields=["status", "opened_at", "sample_size", "updated_at"])
    record_event(
        verb="survey.opened",
        actor=actor,
        community=survey.community,
        target=survey,
        message=_("%(count)d units sampled") % {"count": len(units)},
    )
    return survey


@transaction.atomic
def close_survey(survey: Survey, *, actor: Any) -> Survey:
    survey = _lock(survey)
    require(actor, survey.community, "community.survey.change", _("You may not run surveys."))
    if survey.status != SurveyStatus.OPEN:
        raise DomainError(_("Only an open survey is closed."))
    survey.status, survey.closed_at = SurveyStatus.CLOSED, timezone.now()
    survey.save(update_fields=["status", "closed_at", "updated_at"])
    record_event(verb="survey.closed", actor=actor, community=survey.community, target=survey)
    return survey


def _answer_rows(survey: Survey, answers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The answers checked against the questionnaire, as rows of Answer."""
    questions = {q.pk: q for q in survey.questions.prefetch_related("options")}
    given: dict[int, dict[str, Any]] = {}
    for item in answers:
        question = questions.get(item.get("question") or 0)
        if question is None:
            raise DomainError(_("An answer names a question not in this survey."), field="answers")
        if question.pk in given:
            raise DomainError(
                _("Question %(n)d is answered twice.") % {"n": question.position}, field="answers"
            )
        given[question.pk] = item
    rows: list[dict[str, Any]] = []
    for question in sorted(questions.values(), key=lambda q: q.position):
        item = given.get(question.pk, {})
        label = {"n": question.position}
        option_ids = {o.pk for o in question.options.all()}
        if question.kind == QuestionKind.SINGLE:
            chosen = [item["option"]] if item.get("option") else []
        elif question.kind == QuestionKind.MULTIPLE:
            chosen = list(dict.fromkeys(item.get("options") or []))
        else:
            chosen = []
        if any(c not in option_ids for c in chosen):
            raise DomainError(
                _("Question %(n)d: that option is not one of its own.") % label, field="answers"
            )
        score = item.get("score") if question.kind == QuestionKind.SCALE else None
        if score is not None and score not in (1, 2, 3, 4, 5):
            raise DomainError(_("Question %(n)d: a score is 1 to 5.") % label, field="answers")
        text = (item.get("text") or "").strip() if question.kind == QuestionKind.TEXT else ""
        if len(text) > 500:
            raise DomainError(_("Question %(n)d: at most 500 characters.") % label, field="answers")
        if not (chosen or score or text):
            if question.required:
                raise DomainError(_("Question %(n)d must be answered.") % label, field="answers")
            continue
        rows += [{"question": question, "option_id": c} for c in chosen]
        if score:
            rows.append({"question": question, "score": score})
        if text:
            rows.append({"question": question, "text": text})
    return rows


@transaction.atomic
def submit_response(
    survey: Survey,
    *,
    actor: Any,
    unit: Any,
    answers: list[dict[str, Any]],
    respondent: str = "",
    channel: str = ResponseChannel.VISIT,
) -> Response:
    """One unit's answers (a second answer of the same unit is refused)."""
    survey = Survey.objects.select_related("community").get(pk=survey.pk)
    if actor is not None:  # the owners' side answers for its own unit, without a post
        require(
            actor, survey.community, "community.survey.answer", _("You may not record answers.")
        )
    if survey.status != SurveyStatus.OPEN:
        raise DomainError(_("The survey is not open for answers."))
    if survey.ends_on and timezone.localdate() > survey.ends_on:
        raise DomainError(_("The survey took answers until %(day)s.") % {"day": survey.ends_on})
    if unit.community_id != survey.community_id or not survey.samples.filter(unit=unit).exists():
        raise DomainError(
            _("%(unit)s is not in this survey's sample.") % {"unit": unit}, field="unit"
        )
    rows = _answer_rows(survey, answers)
    try:
        with transaction.atomic():
            response = Response.objects.create(
                community_id=survey.community_id,
                survey=survey,
                unit=unit,
                channel=channel,
                respondent=respondent.strip()[:50],
                answered_at=timezone.now(),
                created_by=actor,
            )
    except IntegrityError as exc:
        raise DomainError(
            _("%(unit)s has answered this survey already.") % {"unit": unit}, field="unit"
        ) from exc
    Answer.objects.bulk_create(
        Answer(community_id=survey.community_id, response=response, created_by=actor, **row)
        for row in rows
    )
    return response
