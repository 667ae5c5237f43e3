"""Inspection plans (QUA-01, QUA-06): a plan's route and schedule, and the tasks generated from
it ahead of time — one per plan and day it is due, idempotent however often the job runs —
marked missed once their window has passed undone. Windows are local Shanghai times (no
daylight saving: a window is the same wall-clock hours every day)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.audit import record_event
from wuye.core.errors import DomainError

from ..choices import Frequency, TaskStatus
from ..models import Checkpoint, InspectionPlan, InspectionTask, PlanStop

AHEAD_DAYS = 7  # tasks exist this many days ahead, for the week's view and the phones


def is_due(plan: InspectionPlan, day: dt.date) -> bool:
    """Whether the plan has a task on `day`."""
    if day < plan.starts_on or (plan.ends_on is not None and day > plan.ends_on):
        return False
    if plan.frequency == Frequency.DAILY:
        return True
    if plan.frequency == Frequency.WEEKDAYS:
        return day.isoweekday() in plan.weekdays
    return day.day == plan.month_day


def window_on(plan: InspectionPlan, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The plan's window on `day` as aware datetimes in the service center's time zone."""
    zone = timezone.get_default_timezone()
    return (
        dt.datetime.combine(day, plan.window_start, tzinfo=zone),
        dt.datetime.combine(day, plan.window_end, tzinfo=zone),
    )


@transaction.atomic
def set_route(plan: InspectionPlan, checkpoints: list[Checkpoint]) -> None:
    """The plan's route: these checkpoints in this order, each once."""
    if not checkpoints:
        raise DomainError(_("Give the route: at least one checkpoint."), field="route")
    if len({c.pk for c in checkpoints}) != len(checkpoints):
        raise DomainError(_("A checkpoint is on the route once."), field="route")
    if any(c.community_id != plan.community_id for c in checkpoints):
        raise DomainError(_("Choose checkpoints of this service center."), field="route")
    PlanStop.objects.filter(plan=plan).delete()
    PlanStop.objects.bulk_create(
        PlanStop(
            community_id=plan.community_id,
            plan=plan,
            checkpoint=checkpoint,
            position=position,
            created_by=plan.created_by,
        )
        for position, checkpoint in enumerate(checkpoints, start=1)
    )


def check_schedule(
    *, frequency: str, weekdays: list[int], month_day: int | None, window_start, window_end
) -> None:
    if frequency == Frequency.WEEKDAYS and not weekdays:
        raise DomainError(_("Choose the weekdays."), field="weekdays")
    if frequency == Frequency.MONTHLY and not month_day:
        raise DomainError(_("Give the day of the month."), field="month_day")
    if window_end <= window_start:
        raise DomainError(_("The window must end after it starts."), field="window_end")


@transaction.atomic
def generate_tasks(
    community: Any, *, start: dt.date | None = None, days: int = AHEAD_DAYS, actor: Any = None
) -> int:
    """The tasks of the community's plans for `days` days from `start` (today): one per plan
    and due day, made only where missing — running it again makes nothing more (the database
    refuses a second task for a plan and day). Returns how many were made."""
    start = start or timezone.localdate()
    last = start + dt.timedelta(days=days - 1)
    plans = list(
        InspectionPlan.objects.filter(
            community=community, is_active=True, starts_on__lte=last
        ).exclude(ends_on__lt=start)
    )
    existing = set(
        InspectionTask.objects.filter(plan__in=plans, day__gte=start, day__lte=last).values_list(
            "plan_id", "day"
        )
    )
    new = []
    for plan in plans:
        for offset in range(days):
            day = start + dt.timedelta(days=offset)
            if (plan.pk, day) in existing or not is_due(plan, day):
                continue
            opens, closes = window_on(plan, day)
            new.append(
                InspectionTask(
                    community_id=plan.community_id,
                    plan=plan,
                    day=day,
                    window_start=opens,
                    window_end=closes,
                    assigned_post=plan.assigned_post,
                    assignee_id=plan.assignee_id,
                )
            )
    InspectionTask.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    if new:
        record_event(
            verb="inspection.tasks_generated",
            actor=actor,
            community=community,
            target=None,
            message=_("%(count)d inspection tasks generated from %(start)s to %(end)s")
            % {"count": len(new), "start": start, "end": last},
        )
    return len(new)


def mark_missed(community: Any, *, now: dt.datetime | None = None) -> int:
    """Open tasks whose window has passed are missed. Returns how many."""
    return InspectionTask.objects.filter(
        community=community, status=TaskStatus.OPEN, window_end__lt=now or timezone.now()
    ).update(status=TaskStatus.MISSED, updated_at=timezone.now())


@transaction.atomic
def save_plan(
    *,
    community: Any,
    actor: Any,
    route: list[Checkpoint],
    plan: InspectionPlan | None = None,
    **fields: Any,
) -> InspectionPlan:
    """Make a plan or change one, with its route. Tasks already generated keep their day and
    window; the next generation follows the changed schedule."""
    check_schedule(
        frequency=fields["frequency"],
        weekdays=fields.get("weekdays") or [],
        month_day=fields.get("month_day"),
        window_start=fields["window_start"],
        window_end=fields["window_end"],
    )
    if fields.get("assigned_post") and fields.get("assignee"):
        raise DomainError(
            _("Assign the plan to a post or to a person, not both."), field="assignee"
        )
    made = plan is None
    if plan is None:
        plan = InspectionPlan(community_id=getattr(community, "pk", community), created_by=actor)
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.weekdays = sorted(set(plan.weekdays or []))
    plan.save()
    set_route(plan, route)
    record_event(
        verb="inspection.plan_saved",
        actor=actor,
        community=plan.community,
        target=plan,
        message=(_("Plan made: %(name)s") if made else _("Plan changed: %(name)s"))
        % {"name": plan.name},
    )
    return plan
