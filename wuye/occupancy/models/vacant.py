"""Vacant and unsold units and shops (OCC-05): periodic inspections and the keys held."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel


class OccupancySettings(ScopedModel):
    """A community's occupancy settings; the defaults until edited."""

    vacant_inspection_days = models.PositiveSmallIntegerField(
        _("inspect vacant units every (days)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(366)],
    )
    decoration_deposit = models.DecimalField(
        _("decoration deposit"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("2000.00"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    decoration_hours = models.CharField(
        _("decoration working hours"),
        max_length=200,
        default="工作日 8:00–12:00、14:00–18:00",
    )
    noise_rules = models.CharField(
        _("noise rules"),
        max_length=300,
        default="周末及法定节假日禁止电钻、切割等噪音施工；每日 12:00–14:00 禁止噪音施工",
    )
    move_in_months = models.PositiveSmallIntegerField(
        _("months billed at move-in"),
        default=3,
        validators=[MaxValueValidator(12)],
        help_text=_("The property fees billed ahead when an owner moves in (0: none)"),
    )
    house_rules = models.TextField(
        _("house rules"),
        max_length=2000,
        default=(
            "一、爱护公共设施，不占用楼道、消防通道堆放物品。\n"
            "二、装修须先办理装修许可证，遵守施工时间和噪音规定。\n"
            "三、按时交纳物业服务费及水电等费用。\n"
            "四、饲养宠物须依法登记，外出牵绳并清理粪便。\n"
            "五、车辆按指定位置停放，不得堵塞消防通道。\n"
            "六、垃圾分类投放，不高空抛物。"
        ),
        help_text=_("Printed in the move-in pack for the owner to sign"),
    )

    class Meta:
        verbose_name = _("occupancy settings")
        verbose_name_plural = _("occupancy settings")
        constraints = [
            models.UniqueConstraint(fields=["community"], name="occupancy_settings_one_per_center")
        ]

    def __str__(self):
        return str(self._meta.verbose_name)

    def get_absolute_url(self):
        return reverse("occupancy:settings")


class VacantInspection(ScopedModel):
    """One look at a vacant unit: doors, windows, water, leaks, a photo; a problem found
    becomes a work order in the customer-service center, linked here."""

    unit = models.ForeignKey(
        "estate.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="vacant_inspections",
    )
    inspected_on = models.DateField(_("inspected on"), default=timezone.localdate)
    doors_ok = models.BooleanField(_("doors intact and locked"))
    windows_ok = models.BooleanField(_("windows intact and closed"))
    water_ok = models.BooleanField(_("water and power off, no running water"))
    no_leak = models.BooleanField(_("no leaks or damp"))
    findings = models.CharField(_("findings"), max_length=500, blank=True)
    photo = models.ImageField(_("photo"), upload_to="occupancy/vacant/%Y/%m/")
    work_order = models.ForeignKey(
        "service.WorkOrder",
        verbose_name=_("work order"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    CHECKS = ("doors_ok", "windows_ok", "water_ok", "no_leak")

    class Meta:
        verbose_name = _("vacant-unit inspection")
        verbose_name_plural = _("vacant-unit inspections")
        ordering = ["-inspected_on", "-id"]
        indexes = [models.Index(fields=["unit", "-inspected_on"])]

    def __str__(self):
        return f"{self.unit} {self.inspected_on}"

    def get_absolute_url(self):
        return reverse("occupancy:vacantinspection_detail", args=[self.pk])

    @property
    def all_ok(self) -> bool:
        return all(getattr(self, name) for name in self.CHECKS)


class KeyHolding(ScopedModel):
    """Keys of a vacant unit held by the service center: received from whom, kept where,
    returned to whom."""

    unit = models.ForeignKey(
        "estate.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="key_holdings"
    )
    keys = models.CharField(
        _("keys"), max_length=100, help_text=_("e.g. 入户门钥匙2把、信箱钥匙1把")
    )
    key_count = models.PositiveSmallIntegerField(
        _("number of keys"), validators=[MinValueValidator(1)]
    )
    cabinet_slot = models.CharField(_("key cabinet slot"), max_length=20, blank=True)
    received_on = models.DateField(_("received on"), default=timezone.localdate)
    received_from = models.CharField(_("received from"), max_length=50)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    returned_to = models.CharField(_("returned to"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("keys held")
        verbose_name_plural = _("keys held")
        ordering = ["unit", "-received_on"]
        constraints = [
            models.CheckConstraint(condition=Q(key_count__gte=1), name="occupancy_keys_count"),
            models.CheckConstraint(
                condition=Q(returned_on__isnull=True) | Q(returned_on__gte=F("received_on")),
                name="occupancy_keys_returned_after_received",
            ),
        ]

    def __str__(self):
        return f"{self.unit} {self.keys}"

    def get_absolute_url(self):
        return reverse("occupancy:vacantunit_detail", args=[self.unit_id])

    @property
    def held(self) -> bool:
        return self.returned_on is None
