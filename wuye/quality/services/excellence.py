"""The excellent-community evaluation (QUA-11, AST-7): the year's review starts with every
item of the standard; each item is assessed (the points the service center expects) and its
evidence attached (PDF or photos, checked by content); readiness is the share of the standard's
points expected, and the items without evidence are the gaps."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.files import File
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.access import require
from wuye.core.errors import DomainError
from wuye.core.photos import clean_drawings

from ..excellence import EXCELLENCE_ITEMS
from ..models import ExcellenceEvidence, ExcellenceItem, ExcellenceReview


def _require(actor: Any, community: Any) -> None:
    require(
        actor,
        community,
        "quality.excellence.change",
        _("You cannot prepare the excellent-community evaluation."),
    )


@transaction.atomic
def start_review(
    *, community: Any, actor: Any, level: str, year: int | None = None, note: str = ""
) -> ExcellenceReview:
    """Start a year's (this year's by default) evaluation with every item of the standard."""
    _require(actor, community)
    year = year or timezone.localdate().year
    if not 2000 <= year <= timezone.localdate().year + 2:
        raise DomainError(_("Give the year of the evaluation."), field="year")
    if ExcellenceReview.objects.filter(community=community, year=year, level=level).exists():
        raise DomainError(_("This evaluation has been started already."), field="year")
    review = ExcellenceReview.objects.create(
        community=community, year=year, level=level, note=note.strip()[:300], created_by=actor
    )
    ExcellenceItem.objects.bulk_create(
        ExcellenceItem(
            community=community,
            review=review,
            section=section,
            code=code,
            text=text,
            points=points,
            created_by=actor,
        )
        for section, code, text, points in EXCELLENCE_ITEMS
    )
    return review


@transaction.atomic
def assess_item(
    review: ExcellenceReview, *, actor: Any, item: ExcellenceItem, awarded: Decimal, note: str = ""
) -> ExcellenceItem:
    _require(actor, review.community)
    if item.review_id != review.pk:
        raise DomainError(_("This item is not of this evaluation."), field="item")
    if not awarded.is_finite() or not Decimal(0) <= awarded <= item.points:
        raise DomainError(
            _("Expect 0 to %(points)s points for this item.") % {"points": item.points},
            field="awarded",
        )
    item.awarded = awarded
    item.note = note.strip()[:300]
    item.save(update_fields=["awarded", "note", "updated_at"])
    return item


@transaction.atomic
def attach_evidence(
    review: ExcellenceReview,
    *,
    actor: Any,
    item: ExcellenceItem,
    title: str,
    document: list[File] | None = None,
) -> list[ExcellenceEvidence]:
    _require(actor, review.community)
    if item.review_id != review.pk:
        raise DomainError(_("This item is not of this evaluation."), field="item")
    files = clean_drawings(document, field="document")
    if not files:
        raise DomainError(_("Attach a PDF or a photo."), field="document")
    if not title.strip():
        raise DomainError(_("Name the evidence."), field="title")
    return [
        ExcellenceEvidence.objects.create(
            community_id=review.community_id,
            item=item,
            title=title.strip()[:100],
            document=upload,
            created_by=actor,
        )
        for upload in files
    ]


def readiness(review: ExcellenceReview) -> dict[str, Any]:
    """The share of the standard's points expected, per section and in all, and the items
    still without evidence."""
    items = review.items.annotate(files=Count("evidence"))
    sections: dict[str, dict[str, Any]] = {}
    for item in items:
        section = sections.setdefault(
            item.section, {"section": item.section, "points": 0, "awarded": Decimal(0), "items": []}
        )
        section["points"] += item.points
        section["awarded"] += item.awarded or 0
        section["items"].append(item)
    total = review.items.aggregate(p=Sum("points"), a=Sum("awarded"))

    def share(part, whole) -> Decimal:
        if not whole:
            return Decimal(0)
        return (Decimal(str(part or 0)) * 100 / Decimal(whole)).quantize(
            Decimal("0.1"), ROUND_HALF_UP
        )

    for section in sections.values():
        section["score"] = share(section["awarded"], section["points"])
    return {
        "score": share(total["a"], total["p"]),
        "sections": list(sections.values()),
        "gaps": [item for item in items if not item.files],
    }
