"""Parking agreements (车位租赁、使用协议, OCC-06, CSD-7)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel

from ..choices import AgreementBilling, AgreementKind, AgreementStatus

LONGEST_TERM = 60  # months


class ParkingAgreement(ScopedModel):
    """A lease or usage agreement for one parking space, for a whole number of months from its
    start, with its monthly price billed to the unit through billing (all at signing when
    prepaid, else month by month). A space has at most one agreement on any day: the database
    refuses an overlapping one (an exclusion constraint on PostgreSQL, triggers on SQLite)."""

    number = models.CharField(_("agreement number"), max_length=20, editable=False)
    kind = models.CharField(_("kind"), max_length=8, choices=AgreementKind.choices)
    space = models.ForeignKey(
        "estate.ParkingSpace",
        verbose_name=_("parking space"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    unit = models.ForeignKey(
        "estate.Unit",
        verbose_name=_("unit (billed to)"),
        on_delete=models.PROTECT,
        related_name="parking_agreements",
    )
    party_name = models.CharField(_("party"), max_length=50)
    party_phone = models.CharField(_("party's phone"), max_length=20, blank=True)
    plates = models.CharField(_("vehicle plates"), max_length=60, blank=True)
    start_date = models.DateField(_("from"))
    months = models.PositiveSmallIntegerField(
        _("term (months)"), validators=[MinValueValidator(1), MaxValueValidator(LONGEST_TERM)]
    )
    end_date = models.DateField(_("until"), editable=False)
    monthly_price = models.DecimalField(_("price per month"), max_digits=10, decimal_places=2)
    billing = models.CharField(_("billing"), max_length=8, choices=AgreementBilling.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.SIGNED
    )
    cancel_reason = models.CharField(_("why it was cancelled"), max_length=200, blank=True)
    reminded_on = models.DateField(_("expiry reminder sent on"), null=True, blank=True)

    class Meta:
        verbose_name = _("parking agreement")
        verbose_name_plural = _("parking agreements")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "number"], name="occupancy_agreement_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="occupancy_agreement_period"
            ),
            models.CheckConstraint(
                condition=Q(months__gte=1) & Q(months__lte=LONGEST_TERM),
                name="occupancy_agreement_months",
            ),
            models.CheckConstraint(
                condition=Q(monthly_price__gt=0), name="occupancy_agreement_price_positive"
            ),
        ]
        indexes = [models.Index(fields=["community", "status", "end_date"])]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("occupancy:parkingagreement_detail", args=[self.pk])

    @property
    def in_force(self) -> bool:
        today = timezone.localdate()
        return self.status == AgreementStatus.SIGNED and self.start_date <= today <= self.end_date

    @property
    def state(self) -> str:
        """In words: cancelled, not yet started, in force, or expired."""
        if self.status == AgreementStatus.CANCELLED:
            return str(_("Cancelled"))
        today = timezone.localdate()
        if today < self.start_date:
            return str(_("Not yet started"))
        return str(_("In force")) if today <= self.end_date else str(_("Expired"))

    @property
    def badge(self) -> str:
        if self.status == AgreementStatus.CANCELLED:
            return "bg-secondary-lt"
        return "bg-green-lt" if self.end_date >= timezone.localdate() else "bg-yellow-lt"

    @property
    def plate_list(self) -> list[str]:
        return [p for p in self.plates.split("、") if p]
