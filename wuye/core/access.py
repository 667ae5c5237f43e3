"""Who is asking, in which community, with which posts: resolved once per request.

`request.access` is what views, viewsets, templates and the menu consult; the scoped
querysets take it as their only argument.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from django.utils import timezone

from .roles import AST, MGR, CompanyRole, has_permission

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser, AnonymousUser
    from django_stubs_ext import StrPromise

COMMUNITY_SESSION_KEY = "wuye_community_id"
COMMUNITY_HEADER = "HTTP_X_COMMUNITY"


@dataclass
class Access:
    user: AbstractUser | AnonymousUser | None  # request.user (none on a bare request)
    community: object | None = None
    communities: list = field(default_factory=list)
    posts: frozenset = frozenset()
    company_role: str = ""
    acting_manager: bool = False
    # The API asked (X-Community) for a community this person has no post in.
    refused_community: str = ""

    @property
    def is_authenticated(self) -> bool:
        return bool(getattr(self.user, "is_authenticated", False))

    def has(self, code: str) -> bool:
        user = self.user
        if user is None or not self.is_authenticated or self.community is None:
            return False
        return has_permission(
            code,
            posts=self.posts,
            company_role=self.company_role,
            superuser=user.is_superuser,
        )

    def has_any(self, *codes: str) -> bool:
        return any(self.has(code) for code in codes)

    @cached_property
    def post_labels(self) -> list[StrPromise]:
        from .roles import Post

        labels = [Post(p).label for p in sorted(self.posts)]
        if self.company_role:
            labels.insert(0, CompanyRole(self.company_role).label)
        return labels


def accessible_communities(user) -> list:
    from wuye.org.models import Community

    if not getattr(user, "is_authenticated", False):
        return []
    qs = Community.objects.filter(is_active=True).select_related("company")
    if user.is_superuser:
        return list(qs)
    if user.company_role in (CompanyRole.ADMIN, CompanyRole.VIEWER) and user.company_id:
        return list(qs.filter(company_id=user.company_id))
    return list(qs.filter(membership__user=user, membership__is_active=True).distinct())


def posts_in(user, community) -> tuple[frozenset, bool]:
    """The user's posts in a community, with MGR added while a delegation is in effect."""
    from wuye.org.models import Delegation, Membership

    posts = set(
        Membership.objects.filter(user=user, community=community, is_active=True).values_list(
            "post", flat=True
        )
    )
    acting = False
    if MGR not in posts and AST in posts:
        acting = (
            Delegation.objects.in_effect(timezone.localdate())
            .filter(community=community, delegate=user)
            .exists()
        )
        if acting:
            posts.add(MGR)
    return frozenset(posts), acting


def actor_can(actor, community, code: str) -> bool:
    """Whether a person may do `code` in a community (services check this for writes that do
    not come through a request: tasks, commands, and the API and pages alike)."""
    from .roles import has_permission

    posts, _acting = posts_in(actor, community)
    return has_permission(
        code, posts=posts, company_role=actor.company_role, superuser=actor.is_superuser
    )


def resolve_access(request) -> Access:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return Access(user=user)
    communities = accessible_communities(user)
    by_id = {c.pk: c for c in communities}
    by_code = {c.code.lower(): c for c in communities}
    community = None
    wanted = request.META.get(COMMUNITY_HEADER, "").strip()
    if wanted:
        community = by_code.get(wanted.lower())
        if community is None:
            # Never fall back to another community: a write would land in the wrong place.
            return Access(
                user=user,
                communities=communities,
                company_role=user.company_role,
                refused_community=wanted,
            )
    if community is None:
        session = getattr(request, "session", None)
        session_id = session.get(COMMUNITY_SESSION_KEY) if session is not None else None
        community = by_id.get(session_id) or by_id.get(user.last_community_id)
    if community is None and communities:
        community = communities[0]
    if community is None:
        return Access(user=user, communities=communities, company_role=user.company_role)
    posts, acting = posts_in(user, community)
    return Access(
        user=user,
        community=community,
        communities=communities,
        posts=posts,
        company_role=user.company_role,
        acting_manager=acting,
    )


def get_access(request) -> Access:
    """The request's Access, recomputed if authentication changed the user (API tokens)."""
    access = getattr(request, "_wuye_access", None)
    user = getattr(request, "user", None)
    if access is None or access.user is not user:
        access = resolve_access(request)
        request._wuye_access = access
    return access
