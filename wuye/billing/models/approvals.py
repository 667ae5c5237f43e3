"""Requests finance decides: refunds and waivers."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel
from wuye.core.money import MONEY

from ..choices import APPROVAL_BADGES, ApprovalStatus, Channel, RefundKind
from .bills import Bill, BillLine
from .payments import Deposit


class Decided(models.Model):
    """A request someone else decides (approve or reject), with who, when and a note."""

    status = models.CharField(
        _("status"), max_length=10, choices=ApprovalStatus.choices, default=ApprovalStatus.REQUESTED
    )
    decided_by = models.ForeignKey(
        "org.User",
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("decision note"), max_length=200, blank=True)

    # The request's course, as its page and the API show it.
    DECISION_FIELDS = ("status", "created_by", "decided_by", "decided_at", "decision_note")

    class Meta:
        abstract = True

    @property
    def badge(self) -> str:
        return APPROVAL_BADGES[ApprovalStatus(self.status)]

    def decide(self, *, approve: bool, note, actor) -> None:
        """Stamp the decision on the record (the caller checks the rights and saves)."""
        self.status = ApprovalStatus.APPROVED if approve else ApprovalStatus.REJECTED
        self.decided_by, self.decided_at = actor, timezone.now()
        self.decision_note = (note or "").strip()[:200]


class Refund(ScopedModel, Decided):
    """A request to pay money back — prepayment or deposit — decided by finance (FIN)."""

    kind = models.CharField(_("kind"), max_length=12, choices=RefundKind.choices)
    unit = models.ForeignKey(
        "estate.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="refunds"
    )
    deposit = models.ForeignKey(
        Deposit,
        verbose_name=_("deposit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="refunds",
    )
    amount = models.DecimalField(_("amount to pay back"), **MONEY)
    deductions = models.JSONField(
        _("deductions"), default=list, blank=True, help_text=_('[{"reason": …, "amount": …}]')
    )
    reason = models.CharField(_("reason"), max_length=200)
    channel = models.CharField(
        _("paid back by"), max_length=12, choices=Channel.choices, default=Channel.TRANSFER
    )
    # Paying out an approved refund: cash from a cashier's drawer (it counts in that cashier's
    # daily closing) or a transfer with its bank reference.
    paid_out_at = models.DateTimeField(_("paid out at"), null=True, blank=True, editable=False)
    paid_out_by = models.ForeignKey(
        "org.User",
        verbose_name=_("paid out by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    payout_date = models.DateField(_("payout business date"), null=True, blank=True)
    payout_reference = models.CharField(_("payout reference"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="billing_refund_not_negative")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.unit} ¥{self.amount}"

    def get_absolute_url(self):
        return reverse("billing:refund_detail", args=[self.pk])


class Waiver(ScopedModel, Decided):
    """A waiver or discount (减免) on a bill: requested, approved by the manager, then booked as
    a separate negative line with its reason."""

    bill = models.ForeignKey(
        Bill, verbose_name=_("bill"), on_delete=models.PROTECT, related_name="waivers"
    )
    line = models.ForeignKey(
        BillLine, verbose_name=_("bill line"), on_delete=models.PROTECT, related_name="waivers"
    )
    amount = models.DecimalField(_("amount waived"), **MONEY)
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        verbose_name = _("waiver")
        verbose_name_plural = _("waivers")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="billing_waiver_positive")
        ]

    def __str__(self):
        return f"{self.bill} −¥{self.amount}"

    def get_absolute_url(self):
        return reverse("billing:waiver_detail", args=[self.pk])
