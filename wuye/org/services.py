"""Writes about organizations and staff. Views, the API, imports and commands call these."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.core.roles import AST, MGR

from .models import Delegation, Membership

User = get_user_model()


def switch_community(user, community):
    """Remember the community a person works in now (their next sign-in starts there)."""
    if user.last_community_id != community.pk:
        User.objects.filter(pk=user.pk).update(last_community=community)
        user.last_community = community


@transaction.atomic
def create_staff(*, community, data, actor) -> Membership:
    """Give a person a post in the community, creating the account if the username is new.

    An existing account of the same company gets the extra post (one person, several centers).
    """
    user = User.objects.select_for_update().filter(username=data["username"]).first()
    if user is None:
        user = User(
            username=data["username"],
            name=data.get("name", ""),
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
    elif user.company_id not in (None, community.company_id):
        raise DomainError(
            _("This username belongs to another company's account."), field="username"
        )
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
def update_staff(membership, *, data, actor) -> Membership:
    user = membership.user
    for field in ("name", "phone", "email"):
        if field in data:
            setattr(user, field, data[field])
    user.save(update_fields=["name", "phone", "email"])
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
        data={"fields": changed},
    )
    return membership


@transaction.atomic
def remove_staff(membership, *, actor) -> None:
    """End a post in this community; the account and its history stay."""
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
def set_password(user, *, password, actor, community) -> None:
    user.set_password(password)
    user.save(update_fields=["password"])
    record_event(
        verb="user.password_set",
        actor=actor,
        community=community,
        target=user,
        message=_("Password set by %(actor)s") % {"actor": actor},
    )


@transaction.atomic
def grant_delegation(
    *, community, delegator, delegate, start_date, end_date, reason, actor
) -> Delegation:
    """The manager names the assistant acting manager for a dated period (seed AST-1)."""
    if end_date < start_date:
        raise DomainError(_("The end date must not be before the start date."), field="end_date")
    if not Membership.objects.filter(
        community=community, user=delegator, post=MGR, is_active=True
    ).exists():
        raise DomainError(
            _("Only the project manager of this service center can delegate."), field="delegator"
        )
    if not Membership.objects.filter(
        community=community, user=delegate, post=AST, is_active=True
    ).exists():
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
def revoke_delegation(delegation, *, actor) -> Delegation:
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


@transaction.atomic
def update_community(form, *, actor):
    community = form.save()
    record_event(
        verb="community.updated",
        actor=actor,
        community=community,
        target=community,
        message=_("Service center details updated"),
        data={"fields": sorted(form.changed_data)},
    )
    return community
