"""Check-ins (QUA-01): at each checkpoint of a task's route, by its code scanned or typed, the
checklist is recorded; out of order or out of the window is marked, never refused. A failed
item — or a number out of its limits — is a finding with one rectification work order (联络单)
in customer service; closing that order closes the finding (`service.signals.order_closed`).
The task is done when every checkpoint of its route has been checked in."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.core.photos import clean_photos

from ..choices import FindingStatus, ItemKind, TaskStatus
from ..models import CheckIn, Checkpoint, Finding, InspectionTask, ItemResult
from .checks import rectify_entry_of
from .rectify import open_rectification


def normalize_code(code: str) -> str:
    return "".join(str(code or "").split()).upper()[:20]


def route_checkpoint(task: InspectionTask, code: str) -> Checkpoint | None:
    """The checkpoint of the task's route a scanned or typed code names (None: not on it)."""
    return (
        Checkpoint.objects.filter(
            community_id=task.community_id, code=normalize_code(code), plans=task.plan_id
        )
        .prefetch_related("items")
        .first()
    )


def _outcome(item, answer: Any, remark: str) -> tuple[bool, Decimal | None]:
    """(passed, value) of one item's answer; a number out of its limits fails, and needs a
    remark saying what was seen."""
    field = f"result_{item.pk}"
    if item.kind == ItemKind.PASS_FAIL:
        if answer not in ("passed", "failed"):
            raise DomainError(_("Answer each item: passed or failed."), field=field)
        return answer == "passed", None
    try:
        value = Decimal(str(answer))
    except (ArithmeticError, ValueError):
        raise DomainError(_("Give the number read."), field=field) from None
    if not value.is_finite():
        raise DomainError(_("Give the number read."), field=field)
    inside = (item.minimum is None or value >= item.minimum) and (
        item.maximum is None or value <= item.maximum
    )
    if not inside and not remark.strip():
        raise DomainError(
            _("%(value)s is outside %(low)s–%(high)s: say what you saw in the remark.")
            % {
                "value": value,
                "low": item.minimum if item.minimum is not None else "—",
                "high": item.maximum if item.maximum is not None else "—",
            },
            field=f"remark_{item.pk}",
        )
    return inside, value


@transaction.atomic
def check_in(
    task: InspectionTask,
    *,
    actor: Any,
    code: str,
    answers: dict[int, Any],
    remarks: dict[int, str] | None = None,
    note: str = "",
    photo: list[File] | None = None,
) -> CheckIn:
    """Check in at the checkpoint `code` names and record its checklist (`answers` by item
    id: "passed"/"failed", or the number read)."""
    task = InspectionTask.objects.select_for_update().select_related("plan").get(pk=task.pk)
    if task.status == TaskStatus.DONE:
        raise DomainError(_("This task is done: every checkpoint has been checked in."))
    checkpoint = route_checkpoint(task, code)
    if checkpoint is None:
        raise DomainError(
            _("“%(code)s” is not a checkpoint of this route.") % {"code": normalize_code(code)},
            field="code",
        )
    if CheckIn.objects.filter(task=task, checkpoint=checkpoint).exists():
        raise DomainError(
            _("%(code)s has been checked in already on this task.") % {"code": checkpoint.code},
            field="code",
        )
    photos = clean_photos(photo, field="photo")
    if len(photos) > 1:
        raise DomainError(_("Take at most one photo."), field="photo")
    remarks = remarks or {}
    items = list(checkpoint.items.all())
    outcomes = {
        item.pk: _outcome(item, answers.get(item.pk), remarks.get(item.pk, "")) for item in items
    }
    needs_photo = [item.text for item in items if item.photo_required]
    if needs_photo and not photos:
        raise DomainError(
            _("Take a photo: %(items)s need one.") % {"items": "、".join(needs_photo)},
            field="photo",
        )
    now = timezone.now()
    stops = list(task.plan.stops.values_list("checkpoint_id", "position"))
    position = dict(stops)[checkpoint.pk]
    visited = set(CheckIn.objects.filter(task=task).values_list("checkpoint_id", flat=True))
    earlier = {cp for cp, at in stops if at < position}
    visit = CheckIn.objects.create(
        community_id=task.community_id,
        task=task,
        checkpoint=checkpoint,
        checked_at=now,
        out_of_order=not earlier <= visited,
        out_of_window=not (task.window_start <= now <= task.window_end),
        note=note.strip(),
        photo=photos[0] if photos else None,
        created_by=actor,
    )
    failed = []
    for item in items:
        passed, value = outcomes[item.pk]
        result = ItemResult.objects.create(
            community_id=task.community_id,
            check_in=visit,
            item=item,
            passed=passed,
            value=value,
            remark=remarks.get(item.pk, "").strip()[:200],
            created_by=actor,
        )
        if not passed:
            failed.append((item, result))
    for item, result in failed:
        _open_finding(task, checkpoint, item, result, photos, actor=actor)
    if visited | {checkpoint.pk} >= {cp for cp, _at in stops}:
        task.status = TaskStatus.DONE
        task.completed_at = now
        task.completed_by = actor
        task.save(update_fields=["status", "completed_at", "completed_by", "updated_at"])
    record_event(
        verb="inspection.checked_in",
        actor=actor,
        community=task.community,
        target=visit,
        message=_("%(code)s checked in for %(task)s: %(failed)d items failed")
        % {"code": checkpoint.code, "task": task, "failed": len(failed)},
    )
    return visit


def _open_finding(task, checkpoint, item, result, photos, *, actor) -> Finding:
    what = item.text if result.value is None else f"{item.text} {result.value}{item.unit}"
    description = f"{what}：{result.remark}" if result.remark else what
    place = checkpoint.location or checkpoint.name
    order = open_rectification(
        task.community,
        actor=actor,
        place=f"{checkpoint.code} {place}",
        facility=checkpoint.facility,
        description=_("Inspection %(plan)s at %(code)s: %(finding)s")
        % {"plan": task.plan.name, "code": checkpoint.code, "finding": description},
        photos=photos,
    )
    return Finding.objects.create(
        community_id=task.community_id,
        result=result,
        checkpoint=checkpoint,
        description=description[:300],
        work_order=order,
        created_by=actor,
    )


def close_finding_of(order: Any, actor: Any) -> int:
    """The finding a closed work order was made for is put right with it."""
    return Finding.objects.filter(work_order=order, status=FindingStatus.OPEN).update(
        status=FindingStatus.CLOSED, closed_at=timezone.now(), updated_at=timezone.now()
    )


def on_order_closed(sender: Any, *, order: Any, actor: Any, **kwargs: Any) -> None:
    """`service.signals.order_closed`: a rectification order closed puts its finding, or its
    check's entry, right."""
    close_finding_of(order, actor)
    rectify_entry_of(order)
