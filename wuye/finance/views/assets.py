"""Fixed assets (FIN-07): the register, each asset's depreciation schedule, transfers and
disposal; the month's depreciation register; stocktakes on a phone with their differences."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wuye.core.commands import CommandPageMixin
from wuye.core.excel import xlsx_response
from wuye.core.money import ZERO
from wuye.core.views import (
    AccessMixin,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
)

from .. import filtersets, forms, tables
from ..choices import AssetAction, AssetStatus, StocktakeAction
from ..commands import ASSET_COMMANDS, STOCKTAKE_COMMANDS
from ..models import FixedAsset, Stocktake
from ..services import assets
from .ledger import parse_month


class FixedAssetMixin(ScopedObjectMixin):
    model = FixedAsset
    perm_prefix = "finance.asset"
    url_base = "finance:fixedasset"
    related: tuple[str, ...] = ("building", "facility", "custodian")
    page_actions = ("view", "change")


class FixedAssetListView(FixedAssetMixin, ObjectListView):
    filterset_class = filtersets.FixedAssetFilterSet
    table_class = tables.FixedAssetTable


class FixedAssetEditView(FixedAssetMixin, ObjectEditView):
    """A new asset; afterwards it is moved or disposed of, its figures never edited."""

    form_class = forms.FixedAssetForm
    create_service = assets.add_asset

    def get_object(self):
        if self.kwargs.get("pk") is not None:
            raise PermissionDenied
        return None


class FixedAssetDetailView(CommandPageMixin, FixedAssetMixin, ObjectDetailView):
    commands = ASSET_COMMANDS
    template_name = "finance/fixedasset_detail.html"
    page_forms = {AssetAction.TRANSFER: "transfer_form", AssetAction.DISPOSE: "dispose_form"}
    detail_fields = [
        "tag",
        "name",
        "category",
        "building",
        "room",
        "facility",
        "custodian",
        "purchase_date",
        "in_use_date",
        "value",
        "useful_life_months",
        "residual_rate",
        "status",
        "disposed_on",
        "disposal_note",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        asset = self.object
        context["can_change"] = context["can_delete"] = False
        context["schedule"] = assets.schedule(asset)
        context["residual"] = assets.residual(asset)
        context["depreciable"] = assets.depreciable(asset)
        this_month = timezone.localdate().replace(day=1)
        done = [row for row in context["schedule"] if row["month"] <= this_month]
        context["accumulated"] = done[-1]["accumulated"] if done else ZERO
        context["net"] = asset.value - context["accumulated"]
        context["transfers"] = asset.transfers.all()
        if asset.status == AssetStatus.IN_USE and self.access.has("finance.asset.change"):
            context.setdefault(
                "transfer_form",
                forms.TransferAssetForm(
                    target=asset, access=self.access, initial={"moved_on": timezone.localdate()}
                ),
            )
            context.setdefault(
                "dispose_form", forms.DisposeAssetForm(target=asset, access=self.access)
            )
        return context


class DepreciationView(AccessMixin, TemplateView):
    """The month's depreciation register: every asset depreciating in it, and the total."""

    template_name = "finance/depreciation.html"
    permission = "finance.asset.view"
    title = gettext_lazy("Depreciation of the month")

    def get(self, request, *args, **kwargs):
        today = timezone.localdate()
        self.month = parse_month(request.GET.get("month") or f"{today:%Y-%m}", today)
        self.rows = assets.for_month(FixedAsset.objects.for_access(self.access), self.month)
        if request.GET.get("format") == "xlsx":
            return xlsx_response(
                f"折旧表-{self.access.community}-{self.month:%Y-%m}",
                [
                    (
                        _("Depreciation of the month"),
                        [
                            _("tag number"),
                            _("name"),
                            _("original value"),
                            _("depreciation of the month"),
                            _("accumulated depreciation"),
                            _("net value"),
                        ],
                        [
                            [
                                r["asset"].tag,
                                r["asset"].name,
                                r["asset"].value,
                                r["amount"],
                                r["accumulated"],
                                r["net"],
                            ]
                            for r in self.rows
                        ],
                    )
                ],
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["month"] = self.month
        context["rows"] = self.rows
        context["total"] = sum((r["amount"] for r in self.rows), ZERO)
        return context


class StocktakeMixin(ScopedObjectMixin):
    model = Stocktake
    perm_prefix = "finance.stocktake"
    url_base = "finance:stocktake"
    page_actions = ("view", "change")


class StocktakeListView(StocktakeMixin, ObjectListView):
    filterset_class = filtersets.StocktakeFilterSet
    table_class = tables.StocktakeTable


class StocktakeEditView(StocktakeMixin, ObjectEditView):
    form_class = forms.StocktakeForm
    create_service = assets.start_stocktake

    def get_object(self):
        if self.kwargs.get("pk") is not None:
            raise PermissionDenied
        return None


class StocktakeDetailView(CommandPageMixin, StocktakeMixin, ObjectDetailView):
    """The stocktake on a phone: scan or type a tag, tap found / missing / damaged; the report of
    the differences below."""

    commands = STOCKTAKE_COMMANDS
    template_name = "finance/stocktake_detail.html"
    page_forms = {StocktakeAction.CHECK: "check_form"}
    detail_fields = ["title", "started_on", "closed_at"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stocktake = self.object
        context["can_change"] = context["can_delete"] = False
        context["report"] = assets.stocktake_report(stocktake)
        if stocktake.closed_at is None and self.access.has("finance.stocktake.change"):
            context.setdefault(
                "check_form",
                forms.CheckAssetForm(
                    target=stocktake, access=self.access, initial={"result": "found"}
                ),
            )
        return context
