"""The audit trail: business events written by services, plus django-auditlog's field diffs."""

from auditlog.models import LogEntry

from .models import Event


def record_event(
    *,
    verb: str,
    actor=None,
    community=None,
    target=None,
    message="",
    data=None,
    acting_manager: bool | None = None,
):
    """Write one business event. Services call this inside their transaction.

    `acting_manager`: whether the actor acts by an acting-manager delegation, when the service
    knows it already (`core.access.posts_in` says so); otherwise it is looked up here."""
    acting = bool(acting_manager)
    if (
        acting_manager is None
        and actor is not None
        and community is not None
        and getattr(actor, "pk", None)
    ):
        from wuye.org.models import Delegation, Membership

        # An assistant exercising the manager's rights is marked so the audit shows it. The
        # delegation is asked first: it is rare, so most events (a cashier's every payment)
        # need this one query, not a second one for the manager's own post as well.
        acting = (
            Delegation.objects.in_effect().filter(community=community, delegate=actor).exists()
            and not Membership.objects.filter(
                user=actor, community=community, post="MGR", is_active=True
            ).exists()
        )
    return Event.objects.create(
        community=community,
        actor=actor if getattr(actor, "pk", None) else None,
        verb=verb,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        message=str(message)[:500],
        acting_manager=acting,
        data=data or {},
    )


def log_entries_for(access):
    """django-auditlog entries about records of the current community."""
    if access is None or access.community is None:
        return LogEntry.objects.none()
    return LogEntry.objects.filter(
        additional_data__community_id=access.community.pk
    ).select_related("actor", "content_type")
