"""Writes about organizations and staff. Views, the API, imports and commands call these.

Who may appoint whom is decided here, not in views: the permission matrix says who may open the
staff pages; these rules say which posts and which accounts that person may touch. `actor=None`
is the system itself (seed data, management commands).
"""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from wuye.core.access import posts_in
from wuye.core.audit import record_event
from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.core.roles import AST, MGR, CompanyRole, has_permission

from .choices import Post
from .models import Community, Delegation, Membership, User

ACCOUNT_FIELDS = ("name", "staff_number", "phone", "email")


# --- Authority rules ----------------------------------------------------------------------------


def _is_company_admin(actor: User, community: Community) -> bool:
    return actor.is_superuser or (
        actor.company_role == CompanyRole.ADMIN and actor.company_id == community.company_id
    )


def _holds_real_post(user: User, community: Community, post: str) -> bool:
    """A post held by appointment (not through an acting-manager delegation)."""
    return Membership.objects.filter(
        community=community, user=user, post=post, is_active=True
    ).exists()


def may_grant(actor: User | None, community: Community, post: str) -> bool:
    """Whether the actor may give, change or end `post` in the community.

    The project manager is appointed by the company; the assistant by the project manager
    himself (not by an acting manager); every other post by whoever may change staff there.
    """
    if actor is None or _is_company_admin(actor, community):
        return True
    if post == MGR:
        return False
    if post == AST:
        return _holds_real_post(actor, community, MGR)
    posts, _acting = posts_in(actor, community)
    return has_permission("org.staff.change", posts=posts, company_role=actor.company_role)


def can_manage_account(actor: User | None, target: User) -> bool:
    """Whether the actor may set the password or personal details of another person's account:
    only when the actor could appoint every post that person holds, wherever it is."""
    if actor is None:
        return True
    if target.pk == actor.pk:
        return False
    if target.is_superuser or target.company_role:
        return actor.is_superuser
    if (
        actor.company_role == CompanyRole.ADMIN
        and actor.company_id
        and target.company_id == actor.company_id
    ):
        return True
    memberships = Membership.objects.filter(user=target, is_active=True).select_related("community")
    return all(may_grant(actor, m.community, m.post) for m in memberships)


def _require_grant(actor: User | None, community: Community, post: str) -> None:
    if actor is not None and not may_grant(actor, community, post):
        raise PermissionDeniedError(
            _("You cannot appoint or change the post “%(post)s”.") % {"post": Post(post).label},
            field="post",
        )


def _require_not_self(actor: User | None, membership: Membership) -> None:
    if actor is not None and membership.user_id == actor.pk:
        raise PermissionDeniedError(_("You cannot change or remove your own post."))


# --- Staff ----------------------------------------------------------------------------------------


def switch_community(user: User, community: Community) -> None:
    """Remember the community a person works in now (their next sign-in starts there)."""
    if user.last_community_id != community.pk:
        User.objects.filter(pk=user.pk).update(last_community=community)
        user.last_community = community


@transaction.atomic
def create_staff(
    *, community: Community, data: Mapping[str, Any], actor: User | None
) -> Membership:
    """Give a person a post in the community, creating the account if the username is new.

    An existing account of the same company gets the extra post (one person, several centers);
    its personal details and password stay as they are.
    """
    _require_grant(actor, community, data["post"])
    user = User.objects.select_for_update().filter(username=data["username"]).first()
    if user is None:
        user = User(
            username=data["username"],
            name=data.get("name", ""),
            staff_number=data.get("staff_number", ""),
            phone=data.get("phone", ""),
            email=data.get("email", ""),
            company=community.company,
            last_community=community,
        )
        if data.get("password"):
            user.set_password(data["password"])
        else:
            # No password yet: the account cannot sign in until a manager sets one.
            user.set_unusable_password()
        user.save()
    elif (
        user.company_id not in (None, community.company_id)
        or user.is_superuser
        or user.company_role
    ):
        raise DomainError(_("This username is already taken."), field="username")
    elif user.last_community_id is None:
        user.last_community = community
        user.save(update_fields=["last_community"])
    if Membership.objects.filter(community=community, user=user, post=data["post"]).exists():
        raise DomainError(
            _("This person already holds this post in this service center."), field="post"
        )
    membership = Membership.objects.create(
        community=community,
        user=user,
        post=data["post"],
        department=data.get("department"),
        is_active=data.get("is_active", True),
        joined_on=data.get("joined_on"),
        created_by=actor,
    )
    membership.zones.set(data.get("zones") or [])
    record_event(
        verb="staff.added",
        actor=actor,
        community=community,
        target=membership,
        message=_("%(name)s appointed as %(post)s")
        % {"name": user.display_name, "post": membership.get_post_display()},
    )
    return membership


@transaction.atomic
def update_staff(
    membership: Membership, *, data: Mapping[str, Any], actor: User | None
) -> Membership:
    _require_not_self(actor, membership)
    _require_grant(actor, membership.community, membership.post)
    _require_grant(actor, membership.community, data["post"])
    user = membership.user
    account_changes = [f for f in ACCOUNT_FIELDS if f in data and getattr(user, f) != data[f]]
    if account_changes:
        if not can_manage_account(actor, user):
            raise PermissionDeniedError(
                _(
                    "This person also works elsewhere or holds a senior post: "
                    "their personal details can be changed by the company administrator only."
                ),
                field=account_changes[0],
            )
        for field in account_changes:
            setattr(user, field, data[field])
        user.save(update_fields=account_changes)
    if (
        data["post"] != membership.post
        and Membership.objects.filter(community=membership.community, user=user, post=data["post"])
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise DomainError(
            _("This person already holds this post in this service center."), field="post"
        )
    changed = [
        f
        for f in ("post", "department", "is_active", "joined_on")
        if getattr(membership, f) != data.get(f)
    ]
    membership.post = data["post"]
    membership.department = data.get("department")
    membership.is_active = data.get("is_active", True)
    membership.joined_on = data.get("joined_on")
    membership.save()
    membership.zones.set(data.get("zones") or [])
    record_event(
        verb="staff.updated",
        actor=actor,
        community=membership.community,
        target=membership,
        message=_("Staff record updated"),
        data={"fields": changed + account_changes},
    )
    return membership


@transaction.atomic
def remove_staff(membership: Membership, *, actor: User | None) -> None:
    """End a post in this community; the account and its history stay."""
    _require_not_self(actor, membership)
    _require_grant(actor, membership.community, membership.post)
    label = str(membership)
    community = membership.community
    membership.delete()
    record_event(
        verb="staff.removed",
        actor=actor,
        community=community,
        message=_("%(name)s removed from the service center") % {"name": label},
    )


@transaction.atomic
def set_password(user: User, *, password: str, actor: User | None, community: Community) -> None:
    """A manager sets a staff member's password; old API tokens stop working."""
    if not can_manage_account(actor, user):
        raise PermissionDeniedError(
            _(
                "You cannot set this person's password: they also work elsewhere or hold a senior "
                "post. Ask the company administrator."
            )
        )
    user.set_password(password)
    user.save(update_fields=["password"])
    Token.objects.filter(user=user).delete()
    record_event(
        verb="user.password_set",
        actor=actor,
        community=community,
        target=user,
        message=_("Password set by %(actor)s") % {"actor": actor},
    )


# --- Acting-manager delegation ----------------------------------------------------------------------


@transaction.atomic
def grant_delegation(
    *,
    community: Community,
    delegator: User,
    delegate: User,
    start_date: dt.date,
    end_date: dt.date,
    reason: str,
    actor: User | None,
) -> Delegation:
    """The project manager names the assistant acting manager for a dated period (seed AST-1).

    The manager delegates his own rights; only the company administrator may record a
    delegation on a manager's behalf. An acting manager can never extend his own delegation.
    """
    on_own_behalf = actor is None or (
        delegator.pk == actor.pk and _holds_real_post(actor, community, MGR)
    )
    if not on_own_behalf and not (actor is not None and _is_company_admin(actor, community)):
        raise PermissionDeniedError(
            _("Only the project manager himself can delegate his rights."), field="delegator"
        )
    if actor is not None and delegate.pk == actor.pk:
        raise PermissionDeniedError(_("You cannot delegate to yourself."), field="delegate")
    if end_date < start_date:
        raise DomainError(_("The end date must not be before the start date."), field="end_date")
    if not _holds_real_post(delegator, community, MGR):
        raise DomainError(
            _("Only the project manager of this service center can delegate."), field="delegator"
        )
    if not _holds_real_post(delegate, community, AST):
        raise DomainError(
            _("The acting manager must be a manager assistant of this service center."),
            field="delegate",
        )
    overlapping = Delegation.objects.filter(
        community=community,
        delegate=delegate,
        revoked_at__isnull=True,
        start_date__lte=end_date,
        end_date__gte=start_date,
    )
    if overlapping.exists():
        raise DomainError(
            _("This person already has a delegation overlapping these dates."), field="start_date"
        )
    delegation = Delegation.objects.create(
        community=community,
        delegator=delegator,
        delegate=delegate,
        start_date=start_date,
        end_date=end_date,
        reason=reason,
        created_by=actor,
    )
    record_event(
        verb="delegation.granted",
        actor=actor,
        community=community,
        target=delegation,
        message=_("%(delegate)s acts as manager from %(start)s to %(end)s")
        % {"delegate": delegate.display_name, "start": start_date, "end": end_date},
        data={
            "delegate": delegate.pk,
            "start": start_date.isoformat(),
            "end": end_date.isoformat(),
        },
    )
    return delegation


@transaction.atomic
def revoke_delegation(delegation: Delegation, *, actor: User | None) -> Delegation:
    if delegation.revoked_at:
        raise DomainError(_("This delegation has already been revoked."))
    delegation.revoked_at = timezone.now()
    delegation.revoked_by = actor
    delegation.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
    record_event(
        verb="delegation.revoked",
        actor=actor,
        community=delegation.community,
        target=delegation,
        message=_("Delegation revoked"),
    )
    return delegation


# --- Service centers ------------------------------------------------------------------------------


@transaction.atomic
def update_community(
    community: Community, *, values: Mapping[str, Any], actor: User | None
) -> Community:
    """Change a service center's own details (name, address, grade, phone)."""
    stored = Community.objects.select_for_update().get(pk=community.pk)
    changed = sorted(name for name, value in values.items() if getattr(stored, name) != value)
    for name, value in values.items():
        setattr(community, name, value)
    community.save()
    record_event(
        verb="community.updated",
        actor=actor,
        community=community,
        target=community,
        message=_("Service center details updated"),
        data={"fields": changed},
    )
    return community
