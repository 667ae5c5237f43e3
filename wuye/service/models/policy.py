"""A community's customer-service settings, the category tree and the time limits of its
categories (SRV-03)."""

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel

from ..choices import ClockCalendar, Priority


class ServicePolicy(ScopedModel):
    """A community's customer-service settings: working hours, return-visit share and window,
    and when assignees are reminded before a limit. Defaults until edited."""

    work_starts = models.TimeField(_("working hours start"), default=dt.time(8, 30))
    work_ends = models.TimeField(_("working hours end"), default=dt.time(17, 30))
    repair_visit_percent = models.PositiveSmallIntegerField(
        _("repairs visited back (%)"),
        default=100,
        validators=[MaxValueValidator(100)],
        help_text=_("Every complaint is visited back; this share of repairs too."),
    )
    visit_within_days = models.PositiveSmallIntegerField(
        _("visit back within (days)"), default=7, validators=[MinValueValidator(1)]
    )
    safety_visit_within_days = models.PositiveSmallIntegerField(
        _("safety matters visited back within (days)"), default=2, validators=[MinValueValidator(1)]
    )
    remind_before_minutes = models.PositiveIntegerField(
        _("remind the assignee (minutes before a limit)"), default=30
    )
    complaint_hours = models.PositiveSmallIntegerField(
        _("complaints completed within (hours, on the clock)"),
        default=24,
        validators=[MinValueValidator(1)],
        help_text=_(
            "A complaint's completion limit is never later than this, whatever its category's limit in working hours says."
        ),
    )

    class Meta:
        verbose_name = _("customer-service settings")
        verbose_name_plural = _("customer-service settings")
        constraints = [
            models.UniqueConstraint(fields=["community"], name="service_policy_one_per_community"),
            models.CheckConstraint(
                condition=Q(work_starts__lt=models.F("work_ends")),
                name="service_policy_hours_in_order",
            ),
        ]

    def __str__(self):
        return str(_("Customer-service settings"))


class Category(ScopedModel):
    """A node of the three-level category tree (place / category / problem) with the department
    an order of it goes to by default."""

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    name = models.CharField(_("name"), max_length=50)
    level = models.PositiveSmallIntegerField(_("level"), default=1, editable=False)
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("default department"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_safety = models.BooleanField(
        _("safety matter"), default=False, help_text=_("Visited back within the shorter window")
    )
    is_active = models.BooleanField(_("in use"), default=True)
    sort = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("work-order category")
        verbose_name_plural = _("work-order categories")
        ordering = ["community_id", "level", "sort", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "parent", "name"], name="service_category_unique_name"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=3), name="service_category_three_levels"
            ),
        ]

    def __str__(self):
        return self.path

    def get_absolute_url(self):
        return reverse("service:category_detail", args=[self.pk])

    @property
    def path(self) -> str:
        names: list[str] = []
        node: Category | None = self
        while node is not None:
            names.append(node.name)
            node = node.parent
        return " / ".join(reversed(names))


class TimeLimit(ScopedModel):
    """Time limits of a category (or, without one, of the whole community) for one priority:
    minutes to accept (response), to be on site (arrival) and to complete."""

    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="limits",
    )
    priority = models.CharField(_("priority"), max_length=8, choices=Priority.choices)
    response_minutes = models.PositiveIntegerField(_("accept within (minutes)"))
    arrival_minutes = models.PositiveIntegerField(
        _("on site within (minutes)"), null=True, blank=True, help_text=_("Empty: no visit needed")
    )
    completion_minutes = models.PositiveIntegerField(_("complete within (minutes)"))
    calendar = models.CharField(
        _("counted"),
        max_length=8,
        choices=ClockCalendar.choices,
        default=ClockCalendar.ROUND_THE_CLOCK,
    )

    class Meta:
        verbose_name = _("time limit")
        verbose_name_plural = _("time limits")
        ordering = ["community_id", "category", "priority"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "category", "priority"],
                condition=Q(category__isnull=False),
                name="service_limit_unique",
            ),
            models.UniqueConstraint(
                fields=["community", "priority"],
                condition=Q(category__isnull=True),
                name="service_limit_unique_default",
            ),
            models.CheckConstraint(
                condition=Q(response_minutes__gt=0, completion_minutes__gt=0),
                name="service_limit_positive",
            ),
        ]

    def __str__(self):
        return f"{self.category or _('Default')} · {self.get_priority_display()}"

    def get_absolute_url(self):
        return reverse("service:timelimit_detail", args=[self.pk])
