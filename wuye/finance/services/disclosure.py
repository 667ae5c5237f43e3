"""Disclosure to owners (FIN-11, MGR-8): the figures of a period — the fee standards in force,
the owners' public income (the receipts of contracts marked public income: kept as their own
line, never mixed into the company's income) and the spending paid by category — drafted by
finance, approved by the manager (not who drafted it), then frozen: the published notice and its
PDF show the figures as they were that day, whatever the books do later."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.access import require
from wuye.core.audit import record_event
from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.core.money import ZERO, q2

from ..choices import ClaimStatus, ContractKind, DisclosureStatus, InstalmentStatus
from ..models import ClaimLine, ContractInstalment, Disclosure


def figures(community: Any, start: dt.date, end: dt.date) -> dict[str, Any]:
    """The period's figures, as plain values (what is frozen at publication)."""
    from wuye.billing.models import FeeStandard

    standards = (
        FeeStandard.objects.filter(community=community, effective_from__lte=end)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=start))
        .select_related("fee_item")
        .order_by("fee_item__code", "effective_from")
    )
    public = (
        ContractInstalment.objects.filter(
            community=community,
            status=InstalmentStatus.SETTLED,
            contract__kind=ContractKind.INCOME,
            contract__public_income=True,
            settled_on__gte=start,
            settled_on__lte=end,
        )
        .select_related("contract__vendor")
        .order_by("settled_on", "id")
    )
    spending = (
        ClaimLine.objects.filter(
            community=community,
            claim__status=ClaimStatus.PAID,
            claim__payment__date__gte=start,
            claim__payment__date__lte=end,
        )
        .order_by()
        .values("category__name")
        .annotate(total=Sum("amount"))
        .order_by("category__name")
    )
    public_rows = [
        {
            "date": i.settled_on.isoformat() if i.settled_on else "",
            "source": f"{i.contract.title}（{i.contract.vendor.name}）",
            "amount": str(i.amount),
        }
        for i in public
    ]
    spending_rows = [
        {"category": row["category__name"], "amount": str(q2(row["total"]))} for row in spending
    ]
    return {
        "standards": [
            {
                "fee_item": s.fee_item.name,
                "price": str(s.unit_price),
                "from": s.effective_from.isoformat(),
                "until": s.effective_to.isoformat() if s.effective_to else "",
            }
            for s in standards
        ],
        "public_income": public_rows,
        "public_income_total": str(sum((q2(r["amount"]) for r in public_rows), ZERO)),
        "spending": spending_rows,
        "spending_total": str(sum((q2(r["amount"]) for r in spending_rows), ZERO)),
    }


def _check_period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise DomainError(_("The period ends before it starts."), field="period_end")
    if end > timezone.localdate():
        raise DomainError(_("A period that has ended is disclosed."), field="period_end")


@transaction.atomic
def draft_disclosure(
    *,
    community: Any,
    actor: Any,
    title: str,
    period_start: dt.date,
    period_end: dt.date,
    maintenance_fund: str = "",
    note: str = "",
) -> Disclosure:
    require(actor, community, "finance.disclosure.change", _("You may not draft disclosures."))
    _check_period(period_start, period_end)
    if not (title or "").strip():
        raise DomainError(_("Give the notice a title."), field="title")
    disclosure = Disclosure.objects.create(
        community=community,
        title=title.strip(),
        period_start=period_start,
        period_end=period_end,
        maintenance_fund=(maintenance_fund or "").strip(),
        note=(note or "").strip(),
        created_by=actor,
    )
    record_event(verb="disclosure.drafted", actor=actor, community=community, target=disclosure)
    return disclosure


@transaction.atomic
def change_disclosure(
    disclosure: Disclosure,
    *,
    actor: Any,
    title: str,
    period_start: dt.date,
    period_end: dt.date,
    maintenance_fund: str = "",
    note: str = "",
) -> Disclosure:
    community = disclosure.community
    require(actor, community, "finance.disclosure.change", _("You may not draft disclosures."))
    disclosure = Disclosure.objects.select_for_update().get(pk=disclosure.pk)
    if disclosure.status != DisclosureStatus.DRAFT:
        raise DomainError(_("A published notice is never changed; draft a new one."))
    _check_period(period_start, period_end)
    disclosure.title = title.strip()
    disclosure.period_start, disclosure.period_end = period_start, period_end
    disclosure.maintenance_fund = (maintenance_fund or "").strip()
    disclosure.note = (note or "").strip()
    disclosure.save()
    return disclosure


@transaction.atomic
def publish_disclosure(disclosure: Disclosure, *, actor: Any) -> Disclosure:
    """The manager approves the draft: its figures are frozen and it is published."""
    community = disclosure.community
    require(actor, community, "finance.disclosure.publish", _("You may not publish disclosures."))
    disclosure = Disclosure.objects.select_for_update().get(pk=disclosure.pk)
    if disclosure.status != DisclosureStatus.DRAFT:
        raise DomainError(_("This notice is published already."))
    if disclosure.created_by_id == actor.pk:
        raise PermissionDeniedError(_("Someone other than who drafted it approves the notice."))
    disclosure.figures = figures(community, disclosure.period_start, disclosure.period_end)
    disclosure.status = DisclosureStatus.PUBLISHED
    disclosure.published_by = actor
    disclosure.published_at = timezone.now()
    disclosure.save(
        update_fields=["figures", "status", "published_by", "published_at", "updated_at"]
    )
    record_event(verb="disclosure.published", actor=actor, community=community, target=disclosure)
    return disclosure


def shown_figures(disclosure: Disclosure) -> dict[str, Any]:
    """What the notice shows: the frozen figures once published, the live ones in a draft."""
    if disclosure.status == DisclosureStatus.PUBLISHED:
        return disclosure.figures
    return figures(disclosure.community, disclosure.period_start, disclosure.period_end)
