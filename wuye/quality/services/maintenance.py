"""Equipment maintenance (QUA-05): plans with their interval — an elevator at least every 15
days (《电梯维护保养规则》TSG T5002) — and subcontractor, the records that move a plan's next
due date on, and the statutory inspection certificates whose expiry is announced 30 and 7 days
ahead and on the day, in the bell of the manager and the engineering department."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files import File
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.billing.engine import add_months
from wuye.core.access import require
from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.core.notifications import notify_users
from wuye.core.photos import clean_drawings, clean_photos
from wuye.core.roles import Post
from wuye.estate.choices import FacilityKind
from wuye.estate.services import record_statutory_inspection
from wuye.org.choices import DepartmentKind
from wuye.org.models import Department, Membership

from ..choices import IntervalUnit
from ..models import Certificate, MaintenancePlan, MaintenanceRecord

# The law's longest interval between two maintenances of an elevator.
ELEVATOR_MAX_DAYS = 15
# Days before a certificate's expiry its alerts go out (each once).
ALERT_DAYS = (30, 7, 0)


def add_interval(day: dt.date, interval: int, unit: str) -> dt.date:
    """`day` moved on by the interval (a month's day kept, or the month's last day)."""
    if unit == IntervalUnit.DAYS:
        return day + dt.timedelta(days=interval)
    return add_months(day, interval)


def check_interval(facility: Any, interval: int, unit: str) -> None:
    """An elevator is maintained at least every 15 days; nothing less often than yearly."""
    if interval < 1:
        raise DomainError(_("Give an interval of at least 1."), field="interval")
    days = interval if unit == IntervalUnit.DAYS else interval * 31
    if facility.kind == FacilityKind.ELEVATOR and days > ELEVATOR_MAX_DAYS:
        raise DomainError(
            _("An elevator must be maintained at least every %(days)d days.")
            % {"days": ELEVATOR_MAX_DAYS},
            field="interval",
        )
    if days > 366:
        raise DomainError(_("Maintain at least once a year."), field="interval")


@transaction.atomic
def save_maintenance_plan(
    *,
    community: Any,
    actor: Any,
    plan: MaintenancePlan | None = None,
    **fields: Any,
) -> MaintenancePlan:
    """Make or change a maintenance plan (the form checked the fields' own rules)."""
    require(actor, community, "quality.maintenance.change", _("You cannot keep maintenance plans."))
    facility = fields["facility"]
    if facility.community_id != community.pk:
        raise DomainError(_("Choose a facility of this service center."), field="facility")
    contractor = fields.get("contractor")
    if contractor is not None and contractor.community_id != community.pk:
        raise DomainError(_("Choose a subcontractor of this service center."), field="contractor")
    check_interval(facility, fields["interval"], fields["interval_unit"])
    plan = plan or MaintenancePlan(community=community, created_by=actor)
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.save()
    record_event(
        verb="maintenance.plan_saved",
        actor=actor,
        community=community,
        target=plan,
        message=_("Maintenance plan %(plan)s saved") % {"plan": plan},
    )
    return plan


@transaction.atomic
def record_maintenance(
    plan: MaintenancePlan,
    *,
    actor: Any,
    done_on: dt.date,
    technician: str,
    work: str,
    parts: str = "",
    cost: Decimal | None = None,
    contractor: Any = None,
    photo: list[File] | None = None,
) -> MaintenanceRecord:
    """Record a maintenance of the plan's facility; the plan's next due date moves on from it."""
    plan = (
        MaintenancePlan.objects.select_for_update(of=("self",))
        .select_related("community", "facility", "contractor")
        .get(pk=plan.pk)
    )
    require(
        actor, plan.community, "quality.maintenance.record", _("You cannot record maintenance.")
    )
    today = timezone.localdate()
    if done_on > today:
        raise DomainError(_("A maintenance cannot be dated in the future."), field="done_on")
    if plan.last_done_on is not None and done_on < plan.last_done_on:
        raise DomainError(
            _("A later maintenance (%(day)s) is recorded already.")
            % {"day": f"{plan.last_done_on:%Y-%m-%d}"},
            field="done_on",
        )
    if not technician.strip():
        raise DomainError(_("Say who did the work."), field="technician")
    if not work.strip():
        raise DomainError(_("Say what was done."), field="work")
    if cost is not None and (not cost.is_finite() or cost < 0):
        raise DomainError(_("Give the cost as an amount of 0 or more."), field="cost")
    if contractor is not None and contractor.community_id != plan.community_id:
        raise DomainError(_("Choose a subcontractor of this service center."), field="contractor")
    photos = clean_photos(photo, field="photo")
    if len(photos) > 1:
        raise DomainError(_("Take at most one photo."), field="photo")
    next_due = add_interval(done_on, plan.interval, plan.interval_unit)
    record = MaintenanceRecord.objects.create(
        community_id=plan.community_id,
        plan=plan,
        facility=plan.facility,
        done_on=done_on,
        contractor=contractor or plan.contractor,
        technician=technician.strip()[:50],
        work=work.strip(),
        parts="\n".join(line.strip() for line in parts.splitlines() if line.strip()),
        cost=cost,
        photo=photos[0] if photos else None,
        next_due=next_due,
        created_by=actor,
    )
    plan.last_done_on = done_on
    plan.next_due = next_due
    plan.save(update_fields=["last_done_on", "next_due", "updated_at"])
    record_event(
        verb="maintenance.recorded",
        actor=actor,
        community=plan.community,
        target=record,
        message=_("%(plan)s maintained on %(day)s; next due %(next)s")
        % {"plan": plan, "day": f"{done_on:%Y-%m-%d}", "next": f"{next_due:%Y-%m-%d}"},
    )
    return record


def overdue(plans, today: dt.date | None = None):
    """The plans in use whose next maintenance is past."""
    return plans.filter(is_active=True, next_due__lt=today or timezone.localdate())


@transaction.atomic
def save_certificate(
    *,
    community: Any,
    actor: Any,
    certificate: Certificate | None = None,
    document: File | None = None,
    **fields: Any,
) -> Certificate:
    """Keep a facility's inspection certificate (its scan a PDF or a picture); the newest one's
    expiry is the facility's next statutory inspection in the registry."""
    require(
        actor,
        community,
        "quality.maintenance.change",
        _("You cannot keep inspection certificates."),
    )
    facility = fields["facility"]
    if facility.community_id != community.pk:
        raise DomainError(_("Choose a facility of this service center."), field="facility")
    if fields["expires_on"] <= fields["issued_on"]:
        raise DomainError(_("A certificate expires after it is issued."), field="expires_on")
    scans = clean_drawings([document] if document else [], field="document")
    certificate = certificate or Certificate(community=community, created_by=actor)
    changed_expiry = certificate.expires_on != fields["expires_on"]
    for name, value in fields.items():
        setattr(certificate, name, value)
    if scans:
        certificate.document = scans[0]
    if changed_expiry:
        certificate.alerted_days = None
    certificate.save()
    newest = (
        Certificate.objects.filter(facility=facility, kind=certificate.kind)
        .order_by("-expires_on")
        .values_list("expires_on", flat=True)
        .first()
    )
    if newest is not None and newest == certificate.expires_on:
        record_statutory_inspection(facility, next_inspection=newest, actor=actor)
    record_event(
        verb="maintenance.certificate_saved",
        actor=actor,
        community=community,
        target=certificate,
        message=_("%(certificate)s of %(facility)s valid until %(day)s")
        % {
            "certificate": certificate,
            "facility": facility,
            "day": f"{certificate.expires_on:%Y-%m-%d}",
        },
    )
    return certificate


def current_certificates(certificates):
    """The newest certificate of each facility and kind (an older one is renewed, not due)."""
    newer = Certificate.objects.filter(
        facility=OuterRef("facility"),
        kind=OuterRef("kind"),
        expires_on__gt=OuterRef("expires_on"),
    )
    return certificates.exclude(Exists(newer))


def _recipients(community: Any) -> list[Any]:
    """Who hears of an expiring certificate: the manager and the engineering department's
    head and staff."""
    heads = Department.objects.filter(
        community=community, kind=DepartmentKind.ENGINEERING, head__isnull=False
    ).values_list("head_id", flat=True)
    people = Membership.objects.filter(community=community, is_active=True).filter(
        Q(post__in=[Post.MGR, Post.TECH]) | Q(user_id__in=heads)
    )
    return list({m.user for m in people.select_related("user")})


def alert_expiring_certificates(community: Any, today: dt.date | None = None) -> int:
    """The daily job's work for one service center: each current certificate reaching 30 or 7
    days before its expiry, or its expiry day, is announced once. Returns the alerts sent."""
    today = today or timezone.localdate()
    sent = 0
    due = current_certificates(
        Certificate.objects.filter(
            community=community, expires_on__lte=today + dt.timedelta(days=ALERT_DAYS[0])
        )
    ).select_related("facility")
    recipients = None
    for certificate in due:
        left = (certificate.expires_on - today).days
        threshold = min(d for d in ALERT_DAYS if d >= left)  # left ≤ 30: the query's
        with transaction.atomic():
            # The row decides once: two runs of the job at once send one alert.
            updated = (
                Certificate.objects.filter(pk=certificate.pk)
                .filter(Q(alerted_days__isnull=True) | Q(alerted_days__gt=threshold))
                .update(alerted_days=threshold)
            )
            if not updated:
                continue
            if recipients is None:
                recipients = _recipients(community)
            if left < 0:
                text = _("%(certificate)s of %(facility)s expired on %(day)s.")
            elif left == 0:
                text = _("%(certificate)s of %(facility)s expires today.")
            else:
                text = _("%(certificate)s of %(facility)s expires in %(left)d days, on %(day)s.")
            notify_users(
                community,
                recipients,
                text
                % {
                    "certificate": certificate,
                    "facility": certificate.facility,
                    "left": left,
                    "day": f"{certificate.expires_on:%Y-%m-%d}",
                },
                url=reverse("quality:certificate_detail", args=[certificate.pk]),
            )
            sent += 1
    return sent
