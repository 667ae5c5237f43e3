"""The tenancy root as core asks for it (`core.access.register_tenancy`): which service centers
a person may see, the posts held in each, and whether an acting-manager delegation is in
effect. Core knows no app; org tells it at start-up (`OrgConfig.ready`)."""

from __future__ import annotations

from django.utils import timezone

from wuye.core.prepared import Prepared
from wuye.core.roles import CompanyRole

from .models import Community, Delegation, Membership


def communities_and_posts(user) -> tuple[list, dict[int, set]]:
    """The active communities a user may see (in the communities' own order: company, name),
    and his posts in each. Staff: one query over his memberships gives both."""
    posts: dict[int, set] = {}
    if user.is_superuser or (
        user.company_role in (CompanyRole.ADMIN, CompanyRole.VIEWER) and user.company_id
    ):
        visible = Community.objects.filter(is_active=True).select_related("company")
        if not user.is_superuser:
            visible = visible.filter(company_id=user.company_id)
        held = Membership.objects.filter(user=user, is_active=True).order_by()
        for community_id, post in held.values_list("community_id", "post"):
            posts.setdefault(community_id, set()).add(post)
        return list(visible), posts
    by_id: dict[int, Community] = {}
    for membership in (
        Membership.objects.filter(user=user, is_active=True, community__is_active=True)
        .select_related("community__company")
        .order_by()
    ):
        by_id.setdefault(membership.community_id, membership.community)
        posts.setdefault(membership.community_id, set()).add(membership.post)
    communities = sorted(by_id.values(), key=lambda c: (c.company.name, c.name, c.pk))
    return communities, posts


def _active_posts(user_id, community_id):
    return (
        Membership.objects.filter(user_id=user_id, community_id=community_id, is_active=True)
        .order_by()  # not the model's ordering: it joins the community and the user for nothing
        .values_list("post")
    )


_POSTS = Prepared(_active_posts)  # asked on every service call: its SQL is built once


def posts(user_id: int, community_id: int) -> set[str]:
    """The posts a person holds in a community (active memberships)."""
    return {post for (post,) in _POSTS.rows(user_id, community_id)}


def delegated_manager(user, community) -> bool:
    """Whether a manager's delegation to this person is in effect today in the community."""
    return (
        Delegation.objects.in_effect(timezone.localdate())
        .filter(community=community, delegate=user)
        .exists()
    )
