"""The office's checks (QUA-02..04): a night post check (夜间查岗) by the assistant, a quality
spot check (品质抽检) of a department against its standard checklist by the quality specialist —
at least twice a week per service center — and the month's safety-production check.

A check is recorded entry by entry on a phone and then finished. A failed item of a spot or
safety check, and a sign board found damaged or missing, is put right through one
rectification work order (联络单) in customer service; closing the order puts the entry right.
At night the corrective action is often taken on the spot: an order is opened only when asked.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.files import File
from django.db import transaction
from django.db.models import Count, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.access import require
from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.core.photos import clean_photos

from ..choices import CheckKind, CheckStatus, RectificationStatus, SignCondition
from ..models import (
    AssessmentItem,
    CheckEntry,
    CheckStandard,
    QualityCheck,
    SignBoard,
    StandardItem,
)
from ..standards import ASSESSMENT_ITEMS, STANDARDS
from .rectify import open_rectification

# The company's rule: at least this many spot checks a week in each service center (QC-4).
SPOT_CHECKS_PER_WEEK = 2
# A checklist item failing in at least this many checks of a period is a recurring problem.
RECURRING_THRESHOLD = 3


def kind_permission(kind: str) -> str:
    return f"quality.check.{kind}"


def _require_kind(actor: Any, community: Any, kind: str) -> None:
    require(
        actor,
        community,
        kind_permission(kind),
        _("You cannot record a %(kind)s.") % {"kind": CheckKind(kind).label},
    )


@transaction.atomic
def start_check(
    community: Any,
    *,
    actor: Any,
    kind: str,
    standard: CheckStandard | None = None,
    department: Any = None,
    checked_on: dt.date | None = None,
) -> QualityCheck:
    """Start a check of `kind` today (or on the day it was made, when entered afterwards)."""
    _require_kind(actor, community, kind)
    checked_on = checked_on or timezone.localdate()
    if checked_on > timezone.localdate():
        raise DomainError(_("A check cannot be dated in the future."), field="checked_on")
    if kind == CheckKind.NIGHT:
        standard = department = None
    else:
        if standard is None or standard.community_id != community.pk or not standard.is_active:
            raise DomainError(_("Choose a standard checklist in use here."), field="standard")
        if standard.kind != kind:
            raise DomainError(
                _("“%(standard)s” is not a checklist for a %(kind)s.")
                % {"standard": standard, "kind": CheckKind(kind).label},
                field="standard",
            )
        if not standard.items.exists():
            raise DomainError(_("This standard checklist has no items."), field="standard")
        if kind == CheckKind.SPOT and department is None:
            raise DomainError(_("Choose the department checked."), field="department")
    if department is not None:
        if department.community_id != community.pk:
            raise DomainError(_("Choose a department of this service center."), field="department")
        if standard is not None and standard.department_kind not in ("", department.kind):
            raise DomainError(
                _("“%(standard)s” is the checklist of another department.")
                % {"standard": standard},
                field="standard",
            )
    check = QualityCheck.objects.create(
        community=community,
        kind=kind,
        standard=standard,
        department=department,
        checked_on=checked_on,
        created_by=actor,
    )
    record_event(
        verb="check.started",
        actor=actor,
        community=community,
        target=check,
        message=_("%(check)s started") % {"check": check},
    )
    return check


def _locked(check: QualityCheck) -> QualityCheck:
    check = (
        QualityCheck.objects.select_for_update(of=("self",))
        .select_related("community", "standard", "department")
        .get(pk=check.pk)
    )
    if check.status != CheckStatus.RECORDING:
        raise DomainError(_("This check is finished: nothing more can be recorded on it."))
    return check


@transaction.atomic
def record_entry(
    check: QualityCheck,
    *,
    actor: Any,
    item: StandardItem | None = None,
    sign_board: SignBoard | None = None,
    condition: str = "",
    post: str = "",
    on_duty: bool | None = None,
    passed: bool | None = None,
    deduction: Decimal | None = None,
    remark: str = "",
    corrective_action: str = "",
    rectify: bool = False,
    photo: list[File] | None = None,
) -> CheckEntry:
    """Record one entry of a check: an item of its standard (passed, or failed with the points
    deducted — all of them unless fewer are given), a sign board's condition, or — at night —
    a post visited, on duty or not."""
    check = _locked(check)
    _require_kind(actor, check.community, check.kind)
    remark, corrective_action = remark.strip(), corrective_action.strip()
    photos = clean_photos(photo, field="photo")
    if len(photos) > 1:
        raise DomainError(_("Take at most one photo."), field="photo")
    chosen = sum(x is not None for x in (item, sign_board)) + bool(post.strip())
    if chosen != 1:
        raise DomainError(
            _("Record one thing at a time: an item of the checklist, a sign board or a post."),
            field="item",
        )
    needs_photo = False
    if item is not None:
        if check.standard_id is None or item.standard_id != check.standard_id:
            raise DomainError(_("This item is not on the check's checklist."), field="item")
        if CheckEntry.objects.filter(quality_check=check, item=item).exists():
            raise DomainError(
                _("“%(item)s” has been recorded already.") % {"item": item}, field="item"
            )
        if passed is None:
            raise DomainError(_("Say whether the item passed."), field="passed")
        subject = item.text
        if passed:
            deduction = Decimal(0)
        else:
            deduction = Decimal(item.points) if deduction is None else deduction
            if not Decimal(0) < deduction <= item.points:
                raise DomainError(
                    _("Deduct more than 0 and at most the item's %(points)s points.")
                    % {"points": item.points},
                    field="deduction",
                )
            needs_photo = item.photo_required
        rectify = rectify or not passed
    elif sign_board is not None:
        if sign_board.community_id != check.community_id:
            raise DomainError(_("Choose a sign board of this service center."), field="sign_board")
        if check.kind == CheckKind.NIGHT:
            raise DomainError(
                _("Sign boards are checked in spot and safety checks."), field="sign_board"
            )
        if CheckEntry.objects.filter(quality_check=check, sign_board=sign_board).exists():
            raise DomainError(
                _("%(sign)s has been recorded already.") % {"sign": sign_board}, field="sign_board"
            )
        if condition not in SignCondition.values:
            raise DomainError(_("Say what state the sign board is in."), field="condition")
        subject = str(sign_board)
        passed = condition == SignCondition.GOOD
        deduction = Decimal(0)
        needs_photo = not passed
        rectify = not passed
    else:
        if check.kind != CheckKind.NIGHT:
            raise DomainError(_("Posts are visited on night checks."), field="post")
        if on_duty is None:
            raise DomainError(_("Say whether the post was on duty."), field="on_duty")
        subject = post.strip()[:200]
        passed = on_duty and not remark
        deduction = Decimal(0)
    if not passed and not remark:
        raise DomainError(_("Say what was found."), field="remark")
    if needs_photo and not photos:
        raise DomainError(_("Take a photo of what was found."), field="photo")
    entry = CheckEntry(
        community_id=check.community_id,
        quality_check=check,
        item=item,
        sign_board=sign_board,
        subject=subject,
        recorded_at=timezone.now(),
        passed=bool(passed),
        on_duty=on_duty if check.kind == CheckKind.NIGHT else None,
        deduction=deduction,
        remark=remark[:300],
        action=corrective_action[:300],
        photo=photos[0] if photos else None,
        created_by=actor,
    )
    if rectify and not passed:
        where = sign_board.location if sign_board is not None else subject
        department = f"{check.department} " if check.department_id else ""
        entry.work_order = open_rectification(
            check.community,
            actor=actor,
            place=(sign_board.location if sign_board is not None else "")
            or f"{department}{check.get_kind_display()}"[:100],
            description=_("%(check)s: %(subject)s — %(finding)s")
            % {"check": check.get_kind_display(), "subject": where, "finding": remark},
            photos=photos,
        )
        entry.rectification = RectificationStatus.OPEN
    entry.save()
    if sign_board is not None:
        SignBoard.objects.filter(pk=sign_board.pk).update(
            condition=condition, last_checked_on=check.checked_on, updated_at=timezone.now()
        )
    record_event(
        verb="check.recorded",
        actor=actor,
        community=check.community,
        target=check,
        message=_("%(check)s: %(subject)s %(result)s")
        % {
            "check": check,
            "subject": subject,
            "result": _("passed") if passed else _("not passed"),
        },
    )
    return entry


def score(check: QualityCheck) -> Decimal | None:
    """100 less the share of the standard's points deducted, to one decimal (half up); a night
    check is not scored."""
    standard = check.standard
    if standard is None:
        return None
    total = standard.items.aggregate(total=Sum("points"))["total"] or 0
    if not total:
        return None
    deducted = check.entries.filter(item__isnull=False).aggregate(d=Sum("deduction"))["d"] or 0
    kept = Decimal(total) - Decimal(str(deducted))
    return (kept * 100 / Decimal(total)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@transaction.atomic
def finish_check(check: QualityCheck, *, actor: Any, summary: str = "") -> QualityCheck:
    """Finish a check once every item of its standard is recorded (a night check once a post
    has been visited); its score is kept."""
    check = _locked(check)
    _require_kind(actor, check.community, check.kind)
    if check.standard is not None:
        missing = list(
            check.standard.items.exclude(entries__quality_check=check).values_list(
                "text", flat=True
            )
        )
        if missing:
            raise DomainError(
                _("Record every item first; not yet recorded: %(items)s.")
                % {"items": "、".join(missing[:10]) + ("…" if len(missing) > 10 else "")}
            )
    elif not check.entries.exists():
        raise DomainError(_("Record at least one post visited."))
    check.score = score(check)
    check.status = CheckStatus.FINISHED
    check.summary = summary.strip()[:500]
    check.finished_at = timezone.now()
    check.save(update_fields=["score", "status", "summary", "finished_at", "updated_at"])
    record_event(
        verb="check.finished",
        actor=actor,
        community=check.community,
        target=check,
        message=_("%(check)s finished, score %(score)s")
        % {"check": check, "score": check.score if check.score is not None else "—"},
    )
    return check


def rectify_entry_of(order: Any) -> int:
    """The entry a closed rectification order was opened for is put right with it."""
    now = timezone.now()
    return CheckEntry.objects.filter(
        work_order=order, rectification=RectificationStatus.OPEN
    ).update(rectification=RectificationStatus.DONE, rectified_at=now, updated_at=now)


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def spot_check_weeks(
    community: Any, start: dt.date, end: dt.date, *, source: QuerySet[QualityCheck]
) -> list[dict[str, Any]]:
    """Each week (Monday to Sunday) from the one holding `start` to the one holding `end`:
    the finished spot checks in it and the gap to the rule of two a week."""
    first, last = monday(start), monday(end)
    counts: dict[dt.date, int] = defaultdict(int)
    for day, n in (
        source.filter(
            community=community,
            kind=CheckKind.SPOT,
            status=CheckStatus.FINISHED,
            checked_on__gte=first,
            checked_on__lt=last + dt.timedelta(days=7),
        )
        .values("checked_on")
        .annotate(n=Count("pk"))
        .values_list("checked_on", "n")
    ):
        counts[monday(day)] += n
    weeks = []
    week = first
    while week <= last:
        done = counts[week]
        weeks.append(
            {
                "week": week,
                "until": week + dt.timedelta(days=6),
                "count": done,
                "gap": max(0, SPOT_CHECKS_PER_WEEK - done),
            }
        )
        week += dt.timedelta(days=7)
    return weeks


def safety_months(
    community: Any, start: dt.date, end: dt.date, *, source: QuerySet[QualityCheck]
) -> list[dict[str, Any]]:
    """Each month from `start`'s to `end`'s: its finished safety checks; a month with none is
    a gap (the check is monthly)."""
    counts: dict[dt.date, int] = defaultdict(int)
    for day in source.filter(
        community=community,
        kind=CheckKind.SAFETY,
        status=CheckStatus.FINISHED,
        checked_on__gte=start.replace(day=1),
        checked_on__lte=end,
    ).values_list("checked_on", flat=True):
        counts[day.replace(day=1)] += 1
    months = []
    month = start.replace(day=1)
    while month <= end:
        months.append({"month": month, "count": counts[month], "gap": counts[month] == 0})
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def recurring_problems(
    community: Any,
    start: dt.date,
    end: dt.date,
    *,
    source: QuerySet[QualityCheck],
    threshold: int = RECURRING_THRESHOLD,
) -> list[dict[str, Any]]:
    """The checklist items that failed in at least `threshold` finished checks between `start`
    and `end`, most frequent first, each with what was found each time (for training)."""
    checks = source.filter(
        community=community,
        status=CheckStatus.FINISHED,
        checked_on__gte=start,
        checked_on__lte=end,
    )
    failed = CheckEntry.objects.filter(
        quality_check__in=checks.values("pk"), passed=False, item__isnull=False
    )
    frequent = {
        row["item_id"]: row["n"]
        for row in failed.values("item_id")
        .annotate(n=Count("quality_check", distinct=True))
        .filter(n__gte=threshold)
        .order_by()
    }
    if not frequent:
        return []
    occurrences: dict[int, list[CheckEntry]] = defaultdict(list)
    for entry in (
        failed.filter(item_id__in=frequent)
        .select_related("quality_check__department", "item__standard", "work_order")
        .order_by("quality_check__checked_on", "pk")
    ):
        if entry.item is not None:
            occurrences[entry.item.pk].append(entry)
    rows = []
    for item_id, n in frequent.items():
        entries = occurrences[item_id]
        item = entries[0].item
        assert item is not None  # only entries of an item were counted
        rows.append(
            {
                "item": item,
                "standard": item.standard,
                "count": n,
                "deducted": sum((e.deduction for e in entries), Decimal(0)),
                "departments": sorted(
                    {str(e.quality_check.department) for e in entries if e.quality_check.department}
                ),
                "entries": entries,
            }
        )
    rows.sort(key=lambda r: (-r["count"], r["item"].text))
    return rows


@transaction.atomic
def install_standards(community: Any, *, actor: Any) -> int:
    """Give a service center the standard checklists and assessment items it starts with
    (those it lacks by name or code); returns how many checklists were made."""
    require(
        actor,
        community,
        "quality.standard.change",
        _("You cannot keep the standard checklists."),
    )
    have = set(CheckStandard.objects.filter(community=community).values_list("name", flat=True))
    made = 0
    for name, kind, department_kind, vendor_category, items in STANDARDS:
        if name in have:
            continue
        standard = CheckStandard.objects.create(
            community=community,
            name=name,
            kind=kind,
            department_kind=department_kind,
            vendor_category=vendor_category,
            created_by=actor,
        )
        StandardItem.objects.bulk_create(
            StandardItem(
                community=community,
                standard=standard,
                position=position,
                text=text,
                points=points,
                created_by=actor,
            )
            for position, (text, points) in enumerate(items, start=1)
        )
        made += 1
    codes = set(AssessmentItem.objects.filter(community=community).values_list("code", flat=True))
    AssessmentItem.objects.bulk_create(
        AssessmentItem(
            community=community,
            code=code,
            text=text,
            points=Decimal(points),
            amount=Decimal(amount),
            created_by=actor,
        )
        for code, text, points, amount in ASSESSMENT_ITEMS
        if code not in codes
    )
    return made
