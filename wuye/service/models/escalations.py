"""The steps of the escalation chain taken for orders (SRV-03)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel

from ..choices import Deadline, EscalationLevel
from .orders import WorkOrder


class Escalation(ScopedModel):
    """One step of the escalation chain taken for an order (SRV-03): whom it went to and why."""

    order = models.ForeignKey(
        WorkOrder,
        verbose_name=_("work order"),
        on_delete=models.CASCADE,
        related_name="escalations",
    )
    level = models.CharField(_("level"), max_length=10, choices=EscalationLevel.choices)
    deadline = models.CharField(_("limit"), max_length=12, choices=Deadline.choices, blank=True)
    round = models.PositiveSmallIntegerField(default=0, editable=False)
    # The assignee a reminder went to (0 for the other steps): a reassigned order reminds its
    # new assignee of the same limit once more.
    assignee_key = models.PositiveBigIntegerField(default=0, editable=False)
    notified = models.CharField(_("notified"), max_length=300, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    escalated_by = models.ForeignKey(
        "org.User",
        verbose_name=_("escalated by hand by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        ordering = ["-created_at"]
        constraints = [
            # A step is taken once per limit and per round (a reopened order starts a round).
            models.UniqueConstraint(
                fields=["order", "level", "deadline", "round", "assignee_key"],
                name="service_escalation_once",
            )
        ]

    def __str__(self):
        return f"{self.order} {self.get_level_display()}"

    def get_absolute_url(self):
        return self.order.get_absolute_url()
