"""Inspection plans (QUA-01, QUA-06): checkpoints with their checklist items, plans that walk
an ordered route of checkpoints on a schedule within a time window, and the tasks generated
from them ahead of time, one per plan and day."""

from typing import ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedManager, ScopedModel, ScopedQuerySet
from wuye.core.roles import Post

from ..choices import (
    TASK_BADGES,
    CheckpointKind,
    Frequency,
    ItemKind,
    PlanCategory,
    TaskStatus,
)


class Checkpoint(ScopedModel):
    """A place an inspection checks in at, by the QR label posted there (or its code typed)."""

    code = models.CharField(_("code"), max_length=20, help_text=_("Printed on the QR label"))
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=CheckpointKind.choices)
    building = models.ForeignKey(
        "estate.Building",
        verbose_name=_("building"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    floor = models.SmallIntegerField(_("floor"), null=True, blank=True)
    facility = models.ForeignKey(
        "estate.Facility",
        verbose_name=_("facility"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    location = models.CharField(_("location"), max_length=100, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("checkpoint")
        verbose_name_plural = _("checkpoints")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["community", "code"], name="quality_checkpoint_code")
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("quality:checkpoint_detail", args=[self.pk])


class ChecklistItem(ScopedModel):
    """What is checked at a checkpoint: passed or failed, or a number within its limits."""

    checkpoint = models.ForeignKey(
        Checkpoint, verbose_name=_("checkpoint"), on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    text = models.CharField(_("item"), max_length=100)
    kind = models.CharField(
        _("answer"), max_length=10, choices=ItemKind.choices, default=ItemKind.PASS_FAIL
    )
    minimum = models.DecimalField(
        _("lowest allowed"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    maximum = models.DecimalField(
        _("highest allowed"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=10, blank=True, help_text=_("e.g. MPa, ℃"))
    photo_required = models.BooleanField(_("photo required"), default=False)

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["checkpoint", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum__isnull=True)
                | Q(maximum__isnull=True)
                | Q(minimum__lte=F("maximum")),
                name="quality_item_limits_in_order",
            )
        ]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return reverse("quality:checklistitem_detail", args=[self.pk])


class InspectionPlan(ScopedModel):
    """A route of checkpoints walked on a schedule within a daily time window, by a post or a
    person. Tasks are generated from it ahead of time."""

    name = models.CharField(_("name"), max_length=100)
    category = models.CharField(_("category"), max_length=12, choices=PlanCategory.choices)
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices)
    weekdays = models.JSONField(
        _("weekdays"), default=list, blank=True, help_text=_("1 = Monday … 7 = Sunday")
    )
    month_day = models.PositiveSmallIntegerField(
        _("day of the month"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
    )
    window_start = models.TimeField(_("window from"))
    window_end = models.TimeField(_("window until"))
    assigned_post = models.CharField(
        _("assigned post"), max_length=4, choices=Post.choices, blank=True
    )
    assignee = models.ForeignKey(
        "org.User",
        verbose_name=_("assigned person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    checkpoints = models.ManyToManyField(
        Checkpoint, through="PlanStop", verbose_name=_("route"), related_name="plans"
    )

    class Meta:
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")
        ordering = ["category", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="quality_plan_name"),
            models.CheckConstraint(
                condition=Q(window_end__gt=F("window_start")), name="quality_plan_window"
            ),
            models.CheckConstraint(
                condition=Q(assigned_post="") | Q(assignee__isnull=True),
                name="quality_plan_one_assignment",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("quality:inspectionplan_detail", args=[self.pk])


class PlanStop(ScopedModel):
    """A checkpoint's place on a plan's route."""

    plan = models.ForeignKey(
        InspectionPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="stops"
    )
    checkpoint = models.ForeignKey(
        Checkpoint, verbose_name=_("checkpoint"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        verbose_name = _("route stop")
        verbose_name_plural = _("route stops")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="quality_stop_position"),
            models.UniqueConstraint(fields=["plan", "checkpoint"], name="quality_stop_once"),
        ]

    def __str__(self):
        return f"{self.position}. {self.checkpoint_id}"


# Who walks the tasks; holding nothing but these, a person sees only his own tasks.
FIELD_POSTS = frozenset({Post.TECH, Post.SEC, Post.CLN})


class InspectionTaskQuerySet(ScopedQuerySet):
    def for_access(self, access):
        """The office sees the community's tasks; field staff only the tasks assigned to them
        or to one of their posts, and those they completed."""
        queryset = super().for_access(access)
        if access is not None and access.holds_only(FIELD_POSTS):
            queryset = queryset.filter(
                Q(assignee=access.user)
                | Q(assigned_post__in=access.posts)
                | Q(completed_by=access.user)
            )
        return queryset

    def mine(self, access):
        """The tasks this person is to walk: assigned to him, or to a post he holds."""
        return self.filter(Q(assignee=access.user) | Q(assigned_post__in=access.posts))


InspectionTaskManager = ScopedManager.from_queryset(InspectionTaskQuerySet)


class InspectionTask(ScopedModel):
    """One walk of a plan's route on one day, within the plan's window; missed when the
    window passes with the task not done."""

    plan = models.ForeignKey(
        InspectionPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="tasks"
    )
    day = models.DateField(_("day"))
    window_start = models.DateTimeField(_("window from"))
    window_end = models.DateTimeField(_("window until"))
    assigned_post = models.CharField(
        _("assigned post"), max_length=4, choices=Post.choices, blank=True
    )
    assignee = models.ForeignKey(
        "org.User",
        verbose_name=_("assigned person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=8, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        "org.User",
        verbose_name=_("completed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects: ClassVar = InspectionTaskManager()

    class Meta:
        verbose_name = _("inspection task")
        verbose_name_plural = _("inspection tasks")
        ordering = ["window_start", "plan_id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "day"], name="quality_task_one_per_day")
        ]
        indexes = [
            models.Index(fields=["community", "status", "window_end"]),
            models.Index(fields=["community", "day"]),
        ]

    def __str__(self):
        return f"{self.plan} {self.day:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("quality:inspectiontask_detail", args=[self.pk])

    @property
    def badge(self) -> str:
        return TASK_BADGES[TaskStatus(self.status)]
