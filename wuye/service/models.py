"""The customer-service center (客户服务中心): work orders with their timeline, categories and
time limits, return visits and escalations (SRV-01..04)."""

import datetime as dt
from decimal import Decimal
from typing import ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import ScopedManager, ScopedModel, ScopedQuerySet
from wuye.core.money import MONEY

from .choices import (
    OPEN_STATUSES,
    ORDER_BADGES,
    TRANSITIONS,
    ClockCalendar,
    Deadline,
    DutyStatus,
    EscalationLevel,
    OrderAction,
    OrderChannel,
    OrderKind,
    OrderStatus,
    Priority,
    ReviewMark,
    Shift,
    VisitPurpose,
    VisitStatus,
    WarrantyStatus,
)


class ServicePolicy(ScopedModel):
    """A community's customer-service settings: working hours, return-visit share and window,
    and when assignees are reminded before a limit. Defaults until edited."""

    work_starts = models.TimeField(_("working hours start"), default=dt.time(8, 30))
    work_ends = models.TimeField(_("working hours end"), default=dt.time(17, 30))
    repair_visit_percent = models.PositiveSmallIntegerField(
        _("repairs visited back (%)"),
        default=100,
        validators=[MaxValueValidator(100)],
        help_text=_("Every complaint is visited back; this share of repairs too."),
    )
    visit_within_days = models.PositiveSmallIntegerField(
        _("visit back within (days)"), default=7, validators=[MinValueValidator(1)]
    )
    safety_visit_within_days = models.PositiveSmallIntegerField(
        _("safety matters visited back within (days)"), default=2, validators=[MinValueValidator(1)]
    )
    remind_before_minutes = models.PositiveIntegerField(
        _("remind the assignee (minutes before a limit)"), default=30
    )
    complaint_hours = models.PositiveSmallIntegerField(
        _("complaints completed within (hours, on the clock)"),
        default=24,
        validators=[MinValueValidator(1)],
        help_text=_(
            "A complaint's completion limit is never later than this, whatever its category's limit in working hours says."
        ),
    )

    class Meta:
        verbose_name = _("customer-service settings")
        verbose_name_plural = _("customer-service settings")
        constraints = [
            models.UniqueConstraint(fields=["community"], name="service_policy_one_per_community"),
            models.CheckConstraint(
                condition=Q(work_starts__lt=models.F("work_ends")),
                name="service_policy_hours_in_order",
            ),
        ]

    def __str__(self):
        return str(_("Customer-service settings"))


class Category(ScopedModel):
    """A node of the three-level category tree (place / category / problem) with the department
    an order of it goes to by default."""

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    name = models.CharField(_("name"), max_length=50)
    level = models.PositiveSmallIntegerField(_("level"), default=1, editable=False)
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("default department"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_safety = models.BooleanField(
        _("safety matter"), default=False, help_text=_("Visited back within the shorter window")
    )
    is_active = models.BooleanField(_("in use"), default=True)
    sort = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("work-order category")
        verbose_name_plural = _("work-order categories")
        ordering = ["community_id", "level", "sort", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "parent", "name"], name="service_category_unique_name"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=3), name="service_category_three_levels"
            ),
        ]

    def __str__(self):
        return self.path

    def get_absolute_url(self):
        return reverse("service:category_detail", args=[self.pk])

    @property
    def path(self) -> str:
        names: list[str] = []
        node: Category | None = self
        while node is not None:
            names.append(node.name)
            node = node.parent
        return " / ".join(reversed(names))


class TimeLimit(ScopedModel):
    """Time limits of a category (or, without one, of the whole community) for one priority:
    minutes to accept (response), to be on site (arrival) and to complete."""

    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="limits",
    )
    priority = models.CharField(_("priority"), max_length=8, choices=Priority.choices)
    response_minutes = models.PositiveIntegerField(_("accept within (minutes)"))
    arrival_minutes = models.PositiveIntegerField(
        _("on site within (minutes)"), null=True, blank=True, help_text=_("Empty: no visit needed")
    )
    completion_minutes = models.PositiveIntegerField(_("complete within (minutes)"))
    calendar = models.CharField(
        _("counted"),
        max_length=8,
        choices=ClockCalendar.choices,
        default=ClockCalendar.ROUND_THE_CLOCK,
    )

    class Meta:
        verbose_name = _("time limit")
        verbose_name_plural = _("time limits")
        ordering = ["community_id", "category", "priority"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "category", "priority"],
                condition=Q(category__isnull=False),
                name="service_limit_unique",
            ),
            models.UniqueConstraint(
                fields=["community", "priority"],
                condition=Q(category__isnull=True),
                name="service_limit_unique_default",
            ),
            models.CheckConstraint(
                condition=Q(response_minutes__gt=0, completion_minutes__gt=0),
                name="service_limit_positive",
            ),
        ]

    def __str__(self):
        return f"{self.category or _('Default')} · {self.get_priority_display()}"

    def get_absolute_url(self):
        return reverse("service:timelimit_detail", args=[self.pk])


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


class ReturnVisit(ScopedModel):
    """A return visit (回访) after completion: contact result, satisfaction 1–5 and comment; an
    unsatisfied visit reopens the order."""

    order = models.ForeignKey(
        WorkOrder, verbose_name=_("work order"), on_delete=models.CASCADE, related_name="visits"
    )
    due_date = models.DateField(_("visit by"))
    status = models.CharField(
        _("status"), max_length=12, choices=VisitStatus.choices, default=VisitStatus.DUE
    )
    visited_by = models.ForeignKey(
        "org.User",
        verbose_name=_("visited by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    visited_at = models.DateTimeField(_("visited at"), null=True, blank=True)
    score = models.PositiveSmallIntegerField(
        _("satisfaction (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    reopened_order = models.BooleanField(_("reopened the order"), default=False)

    class Meta:
        verbose_name = _("return visit")
        verbose_name_plural = _("return visits")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["community", "status", "due_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                name="service_visit_score_1_5",
            )
        ]

    SATISFIED_FROM = 4  # 4 or 5 of 5 counts as satisfied (满意率)

    def __str__(self):
        return f"{self.order} {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("service:returnvisit_detail", args=[self.pk])

    @property
    def satisfied(self):
        return self.score is not None and self.score >= self.SATISFIED_FROM


class Escalation(ScopedModel):
    """One step of the escalation chain taken for an order (SRV-03): whom it went to and why."""

    order = models.ForeignKey(
        WorkOrder,
        verbose_name=_("work order"),
        on_delete=models.CASCADE,
        related_name="escalations",
    )
    level = models.CharField(_("level"), max_length=10, choices=EscalationLevel.choices)
    deadline = models.CharField(_("limit"), max_length=12, choices=Deadline.choices, blank=True)
    round = models.PositiveSmallIntegerField(default=0, editable=False)
    # The assignee a reminder went to (0 for the other steps): a reassigned order reminds its
    # new assignee of the same limit once more.
    assignee_key = models.PositiveBigIntegerField(default=0, editable=False)
    notified = models.CharField(_("notified"), max_length=300, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    escalated_by = models.ForeignKey(
        "org.User",
        verbose_name=_("escalated by hand by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        ordering = ["-created_at"]
        constraints = [
            # A step is taken once per limit and per round (a reopened order starts a round).
            models.UniqueConstraint(
                fields=["order", "level", "deadline", "round", "assignee_key"],
                name="service_escalation_once",
            )
        ]

    def __str__(self):
        return f"{self.order} {self.get_level_display()}"

    def get_absolute_url(self):
        return self.order.get_absolute_url()


class KnowledgeArticle(ScopedModel):
    """An entry of the FAQ knowledge base (答客户问知识汇编): the question residents ask and the
    answer the front desk gives, by topic with tags; every edit keeps a revision."""

    topic = models.CharField(_("topic"), max_length=50, help_text=_("e.g. 收费, 装修, 车辆"))
    title = models.CharField(_("title"), max_length=100)
    question = models.TextField(_("question"), max_length=1000, blank=True)
    answer = models.TextField(_("answer"), max_length=5000)
    tags = models.CharField(
        _("keywords"), max_length=200, blank=True, help_text=_("Separated by spaces or commas")
    )
    is_published = models.BooleanField(_("in use"), default=True)
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)
    pinyin = models.CharField(max_length=200, editable=False, default="")
    initials = models.CharField(max_length=50, editable=False, default="")

    class Meta:
        verbose_name = _("FAQ article")
        verbose_name_plural = _("FAQ knowledge base")
        ordering = ["community_id", "topic", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "title"], name="service_article_unique_title"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("service:knowledgearticle_detail", args=[self.pk])

    @property
    def keywords(self) -> list[str]:
        import re

        return [k for k in re.split(r"[\s,，、;；]+", self.tags or "") if k]


class ArticleRevision(ScopedModel):
    """An FAQ article as it was before an edit (its history)."""

    article = models.ForeignKey(
        KnowledgeArticle,
        verbose_name=_("FAQ article"),
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    revision = models.PositiveIntegerField(_("revision"))
    title = models.CharField(_("title"), max_length=100)
    question = models.TextField(_("question"), blank=True)
    answer = models.TextField(_("answer"))
    tags = models.CharField(_("keywords"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("FAQ revision")
        verbose_name_plural = _("FAQ revisions")
        ordering = ["article", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "revision"], name="service_article_revision_once"
            )
        ]

    def __str__(self):
        return f"{self.article} v{self.revision}"

    def get_absolute_url(self):
        return self.article.get_absolute_url()


class DutyLog(ScopedModel):
    """A desk's duty log for one shift (值班记录): what happened, the open items, the handover to
    the next shift and its acknowledgement, and the supervisors' review marks (SRV-07)."""

    desk = models.CharField(_("desk"), max_length=30, help_text=_("e.g. 客服前台, 监控中心"))
    date = models.DateField(_("date"))
    shift = models.CharField(_("shift"), max_length=8, choices=Shift.choices)
    on_duty = models.ForeignKey(
        "org.User", verbose_name=_("on duty"), on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(_("what happened"), max_length=5000, blank=True)
    status = models.CharField(
        _("status"), max_length=14, choices=DutyStatus.choices, default=DutyStatus.ON_DUTY
    )
    handed_to = models.ForeignKey(
        "org.User",
        verbose_name=_("handed over to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    handed_at = models.DateTimeField(_("handed over at"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)

    class Meta:
        verbose_name = _("duty log")
        verbose_name_plural = _("duty logs")
        ordering = ["-date", "-shift", "desk"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "desk", "date", "shift"], name="service_duty_once"
            )
        ]

    def __str__(self):
        return f"{self.desk} {self.date} {self.get_shift_display()}"

    def get_absolute_url(self):
        return reverse("service:dutylog_detail", args=[self.pk])


class DutyItem(ScopedModel):
    """An open matter of a shift; left open at handover it is carried to the next shift."""

    log = models.ForeignKey(
        DutyLog, verbose_name=_("duty log"), on_delete=models.CASCADE, related_name="items"
    )
    text = models.CharField(_("matter"), max_length=300)
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("carried from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    done = models.BooleanField(_("settled"), default=False)
    done_note = models.CharField(_("how it was settled"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("duty item")
        verbose_name_plural = _("duty items")
        ordering = ["done", "created_at"]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return self.log.get_absolute_url()


class DutyReview(ScopedModel):
    """A customer-service supervisor's or quality specialist's mark on a duty log."""

    log = models.ForeignKey(
        DutyLog, verbose_name=_("duty log"), on_delete=models.CASCADE, related_name="reviews"
    )
    mark = models.CharField(_("mark"), max_length=8, choices=ReviewMark.choices)
    comment = models.CharField(_("comment"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("duty-log review")
        verbose_name_plural = _("duty-log reviews")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.log} {self.get_mark_display()}"

    def get_absolute_url(self):
        return self.log.get_absolute_url()


class ReceptionLog(ScopedModel):
    """A visitor or inquiry at the front desk (来访登记, SRV-08): who came, why, who handled it,
    what came of it, and the work order it led to."""

    visited_at = models.DateTimeField(_("time"), default=timezone.now)
    visitor = models.CharField(_("visitor"), max_length=50)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    unit = models.ForeignKey(
        "estate.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    purpose = models.CharField(_("purpose"), max_length=10, choices=VisitPurpose.choices)
    matter = models.CharField(_("matter"), max_length=300)
    handled_by = models.ForeignKey(
        "org.User", verbose_name=_("handled by"), on_delete=models.PROTECT, related_name="+"
    )
    result = models.CharField(_("result"), max_length=300, blank=True)
    order = models.ForeignKey(
        WorkOrder,
        verbose_name=_("work order"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("reception record")
        verbose_name_plural = _("reception log")
        ordering = ["-visited_at"]
        indexes = [models.Index(fields=["community", "visited_at"])]

    def __str__(self):
        return f"{self.visitor} {self.visited_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("service:receptionlog_detail", args=[self.pk])


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
