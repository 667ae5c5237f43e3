"""Base models every module builds on, and the platform's own records (events, imports, jobs)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from .scoping import scoped


class ScopedQuerySet(models.QuerySet):
    """Rows of the communities a request may see. Every view and viewset goes through here."""

    def for_access(self, access):
        if access is None or access.community is None:
            return scoped(self.none())
        return scoped(self.filter(community=access.community))

    def unscoped(self, reason: str):
        """Rows a view shows beyond the caller's scope, on purpose (`reason` says why)."""
        return scoped(self.all())


# A module-level name, so that mypy's Django plugin can make a class of it.
_ScopedManagerBase = models.Manager.from_queryset(ScopedQuerySet)


class ScopedManager(_ScopedManagerBase):
    pass


def restricted(model, access, *, related=(), prefetch=()):
    """The rows of `model` a request may read, with the usual joins — used by pages and API."""
    queryset = model.objects.for_access(access)
    if related:
        queryset = queryset.select_related(*related)
    if prefetch:
        queryset = queryset.prefetch_related(*prefetch)
    return queryset


class TimeStampedModel(models.Model):
    """When a row was made and last changed, and by whom."""

    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        abstract = True


class ScopedModel(TimeStampedModel):
    """An operational record that belongs to one community (service center)."""

    community = models.ForeignKey(
        settings.WUYE_COMMUNITY_MODEL,
        verbose_name=_("service center"),
        on_delete=models.PROTECT,
        editable=False,
    )

    objects = ScopedManager()

    class Meta:
        abstract = True

    def get_additional_data(self):
        # django-auditlog stores this with each entry so the audit page can scope entries.
        return {"community_id": self.community_id}


class Event(models.Model):
    """A business event written by a service: who did what to which record, and when."""

    community = models.ForeignKey(
        settings.WUYE_COMMUNITY_MODEL,
        verbose_name=_("service center"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    occurred_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    verb = models.CharField(_("event"), max_length=64, db_index=True)
    target_type = models.CharField(_("record type"), max_length=100, blank=True)
    target_id = models.CharField(_("record id"), max_length=64, blank=True)
    target_repr = models.CharField(_("record"), max_length=200, blank=True)
    message = models.CharField(_("description"), max_length=500, blank=True)
    acting_manager = models.BooleanField(_("as acting manager"), default=False)
    data = models.JSONField(_("details"), default=dict, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["community", "-occurred_at"])]

    def __str__(self):
        return f"{self.verb_label} {self.target_repr}"

    @property
    def verb_label(self) -> str:
        """The event in words (`core.audit.verb_label`)."""
        from .audit import verb_label  # cycle: core.audit imports these models

        return verb_label(self.verb)


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Awaiting confirmation")
    COMMITTED = "committed", _("Imported")
    DISCARDED = "discarded", _("Discarded")


class ImportBatch(ScopedModel):
    """An uploaded Excel file, validated row by row and waiting for (or done with) its commit."""

    importer = models.CharField(_("importer"), max_length=64)
    filename = models.CharField(_("file name"), max_length=255)
    status = models.CharField(
        _("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.PREVIEW
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    error_count = models.PositiveIntegerField(_("rows with errors"), default=0)
    unchanged_count = models.PositiveIntegerField(_("rows already in the system"), default=0)
    rows = models.JSONField(_("rows"), default=list)
    errors = models.JSONField(_("errors"), default=dict)
    committed_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        ordering = ["-created_at"]

    def __str__(self):
        return self.filename


class WorkerHeartbeat(models.Model):
    """The last time the background worker proved it was alive."""

    name = models.CharField(max_length=64, unique=True)
    last_seen = models.DateTimeField()

    class Meta:
        verbose_name = _("worker heartbeat")

    def __str__(self):
        return f"{self.name} {self.last_seen:%Y-%m-%d %H:%M:%S}"


class TaskRunStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


class TaskRun(models.Model):
    """One execution of a background task by the worker."""

    task_id = models.CharField(max_length=64, db_index=True)
    task_path = models.CharField(_("task"), max_length=200)
    status = models.CharField(_("status"), max_length=16, choices=TaskRunStatus.choices)
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("task run")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.task_path} {self.status}"

    @property
    def label(self) -> str:
        """The task in words, from its module's LABELS (each app's tasks.py names its tasks);
        the dotted path only for a task nobody named."""
        module, _sep, name = self.task_path.rpartition(".")
        try:
            labels = import_string(f"{module}.LABELS")
        except ImportError:
            return self.task_path
        return str(labels.get(name, self.task_path))

    @property
    def duration(self):
        if self.finished_at:
            return self.finished_at - self.started_at
        return None


class NumberSequence(models.Model):
    """The last number issued for one kind of document in one community (and year)."""

    community = models.ForeignKey(settings.WUYE_COMMUNITY_MODEL, on_delete=models.PROTECT)
    key = models.CharField(max_length=32)
    year = models.PositiveSmallIntegerField(default=0)
    last = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["community", "key", "year"], name="core_numbersequence_unique"
            )
        ]

    def __str__(self):
        return f"{self.key} {self.year}: {self.last}"


class CalendarDay(models.Model):
    """A correction to the official calendar of workdays: a public holiday or an adjusted
    working day the library does not know yet (next year's schedule), or a local arrangement.
    A company's own correction wins over one without a company (set for every company)."""

    company = models.ForeignKey(
        settings.WUYE_COMPANY_MODEL,
        verbose_name=_("company"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    day = models.DateField(_("date"))
    is_workday = models.BooleanField(_("workday"))
    note = models.CharField(_("note"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("calendar correction")
        verbose_name_plural = _("calendar corrections")
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "day"],
                condition=models.Q(company__isnull=False),
                name="core_calendarday_once_per_company",
            ),
            models.UniqueConstraint(
                fields=["day"],
                condition=models.Q(company__isnull=True),
                name="core_calendarday_once_for_all",
            ),
        ]

    def __str__(self):
        return f"{self.day} {'班' if self.is_workday else '休'}"


class Notification(models.Model):
    """A message for one staff member in the app (the bell in the header): what happened, and
    where to look. Text messages go out separately through the SMS interface."""

    community = models.ForeignKey(
        settings.WUYE_COMMUNITY_MODEL, verbose_name=_("service center"), on_delete=models.CASCADE
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("for"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    text = models.CharField(_("message"), max_length=300)
    url = models.CharField(_("link"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "community", "read_at"])]

    def __str__(self):
        return self.text
