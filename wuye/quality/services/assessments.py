"""Assessments (QUA-09) and training (QUA-10).

A staff member's month starts at 100 points; each confirmed assessment adds or deducts its
points and its reward or penalty. An assessment is proposed (by quality, the assistant or the
manager, often from a check's or an inspection's finding) and confirmed or rejected by the head
of the staff member's department, or by the manager; nobody reviews an assessment of himself.
The payroll export has a row for every staff member in post: 工号, 姓名, 部门, 考核分, 奖惩金额.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.access import actor_can, require
from wuye.core.audit import record_event
from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.core.money import q2
from wuye.org.models import Department, Membership

from ..choices import AssessmentStatus
from ..models import (
    Assessment,
    AssessmentItem,
    CheckEntry,
    DepartmentAssessment,
    Finding,
    TrainingAttendance,
    TrainingSession,
)

# Every staff member starts the month with this score.
BASE_SCORE = Decimal(100)


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _membership(community: Any, staff: Any) -> Membership | None:
    return (
        Membership.objects.filter(community=community, user=staff, is_active=True)
        .order_by(F("department").asc(nulls_last=True), "pk")
        .first()
    )


@transaction.atomic
def propose_assessment(
    *,
    community: Any,
    actor: Any,
    staff: Any,
    item: AssessmentItem,
    reason: str,
    occurred_on: dt.date | None = None,
    points: Decimal | None = None,
    amount: Decimal | None = None,
    check_entry: CheckEntry | None = None,
    finding: Finding | None = None,
) -> Assessment:
    """Propose points for or against a staff member, for the department head to review."""
    require(actor, community, "quality.assessment.change", _("You cannot propose assessments."))
    membership = _membership(community, staff)
    if membership is None:
        raise DomainError(_("Choose a staff member in post here."), field="staff")
    if item.community_id != community.pk or not item.is_active:
        raise DomainError(_("Choose an assessment item in use here."), field="item")
    occurred_on = occurred_on or timezone.localdate()
    if occurred_on > timezone.localdate():
        raise DomainError(_("An assessment cannot be dated in the future."), field="occurred_on")
    points = item.points if points is None else points
    amount = item.amount if amount is None else amount
    if not points.is_finite() or points == 0 or (points > 0) != (item.points > 0):
        raise DomainError(
            _("The points go the item's way: %(sign)s.")
            % {"sign": _("a reward") if item.points > 0 else _("a deduction")},
            field="points",
        )
    if abs(points) > 100:
        raise DomainError(_("At most 100 points at a time."), field="points")
    if not amount.is_finite() or (amount and (amount > 0) != (points > 0)):
        raise DomainError(
            _("A reward comes with money paid, a deduction with a penalty."), field="amount"
        )
    if check_entry is not None and finding is not None:
        raise DomainError(_("Link one finding."), field="finding")
    for name, source in (("check_entry", check_entry), ("finding", finding)):
        if source is not None and source.community_id != community.pk:
            raise DomainError(_("Choose a finding of this service center."), field=name)
    if not reason.strip():
        raise DomainError(_("Say why."), field="reason")
    assessment = Assessment.objects.create(
        community=community,
        staff=staff,
        department=membership.department,
        item=item,
        occurred_on=occurred_on,
        points=points,
        amount=q2(amount),
        reason=reason.strip()[:300],
        check_entry=check_entry,
        finding=finding,
        created_by=actor,
    )
    record_event(
        verb="assessment.proposed",
        actor=actor,
        community=community,
        target=assessment,
        message=_("%(staff)s: %(item)s %(points)s")
        % {
            "staff": staff.display_name,
            "item": item.text,
            "points": f"{points:+}",
        },
    )
    return assessment


@transaction.atomic
def review_assessment(
    assessment: Assessment, *, actor: Any, confirm: bool, note: str = ""
) -> Assessment:
    """The department head (or the manager) confirms or rejects a proposed assessment."""
    assessment = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("community", "department")
        .get(pk=assessment.pk)
    )
    if assessment.status != AssessmentStatus.PROPOSED:
        raise DomainError(_("This assessment has been reviewed already."))
    if assessment.staff_id == actor.pk:
        raise PermissionDeniedError(_("Nobody reviews an assessment of himself."))
    heads = assessment.department is not None and assessment.department.head_id == actor.pk
    if not heads and not actor_can(actor, assessment.community, "quality.assessment.review"):
        raise PermissionDeniedError(
            _("The head of the staff member's department, or the manager, reviews it.")
        )
    if not confirm and not note.strip():
        raise DomainError(_("Say why it is rejected."), field="note")
    assessment.status = AssessmentStatus.CONFIRMED if confirm else AssessmentStatus.REJECTED
    assessment.reviewed_by = actor
    assessment.reviewed_at = timezone.now()
    assessment.review_note = note.strip()[:200]
    assessment.save(
        update_fields=["status", "reviewed_by", "reviewed_at", "review_note", "updated_at"]
    )
    record_event(
        verb="assessment.reviewed",
        actor=actor,
        community=assessment.community,
        target=assessment,
        message=f"{assessment} {assessment.get_status_display()}",
    )
    return assessment


def confirm_assessment(assessment: Assessment, *, actor: Any, note: str = "") -> Assessment:
    return review_assessment(assessment, actor=actor, confirm=True, note=note)


def reject_assessment(assessment: Assessment, *, actor: Any, note: str = "") -> Assessment:
    return review_assessment(assessment, actor=actor, confirm=False, note=note)


def monthly_summary(community: Any, month: dt.date, *, source) -> dict[str, Any]:
    """Every staff member in post with the month's score and money, and each department's."""
    start = month_start(month)
    end = (start + dt.timedelta(days=32)).replace(day=1)
    totals = {
        row["staff_id"]: row
        for row in source.filter(
            community=community,
            status=AssessmentStatus.CONFIRMED,
            occurred_on__gte=start,
            occurred_on__lt=end,
        )
        .values("staff_id")
        .annotate(points=Sum("points"), amount=Sum("amount"), count=Count("pk"))
        .order_by()
    }
    people: dict[int, Membership] = {}
    for membership in (
        Membership.objects.filter(community=community, is_active=True)
        .select_related("user", "department")
        .order_by(F("department__name").asc(nulls_last=True), "user__name", "pk")
    ):
        people.setdefault(membership.user_id, membership)
    rows = []
    by_department: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for user_id, membership in people.items():
        found = totals.get(user_id, {})
        points = Decimal(str(found.get("points") or 0))
        row = {
            "staff_number": membership.user.staff_number,
            "name": membership.user.display_name,
            "department": str(membership.department) if membership.department else "",
            "score": (BASE_SCORE + points).quantize(Decimal("0.1"), ROUND_HALF_UP),
            "amount": q2(found.get("amount") or 0),
            "count": int(found.get("count") or 0),
        }
        rows.append(row)
        by_department[membership.department_id].append(row)
    rated = {
        d.department_id: d
        for d in DepartmentAssessment.objects.filter(community=community, month=start)
    }
    names = {d.pk: str(d) for d in Department.objects.filter(community=community)}
    departments: list[dict[str, Any]] = []
    for department_id, members in by_department.items():
        average = sum((r["score"] for r in members), Decimal(0)) / len(members)
        departments.append(
            {
                "department": names.get(department_id, "") if department_id else "",
                "people": len(members),
                "average": average.quantize(Decimal("0.1"), ROUND_HALF_UP),
                "amount": q2(sum((r["amount"] for r in members), Decimal(0))),
                "assessed": rated[department_id].score if department_id in rated else None,
            }
        )
    departments.sort(key=lambda d: str(d["department"]))
    return {"month": start, "rows": rows, "departments": departments}


@transaction.atomic
def assess_department(
    *,
    community: Any,
    actor: Any,
    department: Any,
    month: dt.date,
    score: Decimal,
    comment: str = "",
) -> DepartmentAssessment:
    """The manager's or the assistant's monthly assessment of a department (once per month;
    given again, it is corrected)."""
    require(
        actor,
        community,
        "quality.assessment.department",
        _("You cannot assess departments."),
    )
    if department.community_id != community.pk:
        raise DomainError(_("Choose a department of this service center."), field="department")
    if not score.is_finite() or not Decimal(0) <= score <= Decimal(100):
        raise DomainError(_("Give a score from 0 to 100."), field="score")
    start = month_start(month)
    if start > timezone.localdate():
        raise DomainError(_("A month to come cannot be assessed."), field="month")
    assessment, _created = DepartmentAssessment.objects.update_or_create(
        department=department,
        month=start,
        defaults={
            "community": community,
            "score": score,
            "comment": comment.strip()[:500],
            "created_by": actor,
        },
    )
    return assessment


# --- Training (QUA-10) --------------------------------------------------------------------


@transaction.atomic
def sign_in(session: TrainingSession, *, actor: Any) -> TrainingAttendance:
    """The attendee signs in on his phone on the day of the session."""
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    if not Membership.objects.filter(
        community_id=session.community_id, user=actor, is_active=True
    ).exists():
        raise PermissionDeniedError(_("Only staff of this service center sign in."))
    if session.held_on != timezone.localdate():
        raise DomainError(_("Sign in on the day of the session."))
    attendance, created = TrainingAttendance.objects.get_or_create(
        session=session,
        staff=actor,
        defaults={
            "community_id": session.community_id,
            "signed_in_at": timezone.now(),
            "created_by": actor,
        },
    )
    return attendance


@transaction.atomic
def add_attendees(session: TrainingSession, *, actor: Any, staff: list[Any]) -> int:
    """The organizer signs in those who attended (a paper sign-in sheet); returns how many
    were added."""
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    require(actor, session.community, "quality.training.change", _("You cannot keep training."))
    if not staff:
        raise DomainError(_("Choose who attended."), field="staff")
    in_post = set(
        Membership.objects.filter(
            community_id=session.community_id, is_active=True, user__in=staff
        ).values_list("user_id", flat=True)
    )
    if any(person.pk not in in_post for person in staff):
        raise DomainError(_("Choose staff of this service center."), field="staff")
    have = set(session.attendances.values_list("staff_id", flat=True))
    signed_in_at = timezone.make_aware(dt.datetime.combine(session.held_on, dt.time(9)))
    made = TrainingAttendance.objects.bulk_create(
        TrainingAttendance(
            community_id=session.community_id,
            session=session,
            staff=person,
            signed_in_at=signed_in_at,
            created_by=actor,
        )
        for person in staff
        if person.pk not in have
    )
    return len(made)


def training_hours(community: Any, year: int, *, source) -> list[dict[str, Any]]:
    """Hours of training per staff member in a year, most first."""
    rows = (
        source.filter(session__community=community, session__held_on__year=year)
        .values("staff_id", "staff__name", "staff__username", "staff__staff_number")
        .annotate(hours=Sum("session__hours"), sessions=Count("pk"))
        .order_by()
    )
    result = [
        {
            "staff_number": row["staff__staff_number"],
            "name": row["staff__name"] or row["staff__username"],
            "hours": Decimal(str(row["hours"] or 0)).quantize(Decimal("0.1"), ROUND_HALF_UP),
            "sessions": int(row["sessions"] or 0),
        }
        for row in rows
    ]
    result.sort(key=lambda r: (-r["hours"], r["name"]))
    return result
