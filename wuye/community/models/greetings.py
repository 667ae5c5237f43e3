"""Greetings (COM-03, CSR-7): festival greetings to every resident and birthday greetings —
on the solar or the lunar birthday, as each person chose — sent by a daily job, each occasion
once a year (a festival once per community, a birthday once per person)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.calendar import FESTIVAL_NAMES
from wuye.core.models import ScopedModel


class GreetingSettings(ScopedModel):
    """A community's greetings: which festivals, which templates; off until switched on."""

    is_active = models.BooleanField(_("send greetings"), default=False)
    festivals = models.JSONField(_("festivals"), default=list, blank=True)
    festival_template = models.ForeignKey(
        "community.MessageTemplate",
        verbose_name=_("festival template"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    birthdays = models.BooleanField(_("birthday greetings"), default=False)
    birthday_template = models.ForeignKey(
        "community.MessageTemplate",
        verbose_name=_("birthday template"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sender = models.ForeignKey(
        "org.User",
        verbose_name=_("sent in the name of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("greeting settings")
        verbose_name_plural = _("greeting settings")
        constraints = [
            models.UniqueConstraint(fields=["community"], name="community_greetings_once")
        ]

    def __str__(self):
        return str(self._meta.verbose_name)

    def get_absolute_url(self):
        return reverse("community:greetings")


class GreetingLog(ScopedModel):
    """One occasion greeted: a festival of a year (for the community) or a person's birthday of
    a year, with the campaign that carried it."""

    occasion = models.CharField(_("occasion"), max_length=20)
    year = models.PositiveSmallIntegerField(_("year"))
    person = models.ForeignKey(
        "estate.Person",
        verbose_name=_("resident"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    campaign = models.ForeignKey(
        "community.Campaign",
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="greetings",
    )

    class Meta:
        verbose_name = _("greeting sent")
        verbose_name_plural = _("greetings sent")
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "occasion", "year"],
                condition=Q(person__isnull=True),
                name="community_festival_once_a_year",
            ),
            models.UniqueConstraint(
                fields=["person", "occasion", "year"],
                condition=Q(person__isnull=False),
                name="community_birthday_once_a_year",
            ),
        ]

    def __str__(self):
        return f"{self.occasion_label} {self.year}"

    def get_absolute_url(self):
        return self.campaign.get_absolute_url()

    @property
    def occasion_label(self) -> str:
        if self.occasion == "birthday":
            return str(_("Birthday"))
        return FESTIVAL_NAMES.get(self.occasion, self.occasion)
