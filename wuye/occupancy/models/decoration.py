"""Decoration (装修, OCC-03, CSR-5): the application, its review, the deposit and fees collected
through billing, the permit and the workers' passes."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel

from ..choices import OPEN_PERMIT_STATUSES, PERMIT_BADGES, PermitStatus

LONGEST_WORKS = 180  # days a permit may run


class DecorationPermit(ScopedModel):
    """A unit's decoration: applied for by one of its people with the contractor, reviewed
    (load-bearing walls, the façade and plumbing in wet areas are flagged), issued once the
    deposit is held; a unit has one open decoration at a time."""

    number = models.CharField(_("permit number"), max_length=20, editable=False)
    unit = models.ForeignKey(
        "estate.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="decoration_permits",
    )
    applicant_name = models.CharField(_("applicant"), max_length=50)
    applicant_phone = models.CharField(_("applicant's phone"), max_length=20)
    contractor = models.CharField(_("contractor"), max_length=100)
    contractor_leader = models.CharField(_("site leader"), max_length=50)
    contractor_phone = models.CharField(_("site leader's phone"), max_length=20)
    scope = models.TextField(_("scope of the works"), max_length=1000)
    start_date = models.DateField(_("works from"))
    end_date = models.DateField(_("works until"))
    load_bearing = models.BooleanField(_("touches load-bearing walls or structure"), default=False)
    facade = models.BooleanField(_("changes the façade, windows or balcony"), default=False)
    wet_area_plumbing = models.BooleanField(
        _("moves plumbing or waterproofing in wet areas"), default=False
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PermitStatus.choices, default=PermitStatus.APPLIED
    )
    review_note = models.CharField(_("review note"), max_length=300, blank=True)
    reviewed_by = models.ForeignKey(
        "org.User",
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    deposit = models.OneToOneField(
        "billing.Deposit",
        verbose_name=_("deposit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decoration_permit",
    )
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    completed_on = models.DateField(_("completion checked on"), null=True, blank=True)
    completion_note = models.CharField(_("completion check"), max_length=300, blank=True)
    deductions = models.JSONField(_("deductions from the deposit"), default=list, blank=True)
    refund = models.OneToOneField(
        "billing.Refund",
        verbose_name=_("deposit refund"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decoration_permit",
    )

    FLAGS = ("load_bearing", "facade", "wet_area_plumbing")

    class Meta:
        verbose_name = _("decoration permit")
        verbose_name_plural = _("decoration permits")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "number"], name="occupancy_permit_number_unique"
            ),
            models.UniqueConstraint(
                fields=["unit"],
                condition=Q(status__in=OPEN_PERMIT_STATUSES),
                name="occupancy_permit_one_open_per_unit",
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="occupancy_permit_period"
            ),
            models.CheckConstraint(
                condition=~Q(status=PermitStatus.ISSUED) | Q(deposit__isnull=False),
                name="occupancy_permit_issued_with_deposit",
            ),
        ]
        indexes = [models.Index(fields=["community", "status", "end_date"])]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("occupancy:decorationpermit_detail", args=[self.pk])

    @property
    def badge(self) -> str:
        return PERMIT_BADGES[PermitStatus(self.status)]

    @property
    def flagged(self) -> list[str]:
        """The risky works asked for, in words (the review looks at these first)."""
        fields = {field.name: field for field in self._meta.concrete_fields}
        return [str(fields[name].verbose_name) for name in self.FLAGS if getattr(self, name)]

    @property
    def overdue(self) -> bool:
        return self.status == PermitStatus.ISSUED and self.end_date < timezone.localdate()


class DecorationDrawing(ScopedModel):
    """A drawing of the works handed in with the application (a PDF or a photo of it)."""

    permit = models.ForeignKey(
        DecorationPermit,
        verbose_name=_("decoration"),
        on_delete=models.CASCADE,
        related_name="drawings",
    )
    file = models.FileField(_("drawing"), upload_to="occupancy/drawings/%Y/%m/")
    name = models.CharField(_("file name"), max_length=120)

    class Meta:
        verbose_name = _("decoration drawing")
        verbose_name_plural = _("decoration drawings")
        ordering = ["permit", "id"]

    def __str__(self):
        return self.name


class DecorationWorker(ScopedModel):
    """A worker of the contractor on the permit, with the pass shown at the gate."""

    permit = models.ForeignKey(
        DecorationPermit,
        verbose_name=_("decoration permit"),
        on_delete=models.CASCADE,
        related_name="workers",
    )
    name = models.CharField(_("name"), max_length=50)
    id_number = models.CharField(_("ID number"), max_length=18)
    phone = models.CharField(_("phone"), max_length=20)
    trade = models.CharField(
        _("trade"), max_length=20, blank=True, help_text=_("e.g. 水电工, 泥瓦工")
    )
    pass_number = models.CharField(_("pass number"), max_length=24, editable=False)

    class Meta:
        verbose_name = _("decoration worker")
        verbose_name_plural = _("decoration workers")
        ordering = ["permit", "pass_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["permit", "id_number"], name="occupancy_worker_once_per_permit"
            ),
            models.UniqueConstraint(
                fields=["community", "pass_number"], name="occupancy_worker_pass_unique"
            ),
        ]

    def __str__(self):
        return f"{self.name}（{self.pass_number}）"

    def get_absolute_url(self):
        return self.permit.get_absolute_url()


class DecorationInspection(ScopedModel):
    """A patrol's look at a unit under decoration; a violation gets a rectification notice with
    a deadline, followed until it is put right."""

    permit = models.ForeignKey(
        DecorationPermit,
        verbose_name=_("decoration permit"),
        on_delete=models.CASCADE,
        related_name="inspections",
    )
    inspected_at = models.DateTimeField(_("inspected at"), default=timezone.now)
    violation = models.BooleanField(_("violation found"), default=False)
    findings = models.CharField(_("findings"), max_length=500, blank=True)
    photo = models.ImageField(
        _("photo"), upload_to="occupancy/decoration/%Y/%m/", null=True, blank=True
    )
    notice_number = models.CharField(_("notice number"), max_length=24, blank=True)
    deadline = models.DateField(_("to be put right by"), null=True, blank=True)
    rectified_at = models.DateTimeField(_("put right at"), null=True, blank=True)
    rectified_note = models.CharField(_("how it was put right"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("decoration inspection")
        verbose_name_plural = _("decoration inspections")
        ordering = ["-inspected_at", "-id"]
        constraints = [
            # A violation carries its notice and deadline; a round in order carries neither.
            models.CheckConstraint(
                condition=(
                    Q(violation=True, deadline__isnull=False) & ~Q(notice_number="")
                    | Q(violation=False, deadline__isnull=True, notice_number="")
                ),
                name="occupancy_inspection_notice",
            ),
        ]

    def __str__(self):
        return self.notice_number or f"{self.permit} {self.inspected_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("occupancy:decorationinspection_detail", args=[self.pk])

    @property
    def open(self) -> bool:
        """A violation not yet put right."""
        return self.violation and self.rectified_at is None

    @property
    def overdue(self) -> bool:
        return self.open and self.deadline is not None and self.deadline < timezone.localdate()
