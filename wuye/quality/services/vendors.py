"""Subcontractor evaluation (QUA-07, CSD-9). Each month each subcontractor is scored against
its subcontract's scorecard: quality takes points off items — up to each item's points — for
reasons, usually a finding of the month's checks or inspections of the work the subcontractor
does; the score is 100 less the share of the scorecard's points taken off."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.access import require
from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.estate.choices import VendorCategory
from wuye.org.choices import DepartmentKind

from ..choices import VENDOR_SCORECARD, EvaluationStatus, PlanCategory
from ..models import (
    CheckEntry,
    CheckStandard,
    EvaluationDeduction,
    Finding,
    StandardItem,
    VendorEvaluation,
)
from ..reports import month_bounds

# The department whose checks look at a subcontractor's work, and the inspection plans that do.
VENDOR_DEPARTMENT: dict[str, str] = {
    VendorCategory.CLEANING: DepartmentKind.CLEANING,
    VendorCategory.GARBAGE: DepartmentKind.CLEANING,
    VendorCategory.GREENING: DepartmentKind.GREENING,
    VendorCategory.SECURITY: DepartmentKind.SECURITY,
    VendorCategory.ELEVATOR: DepartmentKind.ENGINEERING,
    VendorCategory.FIRE: DepartmentKind.ENGINEERING,
    VendorCategory.WATER: DepartmentKind.ENGINEERING,
}
VENDOR_PLANS: dict[str, str] = {
    VendorCategory.CLEANING: PlanCategory.CLEANING,
    VendorCategory.GARBAGE: PlanCategory.CLEANING,
    VendorCategory.GREENING: PlanCategory.GREENING,
    VendorCategory.SECURITY: PlanCategory.SECURITY,
}


def _require(actor: Any, community: Any) -> None:
    require(actor, community, "quality.vendor.change", _("You cannot evaluate subcontractors."))


@transaction.atomic
def start_evaluation(
    *,
    community: Any,
    actor: Any,
    vendor: Any,
    standard: CheckStandard,
    month: dt.date | None = None,
) -> VendorEvaluation:
    """Start a subcontractor's month (last month by default) against its scorecard (one
    evaluation a month)."""
    _require(actor, community)
    month = month or (timezone.localdate().replace(day=1) - dt.timedelta(days=1))
    if vendor.community_id != community.pk:
        raise DomainError(_("Choose a subcontractor of this service center."), field="vendor")
    if (
        standard.community_id != community.pk
        or standard.kind != VENDOR_SCORECARD
        or not standard.is_active
    ):
        raise DomainError(_("Choose a subcontractor scorecard in use here."), field="standard")
    if standard.vendor_category and standard.vendor_category != vendor.category:
        raise DomainError(
            _("“%(standard)s” is the scorecard of another subcontract.") % {"standard": standard},
            field="standard",
        )
    if not standard.items.exists():
        raise DomainError(_("This scorecard has no items."), field="standard")
    start = month.replace(day=1)
    if start > timezone.localdate():
        raise DomainError(_("A month to come cannot be evaluated."), field="month")
    if VendorEvaluation.objects.filter(vendor=vendor, month=start).exists():
        raise DomainError(
            _("%(vendor)s has been evaluated for %(month)s already.")
            % {"vendor": vendor, "month": f"{start:%Y-%m}"},
            field="month",
        )
    evaluation = VendorEvaluation.objects.create(
        community=community, vendor=vendor, month=start, standard=standard, created_by=actor
    )
    record_event(
        verb="vendor.evaluation_started",
        actor=actor,
        community=community,
        target=evaluation,
        message=str(evaluation),
    )
    return evaluation


def _locked(evaluation: VendorEvaluation) -> VendorEvaluation:
    evaluation = (
        VendorEvaluation.objects.select_for_update(of=("self",))
        .select_related("community", "standard", "vendor")
        .get(pk=evaluation.pk)
    )
    if evaluation.status != EvaluationStatus.SCORING:
        raise DomainError(_("This evaluation is finished."))
    return evaluation


@transaction.atomic
def deduct(
    evaluation: VendorEvaluation,
    *,
    actor: Any,
    item: StandardItem,
    points: Decimal,
    reason: str,
    check_entry: CheckEntry | None = None,
    finding: Finding | None = None,
) -> EvaluationDeduction:
    """Take points off an item of the scorecard, up to what the item has left."""
    evaluation = _locked(evaluation)
    _require(actor, evaluation.community)
    if item.standard_id != evaluation.standard_id:
        raise DomainError(_("This item is not on the scorecard."), field="item")
    if not points.is_finite() or points <= 0:
        raise DomainError(_("Deduct more than 0 points."), field="points")
    taken = evaluation.deductions.filter(item=item).aggregate(t=Sum("points"))["t"] or 0
    left = Decimal(item.points) - Decimal(str(taken))
    if points > left:
        raise DomainError(
            _("“%(item)s” has %(left)s points left to deduct.") % {"item": item, "left": left},
            field="points",
        )
    if check_entry is not None and finding is not None:
        raise DomainError(_("Link one finding."), field="finding")
    for name, source in (("check_entry", check_entry), ("finding", finding)):
        if source is not None and source.community_id != evaluation.community_id:
            raise DomainError(_("Choose a finding of this service center."), field=name)
    if not reason.strip():
        raise DomainError(_("Say why."), field="reason")
    return EvaluationDeduction.objects.create(
        community_id=evaluation.community_id,
        evaluation=evaluation,
        item=item,
        points=points,
        reason=reason.strip()[:300],
        check_entry=check_entry,
        finding=finding,
        created_by=actor,
    )


def score_of(evaluation: VendorEvaluation) -> Decimal:
    total = evaluation.standard.items.aggregate(t=Sum("points"))["t"] or 0
    taken = evaluation.deductions.aggregate(t=Sum("points"))["t"] or 0
    if not total:
        return Decimal(100)
    kept = Decimal(total) - Decimal(str(taken))
    return (kept * 100 / Decimal(total)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@transaction.atomic
def finish_evaluation(
    evaluation: VendorEvaluation, *, actor: Any, summary: str = ""
) -> VendorEvaluation:
    evaluation = _locked(evaluation)
    _require(actor, evaluation.community)
    evaluation.score = score_of(evaluation)
    evaluation.status = EvaluationStatus.FINISHED
    evaluation.summary = summary.strip()[:500]
    evaluation.finished_at = timezone.now()
    evaluation.save(update_fields=["score", "status", "summary", "finished_at", "updated_at"])
    record_event(
        verb="vendor.evaluation_finished",
        actor=actor,
        community=evaluation.community,
        target=evaluation,
        message=f"{evaluation} {evaluation.score}",
    )
    return evaluation


def month_findings(evaluation: VendorEvaluation) -> dict[str, list[Any]]:
    """The month's findings about the subcontractor's work, to deduct for: failed entries of
    the checks of the department that oversees it, and inspection findings of its plans."""
    start, end = month_bounds(evaluation.month)
    category = evaluation.vendor.category
    entries = CheckEntry.objects.none()
    department = VENDOR_DEPARTMENT.get(category)
    if department is not None:
        entries = (
            CheckEntry.objects.filter(
                community_id=evaluation.community_id,
                passed=False,
                quality_check__checked_on__gte=start,
                quality_check__checked_on__lt=end,
            )
            .filter(
                Q(quality_check__department__kind=department)
                | Q(quality_check__standard__department_kind=department)
            )
            .select_related("quality_check")
            .order_by("quality_check__checked_on", "pk")
        )
    findings = Finding.objects.none()
    plans = VENDOR_PLANS.get(category)
    if plans is not None:
        findings = (
            Finding.objects.filter(
                community_id=evaluation.community_id,
                result__check_in__task__plan__category=plans,
                result__check_in__task__day__gte=start,
                result__check_in__task__day__lt=end,
            )
            .select_related("checkpoint")
            .order_by("created_at", "pk")
        )
    used_entries = set(evaluation.deductions.values_list("check_entry_id", flat=True))
    used_findings = set(evaluation.deductions.values_list("finding_id", flat=True))
    return {
        "entries": [e for e in entries if e.pk not in used_entries],
        "findings": [f for f in findings if f.pk not in used_findings],
    }
