"""Customer-service settings: saving a community's policy, and the national grade's default
limits shown next to them."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.org.models import Community, User

from .. import sla
from ..choices import OrderKind
from ..models import ServicePolicy


@transaction.atomic
def save_policy(
    *,
    community: Community,
    actor: User,
    work_starts: dt.time,
    work_ends: dt.time,
    repair_visit_percent: int,
    visit_within_days: int,
    safety_visit_within_days: int,
    remind_before_minutes: int,
    complaint_hours: int,
) -> ServicePolicy:
    """Save the community's customer-service settings (created on the first save); the audit
    row names the settings that changed."""
    if work_starts >= work_ends:
        raise DomainError(_("Working hours end after they start."), field="work_ends")
    values = {
        "work_starts": work_starts,
        "work_ends": work_ends,
        "repair_visit_percent": repair_visit_percent,
        "visit_within_days": visit_within_days,
        "safety_visit_within_days": safety_visit_within_days,
        "remind_before_minutes": remind_before_minutes,
        "complaint_hours": complaint_hours,
    }
    policy = ServicePolicy.objects.select_for_update().filter(community=community).first()
    if policy is None:
        policy = ServicePolicy(community=community, created_by=actor)
    changed = sorted(name for name, value in values.items() if getattr(policy, name) != value)
    for name, value in values.items():
        setattr(policy, name, value)
    policy.save()
    record_event(
        verb="service.policy_saved",
        actor=actor,
        community=community,
        target=policy,
        message=_("Customer-service settings saved"),
        data={"fields": changed},
    )
    return policy


class GradeRow(TypedDict):
    kind: str | Promise  # the kind's label, translated when shown
    priority: str
    response: int
    arrival: int | None
    completion: int


def grade_table(grade: str) -> list[GradeRow]:
    """The national grade's default limits by kind and priority, for the settings page."""
    rows: list[GradeRow] = []
    for kind in (OrderKind.REPAIR, OrderKind.COMPLAINT, OrderKind.REQUEST):
        for priority in ("urgent", "normal"):
            limits = sla.default_limits(grade, kind, priority)
            rows.append(
                {
                    "kind": OrderKind(kind).label,
                    "priority": priority,
                    "response": limits.response,
                    "arrival": limits.arrival,
                    "completion": limits.completion,
                }
            )
    return rows
