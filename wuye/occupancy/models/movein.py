"""Move-in (入伙, OCC-02): an owner's appointment on a move-in day and the checklist done at
the desk — documents seen, keys and access cards handed over, the meters' starting readings,
the first bills, the house rules signed."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel

from ..choices import MOVE_IN_BADGES, OPEN_MOVE_IN_STATUSES, MoveInStatus


class MoveIn(ScopedModel):
    """One unit's move-in: booked for a day (and a time on a batch day), served at the desk
    when the owner arrives, completed once — the owner's relation, the unit's status, the
    readings and the first bills are written then, and never again."""

    number = models.CharField(_("move-in number"), max_length=20, editable=False)
    unit = models.ForeignKey(
        "estate.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="move_ins"
    )
    owner_name = models.CharField(_("property owner"), max_length=50)
    owner_phone = models.CharField(_("owner's phone"), max_length=20)
    id_number = models.CharField(_("owner's ID number"), max_length=32, blank=True)
    appointment_date = models.DateField(_("appointment day"))
    appointment_time = models.TimeField(_("appointment time"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MoveInStatus.choices, default=MoveInStatus.BOOKED
    )
    arrived_at = models.DateTimeField(_("arrived at"), null=True, blank=True)
    # The checklist, filled when the move-in is completed.
    moved_in_on = models.DateField(_("moved in on"), null=True, blank=True)
    id_checked = models.BooleanField(_("ID card checked"), default=False)
    contract_checked = models.BooleanField(_("purchase contract checked"), default=False)
    rules_signed = models.BooleanField(_("house rules signed"), default=False)
    keys_count = models.PositiveSmallIntegerField(_("keys handed over"), default=0)
    access_cards = models.PositiveSmallIntegerField(_("access cards handed over"), default=0)
    readings = models.JSONField(_("starting readings"), default=list, blank=True)
    months_billed = models.PositiveSmallIntegerField(_("months billed ahead"), default=0)
    first_bill = models.ForeignKey(
        "billing.Bill",
        verbose_name=_("first bill"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    deposits = models.ManyToManyField(
        "billing.Deposit", verbose_name=_("deposits"), blank=True, related_name="+"
    )
    relation = models.ForeignKey(
        "estate.UnitRelation",
        verbose_name=_("owner's relation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    completed_at = models.DateTimeField(_("move-in completed at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("move-in")
        verbose_name_plural = _("move-ins")
        ordering = ["appointment_date", "appointment_time", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "number"], name="occupancy_movein_number_unique"
            ),
            models.UniqueConstraint(
                fields=["unit"],
                condition=Q(status__in=OPEN_MOVE_IN_STATUSES),
                name="occupancy_movein_one_open_per_unit",
            ),
            models.CheckConstraint(
                condition=~Q(status=MoveInStatus.DONE)
                | Q(moved_in_on__isnull=False, id_checked=True, contract_checked=True),
                name="occupancy_movein_done_is_checked",
            ),
        ]
        indexes = [models.Index(fields=["community", "appointment_date", "status"])]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("occupancy:movein_detail", args=[self.pk])

    @property
    def badge(self) -> str:
        return MOVE_IN_BADGES[MoveInStatus(self.status)]
