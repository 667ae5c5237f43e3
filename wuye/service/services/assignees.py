"""Who could take an order (SRV-02): the department its category goes to, the people suggested
by the rules, everyone by department, and how many open orders each holds."""

from __future__ import annotations

from typing import TypedDict

from django.db.models import Count
from django.utils.translation import gettext as _

from wuye.org.models import Community, Department, Membership, User

from ..choices import OrderKind
from ..models import WorkOrder


class Suggestion(TypedDict):
    user: User
    reason: str
    open: int


class Candidate(TypedDict):
    user: User
    post: str
    open: int


def suggest_department(order: WorkOrder) -> Department | None:
    """The category's department (or its nearest ancestor's)."""
    node = order.category
    while node is not None:
        if node.department_id:
            return node.department
        node = node.parent
    return None


def suggest_assignees(order: WorkOrder, limit: int = 5) -> list[Suggestion]:
    """Who could take the order, by the rules (SRV-02): the zone's customer-service
    representative for complaints, requests and inquiries in a unit, and the staff of the
    category's department — each with their open orders, the least loaded first."""
    load = workload(order.community)
    picks: dict[int, tuple[User, str]] = {}
    unit = order.unit if order.unit_id else None
    zone = unit.building.zone if unit is not None and unit.building.zone_id else None
    if zone is not None and order.kind != OrderKind.REPAIR:
        members = Membership.objects.filter(
            community=order.community, post="CSR", is_active=True, zones=zone
        ).select_related("user")
        for m in members:
            picks.setdefault(m.user_id, (m.user, _("CSR of %(zone)s") % {"zone": zone.name}))
    department = suggest_department(order)
    if department is not None:
        members = Membership.objects.filter(
            community=order.community, department=department, is_active=True
        ).select_related("user")
        for m in members:
            picks.setdefault(m.user_id, (m.user, str(department)))
    rows: list[Suggestion] = [
        {"user": user, "reason": reason, "open": load.get(pk, 0)}
        for pk, (user, reason) in picks.items()
    ]
    rows.sort(key=lambda row: (row["open"], row["user"].name or row["user"].username))
    return rows[:limit]


def assignee_groups(community: Community) -> list[tuple[str, list[Candidate]]]:
    """Who can be given an order, by department (SRV-02): each person with the post and the
    open orders they hold, the least loaded first; staff of no department come last. A person
    in two departments is listed in each."""
    load = workload(community)
    groups: dict[str, list[Candidate]] = {}
    memberships = (
        Membership.objects.filter(community=community, is_active=True, user__is_active=True)
        .select_related("user", "department")
        .order_by("department__name", "user__name", "user__username")
    )
    for m in memberships:
        group = groups.setdefault(m.department.name if m.department is not None else "", [])
        if any(row["user"].pk == m.user_id for row in group):
            continue
        group.append({"user": m.user, "post": m.get_post_display(), "open": load.get(m.user_id, 0)})
    for rows in groups.values():
        rows.sort(key=lambda row: row["open"])  # stable: by name within the same load
    named = sorted((name, rows) for name, rows in groups.items() if name)
    return [*named, *([(str(_("No department")), groups[""])] if "" in groups else [])]


def workload(community: Community) -> dict[int, int]:
    """Open orders per assignee (dispatch suggestions)."""
    rows = (
        WorkOrder.objects.filter(community=community, assignee__isnull=False)
        .open()
        .values("assignee")
        .annotate(n=Count("id"))
    )
    return {row["assignee"]: row["n"] for row in rows}
