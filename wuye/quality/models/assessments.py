"""Assessments (QUA-09, QC-1, MGR-7): points and rewards or penalties per staff member by the
company's standard items — each linked, where it came from one, to the check or inspection
finding that caused it — reviewed by the department head; the month's summary per person and
department goes to payroll. Departments are assessed by the manager or the assistant monthly.
Training (QUA-10, CSS-6): sessions with their attendees signed in and the hours they count."""

from typing import ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedManager, ScopedModel, ScopedQuerySet
from wuye.core.money import MONEY

from ..choices import ASSESSMENT_BADGES, AssessmentStatus


class AssessmentItem(ScopedModel):
    """A standard assessment item: the points it adds or deducts and the money with them."""

    code = models.CharField(_("code"), max_length=20)
    text = models.CharField(_("item"), max_length=200)
    points = models.DecimalField(
        _("points"), max_digits=5, decimal_places=1, help_text=_("Negative for a deduction")
    )
    amount = models.DecimalField(
        _("reward or penalty"), **MONEY, default=0, help_text=_("Negative for a penalty, in yuan")
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("assessment item")
        verbose_name_plural = _("assessment items")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["community", "code"], name="quality_assess_item_code"),
            models.CheckConstraint(condition=~Q(points=0), name="quality_assess_item_points"),
        ]

    def __str__(self):
        return f"{self.code} {self.text}"

    def get_absolute_url(self):
        return reverse("quality:assessmentitem_detail", args=[self.pk])


class AssessmentQuerySet(ScopedQuerySet):
    def for_access(self, access):
        """Those who propose assessments see the community's; everyone else his own and, as a
        department head, his department's."""
        queryset = super().for_access(access)
        if (
            access is not None
            and access.community is not None
            and not access.has("quality.assessment.change")
        ):
            queryset = queryset.filter(Q(staff=access.user) | Q(department__head=access.user))
        return queryset


AssessmentManager = ScopedManager.from_queryset(AssessmentQuerySet)


class Assessment(ScopedModel):
    """Points given to or taken from one staff member on one day, for a reason; counted in
    the month once the department head confirms it."""

    staff = models.ForeignKey(
        "org.User", verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    item = models.ForeignKey(
        AssessmentItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="+"
    )
    occurred_on = models.DateField(_("on"))
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=1)
    amount = models.DecimalField(_("reward or penalty"), **MONEY)
    reason = models.CharField(_("reason"), max_length=300)
    check_entry = models.ForeignKey(
        "quality.CheckEntry",
        verbose_name=_("check finding"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
    )
    finding = models.ForeignKey(
        "quality.Finding",
        verbose_name=_("inspection finding"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.PROPOSED,
    )
    reviewed_by = models.ForeignKey(
        "org.User",
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.CharField(_("review note"), max_length=200, blank=True)

    objects: ClassVar = AssessmentManager()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["community", "status", "occurred_on"])]
        constraints = [
            models.CheckConstraint(condition=~Q(points=0), name="quality_assessment_points"),
            models.CheckConstraint(
                condition=Q(check_entry__isnull=True) | Q(finding__isnull=True),
                name="quality_assessment_one_source",
            ),
        ]

    def __str__(self):
        return f"{self.staff.display_name} {self.points:+}"

    def get_absolute_url(self):
        return reverse("quality:assessment_detail", args=[self.pk])

    @property
    def badge(self) -> str:
        return ASSESSMENT_BADGES[AssessmentStatus(self.status)]


class DepartmentAssessment(ScopedModel):
    """A department's monthly assessment by the manager or the assistant."""

    department = models.ForeignKey(
        "org.Department", verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    month = models.DateField(_("month"))
    score = models.DecimalField(
        _("score"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("department assessment")
        verbose_name_plural = _("department assessments")
        ordering = ["-month", "department"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "month"], name="quality_department_month_once"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=100), name="quality_department_score"
            ),
        ]

    def __str__(self):
        return f"{self.department} {self.month:%Y-%m}"

    def get_absolute_url(self):
        return reverse("quality:departmentassessment_detail", args=[self.pk])


class TrainingSession(ScopedModel):
    title = models.CharField(_("title"), max_length=100)
    held_on = models.DateField(_("held on"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0.5), MaxValueValidator(24)],
    )
    trainer = models.CharField(_("trainer"), max_length=50)
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("for the department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    content = models.TextField(_("content"), blank=True)
    material = models.FileField(
        _("material"), upload_to="quality/training/%Y/", null=True, blank=True
    )

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=24), name="quality_training_hours"
            )
        ]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.title}"

    def get_absolute_url(self):
        return reverse("quality:trainingsession_detail", args=[self.pk])


class TrainingAttendance(ScopedModel):
    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("training session"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    staff = models.ForeignKey(
        "org.User", verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="+"
    )
    signed_in_at = models.DateTimeField(_("signed in at"))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["session", "signed_in_at"]
        constraints = [
            models.UniqueConstraint(fields=["session", "staff"], name="quality_attend_once")
        ]

    def __str__(self):
        return self.staff.display_name

    def get_absolute_url(self):
        return reverse("quality:trainingsession_detail", args=[self.session_id])
