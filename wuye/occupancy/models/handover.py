"""Handover acceptance (承接查验, OCC-01, MGR-2): the property company takes a building or a
phase over from the developer — a checklist by system, inspection rounds, defects forwarded to
the developer under its warranty and re-inspected, and the signed acceptance record."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel

from ..choices import (
    DEFECT_BADGES,
    HANDOVER_BADGES,
    CheckResult,
    DefectSeverity,
    DefectStatus,
    HandoverStatus,
    HandoverSystem,
)


class Handover(ScopedModel):
    """One handover from the developer: a building or a phase of several."""

    number = models.CharField(_("handover number"), max_length=20, editable=False)
    name = models.CharField(_("name"), max_length=100, help_text=_("e.g. 二期 5–8 栋承接查验"))
    buildings = models.ManyToManyField(
        "estate.Building", verbose_name=_("buildings"), related_name="handovers"
    )
    developer = models.ForeignKey(
        "estate.Vendor",
        verbose_name=_("developer"),
        on_delete=models.PROTECT,
        related_name="handovers",
        help_text=_("The developer (or its contractor) defects are forwarded to"),
    )
    started_on = models.DateField(_("started on"), default=timezone.localdate)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=HandoverStatus.choices,
        default=HandoverStatus.INSPECTING,
    )
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    developer_signatory = models.CharField(_("signed for the developer"), max_length=50, blank=True)
    our_signatory = models.CharField(
        _("signed for the property company"), max_length=50, blank=True
    )
    conclusion = models.TextField(_("conclusion"), max_length=1000, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("handover acceptance")
        verbose_name_plural = _("handover acceptances")
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "number"], name="occupancy_handover_number_unique"
            )
        ]

    def __str__(self):
        return f"{self.number} {self.name}"

    def get_absolute_url(self):
        return reverse("occupancy:handover_detail", args=[self.pk])

    @property
    def badge(self) -> str:
        return HANDOVER_BADGES[HandoverStatus(self.status)]


class HandoverRound(ScopedModel):
    """An inspection round: the first inspection, then re-inspections after the developer's
    repairs."""

    handover = models.ForeignKey(
        Handover, verbose_name=_("handover"), on_delete=models.CASCADE, related_name="rounds"
    )
    sequence = models.PositiveSmallIntegerField(_("round"))
    inspected_on = models.DateField(_("inspected on"))
    inspectors = models.CharField(_("inspectors"), max_length=100)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("inspection round")
        verbose_name_plural = _("inspection rounds")
        ordering = ["handover", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["handover", "sequence"], name="occupancy_handover_round_unique"
            )
        ]

    def __str__(self):
        return str(_("Round %(n)d") % {"n": self.sequence})


class HandoverCheck(ScopedModel):
    """One item of the checklist, with the result of the last round that checked it."""

    handover = models.ForeignKey(
        Handover, verbose_name=_("handover"), on_delete=models.CASCADE, related_name="checks"
    )
    system = models.CharField(_("system"), max_length=12, choices=HandoverSystem.choices)
    position = models.PositiveSmallIntegerField(_("position"))
    item = models.CharField(_("item"), max_length=100)
    result = models.CharField(
        _("result"), max_length=8, choices=CheckResult.choices, default=CheckResult.PENDING
    )
    checked_in = models.ForeignKey(
        HandoverRound,
        verbose_name=_("checked in round"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["handover", "position"]

    def __str__(self):
        return self.item


class HandoverDefect(ScopedModel):
    """A defect found in a round, forwarded to the developer as a work order under warranty,
    closed when a re-inspection finds it fixed."""

    handover = models.ForeignKey(
        Handover, verbose_name=_("handover"), on_delete=models.PROTECT, related_name="defects"
    )
    found_in = models.ForeignKey(
        HandoverRound, verbose_name=_("found in round"), on_delete=models.PROTECT, related_name="+"
    )
    system = models.CharField(_("system"), max_length=12, choices=HandoverSystem.choices)
    building = models.ForeignKey(
        "estate.Building",
        verbose_name=_("building"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    location = models.CharField(_("location"), max_length=100)
    description = models.CharField(_("defect"), max_length=300)
    severity = models.CharField(_("severity"), max_length=8, choices=DefectSeverity.choices)
    photo = models.ImageField(
        _("photo"), upload_to="occupancy/handover/%Y/%m/", null=True, blank=True
    )
    due_date = models.DateField(_("to be repaired by"))
    status = models.CharField(
        _("status"), max_length=8, choices=DefectStatus.choices, default=DefectStatus.OPEN
    )
    work_order = models.OneToOneField(
        "service.WorkOrder",
        verbose_name=_("work order"),
        on_delete=models.PROTECT,
        related_name="handover_defect",
    )
    fixed_in = models.ForeignKey(
        HandoverRound,
        verbose_name=_("fixed in round"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recheck_note = models.CharField(_("re-inspection note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("handover defect")
        verbose_name_plural = _("handover defects")
        ordering = ["handover", "id"]

    def __str__(self):
        return f"{self.location} {self.description}"

    def get_absolute_url(self):
        return reverse("occupancy:handoverdefect_detail", args=[self.pk])

    @property
    def badge(self) -> str:
        return DEFECT_BADGES[DefectStatus(self.status)]
