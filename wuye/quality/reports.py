"""Quality's reports: the monthly completion of inspection tasks per plan, person and department
(QUA-01, QUA-06).

- 应完成 (due): the month's tasks whose window has ended, and those done before it ended;
- 完成率 (completion rate) = done ÷ due; a task still open after its window counts as missed
  even before the quarter-hourly job has marked it so.
- A task done counts for the person who completed it; a task not done for the person it was
  assigned to, or, assigned to a post, for nobody but the post's department.

Everything is counted in SQL, grouped by plan and person (a few hundred groups a month), and
rolled up in Python; check-ins are counted per plan in one more query.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.money import rate
from wuye.core.roles import Post
from wuye.org.choices import DepartmentKind
from wuye.org.models import Department, Membership, User

from .choices import PlanCategory, TaskStatus
from .models import CheckIn, InspectionPlan, InspectionTask

# The department a post works in, for a task assigned to a post that nobody walked.
POST_DEPARTMENT: dict[str, str] = {
    Post.TECH: DepartmentKind.ENGINEERING,
    Post.SEC: DepartmentKind.SECURITY,
    Post.CLN: DepartmentKind.CLEANING,
    Post.QC: DepartmentKind.QUALITY,
    Post.CSS: DepartmentKind.CUSTOMER_SERVICE,
    Post.CSR: DepartmentKind.CUSTOMER_SERVICE,
    Post.DSP: DepartmentKind.CUSTOMER_SERVICE,
    Post.FIN: DepartmentKind.FINANCE,
    Post.CSH: DepartmentKind.FINANCE,
    Post.MGR: DepartmentKind.GENERAL,
    Post.AST: DepartmentKind.GENERAL,
}


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    """The first day of `month` and the first day of the month after."""
    start = month.replace(day=1)
    return start, (start + dt.timedelta(days=32)).replace(day=1)


def _row(label: str, counts: dict[str, int], **extra: Any) -> dict[str, Any]:
    due = counts["done"] + counts["missed"]
    return {
        "label": label,
        "due": due,
        "done": counts["done"],
        "missed": counts["missed"],
        "pending": counts["pending"],
        "rate": rate(counts["done"], due),
        **extra,
    }


def _add(total: dict[str, int], group: Mapping[str, Any]) -> None:
    for key in ("done", "missed", "pending"):
        total[key] += group[key]


def completion_report(
    community, month: dt.date, *, source: QuerySet[InspectionTask], now=None
) -> dict[str, Any]:
    """The month's task completion for `community`, from the tasks `source` lets the viewer
    read: totals, and rows per plan, per person and per department."""
    now = now or timezone.now()
    start, end = month_bounds(month)
    tasks = source.filter(community=community, day__gte=start, day__lt=end)
    open_ = Q(status=TaskStatus.OPEN)
    groups = list(
        tasks.values("plan_id", "assigned_post", "assignee_id", "completed_by_id")
        .annotate(
            done=Count("pk", filter=Q(status=TaskStatus.DONE)),
            missed=Count(
                "pk", filter=Q(status=TaskStatus.MISSED) | (open_ & Q(window_end__lte=now))
            ),
            pending=Count("pk", filter=open_ & Q(window_end__gt=now)),
        )
        .order_by()
    )
    visits: dict[int, Mapping[str, Any]] = {
        row["task__plan_id"]: row
        for row in CheckIn.objects.filter(task__in=tasks.values("pk"))
        .values("task__plan_id")
        .annotate(
            visits=Count("pk"),
            out_of_order=Count("pk", filter=Q(out_of_order=True)),
            out_of_window=Count("pk", filter=Q(out_of_window=True)),
        )
        .order_by()
    }
    plans = InspectionPlan.objects.filter(pk__in={g["plan_id"] for g in groups}).in_bulk()
    person_ids = {g["completed_by_id"] or g["assignee_id"] for g in groups} - {None}
    people = User.objects.filter(pk__in=person_ids).in_bulk()
    departments = {d.pk: d for d in Department.objects.filter(community=community)}
    person_department: dict[int, int] = {}
    for user_id, department_id in (
        Membership.objects.filter(community=community, user__in=person_ids, is_active=True)
        .exclude(department=None)
        .order_by("-pk")
        .values_list("user_id", "department_id")
    ):
        person_department[user_id] = department_id
    kind_department: dict[str | None, int] = {}
    for each in sorted(departments.values(), key=lambda d: -d.pk):
        kind_department[each.kind] = each.pk

    def zero() -> dict[str, int]:
        return {"done": 0, "missed": 0, "pending": 0}

    by_plan: dict[int, dict[str, int]] = defaultdict(zero)
    by_person: dict[Any, dict[str, int]] = defaultdict(zero)
    by_department: dict[int | None, dict[str, int]] = defaultdict(zero)
    total = zero()
    for group in groups:
        person = group["completed_by_id"] or group["assignee_id"]
        _add(total, group)
        _add(by_plan[group["plan_id"]], group)
        _add(by_person[person or ("post", group["assigned_post"])], group)
        department: int | None
        if person in person_department:
            department = person_department[person]
        else:
            kind = POST_DEPARTMENT.get(group["assigned_post"])
            if (
                kind == DepartmentKind.CLEANING
                and plans[group["plan_id"]].category == PlanCategory.GREENING
                and DepartmentKind.GREENING in kind_department
            ):
                kind = DepartmentKind.GREENING
            department = kind_department.get(kind) if kind else None
        _add(by_department[department], group)

    plan_rows = sorted(
        (
            _row(
                plans[plan_id].name,
                counts,
                category=plans[plan_id].get_category_display(),
                url=plans[plan_id].get_absolute_url(),
                visits=visits.get(plan_id, {}).get("visits", 0),
                out_of_order=visits.get(plan_id, {}).get("out_of_order", 0),
                out_of_window=visits.get(plan_id, {}).get("out_of_window", 0),
            )
            for plan_id, counts in by_plan.items()
        ),
        key=lambda r: (r["category"], r["label"]),
    )
    person_rows = []
    for key, counts in by_person.items():
        if isinstance(key, tuple):
            label = _("Nobody (post: %(post)s)") % {"post": Post(key[1]).label if key[1] else "—"}
        else:
            label = people[key].display_name
        person_rows.append(_row(label, counts))
    person_rows.sort(key=lambda r: (r["rate"] is None, r["rate"] or 0, r["label"]))
    department_rows = sorted(
        (
            _row(str(departments[key]) if key else _("No department"), counts)
            for key, counts in by_department.items()
        ),
        key=lambda r: r["label"],
    )
    all_visits = {
        key: sum(v[key] for v in visits.values())
        for key in ("visits", "out_of_order", "out_of_window")
    }
    return {
        "month": start,
        "total": _row(_("Whole service center"), total, **all_visits),
        "by_plan": plan_rows,
        "by_person": person_rows,
        "by_department": department_rows,
    }
