"""Defects under the developer's warranty forwarded to the developer (SRV-10)."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel

from ..choices import WarrantyStatus
from .orders import WorkOrder


class WarrantyClaim(ScopedModel):
    """A defect under the developer's warranty forwarded to the developer or its contractor
    with a due date and tracked until the repair is confirmed (SRV-10)."""

    order = models.OneToOneField(
        WorkOrder, verbose_name=_("work order"), on_delete=models.PROTECT, related_name="warranty"
    )
    vendor = models.ForeignKey(
        "estate.Vendor",
        verbose_name=_("developer or contractor"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_date = models.DateField(_("to be repaired by"))
    status = models.CharField(
        _("status"), max_length=10, choices=WarrantyStatus.choices, default=WarrantyStatus.FORWARDED
    )
    reply = models.CharField(_("developer's reply"), max_length=300, blank=True)
    closed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        "org.User",
        verbose_name=_("confirmed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("warranty claim")
        verbose_name_plural = _("warranty claims")
        ordering = ["status", "due_date"]

    def __str__(self):
        return f"{self.order} → {self.vendor}"

    def get_absolute_url(self):
        return reverse("service:warrantyclaim_detail", args=[self.pk])

    @property
    def overdue(self):
        return self.status == WarrantyStatus.FORWARDED and self.due_date < timezone.localdate()
