"""Fixed assets 固定资产 (FIN-07): the register with tag numbers, location and custodian, the
straight-line monthly depreciation, transfers and disposals; stocktakes (盘点) done on a phone."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel
from wuye.core.money import MONEY

from ..choices import AssetCategory, AssetStatus, StocktakeResult


class FixedAsset(ScopedModel):
    tag = models.CharField(_("tag number"), max_length=30)
    name = models.CharField(_("name"), max_length=60)
    category = models.CharField(_("category"), max_length=12, choices=AssetCategory.choices)
    building = models.ForeignKey(
        "estate.Building",
        verbose_name=_("building"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    room = models.CharField(_("room or place"), max_length=60, blank=True)
    facility = models.ForeignKey(
        "estate.Facility",
        verbose_name=_("facility"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    custodian = models.ForeignKey(
        "org.User",
        verbose_name=_("custodian"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    purchase_date = models.DateField(_("purchased on"))
    in_use_date = models.DateField(
        _("put in use on"), help_text=_("Depreciated from the month after")
    )
    value = models.DecimalField(_("original value"), **MONEY)
    useful_life_months = models.PositiveSmallIntegerField(
        _("useful life (months)"), validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    residual_rate = models.DecimalField(
        _("residual value rate (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("5.00"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AssetStatus.choices,
        default=AssetStatus.IN_USE,
        editable=False,
    )
    disposed_on = models.DateField(_("disposed of on"), null=True, blank=True, editable=False)
    disposal_note = models.CharField(
        _("how it was disposed of"), max_length=200, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("fixed asset")
        verbose_name_plural = _("fixed assets")
        ordering = ["tag"]
        constraints = [
            models.UniqueConstraint(fields=["community", "tag"], name="finance_asset_tag"),
            models.CheckConstraint(condition=Q(value__gt=0), name="finance_asset_value"),
            models.CheckConstraint(
                condition=Q(residual_rate__gte=0) & Q(residual_rate__lte=100),
                name="finance_asset_residual",
            ),
            models.CheckConstraint(
                condition=Q(in_use_date__gte=F("purchase_date")), name="finance_asset_in_use"
            ),
        ]

    def __str__(self):
        return f"{self.tag} {self.name}"

    def get_absolute_url(self):
        return reverse("finance:fixedasset_detail", args=[self.pk])

    @property
    def location(self) -> str:
        parts = [str(p) for p in (self.building, self.room, self.facility) if p]
        return " ".join(parts)


class AssetTransfer(ScopedModel):
    """An asset moved to another place or custodian: where and with whom it was, and is."""

    asset = models.ForeignKey(
        FixedAsset, verbose_name=_("asset"), on_delete=models.PROTECT, related_name="transfers"
    )
    moved_on = models.DateField(_("moved on"))
    from_place = models.CharField(_("from"), max_length=200, blank=True)
    to_place = models.CharField(_("to"), max_length=200, blank=True)
    from_custodian = models.CharField(_("custodian before"), max_length=50, blank=True)
    to_custodian = models.CharField(_("custodian after"), max_length=50, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("asset transfer")
        verbose_name_plural = _("asset transfers")
        ordering = ["-moved_on", "-id"]

    def __str__(self):
        return f"{self.asset} {self.moved_on}"


class Stocktake(ScopedModel):
    """A count of the assets (盘点): each asset checked on the spot; closed, what was not seen
    is reported missing."""

    started_on = models.DateField(_("started on"))
    title = models.CharField(_("title"), max_length=60)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("stocktake")
        verbose_name_plural = _("stocktakes")
        ordering = ["-started_on", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("finance:stocktake_detail", args=[self.pk])


class StocktakeItem(ScopedModel):
    stocktake = models.ForeignKey(
        Stocktake, verbose_name=_("stocktake"), on_delete=models.PROTECT, related_name="items"
    )
    asset = models.ForeignKey(
        FixedAsset, verbose_name=_("asset"), on_delete=models.PROTECT, related_name="+"
    )
    result = models.CharField(_("result"), max_length=8, choices=StocktakeResult.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("stocktake entry")
        verbose_name_plural = _("stocktake entries")
        ordering = ["asset__tag"]
        constraints = [
            models.UniqueConstraint(fields=["stocktake", "asset"], name="finance_stocktake_once")
        ]

    def __str__(self):
        return f"{self.asset} {self.result}"
