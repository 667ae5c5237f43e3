"""Who is asking, in which community, with which posts: resolved once per request.

`request.access` is what views, viewsets, templates and the menu consult; the scoped
querysets take it as their only argument.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

from .errors import PermissionDeniedError
from .roles import AST, MGR, CompanyRole, Post, has_permission

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser, AnonymousUser
    from django_stubs_ext import StrPromise

COMMUNITY_SESSION_KEY = "wuye_community_id"
COMMUNITY_HEADER = "HTTP_X_COMMUNITY"


@dataclass
class Access:
    user: AbstractUser | AnonymousUser | None  # request.user (none on a bare request)
    # The current community: an instance of settings.WUYE_COMMUNITY_MODEL, which core does
    # not name (it imports no app of the project).
    community: Any = None
    communities: list = field(default_factory=list)
    posts: frozenset = frozenset()
    company_role: str = ""
    acting_manager: bool = False
    # The API asked (X-Community) for a community this person has no post in.
    refused_community: str = ""

    @property
    def is_authenticated(self) -> bool:
        return bool(getattr(self.user, "is_authenticated", False))

    def holds_only(self, posts: Collection[str]) -> bool:
        """Whether every post this person holds here is among `posts` (a cashier and nothing
        else, field staff only…): the rows rules of querysets narrow what such a person sees.
        A company role or a superuser is never narrowed."""
        return bool(
            self.posts
            and not self.company_role
            and not getattr(self.user, "is_superuser", False)
            and set(self.posts) <= set(posts)
        )

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
        labels = [Post(p).label for p in sorted(self.posts)]
        if self.company_role:
            labels.insert(0, CompanyRole(self.company_role).label)
        return labels


def accessible_communities(user) -> list:
    return _communities_and_posts(user)[0]


class Tenancy(Protocol):
    """What core asks of the app that holds the service centers and posts (org)."""

    def communities_and_posts(self, user) -> tuple[list, dict[int, set]]: ...

    def posts(self, user_id: int, community_id: int) -> set[str]: ...

    def delegated_manager(self, user, community) -> bool: ...


_TENANCY: list[Tenancy] = []


def register_tenancy(tenancy: Tenancy) -> None:
    """The app holding communities, memberships and delegations tells core how to read them
    (at start-up); core imports no app of the project."""
    _TENANCY[:] = [tenancy]


def tenancy() -> Tenancy:
    if not _TENANCY:
        raise RuntimeError("No tenancy registered: is the org app installed?")
    return _TENANCY[0]


def _communities_and_posts(user) -> tuple[list, dict[int, set]]:
    if not getattr(user, "is_authenticated", False):
        return [], {}
    return tenancy().communities_and_posts(user)


def posts_in(user, community) -> tuple[frozenset, bool]:
    """The user's posts in a community, with MGR added while a delegation is in effect."""
    return _with_delegation(user, community, tenancy().posts(user.pk, community.pk))


def _with_delegation(user, community, posts: set) -> tuple[frozenset, bool]:
    """MGR added to an assistant's posts while a manager's delegation to him is in effect."""
    acting = False
    if MGR not in posts and AST in posts:
        acting = tenancy().delegated_manager(user, community)
        if acting:
            posts.add(MGR)
    return frozenset(posts), acting


def actor_access(actor, community) -> Access:
    """What a person may do in a community, as a service sees it (no request): one query for
    the posts, and whether an acting-manager delegation is in effect (for the audit)."""
    posts, acting = posts_in(actor, community)
    return Access(
        user=actor,
        community=community,
        posts=posts,
        company_role=actor.company_role,
        acting_manager=acting,
    )


def actor_can(actor, community, code: str) -> bool:
    """Whether a person may do `code` in a community (services check this for writes that do
    not come through a request: tasks, commands, and the API and pages alike)."""
    return actor_access(actor, community).has(code)


def require(actor, community, code: str, message) -> None:
    """Refuse with `message` unless the actor may do `code` in the community: the check every
    service makes before it writes."""
    if not actor_can(actor, community, code):
        raise PermissionDeniedError(message)


def resolve_access(request) -> Access:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return Access(user=user)
    communities, held = _communities_and_posts(user)
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
    posts, acting = _with_delegation(user, community, set(held.get(community.pk, ())))
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
