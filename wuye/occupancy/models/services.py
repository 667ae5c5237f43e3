"""Value-added services (OCC-07, CSD-8): rental and sale agency listings with their viewings,
and the paid service catalog with its orders."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel

from ..choices import (
    LISTING_BADGES,
    ListingKind,
    ListingStatus,
    ServiceCategory,
    ServiceOrderChannel,
    ServiceOrderStatus,
)


class Listing(ScopedModel):
    """A unit the service center lets or sells for its owner (代理出租、出售)."""

    number = models.CharField(_("listing number"), max_length=20, editable=False)
    unit = models.ForeignKey(
        "estate.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="listings"
    )
    kind = models.CharField(_("listing"), max_length=4, choices=ListingKind.choices)
    owner_name = models.CharField(_("property owner"), max_length=50)
    owner_phone = models.CharField(_("owner's phone"), max_length=20)
    asking_price = models.DecimalField(
        _("asking price"),
        help_text=_("Rent per month, or the sale price, in yuan"),
        max_digits=12,
        decimal_places=2,
    )
    description = models.TextField(_("description"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ListingStatus.choices, default=ListingStatus.LISTED
    )
    deal_price = models.DecimalField(
        _("deal price"), null=True, blank=True, max_digits=12, decimal_places=2
    )
    deal_on = models.DateField(_("deal closed on"), null=True, blank=True)
    counterparty = models.CharField(_("tenant or buyer"), max_length=50, blank=True)
    agency_fee = models.DecimalField(
        _("agency fee"), default=Decimal(0), max_digits=12, decimal_places=2
    )
    fee_bill = models.ForeignKey(
        "billing.Bill",
        verbose_name=_("agency fee bill"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    closing_note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("agency listing")
        verbose_name_plural = _("agency listings")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "number"], name="occupancy_listing_number_unique"
            ),
            models.UniqueConstraint(
                fields=["unit", "kind"],
                condition=Q(status=ListingStatus.LISTED),
                name="occupancy_listing_one_open_per_unit",
            ),
            models.CheckConstraint(
                condition=Q(asking_price__gt=0), name="occupancy_listing_price_positive"
            ),
            models.CheckConstraint(
                condition=Q(agency_fee__gte=0), name="occupancy_listing_fee_not_negative"
            ),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("occupancy:listing_detail", args=[self.pk])

    @property
    def badge(self) -> str:
        return LISTING_BADGES[ListingStatus(self.status)]


class ListingPhoto(ScopedModel):
    listing = models.ForeignKey(
        Listing, verbose_name=_("listing"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(_("photo"), upload_to="occupancy/listings/%Y/%m/")

    class Meta:
        verbose_name = _("listing photo")
        verbose_name_plural = _("listing photos")
        ordering = ["listing", "id"]

    def __str__(self):
        return f"{self.listing_id}-{self.pk}"


class ListingViewing(ScopedModel):
    """A viewing of a listed unit: who came, when, with whom, and what they said."""

    listing = models.ForeignKey(
        Listing, verbose_name=_("listing"), on_delete=models.CASCADE, related_name="viewings"
    )
    viewed_at = models.DateTimeField(_("viewed at"))
    visitor_name = models.CharField(_("visitor"), max_length=50)
    visitor_phone = models.CharField(_("visitor's phone"), max_length=20)
    feedback = models.CharField(_("feedback"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("viewing")
        verbose_name_plural = _("viewings")
        ordering = ["listing", "-viewed_at"]

    def __str__(self):
        return f"{self.visitor_name} {self.viewed_at:%Y-%m-%d %H:%M}"


class PaidService(ScopedModel):
    """An item of the paid service catalog (家政、维修、搬家、开荒保洁…) with its price."""

    name = models.CharField(_("service"), max_length=50)
    category = models.CharField(_("category"), max_length=12, choices=ServiceCategory.choices)
    price = models.DecimalField(_("price"), max_digits=12, decimal_places=2)
    per = models.CharField(_("per"), max_length=10, help_text=_("e.g. 次, 小时, 平方米"))
    description = models.CharField(_("description"), max_length=300, blank=True)
    is_active = models.BooleanField(_("offered"), default=True)

    class Meta:
        verbose_name = _("paid service")
        verbose_name_plural = _("paid services")
        ordering = ["category", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "name"], name="occupancy_paidservice_unique_name"
            ),
            models.CheckConstraint(
                condition=Q(price__gt=0), name="occupancy_paidservice_price_positive"
            ),
        ]

    def __str__(self):
        return f"{self.name}（{self.price} 元/{self.per}）"

    def get_absolute_url(self):
        return reverse("occupancy:paidservice_detail", args=[self.pk])


class ServiceOrder(ScopedModel):
    """A paid service ordered for a unit: billed at the catalog price through billing, done as
    a work order by customer service."""

    number = models.CharField(_("order number"), max_length=20, editable=False)
    unit = models.ForeignKey(
        "estate.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="service_orders",
    )
    service = models.ForeignKey(
        PaidService, verbose_name=_("service"), on_delete=models.PROTECT, related_name="orders"
    )
    quantity = models.DecimalField(_("quantity"), max_digits=8, decimal_places=2)
    unit_price = models.DecimalField(_("unit price"), max_digits=12, decimal_places=2)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    contact_name = models.CharField(_("contact"), max_length=50)
    contact_phone = models.CharField(_("contact phone"), max_length=20)
    wanted_on = models.DateField(_("wanted on"))
    channel = models.CharField(_("channel"), max_length=8, choices=ServiceOrderChannel.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ServiceOrderStatus.choices,
        default=ServiceOrderStatus.ORDERED,
    )
    bill = models.ForeignKey(
        "billing.Bill", verbose_name=_("bill"), on_delete=models.PROTECT, related_name="+"
    )
    work_order = models.OneToOneField(
        "service.WorkOrder",
        verbose_name=_("work order"),
        on_delete=models.PROTECT,
        related_name="service_order",
    )

    class Meta:
        verbose_name = _("paid service order")
        verbose_name_plural = _("paid service orders")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "number"], name="occupancy_serviceorder_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gt=0, amount__gt=0),
                name="occupancy_serviceorder_positive",
            ),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("occupancy:serviceorder_detail", args=[self.pk])
