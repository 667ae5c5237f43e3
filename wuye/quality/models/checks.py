"""The office's checks (QUA-02..04): night post checks (夜间查岗), quality spot checks (品质抽检)
against the standard checklists and the monthly safety-production check (安全生产检查), each a
set of entries — an item of the standard, a post visited, a sign board looked at — scored,
photographed, and put right through rectification work orders. The sign boards and notice
boards (标识、宣传栏, QC-5) are a register those rounds look at."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel
from wuye.estate.choices import VendorCategory
from wuye.org.choices import DepartmentKind

from ..choices import (
    CHECK_BADGES,
    STANDARD_KINDS,
    CheckKind,
    CheckStatus,
    RectificationStatus,
    SignCondition,
    SignKind,
)


class CheckStandard(ScopedModel):
    """A standard checklist (标准检查表) of the company, kept per service center: what a spot
    check of one department, or the monthly safety check, looks at and how much each item
    weighs."""

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(
        _("for"),
        max_length=8,
        choices=STANDARD_KINDS,
    )
    department_kind = models.CharField(
        _("department"),
        max_length=8,
        choices=DepartmentKind.choices,
        blank=True,
    )
    vendor_category = models.CharField(
        _("subcontract"),
        max_length=12,
        choices=VendorCategory.choices,
        blank=True,
        help_text=_("For a subcontractor scorecard"),
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("standard checklist")
        verbose_name_plural = _("standard checklists")
        ordering = ["kind", "department_kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="quality_standard_name")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("quality:checkstandard_detail", args=[self.pk])


class StandardItem(ScopedModel):
    """One item of a standard checklist, with its points (分值): a failed item deducts up to
    them."""

    standard = models.ForeignKey(
        CheckStandard, verbose_name=_("standard"), on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    text = models.CharField(_("item"), max_length=200)
    points = models.PositiveSmallIntegerField(
        _("points"), default=5, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    photo_required = models.BooleanField(_("photo required when failed"), default=True)

    class Meta:
        verbose_name = _("standard item")
        verbose_name_plural = _("standard items")
        ordering = ["standard", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(points__gte=1), name="quality_item_points_positive")
        ]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return reverse("quality:standarditem_detail", args=[self.pk])


class SignBoard(ScopedModel):
    """A sign, warning sign or notice board of the community (QC-5), with the state the last
    round found it in."""

    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=8, choices=SignKind.choices)
    building = models.ForeignKey(
        "estate.Building",
        verbose_name=_("building"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    location = models.CharField(_("location"), max_length=100)
    condition = models.CharField(
        _("condition"), max_length=8, choices=SignCondition.choices, default=SignCondition.GOOD
    )
    last_checked_on = models.DateField(_("last checked on"), null=True, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("sign board")
        verbose_name_plural = _("sign boards")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["community", "code"], name="quality_sign_code")
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("quality:signboard_detail", args=[self.pk])


class QualityCheck(ScopedModel):
    """One round: a night post check, a spot check of one department against its standard,
    or the month's safety check. Recorded entry by entry on a phone, then finished: the score
    is 100 less the share of the standard's points deducted."""

    kind = models.CharField(_("kind"), max_length=8, choices=CheckKind.choices)
    standard = models.ForeignKey(
        CheckStandard,
        verbose_name=_("standard"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="checks",
    )
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("department checked"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    checked_on = models.DateField(_("checked on"))
    status = models.CharField(
        _("status"), max_length=10, choices=CheckStatus.choices, default=CheckStatus.RECORDING
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True, blank=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("check")
        verbose_name_plural = _("checks")
        ordering = ["-checked_on", "-id"]
        indexes = [models.Index(fields=["community", "kind", "checked_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=CheckKind.NIGHT) | Q(standard__isnull=False),
                name="quality_check_standard",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                name="quality_check_score_range",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.checked_on:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("quality:qualitycheck_detail", args=[self.pk])

    @property
    def badge(self) -> str:
        return CHECK_BADGES[CheckStatus(self.status)]


class CheckEntry(ScopedModel):
    """What a check found at one item of its standard, one post visited at night, or one sign
    board: passed or not, the points deducted, what was seen, the photo, the corrective action
    taken on the spot, and the rectification work order when it must be put right."""

    quality_check = models.ForeignKey(
        QualityCheck, verbose_name=_("check"), on_delete=models.CASCADE, related_name="entries"
    )
    item = models.ForeignKey(
        StandardItem,
        verbose_name=_("standard item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
    )
    sign_board = models.ForeignKey(
        SignBoard,
        verbose_name=_("sign board"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
    )
    subject = models.CharField(_("checked"), max_length=200)
    recorded_at = models.DateTimeField(_("recorded at"))
    passed = models.BooleanField(_("passed"))
    on_duty = models.BooleanField(_("on duty at the post"), null=True, blank=True)
    deduction = models.DecimalField(_("points deducted"), max_digits=5, decimal_places=1, default=0)
    remark = models.CharField(_("finding"), max_length=300, blank=True)
    action = models.CharField(_("corrective action"), max_length=300, blank=True)
    photo = models.ImageField(_("photo"), upload_to="quality/checks/%Y/%m/", null=True, blank=True)
    rectification = models.CharField(
        _("rectification"),
        max_length=4,
        choices=RectificationStatus.choices,
        default=RectificationStatus.NONE,
        blank=True,
    )
    work_order = models.OneToOneField(
        "service.WorkOrder",
        verbose_name=_("rectification order"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quality_check_entry",
    )
    rectified_at = models.DateTimeField(_("put right at"), null=True, blank=True)

    class Meta:
        verbose_name = _("check entry")
        verbose_name_plural = _("check entries")
        ordering = ["quality_check", "recorded_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["quality_check", "item"],
                condition=Q(item__isnull=False),
                name="quality_entry_item_once",
            ),
            models.UniqueConstraint(
                fields=["quality_check", "sign_board"],
                condition=Q(sign_board__isnull=False),
                name="quality_entry_sign_once",
            ),
            models.CheckConstraint(
                condition=Q(deduction__gte=0), name="quality_entry_deduction_positive"
            ),
            models.CheckConstraint(
                condition=Q(passed=False) | Q(deduction=0), name="quality_entry_passed_no_deduction"
            ),
            models.CheckConstraint(
                condition=Q(work_order__isnull=True) | ~Q(rectification=""),
                name="quality_entry_order_rectifies",
            ),
        ]

    def __str__(self):
        return f"{self.subject} {'✓' if self.passed else '✗'}"

    def get_absolute_url(self):
        return reverse("quality:qualitycheck_detail", args=[self.quality_check_id])
