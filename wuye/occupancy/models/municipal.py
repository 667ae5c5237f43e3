"""Municipal service requests (市政服务代办: telephone, gas, broadband…, OCC-08, CSD-10)."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel

from ..choices import REQUEST_BADGES, RequestStatus, UtilityService


class MunicipalRequest(ScopedModel):
    """A unit's request to open a utility service, forwarded by the service center to the
    utility and followed until it is opened. A fee the utility charges is collected at the
    utility's own price (代收代缴: no handling fee) through billing."""

    number = models.CharField(_("request number"), max_length=20, editable=False)
    unit = models.ForeignKey(
        "estate.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="municipal_requests",
    )
    applicant_name = models.CharField(_("applicant"), max_length=50)
    applicant_phone = models.CharField(_("applicant's phone"), max_length=20)
    service = models.CharField(_("service"), max_length=10, choices=UtilityService.choices)
    provider = models.CharField(_("utility"), max_length=50, help_text=_("e.g. 中国电信, 港华燃气"))
    utility_fee = models.DecimalField(
        _("utility's fee"),
        default=Decimal(0),
        help_text=_("Collected for the utility at its own price, without any handling fee"),
        max_digits=10,
        decimal_places=2,
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.REGISTERED
    )
    forwarded_on = models.DateField(_("forwarded on"), null=True, blank=True)
    utility_reference = models.CharField(_("utility's reference"), max_length=50, blank=True)
    done_on = models.DateField(_("opened on"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("municipal service request")
        verbose_name_plural = _("municipal service requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "number"], name="occupancy_municipal_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(utility_fee__gte=0), name="occupancy_municipal_fee_not_negative"
            ),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("occupancy:municipalrequest_detail", args=[self.pk])

    @property
    def badge(self) -> str:
        return REQUEST_BADGES[RequestStatus(self.status)]
