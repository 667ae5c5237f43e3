"""Community activities (COM-06, QC-8..12): opened for sign-ups, each household's sign-up
decided under the activity's row lock — confirmed while places are left, else on the waiting
list (or refused when the activity keeps none); a cancellation moves the waiting list up in
order (first come, first served: the list stops at the first household that does not fit);
checked in on the day; recorded as held with its summary, head count and photos."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.access import require
from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.core.numbering import next_number
from wuye.core.photos import clean_photos
from wuye.core.validators import MOBILE_RE

from ..choices import ACTIVITY_TRANSITIONS, ActivityAction, ActivityStatus, SignUpStatus
from ..models import Activity, ActivityPhoto, SignUp

MAX_PARTY = 20


def _lock(activity: Activity) -> Activity:
    return (
        Activity.objects.select_for_update(of=("self",))
        .select_related("community")
        .get(pk=activity.pk)
    )


def _allow(activity: Activity, action: str) -> None:
    sources, _target = ACTIVITY_TRANSITIONS[ActivityAction(action)]
    if activity.status not in sources:
        raise DomainError(
            _("The activity is %(status)s: it cannot be done now (%(action)s).")
            % {
                "status": activity.get_status_display(),
                "action": ActivityAction(action).label,
            }
        )


def _move(activity: Activity, action: str) -> None:
    _allow(activity, action)
    target = ACTIVITY_TRANSITIONS[ActivityAction(action)][1]
    if target is not None:
        activity.status = target


def _require(actor: Any, activity: Activity) -> None:
    require(
        actor, activity.community, "community.activity.change", _("You may not run activities.")
    )


def places_taken(activity: Activity) -> int:
    """People confirmed or there (a household counts as many as come)."""
    return (
        activity.signups.filter(
            status__in=(SignUpStatus.CONFIRMED, SignUpStatus.ATTENDED)
        ).aggregate(n=Sum("party"))["n"]
        or 0
    )


@transaction.atomic
def create_activity(
    *,
    community: Any,
    actor: Any,
    title: str,
    category: str,
    planned_month: dt.date,
    description: str = "",
    starts_at: dt.datetime | None = None,
    ends_at: dt.datetime | None = None,
    place: str = "",
    capacity: int | None = None,
    waitlist: bool = True,
    signup_deadline: dt.datetime | None = None,
    organizer: Any = None,
) -> Activity:
    require(actor, community, "community.activity.change", _("You may not run activities."))
    if starts_at and ends_at and ends_at <= starts_at:
        raise DomainError(_("It must end after it starts."), field="ends_at")
    return Activity.objects.create(
        community=community,
        number=next_number(community, "activity", prefix="HD", width=3),
        title=title.strip(),
        category=category,
        planned_month=planned_month.replace(day=1),
        description=description.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        capacity=capacity,
        waitlist=waitlist,
        signup_deadline=signup_deadline,
        organizer=organizer or actor,
        created_by=actor,
    )


@transaction.atomic
def update_activity(
    activity: Activity,
    *,
    actor: Any,
    title: str,
    category: str,
    planned_month: dt.date,
    description: str = "",
    starts_at: dt.datetime | None = None,
    ends_at: dt.datetime | None = None,
    place: str = "",
    capacity: int | None = None,
    waitlist: bool = True,
    signup_deadline: dt.datetime | None = None,
    organizer: Any = None,
) -> Activity:
    activity = _lock(activity)
    _require(actor, activity)
    if activity.status in (ActivityStatus.DONE, ActivityStatus.CANCELLED):
        raise DomainError(_("A held or cancelled activity is not changed."))
    if starts_at and ends_at and ends_at <= starts_at:
        raise DomainError(_("It must end after it starts."), field="ends_at")
    if capacity is not None and capacity < places_taken(activity):
        raise DomainError(
            _("%(taken)d people have places already: the capacity cannot be lower.")
            % {"taken": places_taken(activity)},
            field="capacity",
        )
    activity.title, activity.category = title.strip(), category
    activity.planned_month, activity.description = planned_month.replace(day=1), description
    activity.starts_at, activity.ends_at, activity.place = starts_at, ends_at, place.strip()
    activity.capacity, activity.waitlist = capacity, waitlist
    activity.signup_deadline, activity.organizer = signup_deadline, organizer or activity.organizer
    activity.save()
    _promote(activity)  # more places: the waiting list moves up
    return activity


@transaction.atomic
def open_signups(activity: Activity, *, actor: Any) -> Activity:
    activity = _lock(activity)
    _require(actor, activity)
    if activity.starts_at is None:
        raise DomainError(_("Set when it starts before taking sign-ups."))
    _move(activity, ActivityAction.OPEN)
    activity.save(update_fields=["status", "updated_at"])
    return activity


@transaction.atomic
def close_signups(activity: Activity, *, actor: Any) -> Activity:
    activity = _lock(activity)
    _require(actor, activity)
    _move(activity, ActivityAction.CLOSE)
    activity.save(update_fields=["status", "updated_at"])
    return activity


@transaction.atomic
def sign_up(
    activity: Activity,
    *,
    actor: Any,
    name: str,
    phone: str,
    unit: Any = None,
    party: int = 1,
    note: str = "",
) -> SignUp:
    """A household signs up (typed by staff, or from the owners' side): confirmed while places
    are left, else waiting in order — or refused when the activity keeps no waiting list."""
    activity = _lock(activity)
    if actor is not None:
        require(
            actor,
            activity.community,
            "community.activity.sign_up",
            _("You may not sign residents up."),
        )
    _allow(activity, ActivityAction.SIGN_UP)
    if activity.signup_deadline and timezone.now() > activity.signup_deadline:
        raise DomainError(_("Sign-ups closed at the deadline."))
    phone = phone.strip()
    if not MOBILE_RE.match(phone):
        raise DomainError(_("Not a mobile number."), field="phone")
    if not 1 <= party <= MAX_PARTY:
        raise DomainError(_("1 to %(max)d people.") % {"max": MAX_PARTY}, field="party")
    if activity.signups.filter(phone=phone).exclude(status=SignUpStatus.CANCELLED).exists():
        raise DomainError(_("%(phone)s has signed up already.") % {"phone": phone}, field="phone")
    status = SignUpStatus.CONFIRMED
    if activity.capacity is not None:
        left = activity.capacity - places_taken(activity)
        if party > left or activity.signups.filter(status=SignUpStatus.WAITING).exists():
            if not activity.waitlist:
                raise DomainError(
                    _("Full: %(left)d places left for %(party)d people.")
                    % {"left": max(left, 0), "party": party},
                    field="party",
                )
            status = SignUpStatus.WAITING
    try:
        with transaction.atomic():
            signup = SignUp.objects.create(
                community_id=activity.community_id,
                activity=activity,
                name=name.strip(),
                phone=phone,
                unit=unit,
                party=party,
                status=status,
                note=note.strip()[:100],
                created_by=actor,
            )
    except IntegrityError as exc:
        raise DomainError(
            _("%(phone)s has signed up already.") % {"phone": phone}, field="phone"
        ) from exc
    return signup


def _promote(activity: Activity) -> list[SignUp]:
    """Move the waiting list up in order while the next household fits (the caller holds the
    activity's lock)."""
    promoted: list[SignUp] = []
    taken = places_taken(activity)
    for waiting in activity.signups.filter(status=SignUpStatus.WAITING).order_by("id"):
        if activity.capacity is not None and taken + waiting.party > activity.capacity:
            break
        waiting.status = SignUpStatus.CONFIRMED
        waiting.save(update_fields=["status", "updated_at"])
        taken += waiting.party
        promoted.append(waiting)
    return promoted


@transaction.atomic
def cancel_signup(activity: Activity, *, actor: Any, signup: SignUp) -> list[SignUp]:
    """Cancel a sign-up; the households moved up from the waiting list."""
    activity = _lock(activity)
    require(
        actor, activity.community, "community.activity.sign_up", _("You may not sign residents up.")
    )
    _allow(activity, ActivityAction.CANCEL_SIGNUP)
    if signup.activity_id != activity.pk:
        raise DomainError(_("That sign-up is not for this activity."), field="signup")
    changed = SignUp.objects.filter(
        pk=signup.pk, status__in=(SignUpStatus.CONFIRMED, SignUpStatus.WAITING)
    ).update(status=SignUpStatus.CANCELLED, updated_at=timezone.now())
    if not changed:
        raise DomainError(_("Only a confirmed or waiting sign-up is cancelled."))
    return _promote(activity)


@transaction.atomic
def check_in(activity: Activity, *, actor: Any, signup: SignUp) -> SignUp:
    activity = _lock(activity)
    require(
        actor, activity.community, "community.activity.sign_up", _("You may not sign residents up.")
    )
    _allow(activity, ActivityAction.CHECK_IN)
    if signup.activity_id != activity.pk:
        raise DomainError(_("That sign-up is not for this activity."), field="signup")
    now = timezone.now()
    if not SignUp.objects.filter(pk=signup.pk, status=SignUpStatus.CONFIRMED).update(
        status=SignUpStatus.ATTENDED, checked_in_at=now, updated_at=now
    ):
        raise DomainError(_("Only a confirmed sign-up is checked in."))
    signup.refresh_from_db()
    return signup


@transaction.atomic
def finish_activity(
    activity: Activity,
    *,
    actor: Any,
    summary: str,
    attended: int | None = None,
    photos: Iterable[Any] = (),
) -> Activity:
    """Recorded as held: the summary, how many came (the check-ins when not given), photos."""
    activity = _lock(activity)
    _require(actor, activity)
    _move(activity, ActivityAction.FINISH)
    if not summary.strip():
        raise DomainError(_("Write the summary."), field="summary")
    checked_in = (
        activity.signups.filter(status=SignUpStatus.ATTENDED).aggregate(n=Sum("party"))["n"] or 0
    )
    activity.summary = summary.strip()
    activity.attended = attended if attended is not None else checked_in
    activity.save(update_fields=["status", "summary", "attended", "updated_at"])
    for photo in clean_photos(photos, field="photos"):
        ActivityPhoto.objects.create(
            community_id=activity.community_id, activity=activity, photo=photo, created_by=actor
        )
    record_event(
        verb="activity.held",
        actor=actor,
        community=activity.community,
        target=activity,
        message=_("%(count)d people came") % {"count": activity.attended},
    )
    return activity


@transaction.atomic
def cancel_activity(activity: Activity, *, actor: Any, reason: str) -> Activity:
    activity = _lock(activity)
    _require(actor, activity)
    if not reason.strip():
        raise DomainError(_("Say why it is cancelled."), field="reason")
    _move(activity, ActivityAction.CANCEL)
    activity.cancel_reason = reason.strip()[:200]
    activity.save(update_fields=["status", "cancel_reason", "updated_at"])
    record_event(
        verb="activity.cancelled",
        actor=actor,
        community=activity.community,
        target=activity,
        message=activity.cancel_reason,
    )
    return activity
