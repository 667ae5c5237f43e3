"""Community activities 社区活动 (COM-06, QC-8..12): the year's plan of activities, each opened
for sign-ups with its capacity (people, a family counting as many as come) and a waiting list,
checked in on the day, closed with its summary and photos; resident groups and clubs with
their members."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedModel

from ..choices import (
    ACTIVITY_BADGES,
    SIGNUP_BADGES,
    ActivityCategory,
    ActivityStatus,
    GroupRole,
    SignUpStatus,
)


class Activity(ScopedModel):
    number = models.CharField(_("number"), max_length=20, editable=False)
    title = models.CharField(_("title"), max_length=100)
    category = models.CharField(
        _("category"),
        max_length=10,
        choices=ActivityCategory.choices,
        default=ActivityCategory.CULTURE,
    )
    description = models.TextField(_("description"), blank=True)
    planned_month = models.DateField(_("planned for (month)"))
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("People in all; no limit when empty"),
    )
    waitlist = models.BooleanField(
        _("waiting list"), default=True, help_text=_("When full, later sign-ups wait in order")
    )
    signup_deadline = models.DateTimeField(_("sign up by"), null=True, blank=True)
    organizer = models.ForeignKey(
        "org.User",
        verbose_name=_("organizer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ActivityStatus.choices,
        default=ActivityStatus.PLANNED,
    )
    summary = models.TextField(_("summary"), blank=True)
    attended = models.PositiveIntegerField(_("people who came"), default=0)
    cancel_reason = models.CharField(_("why cancelled"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-planned_month", "-starts_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["community", "number"], name="community_activity_no"),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=True)
                | Q(ends_at__gt=F("starts_at")),
                name="community_activity_ends_after",
            ),
        ]
        indexes = [models.Index(fields=["community", "planned_month"])]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("community:activity_detail", args=[self.pk])

    @property
    def badge(self) -> str:
        return ACTIVITY_BADGES[ActivityStatus(self.status)]


class SignUp(ScopedModel):
    """A household signed up for an activity: confirmed, waiting its turn, cancelled, or
    there on the day."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="signups"
    )
    name = models.CharField(_("full name"), max_length=50)
    phone = models.CharField(_("mobile phone"), max_length=11)
    unit = models.ForeignKey(
        "estate.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    party = models.PositiveSmallIntegerField(
        _("people"), default=1, validators=[MinValueValidator(1)]
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SignUpStatus.choices,
        default=SignUpStatus.CONFIRMED,
    )
    note = models.CharField(_("note"), max_length=100, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        ordering = ["activity", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "phone"],
                condition=~Q(status=SignUpStatus.CANCELLED),
                name="community_signup_once_per_phone",
            ),
            models.CheckConstraint(condition=Q(party__gte=1), name="community_signup_party"),
        ]
        indexes = [models.Index(fields=["activity", "status"])]

    def __str__(self):
        return f"{self.name}（{self.party}人）"

    def get_absolute_url(self):
        return self.activity.get_absolute_url()

    @property
    def badge(self) -> str:
        return SIGNUP_BADGES[SignUpStatus(self.status)]


def activity_photo_path(instance: ActivityPhoto, filename: str) -> str:
    return f"activities/{instance.community_id}/{filename}"


class ActivityPhoto(ScopedModel):
    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="photos"
    )
    photo = models.ImageField(_("photo"), upload_to=activity_photo_path)

    class Meta:
        verbose_name = _("activity photo")
        verbose_name_plural = _("activity photos")
        ordering = ["activity", "id"]

    def __str__(self):
        return str(self.activity)

    def get_absolute_url(self):
        return reverse("community:activity_photo", args=[self.pk])


class ResidentGroup(ScopedModel):
    """A residents' group or club (合唱团, 太极队, 书画社…) with its members."""

    name = models.CharField(_("name"), max_length=50)
    description = models.TextField(_("description"), blank=True)
    meets = models.CharField(
        _("meets"), max_length=100, blank=True, help_text=_("e.g. 每周三 19:00 会所二楼")
    )
    contact = models.ForeignKey(
        "org.User",
        verbose_name=_("staff contact"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("resident group")
        verbose_name_plural = _("resident groups")
        ordering = ["community_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="community_group_name")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("community:residentgroup_detail", args=[self.pk])


class GroupMember(ScopedModel):
    group = models.ForeignKey(
        ResidentGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    person = models.ForeignKey(
        "estate.Person", verbose_name=_("resident"), on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(
        _("role"), max_length=8, choices=GroupRole.choices, default=GroupRole.MEMBER
    )
    joined_on = models.DateField(_("joined on"))

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        ordering = ["group", "role", "joined_on"]
        constraints = [
            models.UniqueConstraint(fields=["group", "person"], name="community_member_once")
        ]

    def __str__(self):
        return str(self.person)

    def get_absolute_url(self):
        return self.group.get_absolute_url()
