"""Companies, communities (service centers), departments, zones, staff and their posts."""

from collections.abc import Iterable
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedManager, ScopedModel, ScopedQuerySet, TimeStampedModel
from wuye.core.scoping import scoped
from wuye.core.validators import validate_mobile

from .choices import (
    DELEGATION_BADGES,
    CompanyRole,
    DelegationState,
    DepartmentKind,
    Post,
    ServiceGrade,
)


class Company(TimeStampedModel):
    """A property management company (物业公司); it runs one or more service centers."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("property company")
        verbose_name_plural = _("property companies")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CommunityQuerySet(models.QuerySet):
    def for_access(self, access):
        if access is None:
            return scoped(self.none())
        return scoped(self.filter(pk__in=[c.pk for c in access.communities]))


class Community(TimeStampedModel):
    """A community and its property service center (物业服务中心): the scope of every record."""

    company = models.ForeignKey(
        Company,
        verbose_name=_("property company"),
        on_delete=models.PROTECT,
        related_name="communities",
    )
    code = models.SlugField(
        _("code"),
        max_length=32,
        unique=True,
        help_text=_("Short code used in the API and in commands, e.g. YGHY."),
    )
    name = models.CharField(_("name"), max_length=100)
    address = models.CharField(_("address"), max_length=200, blank=True)
    service_grade = models.CharField(
        _("service grade"), max_length=1, choices=ServiceGrade.choices, default=ServiceGrade.SECOND
    )
    phone = models.CharField(_("service hotline"), max_length=32, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = CommunityQuerySet.as_manager()

    class Meta:
        verbose_name = _("service center")
        verbose_name_plural = _("service centers")
        ordering = ["company", "name"]
        constraints = [
            models.UniqueConstraint(fields=["company", "name"], name="org_community_unique_name")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("org:community_detail", args=[self.pk])

    def get_additional_data(self):
        return {"community_id": self.pk}


class User(AbstractUser):
    """A person who signs in: staff of one or more service centers, or headquarters."""

    name = models.CharField(_("full name"), max_length=50, blank=True)
    staff_number = models.CharField(
        _("staff number"), max_length=20, blank=True, help_text=_("工号, as payroll knows it")
    )
    phone = models.CharField(
        _("mobile phone"), max_length=11, blank=True, validators=[validate_mobile], db_index=True
    )
    company = models.ForeignKey(
        Company,
        verbose_name=_("property company"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    company_role = models.CharField(
        _("company role"), max_length=16, choices=CompanyRole.choices, blank=True, default=""
    )
    last_community = models.ForeignKey(
        Community,
        verbose_name=_("last service center"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta(AbstractUser.Meta):
        # django-stubs declare AbstractUser.Meta's names as str; Django itself sets them lazily.
        verbose_name = _("user")  # type: ignore[assignment]
        verbose_name_plural = _("users")  # type: ignore[assignment]

    def __str__(self):
        return self.name or self.username

    @property
    def display_name(self):
        return self.name or self.get_full_name() or self.username


def signed_in(user: User | AnonymousUser) -> User:
    """The person behind a page's or the API's write: only the signed in get past the access
    checks, so the request's user is a staff account here."""
    assert isinstance(user, User)
    return user


class Department(ScopedModel):
    """A department of a service center (客服、工程、秩序维护、保洁、绿化、财务、品质、综合)."""

    kind = models.CharField(_("kind"), max_length=8, choices=DepartmentKind.choices)
    name = models.CharField(_("name"), max_length=50)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("head"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["community_id", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="org_department_unique_name")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("org:department_detail", args=[self.pk])


class Zone(ScopedModel):
    """A zone (片区/责任区): a set of buildings with one responsible person."""

    code = models.CharField(_("code"), max_length=16)
    name = models.CharField(_("name"), max_length=50)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        ordering = ["community_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["community", "code"], name="org_zone_unique_code"),
            models.UniqueConstraint(fields=["community", "name"], name="org_zone_unique_name"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("org:zone_detail", args=[self.pk])


class Membership(ScopedModel):
    """A post held by a staff member in one service center (one person may hold several)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    post = models.CharField(_("post"), max_length=8, choices=Post.choices)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    zones = models.ManyToManyField(Zone, verbose_name=_("zones"), blank=True, related_name="+")
    is_active = models.BooleanField(_("in post"), default=True)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)

    class Meta:
        verbose_name = _("staff post")
        verbose_name_plural = _("staff")
        ordering = ["community_id", "post", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "user", "post"], name="org_membership_unique_post"
            )
        ]

    def __str__(self):
        return f"{self.user.display_name}（{self.get_post_display()}）"

    def get_absolute_url(self):
        return reverse("org:staff_detail", args=[self.pk])


def zone_worker_zones(access) -> list[int] | None:
    """The zones (片区) a customer-service representative works, when that is all he is:
    his lists of arrears and orders start from them (CSR-8). None for everyone else — the
    office, a CSR who also holds another post, the company — who see the whole community."""
    if not access.holds_only({"CSR"}) or access.community is None:
        return None
    # Asked by several cards and lists of one page: read once per request's Access.
    zones = access.__dict__.get("_worker_zones")
    if zones is None:
        zones = access.__dict__["_worker_zones"] = sorted(
            {
                zone
                for zone in Membership.objects.filter(
                    community=access.community, user=access.user, is_active=True
                ).values_list("zones", flat=True)
                if zone
            }
        )
    return zones


class DelegationQuerySet(ScopedQuerySet):
    def in_effect(self, on=None):
        on = on or timezone.localdate()
        return self.filter(revoked_at__isnull=True, start_date__lte=on, end_date__gte=on)


# A ScopedManager (for_access, as ScopedModel declares) with the queryset's own methods.
DelegationManager = ScopedManager.from_queryset(DelegationQuerySet)


class Delegation(ScopedModel):
    """An acting-manager delegation: the assistant holds the manager's rights between two dates."""

    delegator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("manager"),
        on_delete=models.PROTECT,
        related_name="delegations_given",
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acting manager"),
        on_delete=models.PROTECT,
        related_name="delegations_received",
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    reason = models.CharField(_("reason"), max_length=200)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects: ClassVar = DelegationManager()

    class Meta:
        verbose_name = _("acting-manager delegation")
        verbose_name_plural = _("acting-manager delegations")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="org_delegation_end_after_start",
            )
        ]

    def __str__(self):
        return f"{self.delegate} {self.start_date}～{self.end_date}"

    def get_absolute_url(self):
        return reverse("org:delegation_detail", args=[self.pk])

    @property
    def state(self) -> DelegationState:
        if self.revoked_at:
            return DelegationState.REVOKED
        today = timezone.localdate()
        if today < self.start_date:
            return DelegationState.SCHEDULED
        if today > self.end_date:
            return DelegationState.EXPIRED
        return DelegationState.ACTIVE

    def get_state_display(self):
        return DelegationState(self.state).label

    @property
    def state_badge(self):
        return DELEGATION_BADGES[self.state]


def post_holders(community: Any, posts: Iterable[str]) -> list[User]:
    """The active people holding any of `posts` in the community (whom a service tells)."""
    return list(
        User.objects.filter(
            memberships__community=community,
            memberships__post__in=list(posts),
            memberships__is_active=True,
            is_active=True,
        ).distinct()
    )
