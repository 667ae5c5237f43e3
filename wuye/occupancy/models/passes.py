"""Release passes (放行条, OCC-04): items leaving the community, let out once at the gate."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel

from ..choices import PASS_BADGES, ApplicantRole, PassReason, PassStatus


class ReleasePass(ScopedModel):
    """A pass to take items out of the community: applied for by the unit's people (or staff
    for them), approved by the service center against the unit's people, and let out at the
    gate exactly once. Arrears never stop a pass."""

    number = models.CharField(_("pass number"), max_length=20, editable=False)
    unit = models.ForeignKey(
        "estate.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="release_passes",
    )
    applicant_name = models.CharField(_("applicant"), max_length=50)
    applicant_phone = models.CharField(_("applicant's phone"), max_length=20, blank=True)
    applicant_role = models.CharField(
        _("applicant is"), max_length=10, choices=ApplicantRole.choices
    )
    reason = models.CharField(_("reason"), max_length=12, choices=PassReason.choices)
    items = models.TextField(_("items"), max_length=1000, help_text=_("One item per line"))
    item_count = models.PositiveSmallIntegerField(_("number of pieces"))
    vehicle_plate = models.CharField(_("vehicle plate"), max_length=16, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(
        _("status"), max_length=10, choices=PassStatus.choices, default=PassStatus.REQUESTED
    )
    owner_confirmation = models.CharField(
        _("owner's confirmation"),
        max_length=100,
        blank=True,
        help_text=_("Who confirmed for the owner, and how (e.g. 业主张三电话确认)"),
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
    used_at = models.DateTimeField(_("let out at"), null=True, blank=True)
    used_by = models.ForeignKey(
        "org.User",
        verbose_name=_("let out by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    gate = models.CharField(_("gate"), max_length=30, blank=True)

    # The pass's course after the application, as its page and the API show it.
    COURSE_FIELDS = (
        "status",
        "owner_confirmation",
        "decided_by",
        "decided_at",
        "decision_note",
        "used_at",
        "used_by",
        "gate",
    )

    class Meta:
        verbose_name = _("release pass")
        verbose_name_plural = _("release passes")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "number"], name="occupancy_pass_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__gte=F("valid_from")),
                name="occupancy_pass_period",
            ),
            models.CheckConstraint(condition=Q(item_count__gte=1), name="occupancy_pass_items"),
            # Used exactly when it carries who let it out and when.
            models.CheckConstraint(
                condition=(
                    Q(status=PassStatus.USED, used_at__isnull=False, used_by__isnull=False)
                    | (~Q(status=PassStatus.USED) & Q(used_at__isnull=True))
                ),
                name="occupancy_pass_used_stamp",
            ),
        ]
        indexes = [models.Index(fields=["community", "status", "valid_until"])]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("occupancy:releasepass_detail", args=[self.pk])

    @property
    def badge(self) -> str:
        return PASS_BADGES[PassStatus(self.status)]

    @property
    def item_lines(self) -> list[str]:
        return [line.strip() for line in self.items.splitlines() if line.strip()]

    @property
    def expired(self) -> bool:
        return self.status == PassStatus.APPROVED and self.valid_until < timezone.localdate()
