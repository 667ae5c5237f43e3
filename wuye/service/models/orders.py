"""Work orders (工单) with their timeline, photos and attached documents (SRV-01, SRV-02)."""

from decimal import Decimal
from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedManager, ScopedModel, ScopedQuerySet
from wuye.core.money import MONEY

from ..choices import (
    OPEN_STATUSES,
    ORDER_BADGES,
    TRANSITIONS,
    ClockCalendar,
    Deadline,
    OrderAction,
    OrderChannel,
    OrderKind,
    OrderStatus,
    Priority,
)
from .policy import Category

FIELD_POSTS = frozenset({"TECH", "SEC", "CLN"})


def is_field_staff(access) -> bool:
    """Engineering, security or cleaning staff with no office post (nor a company role)."""
    return access is not None and access.holds_only(FIELD_POSTS)


class WorkOrderQuerySet(ScopedQuerySet):
    def for_access(self, access):
        """Office posts see the community's orders; field staff (engineering, security,
        cleaning) only the orders given to them or reported by them."""
        queryset = super().for_access(access)
        if is_field_staff(access):
            queryset = queryset.filter(Q(assignee=access.user) | Q(created_by=access.user))
        return queryset

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, now=None):
        """Open orders past a limit they have not met yet (paused orders' clocks are stopped)."""
        now = now or timezone.now()
        return self.exclude(status=OrderStatus.PAUSED).filter(
            Q(status__in=[OrderStatus.REGISTERED, OrderStatus.DISPATCHED], response_due__lt=now)
            | Q(
                status__in=[OrderStatus.REGISTERED, OrderStatus.DISPATCHED, OrderStatus.ACCEPTED],
                arrival_due__lt=now,
            )
            | Q(status__in=OPEN_STATUSES, completion_due__lt=now)
        )


WorkOrderManager = ScopedManager.from_queryset(WorkOrderQuerySet)


class WorkOrder(ScopedModel):
    """A work order (工单): a complaint, repair, request, suggestion or inquiry from registration
    through dispatch and completion to the return visit; every change is on its timeline."""

    number = models.CharField(_("order number"), max_length=20, editable=False)
    kind = models.CharField(_("kind"), max_length=12, choices=OrderKind.choices)
    channel = models.CharField(_("intake channel"), max_length=12, choices=OrderChannel.choices)
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="orders",
    )
    priority = models.CharField(
        _("priority"), max_length=8, choices=Priority.choices, default=Priority.NORMAL
    )
    unit = models.ForeignKey(
        "estate.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_orders",
    )
    place = models.CharField(
        _("public place"), max_length=100, blank=True, help_text=_("When it is not in a unit")
    )
    facility = models.ForeignKey(
        "estate.Facility",
        verbose_name=_("facility"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_orders",
    )
    reporter = models.ForeignKey(
        "estate.Person",
        verbose_name=_("reported by (resident)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_orders",
    )
    reporter_name = models.CharField(_("reporter"), max_length=50, blank=True)
    reporter_phone = models.CharField(_("reporter's phone"), max_length=20, blank=True)
    description = models.TextField(_("description"), max_length=2000)
    is_major = models.BooleanField(
        _("major complaint"), default=False, help_text=_("重大投诉: followed by the manager")
    )
    is_paid = models.BooleanField(_("paid service"), default=False)
    under_warranty = models.BooleanField(_("under the developer's warranty"), default=False)

    status = models.CharField(
        _("status"),
        max_length=12,
        choices=OrderStatus.choices,
        default=OrderStatus.REGISTERED,
        editable=False,
    )
    paused_from = models.CharField(max_length=12, blank=True, editable=False)
    paused_at = models.DateTimeField(null=True, blank=True, editable=False)
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    assignee = models.ForeignKey(
        "org.User",
        verbose_name=_("assignee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    calendar = models.CharField(
        max_length=8, choices=ClockCalendar.choices, default="24h", editable=False
    )
    clock_started_at = models.DateTimeField(null=True, blank=True, editable=False)
    paused_minutes = models.PositiveIntegerField(default=0, editable=False)
    response_due = models.DateTimeField(_("accept by"), null=True, blank=True, editable=False)
    arrival_due = models.DateTimeField(_("on site by"), null=True, blank=True, editable=False)
    completion_due = models.DateTimeField(_("complete by"), null=True, blank=True, editable=False)
    dispatched_at = models.DateTimeField(_("dispatched at"), null=True, blank=True, editable=False)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True, editable=False)
    arrived_at = models.DateTimeField(_("arrived at"), null=True, blank=True, editable=False)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    # The first acceptance and completion are kept through reassignments and reopenings:
    # the statistics count them (SRV-06).
    first_accepted_at = models.DateTimeField(
        _("first accepted at"), null=True, blank=True, editable=False
    )
    first_completed_at = models.DateTimeField(
        _("first completed at"), null=True, blank=True, editable=False
    )
    completed_on_time = models.BooleanField(
        _("first completed within the limit"), null=True, blank=True, editable=False
    )
    reopened = models.PositiveSmallIntegerField(_("times reopened"), default=0, editable=False)

    result = models.TextField(_("what was done"), max_length=2000, blank=True, editable=False)
    materials = models.CharField(_("materials"), max_length=300, blank=True, editable=False)
    material_cost = models.DecimalField(
        _("materials charged"), default=Decimal("0"), editable=False, **MONEY
    )
    labour_cost = models.DecimalField(
        _("labour charged"), default=Decimal("0"), editable=False, **MONEY
    )
    bill = models.ForeignKey(
        "billing.Bill",
        verbose_name=_("bill"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction"), null=True, blank=True, editable=False
    )

    objects: ClassVar = WorkOrderManager()

    class Meta:
        verbose_name = _("work order")
        verbose_name_plural = _("work orders")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "number"], name="service_order_unique_number"
            ),
        ]
        indexes = [
            models.Index(fields=["community", "status", "completion_due"]),
            models.Index(fields=["community", "assignee", "status"]),
            models.Index(fields=["community", "created_at"]),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("service:workorder_detail", args=[self.pk])

    @property
    def badge(self):
        return ORDER_BADGES.get(self.status, "")

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def counted_in_kpis(self) -> bool:
        """Completed at least once: the service figures count it, so it is never cancelled
        (reopened, it is completed or closed again)."""
        return self.first_completed_at is not None

    @property
    def next_actions(self) -> frozenset[str]:
        """The actions the transition map allows from the order's status (who may take them
        is the services' business); no cancel once the order counts in the figures."""
        return frozenset(
            action
            for action, (sources, _target) in TRANSITIONS.items()
            if self.status in sources
            and not (action == OrderAction.CANCEL and self.counted_in_kpis)
        )

    @property
    def location(self) -> str:
        unit = self.unit if self.unit_id else None  # no query for an order without one
        if unit is not None:
            return unit.code
        facility = self.facility if self.facility_id else None
        return facility.name if facility is not None else self.place

    def overdue_deadlines(self, now=None) -> list[Deadline]:
        """Which limits this order has missed so far (the clocks stop while paused)."""
        if not self.is_open or self.status == OrderStatus.PAUSED:
            return []
        now = now or timezone.now()
        missed: list[Deadline] = []
        if self.response_due and not self.accepted_at and self.response_due < now:
            missed.append(Deadline.RESPONSE)
        if self.arrival_due and not self.arrived_at and self.arrival_due < now:
            missed.append(Deadline.ARRIVAL)
        if self.completion_due and self.completion_due < now:
            missed.append(Deadline.COMPLETION)
        return missed


class WorkOrderEvent(ScopedModel):
    """One line of an order's timeline: who did what, when, from which status to which."""

    order = models.ForeignKey(
        WorkOrder, verbose_name=_("work order"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("action"), max_length=12, choices=OrderAction.choices)
    from_status = models.CharField(max_length=12, choices=OrderStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=OrderStatus.choices, blank=True)
    assignee = models.ForeignKey(
        "org.User",
        verbose_name=_("assignee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("work-order event")
        verbose_name_plural = _("work-order events")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["community", "order", "created_at"])]

    def __str__(self):
        return f"{self.order} {self.get_action_display()}"

    def get_absolute_url(self):
        return self.order.get_absolute_url()


class WorkOrderPhoto(ScopedModel):
    """A photo of an order: as reported, or of the finished work."""

    order = models.ForeignKey(
        WorkOrder, verbose_name=_("work order"), on_delete=models.CASCADE, related_name="photos"
    )
    stage = models.CharField(
        _("stage"),
        max_length=10,
        choices=[("report", _("As reported")), ("done", _("Work done"))],
        default="report",
    )
    image = models.ImageField(_("photo"), upload_to="service/%Y/%m/")

    class Meta:
        verbose_name = _("work-order photo")
        verbose_name_plural = _("work-order photos")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.order} {self.get_stage_display()}"

    def get_absolute_url(self):
        return reverse("service:workorder_photo", args=[self.pk])


class WorkOrderAttachment(ScopedModel):
    """A document attached to an order (a 12345 referral letter, a quotation, a report)."""

    order = models.ForeignKey(
        WorkOrder,
        verbose_name=_("work order"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to="service/files/%Y/%m/")
    name = models.CharField(_("file name"), max_length=120)

    class Meta:
        verbose_name = _("work-order attachment")
        verbose_name_plural = _("work-order attachments")
        ordering = ["created_at"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("service:workorder_attachment", args=[self.pk])
