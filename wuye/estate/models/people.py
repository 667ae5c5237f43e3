"""Residents and their relations to units over time (业主、家庭成员、租户)."""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import ClassVar, Self

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from lunar_python import Solar

from wuye.core.models import ScopedManager, ScopedModel, ScopedQuerySet
from wuye.core.pinyin import pinyin_and_initials
from wuye.core.validators import mask_id_number, validate_mobile

from ..choices import Gender, IdType, RelationRole
from .units import Unit


class Person(ScopedModel):
    """A person known to the service center: owner, family member or tenant of units."""

    name = models.CharField(_("full name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    phone = models.CharField(
        _("mobile phone"), max_length=11, blank=True, validators=[validate_mobile]
    )
    phone2 = models.CharField(_("other phone"), max_length=20, blank=True)
    id_type = models.CharField(
        _("ID type"), max_length=10, choices=IdType.choices, default=IdType.RESIDENT_ID
    )
    id_number = models.CharField(_("ID number"), max_length=32, blank=True)
    birthday = models.DateField(_("date of birth"), null=True, blank=True)
    birthday_lunar = models.BooleanField(_("celebrates the lunar birthday"), default=False)
    emergency_contact = models.CharField(_("emergency contact"), max_length=50, blank=True)
    emergency_phone = models.CharField(_("emergency phone"), max_length=20, blank=True)
    workplace = models.CharField(_("workplace"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    pinyin = models.CharField(max_length=200, editable=False, db_index=True, default="")
    initials = models.CharField(max_length=50, editable=False, db_index=True, default="")

    class Meta:
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        ordering = ["community_id", "pinyin", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "id_type", "id_number"],
                condition=~Q(id_number=""),
                name="estate_person_unique_id_number",
            )
        ]
        indexes = [models.Index(fields=["community", "phone"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pinyin, self.initials = pinyin_and_initials(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("estate:person_detail", args=[self.pk])

    @property
    def masked_id_number(self):
        return mask_id_number(self.id_number)

    @property
    def lunar_birthday(self):
        if not self.birthday:
            return ""
        lunar = Solar.fromYmd(self.birthday.year, self.birthday.month, self.birthday.day).getLunar()
        return f"{lunar.getMonthInChinese()}月{lunar.getDayInChinese()}"


class RelationQuerySet(ScopedQuerySet):
    def current(self, on: dt.date | None = None) -> Self:
        on = on or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=on), start_date__lte=on)


# A ScopedManager (for_access, as ScopedModel declares) with the queryset's own methods.
RelationManager = ScopedManager.from_queryset(RelationQuerySet)


def current_owners(unit_ids: Iterable[int]) -> dict[int, list[Person]]:
    """The current owners of each unit, in one query: {unit id: [Person, …]}."""
    owners: dict[int, list[Person]] = {}
    for relation in (
        UnitRelation.objects.filter(unit_id__in=unit_ids, role=RelationRole.OWNER)
        .current()
        .select_related("person")
        .order_by("unit_id", "start_date", "id")
    ):
        owners.setdefault(relation.unit_id, []).append(relation.person)
    return owners


class UnitRelation(ScopedModel):
    """A person's relation to a unit (owner, family member, tenant) over a period.

    A sale or a move-out ends a relation (end_date); it is never deleted, so history stays.
    """

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="relations"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="relations"
    )
    role = models.CharField(_("role"), max_length=10, choices=RelationRole.choices)
    share = models.DecimalField(
        _("ownership share (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Co-owners only; empty for a sole owner"),
    )
    relationship = models.CharField(
        _("relationship to the owner"), max_length=20, blank=True, help_text=_("e.g. 配偶, 子女")
    )
    start_date = models.DateField(_("from"), default=timezone.localdate)
    end_date = models.DateField(_("until"), null=True, blank=True)
    end_reason = models.CharField(_("reason for ending"), max_length=100, blank=True)

    objects: ClassVar = RelationManager()

    class Meta:
        verbose_name = _("unit relation")
        verbose_name_plural = _("unit relations")
        ordering = ["unit", "role", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="estate_relation_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(share__isnull=True) | Q(share__lte=100),
                name="estate_relation_share_max",
            ),
        ]

    def __str__(self):
        return f"{self.person}（{self.get_role_display()}）{self.unit}"

    def get_absolute_url(self):
        return self.unit.get_absolute_url()

    @property
    def is_current(self):
        today = timezone.localdate()
        return self.start_date <= today and (self.end_date is None or self.end_date >= today)
