"""Buildings and their units (楼栋、房屋), in the order people count them."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel
from wuye.core.money import Digits
from wuye.core.text import first_number

from ..choices import UNIT_STATUS_COLOURS, BuildingKind, UnitStatus, UnitUse

AREA = Digits(max_digits=10, decimal_places=2)
POSITIVE = [MinValueValidator(Decimal("0.01"))]


class Building(ScopedModel):
    """A building (楼栋) of the community; it belongs to a zone."""

    number = models.CharField(
        _("building number"), max_length=16, help_text=_("As written on the building, e.g. 3 or A")
    )
    name = models.CharField(
        _("name"), max_length=50, blank=True, help_text=_("e.g. 3栋; empty means “<number>栋”")
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=BuildingKind.choices, default=BuildingKind.HIGH_RISE
    )
    zone = models.ForeignKey(
        "org.Zone",
        verbose_name=_("zone"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="buildings",
    )
    floors = models.PositiveSmallIntegerField(_("floors above ground"), default=1)
    basement_floors = models.PositiveSmallIntegerField(_("basement floors"), default=0)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    sort_key = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("building")
        verbose_name_plural = _("buildings")
        ordering = ["community_id", "sort_key", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "number"], name="estate_building_unique_number"
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.name or f"{self.number}栋"

    def save(self, *args, **kwargs):
        self.sort_key = self.sort_key_for(self.number)
        super().save(*args, **kwargs)

    @staticmethod
    def sort_key_for(number: str) -> int:
        """Natural order of buildings: by the number in the name — 2, 2栋 and A2 before 10 —
        then (in `Meta.ordering`) by the name itself; names without digits last
        (`core.text.natural_key` sorts the same way in Python)."""
        return first_number(number)

    def get_absolute_url(self):
        return reverse("estate:building_detail", args=[self.pk])


def natural_unit_order(prefix: str = "") -> list:
    """Order units as people count them: building (2栋 before 10栋), entrance, floor, then the
    unit number as a number — 101, 102 … 1001, S2 before S10 — never as text (the number is a
    CharField: shorter numbers first, then the text). No extra column is needed.
    `prefix` reaches units through a relation: `natural_unit_order("unit__")` for meters or
    bills. Billing's shared-cost tie-break (`first`/`last`) counts in this order."""
    return [
        f"{prefix}building__sort_key",
        f"{prefix}building__number",
        f"{prefix}entrance",
        f"{prefix}floor",
        Length(f"{prefix}number"),
        f"{prefix}number",
    ]


# Unit's Meta.ordering (after the community) and `Unit.objects.order_by(*UNIT_NATURAL_ORDER)`.
UNIT_NATURAL_ORDER = natural_unit_order()


class Unit(ScopedModel):
    """A unit (房屋): one address in a building, with its areas, use and status."""

    building = models.ForeignKey(
        Building, verbose_name=_("building"), on_delete=models.PROTECT, related_name="units"
    )
    entrance = models.PositiveSmallIntegerField(
        _("entrance"), default=0, help_text=_("单元; 0 when the building has none (shops)")
    )
    number = models.CharField(_("unit number"), max_length=16)
    floor = models.SmallIntegerField(_("floor"))
    gross_area = models.DecimalField(_("gross area (m²)"), validators=POSITIVE, **AREA)
    inner_area = models.DecimalField(_("inner area (m²)"), validators=POSITIVE, **AREA)
    use = models.CharField(
        _("use"), max_length=16, choices=UnitUse.choices, default=UnitUse.RESIDENTIAL
    )
    status = models.CharField(
        _("status"), max_length=16, choices=UnitStatus.choices, default=UnitStatus.UNSOLD
    )
    handover_date = models.DateField(_("handover date"), null=True, blank=True)
    developer_held = models.BooleanField(_("held by the developer"), default=False)
    # "3-2-1501" (or "S-0-101"): the form people say and search by; kept by save().
    code = models.CharField(_("unit code"), max_length=50, editable=False, db_index=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["community_id", *UNIT_NATURAL_ORDER]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "building", "entrance", "number"],
                name="estate_unit_unique_address",
            ),
            models.CheckConstraint(
                condition=Q(gross_area__gt=0), name="estate_unit_gross_area_positive"
            ),
            models.CheckConstraint(
                condition=Q(inner_area__gt=0), name="estate_unit_inner_area_positive"
            ),
            models.CheckConstraint(
                condition=Q(inner_area__lte=F("gross_area")), name="estate_unit_inner_le_gross"
            ),
        ]
        indexes = [models.Index(fields=["community", "code"])]

    def __str__(self):
        return self.address

    @property
    def address(self):
        entrance = f"{self.entrance}单元" if self.entrance else ""
        return f"{self.building.display_name}{entrance}{self.number}"

    def save(self, *args, **kwargs):
        self.code = f"{self.building.number}-{self.entrance}-{self.number}"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("estate:unit_detail", args=[self.pk])

    @property
    def status_colour(self):
        return UNIT_STATUS_COLOURS[UnitStatus(self.status)]

    @property
    def badge(self) -> str:
        return f"bg-{self.status_colour}-lt"
