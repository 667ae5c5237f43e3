"""Invoicing settings (FIN-07): who sells, and each fee item's tax rate on invoices — finance's
own, or the default of the item's kind; and how a line's tax is split from its total."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from stdnum.cn import uscc
from stdnum.exceptions import ValidationError as StdnumError

from wuye.billing.choices import Calculation
from wuye.billing.models import FeeItem
from wuye.core.access import require
from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.core.money import ZERO
from wuye.estate.choices import MeterKind
from wuye.org.models import User

from ..choices import TaxpayerKind
from ..models import InvoiceRate, InvoiceSettings

CENT = Decimal("0.01")


def settings_for(community: Any) -> InvoiceSettings | None:
    return InvoiceSettings.objects.filter(community=community).first()


def clean_tax_number(text: str, field: str) -> str:
    """A unified social credit code (统一社会信用代码), upper case, its check digit right."""
    number = re.sub(r"[\s\-]", "", text or "").upper()
    try:
        return uscc.validate(number)
    except StdnumError:
        raise DomainError(
            _(
                "“%(number)s” is not a valid unified social credit code: 18 characters with the "
                "right check digit."
            )
            % {"number": text},
            field=field,
        ) from None


@transaction.atomic
def save_settings(
    *,
    community: Any,
    actor: User,
    seller_name: str,
    seller_tax_number: str,
    taxpayer_kind: str,
    seller_address: str = "",
    seller_bank: str = "",
) -> InvoiceSettings:
    require(actor, community, "finance.invoice.settings", _("You may not change these settings."))
    name = (seller_name or "").strip()
    if not name:
        raise DomainError(_("Give the seller's name."), field="seller_name")
    number = clean_tax_number(seller_tax_number, "seller_tax_number")
    settings, _created = InvoiceSettings.objects.select_for_update().get_or_create(
        community=community,
        defaults={"seller_name": name, "seller_tax_number": number, "created_by": actor},
    )
    settings.seller_name = name
    settings.seller_tax_number = number
    settings.taxpayer_kind = TaxpayerKind(taxpayer_kind)
    settings.seller_address = (seller_address or "").strip()
    settings.seller_bank = (seller_bank or "").strip()
    settings.save()
    record_event(verb="invoice.settings", actor=actor, community=community, target=settings)
    return settings


@dataclass(frozen=True)
class Rate:
    rate: Decimal
    simplified: bool
    tax_code: str
    invoiced: bool
    custom: bool  # set by finance, not the default


# A fee item not invoiced here (a deposit; an item unknown to the community).
NOT_INVOICED = Rate(ZERO, False, "", False, False)


def default_rate(fee_item: FeeItem, taxpayer_kind: str = TaxpayerKind.GENERAL) -> Rate:
    """The rate a fee item takes until finance sets one, by its kind:
    property services 6%; parking (车辆停放, a lease of real estate) 9%; water a property company
    resells 3% by the simplified method (财税〔2016〕54号); electricity 13%; gas 9%. A
    small-scale taxpayer's levy rate is 5% on parking and 3% on the rest. A deposit is never
    invoiced."""
    if fee_item.calculation == Calculation.DEPOSIT:
        return NOT_INVOICED
    if taxpayer_kind == TaxpayerKind.SMALL:
        # A small-scale taxpayer's levy rate: 5% on parking (a lease of real estate), else 3%.
        levy = "0.05" if fee_item.calculation == Calculation.FIXED_SPACE else "0.03"
        return Rate(Decimal(levy), True, "", True, False)
    meter = fee_item.meter_kind
    if fee_item.calculation == Calculation.SHARED and fee_item.shared_meter is not None:
        meter = fee_item.shared_meter.kind
    if meter == MeterKind.WATER:
        return Rate(Decimal("0.03"), True, "", True, False)
    if meter == MeterKind.ELECTRICITY:
        return Rate(Decimal("0.13"), False, "", True, False)
    if meter == MeterKind.GAS:
        return Rate(Decimal("0.09"), False, "", True, False)
    if fee_item.calculation == Calculation.FIXED_SPACE:
        return Rate(Decimal("0.09"), False, "", True, False)
    return Rate(Decimal("0.06"), False, "", True, False)


def rates_for(community: Any) -> dict[int, Rate]:
    """Every fee item's rate in the community: finance's own, else the default."""
    settings = settings_for(community)
    kind = settings.taxpayer_kind if settings else TaxpayerKind.GENERAL
    custom = {r.fee_item_id: r for r in InvoiceRate.objects.filter(community=community)}
    rates = {}
    for item in FeeItem.objects.filter(community=community).select_related("shared_meter"):
        row = custom.get(item.pk)
        rates[item.pk] = (
            Rate(row.rate, row.simplified, row.tax_code, row.invoiced, True)
            if row is not None
            else default_rate(item, kind)
        )
    return rates


@transaction.atomic
def save_rate(
    fee_item: FeeItem,
    *,
    actor: User,
    rate: Decimal,
    simplified: bool = False,
    tax_code: str = "",
    invoiced: bool = True,
) -> InvoiceRate:
    community = fee_item.community
    require(actor, community, "finance.invoice.settings", _("You may not change these settings."))
    if fee_item.calculation == Calculation.DEPOSIT and invoiced:
        raise DomainError(_("A deposit is not a sale: it is never invoiced."), field="invoiced")
    if not (ZERO <= rate < 1):
        raise DomainError(_("Choose a tax rate."), field="rate")
    code = (tax_code or "").strip()
    if code and not re.fullmatch(r"\d{19}", code):
        raise DomainError(_("A tax classification code is 19 digits."), field="tax_code")
    row, _created = InvoiceRate.objects.select_for_update().get_or_create(
        community=community,
        fee_item=fee_item,
        defaults={"rate": rate, "created_by": actor},
    )
    row.rate = rate
    row.simplified = simplified
    row.tax_code = code
    row.invoiced = invoiced
    row.save()
    record_event(verb="invoice.rate", actor=actor, community=community, target=row)
    return row


def split_tax(total: Decimal, rate: Decimal) -> tuple[Decimal, Decimal]:
    """(amount before tax, tax) of a total with tax: the amount to the fen, half up; the tax
    what is left, so the two always add up to the total."""
    amount = (total / (1 + rate)).quantize(CENT, rounding=ROUND_HALF_UP)
    return amount, total - amount
