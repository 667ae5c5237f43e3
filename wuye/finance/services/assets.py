"""Fixed assets (FIN-07): straight-line monthly depreciation exact to the fen — the depreciable
amount (original value less the residual value, rounded to the fen) divided by the months of
useful life, rounded down to the fen, the last month taking what remains so the months add up
exactly; from the month after the asset is put in use (企业所得税法实施条例 §59) through the
month it is disposed of. Transfers and disposals are recorded, never edits; stocktakes check each
asset on the spot and report the differences."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.billing.engine import add_months
from wuye.core.access import require
from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.core.money import ZERO, q2
from wuye.org.models import Membership

from ..choices import AssetStatus, StocktakeResult
from ..models import AssetTransfer, FixedAsset, Stocktake, StocktakeItem

FEN = Decimal("0.01")


def residual(asset: FixedAsset) -> Decimal:
    return (asset.value * asset.residual_rate / 100).quantize(FEN, rounding=ROUND_HALF_UP)


def depreciable(asset: FixedAsset) -> Decimal:
    return asset.value - residual(asset)


def schedule(asset: FixedAsset) -> list[dict[str, Any]]:
    """Each month's depreciation: month, amount, accumulated, net value after it."""
    total = depreciable(asset)
    months = asset.useful_life_months
    each = (total / months).quantize(FEN, rounding=ROUND_DOWN)
    first = add_months(asset.in_use_date.replace(day=1), 1)
    last_month = (
        asset.disposed_on.replace(day=1)
        if asset.status == AssetStatus.DISPOSED and asset.disposed_on
        else None
    )
    rows = []
    accumulated = ZERO
    for n in range(months):
        month = add_months(first, n)
        if last_month is not None and month > last_month:
            break
        amount = each if n < months - 1 else total - each * (months - 1)
        accumulated += amount
        rows.append(
            {
                "month": month,
                "amount": amount,
                "accumulated": accumulated,
                "net": asset.value - accumulated,
            }
        )
    return rows


def for_month(assets: Any, month: dt.date) -> list[dict[str, Any]]:
    """The depreciation register of a month: every asset depreciating in it."""
    month = month.replace(day=1)
    rows = []
    for asset in assets.order_by("tag"):
        for row in schedule(asset):
            if row["month"] == month:
                rows.append({"asset": asset, **row})
                break
    return rows


def _member(community: Any, user: Any, field: str) -> None:
    if (
        user is not None
        and not Membership.objects.filter(community=community, user=user, is_active=True).exists()
    ):
        raise DomainError(_("Choose a member of staff of this service center."), field=field)


def _place_checks(community: Any, building: Any, facility: Any) -> None:
    for value, field in ((building, "building"), (facility, "facility")):
        if value is not None and value.community_id != community.pk:
            raise DomainError(_("Choose one of this service center."), field=field)


@transaction.atomic
def add_asset(
    *,
    community: Any,
    actor: Any,
    tag: str,
    name: str,
    category: str,
    purchase_date: dt.date,
    in_use_date: dt.date,
    value: Decimal,
    useful_life_months: int,
    residual_rate: Decimal = Decimal("5"),
    building: Any = None,
    room: str = "",
    facility: Any = None,
    custodian: Any = None,
) -> FixedAsset:
    require(actor, community, "finance.asset.change", _("You may not keep the asset register."))
    tag = (tag or "").strip().upper()
    if not tag:
        raise DomainError(_("Give the tag number."), field="tag")
    if FixedAsset.objects.filter(community=community, tag=tag).exists():
        raise DomainError(_("Another asset has tag %(tag)s.") % {"tag": tag}, field="tag")
    if in_use_date < purchase_date:
        raise DomainError(_("An asset is put in use after it is bought."), field="in_use_date")
    if purchase_date > timezone.localdate():
        raise DomainError(_("The purchase date is still to come."), field="purchase_date")
    if q2(value) <= 0:
        raise DomainError(_("The amount must be more than zero."), field="value")
    if not 1 <= useful_life_months <= 600:
        raise DomainError(_("Between 1 and 600 months."), field="useful_life_months")
    if not 0 <= residual_rate <= 100:
        raise DomainError(_("A percentage from 0 to 100."), field="residual_rate")
    _place_checks(community, building, facility)
    _member(community, custodian, "custodian")
    asset = FixedAsset.objects.create(
        community=community,
        tag=tag,
        name=name.strip(),
        category=category,
        purchase_date=purchase_date,
        in_use_date=in_use_date,
        value=q2(value),
        useful_life_months=useful_life_months,
        residual_rate=q2(residual_rate),
        building=building,
        room=(room or "").strip(),
        facility=facility,
        custodian=custodian,
        created_by=actor,
    )
    record_event(verb="asset.added", actor=actor, community=community, target=asset)
    return asset


@transaction.atomic
def transfer_asset(
    asset: FixedAsset,
    *,
    actor: Any,
    moved_on: dt.date,
    building: Any = None,
    room: str = "",
    facility: Any = None,
    custodian: Any = None,
    note: str = "",
) -> AssetTransfer:
    community = asset.community
    require(actor, community, "finance.asset.change", _("You may not keep the asset register."))
    asset = FixedAsset.objects.select_for_update().get(pk=asset.pk)
    if asset.status != AssetStatus.IN_USE:
        raise DomainError(_("A disposed asset is not moved."))
    if moved_on > timezone.localdate() or moved_on < asset.purchase_date:
        raise DomainError(_("Moved on a day between its purchase and today."), field="moved_on")
    _place_checks(community, building, facility)
    _member(community, custodian, "custodian")
    before_place, before_custodian = (
        asset.location,
        (asset.custodian.display_name if asset.custodian else ""),
    )
    asset.building, asset.room, asset.facility = building, (room or "").strip(), facility
    asset.custodian = custodian
    asset.save(update_fields=["building", "room", "facility", "custodian", "updated_at"])
    move = AssetTransfer.objects.create(
        community=community,
        asset=asset,
        moved_on=moved_on,
        from_place=before_place,
        to_place=asset.location,
        from_custodian=before_custodian,
        to_custodian=custodian.display_name if custodian else "",
        note=(note or "").strip(),
        created_by=actor,
    )
    record_event(verb="asset.moved", actor=actor, community=community, target=asset)
    return move


@transaction.atomic
def dispose_asset(
    asset: FixedAsset, *, actor: Any, disposed_on: dt.date, disposal_note: str
) -> FixedAsset:
    """Scrapped, sold or lost: depreciated through the month of disposal, never after."""
    community = asset.community
    require(actor, community, "finance.asset.change", _("You may not keep the asset register."))
    asset = FixedAsset.objects.select_for_update().get(pk=asset.pk)
    if asset.status != AssetStatus.IN_USE:
        raise DomainError(_("This asset has been disposed of already."))
    if disposed_on > timezone.localdate() or disposed_on < asset.in_use_date:
        raise DomainError(
            _("Disposed of on a day between its putting in use and today."), field="disposed_on"
        )
    note = (disposal_note or "").strip()
    if not note:
        raise DomainError(_("Say how it was disposed of."), field="disposal_note")
    asset.status = AssetStatus.DISPOSED
    asset.disposed_on = disposed_on
    asset.disposal_note = note
    asset.save(update_fields=["status", "disposed_on", "disposal_note", "updated_at"])
    record_event(
        verb="asset.disposed", actor=actor, community=community, target=asset, message=note
    )
    return asset


@transaction.atomic
def start_stocktake(*, community: Any, actor: Any, title: str, started_on: dt.date) -> Stocktake:
    require(actor, community, "finance.stocktake.change", _("You may not take stock."))
    if not (title or "").strip():
        raise DomainError(_("Give the stocktake a title."), field="title")
    stocktake = Stocktake.objects.create(
        community=community, title=title.strip(), started_on=started_on, created_by=actor
    )
    record_event(verb="stocktake.started", actor=actor, community=community, target=stocktake)
    return stocktake


@transaction.atomic
def check_asset(
    stocktake: Stocktake, *, actor: Any, tag: str, result: str, note: str = ""
) -> StocktakeItem:
    """One asset seen (or not) on the spot, by its tag; checking it again replaces the result."""
    community = stocktake.community
    require(actor, community, "finance.stocktake.change", _("You may not take stock."))
    stocktake = Stocktake.objects.select_for_update().get(pk=stocktake.pk)
    if stocktake.closed_at is not None:
        raise DomainError(_("This stocktake is closed."))
    tag = (tag or "").strip().upper()
    asset = FixedAsset.objects.filter(
        community=community, tag=tag, status=AssetStatus.IN_USE
    ).first()
    if asset is None:
        raise DomainError(
            _("No asset in use has tag %(tag)s: check the label.") % {"tag": tag}, field="tag"
        )
    item, _created = StocktakeItem.objects.update_or_create(
        stocktake=stocktake,
        asset=asset,
        defaults={
            "community": community,
            "result": result,
            "note": (note or "").strip(),
            "created_by": actor,
        },
    )
    return item


@transaction.atomic
def close_stocktake(stocktake: Stocktake, *, actor: Any) -> Stocktake:
    """Closed: every asset in use not checked is entered as missing."""
    community = stocktake.community
    require(actor, community, "finance.stocktake.change", _("You may not take stock."))
    stocktake = Stocktake.objects.select_for_update().get(pk=stocktake.pk)
    if stocktake.closed_at is not None:
        raise DomainError(_("This stocktake is closed."))
    seen = stocktake.items.values("asset_id")
    StocktakeItem.objects.bulk_create(
        StocktakeItem(
            community=community,
            stocktake=stocktake,
            asset=asset,
            result=StocktakeResult.MISSING,
            note=_("Not seen in the stocktake"),
            created_by=actor,
        )
        for asset in FixedAsset.objects.filter(
            community=community, status=AssetStatus.IN_USE
        ).exclude(pk__in=seen)
    )
    stocktake.closed_at = timezone.now()
    stocktake.save(update_fields=["closed_at", "updated_at"])
    record_event(verb="stocktake.closed", actor=actor, community=community, target=stocktake)
    return stocktake


def stocktake_report(stocktake: Stocktake) -> dict[str, Any]:
    items = list(stocktake.items.select_related("asset"))
    counts = dict.fromkeys(StocktakeResult, 0)
    for item in items:
        counts[StocktakeResult(item.result)] += 1
    unchecked = (
        FixedAsset.objects.filter(community=stocktake.community, status=AssetStatus.IN_USE)
        .exclude(pk__in=[i.asset_id for i in items])
        .count()
        if stocktake.closed_at is None
        else 0
    )
    return {
        "items": items,
        "found": counts[StocktakeResult.FOUND],
        "missing": counts[StocktakeResult.MISSING],
        "damaged": counts[StocktakeResult.DAMAGED],
        "differences": [i for i in items if i.result != StocktakeResult.FOUND],
        "unchecked": unchecked,
    }
