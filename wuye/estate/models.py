"""The registry (房产与住户档案): buildings, units, people and their relations to units,
parking, vehicles, meters, facilities, vendors and external contacts."""

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedManager, ScopedModel, ScopedQuerySet
from wuye.core.money import Digits
from wuye.core.pinyin import pinyin_and_initials
from wuye.core.text import first_number
from wuye.core.validators import mask_id_number, validate_mobile

from .choices import (
    UNIT_STATUS_COLOURS,
    BuildingKind,
    ContactKind,
    FacilityKind,
    FacilityStatus,
    Gender,
    IdType,
    LiaisonChannel,
    MeterKind,
    MeterScope,
    RelationRole,
    SpaceKind,
    UnitStatus,
    UnitUse,
    VendorCategory,
)

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
        return UNIT_STATUS_COLOURS[self.status]


class Person(ScopedModel):
    """A person known to the service center: owner, family member or tenant of units."""

    name = models.CharField(_("full name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    phone = models.CharField(
        _("mobile phone"), max_length=11, blank=True, validators=[validate_mobile]
    )
    phone2 = models.CharField(_("other phone"), max_length=20, blank=True)
    id_type = models.CharField(
        _("ID type"), max_length=10, choices=IdType.choices, default=IdType.RESIDENT_ID
    )
    id_number = models.CharField(_("ID number"), max_length=32, blank=True)
    birthday = models.DateField(_("date of birth"), null=True, blank=True)
    birthday_lunar = models.BooleanField(_("celebrates the lunar birthday"), default=False)
    emergency_contact = models.CharField(_("emergency contact"), max_length=50, blank=True)
    emergency_phone = models.CharField(_("emergency phone"), max_length=20, blank=True)
    workplace = models.CharField(_("workplace"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    pinyin = models.CharField(max_length=200, editable=False, db_index=True, default="")
    initials = models.CharField(max_length=50, editable=False, db_index=True, default="")

    class Meta:
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        ordering = ["community_id", "pinyin", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "id_type", "id_number"],
                condition=~Q(id_number=""),
                name="estate_person_unique_id_number",
            )
        ]
        indexes = [models.Index(fields=["community", "phone"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pinyin, self.initials = pinyin_and_initials(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("estate:person_detail", args=[self.pk])

    @property
    def masked_id_number(self):
        return mask_id_number(self.id_number)

    @property
    def lunar_birthday(self):
        if not self.birthday:
            return ""
        from lunar_python import Solar

        lunar = Solar.fromYmd(self.birthday.year, self.birthday.month, self.birthday.day).getLunar()
        return f"{lunar.getMonthInChinese()}月{lunar.getDayInChinese()}"


class RelationQuerySet(ScopedQuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=on), start_date__lte=on)


# A ScopedManager (for_access, as ScopedModel declares) with the queryset's own methods.
RelationManager = ScopedManager.from_queryset(RelationQuerySet)


def current_owners(unit_ids) -> dict[int, list]:
    """The current owners of each unit, in one query: {unit id: [Person, …]}."""
    owners: dict[int, list] = {}
    for relation in (
        UnitRelation.objects.filter(unit_id__in=unit_ids, role=RelationRole.OWNER)
        .current()
        .select_related("person")
        .order_by("unit_id", "start_date", "id")
    ):
        owners.setdefault(relation.unit_id, []).append(relation.person)
    return owners


class UnitRelation(ScopedModel):
    """A person's relation to a unit (owner, family member, tenant) over a period.

    A sale or a move-out ends a relation (end_date); it is never deleted, so history stays.
    """

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="relations"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="relations"
    )
    role = models.CharField(_("role"), max_length=10, choices=RelationRole.choices)
    share = models.DecimalField(
        _("ownership share (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Co-owners only; empty for a sole owner"),
    )
    relationship = models.CharField(
        _("relationship to the owner"), max_length=20, blank=True, help_text=_("e.g. 配偶, 子女")
    )
    start_date = models.DateField(_("from"), default=timezone.localdate)
    end_date = models.DateField(_("until"), null=True, blank=True)
    end_reason = models.CharField(_("reason for ending"), max_length=100, blank=True)

    objects: ClassVar = RelationManager()

    class Meta:
        verbose_name = _("unit relation")
        verbose_name_plural = _("unit relations")
        ordering = ["unit", "role", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="estate_relation_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(share__isnull=True) | Q(share__lte=100),
                name="estate_relation_share_max",
            ),
        ]

    def __str__(self):
        return f"{self.person}（{self.get_role_display()}）{self.unit}"

    def get_absolute_url(self):
        return self.unit.get_absolute_url()

    @property
    def is_current(self):
        today = timezone.localdate()
        return self.start_date <= today and (self.end_date is None or self.end_date >= today)


class ParkingArea(ScopedModel):
    """A parking area (地面停车场, 地下车库…)."""

    name = models.CharField(_("name"), max_length=50)
    underground = models.BooleanField(_("underground"), default=False)
    location = models.CharField(_("location"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("parking area")
        verbose_name_plural = _("parking areas")
        ordering = ["community_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "name"], name="estate_parkingarea_unique_name"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("estate:parkingarea_detail", args=[self.pk])


class ParkingSpace(ScopedModel):
    """A parking space, with its kind (产权/租赁/公共/人防) and the unit or person it belongs to."""

    area = models.ForeignKey(
        ParkingArea, verbose_name=_("parking area"), on_delete=models.PROTECT, related_name="spaces"
    )
    number = models.CharField(_("space number"), max_length=16)
    kind = models.CharField(
        _("kind"), max_length=10, choices=SpaceKind.choices, default=SpaceKind.LEASED
    )
    size = models.DecimalField(_("area (m²)"), null=True, blank=True, validators=POSITIVE, **AREA)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="parking_spaces",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("holder"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="parking_spaces",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("parking space")
        verbose_name_plural = _("parking spaces")
        ordering = ["community_id", "area", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "area", "number"], name="estate_space_unique_number"
            )
        ]

    def __str__(self):
        return f"{self.area.name}{self.number}"

    def get_absolute_url(self):
        return reverse("estate:parkingspace_detail", args=[self.pk])


class Vehicle(ScopedModel):
    """A resident's vehicle; the plate is stored normalized (upper-case, no spaces)."""

    plate = models.CharField(_("plate number"), max_length=10)
    brand = models.CharField(_("brand and model"), max_length=50, blank=True)
    colour = models.CharField(_("colour"), max_length=20, blank=True)
    person = models.ForeignKey(
        Person, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="vehicles"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vehicles",
    )
    space = models.ForeignKey(
        ParkingSpace,
        verbose_name=_("parking space"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vehicles",
    )
    is_active = models.BooleanField(_("registered"), default=True)

    class Meta:
        verbose_name = _("vehicle")
        verbose_name_plural = _("vehicles")
        ordering = ["community_id", "plate"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "plate"], name="estate_vehicle_unique_plate"
            )
        ]

    def __str__(self):
        return self.plate

    def get_absolute_url(self):
        return reverse("estate:vehicle_detail", args=[self.pk])


class Meter(ScopedModel):
    """A water, electricity or gas meter of a unit, a building or the whole community."""

    kind = models.CharField(_("meter type"), max_length=12, choices=MeterKind.choices)
    scope = models.CharField(
        _("scope"), max_length=10, choices=MeterScope.choices, default=MeterScope.UNIT
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meters",
    )
    building = models.ForeignKey(
        Building,
        verbose_name=_("building"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meters",
    )
    serial = models.CharField(_("serial number"), max_length=40)
    multiplier = models.DecimalField(
        _("multiplier"), max_digits=8, decimal_places=2, default=Decimal("1"), validators=POSITIVE
    )
    initial_reading = models.DecimalField(
        _("initial reading"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    installed_on = models.DateField(_("installed on"), null=True, blank=True)
    location = models.CharField(_("location"), max_length=100, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("meter")
        verbose_name_plural = _("meters")
        ordering = ["community_id", "kind", "serial"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "kind", "serial"], name="estate_meter_unique_serial"
            ),
            models.CheckConstraint(
                condition=(
                    Q(scope="unit", unit__isnull=False)
                    | Q(scope="building", building__isnull=False, unit__isnull=True)
                    | Q(scope="community", building__isnull=True, unit__isnull=True)
                ),
                name="estate_meter_scope_matches_target",
            ),
            models.CheckConstraint(
                condition=Q(initial_reading__gte=0), name="estate_meter_initial_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.serial}"

    def get_absolute_url(self):
        return reverse("estate:meter_detail", args=[self.pk])

    @property
    def target(self):
        return self.unit or self.building or self.community


class MeterReplacement(ScopedModel):
    """A meter swapped for a new one: the old meter's final reading and the new one's start."""

    old_meter = models.OneToOneField(
        Meter, verbose_name=_("old meter"), on_delete=models.PROTECT, related_name="replacement"
    )
    new_meter = models.OneToOneField(
        Meter, verbose_name=_("new meter"), on_delete=models.PROTECT, related_name="replaces"
    )
    replaced_on = models.DateField(_("replaced on"))
    old_final_reading = models.DecimalField(
        _("old meter final reading"), max_digits=12, decimal_places=2
    )
    new_initial_reading = models.DecimalField(
        _("new meter initial reading"), max_digits=12, decimal_places=2
    )
    reason = models.CharField(_("reason"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("meter replacement")
        verbose_name_plural = _("meter replacements")
        ordering = ["-replaced_on"]

    def __str__(self):
        return f"{self.old_meter.serial} → {self.new_meter.serial}"

    def get_absolute_url(self):
        return self.new_meter.get_absolute_url()


class Vendor(ScopedModel):
    """A vendor or subcontractor (电梯维保、垃圾清运、绿化外包…) with its contract period."""

    name = models.CharField(_("name"), max_length=100)
    category = models.CharField(_("category"), max_length=12, choices=VendorCategory.choices)
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    contract_start = models.DateField(_("contract start"), null=True, blank=True)
    contract_end = models.DateField(_("contract end"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("vendor")
        verbose_name_plural = _("vendors")
        ordering = ["community_id", "category", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="estate_vendor_unique_name"),
            models.CheckConstraint(
                condition=Q(contract_end__isnull=True)
                | Q(contract_start__isnull=True)
                | Q(contract_end__gte=F("contract_start")),
                name="estate_vendor_contract_dates",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("estate:vendor_detail", args=[self.pk])


class Facility(ScopedModel):
    """A facility or piece of equipment (elevator, pump, fire system, street light…)."""

    kind = models.CharField(_("kind"), max_length=12, choices=FacilityKind.choices)
    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=100)
    building = models.ForeignKey(
        Building,
        verbose_name=_("building"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facilities",
    )
    location = models.CharField(_("location"), max_length=100, blank=True)
    custodian = models.ForeignKey(
        "org.Department",
        verbose_name=_("custodian department"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    vendor = models.ForeignKey(
        Vendor,
        verbose_name=_("maintenance vendor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facilities",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=FacilityStatus.choices, default=FacilityStatus.NORMAL
    )
    registration_number = models.CharField(
        _("registration number"),
        max_length=50,
        blank=True,
        help_text=_("Elevators: the special-equipment registration number"),
    )
    next_inspection = models.DateField(_("next statutory inspection"), null=True, blank=True)
    installed_on = models.DateField(_("installed on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["community_id", "kind", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "code"], name="estate_facility_unique_code"
            )
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("estate:facility_detail", args=[self.pk])


class ExternalContact(ScopedModel):
    """An outside body the center works with (房管局、居委会、派出所、utilities…)."""

    organization = models.CharField(_("organization"), max_length=100)
    kind = models.CharField(_("kind"), max_length=12, choices=ContactKind.choices)
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("external contact")
        verbose_name_plural = _("external contacts")
        ordering = ["community_id", "kind", "organization"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "organization", "contact_name"], name="estate_contact_unique"
            )
        ]

    def __str__(self):
        return f"{self.organization} {self.contact_name}".strip()

    def get_absolute_url(self):
        return reverse("estate:externalcontact_detail", args=[self.pk])


class LiaisonLog(ScopedModel):
    """One contact with an outside body: when, how, about what, and what follows (MGR-9)."""

    contact = models.ForeignKey(
        ExternalContact,
        verbose_name=_("external contact"),
        on_delete=models.PROTECT,
        related_name="liaisons",
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    channel = models.CharField(
        _("channel"), max_length=10, choices=LiaisonChannel.choices, default=LiaisonChannel.PHONE
    )
    subject = models.CharField(_("subject"), max_length=100)
    content = models.TextField(_("content"), blank=True)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    follow_up = models.CharField(_("follow-up"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("liaison record")
        verbose_name_plural = _("liaison log")
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.date} {self.subject}"

    def get_absolute_url(self):
        return reverse("estate:liaisonlog_detail", args=[self.pk])
