"""Quality's choices: inspection plans and their tasks (QUA-01, QUA-06)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CheckpointKind(models.TextChoices):
    BUILDING = "building", _("Building")
    FLOOR = "floor", _("Floor")
    FACILITY = "facility", _("Facility")
    PLACE = "place", _("Public place")


class ItemKind(models.TextChoices):
    PASS_FAIL = "pass_fail", _("Pass or fail")
    NUMBER = "number", _("A number within limits")


class PlanCategory(models.TextChoices):
    INSPECTION = "inspection", _("Inspection (巡查)")
    SECURITY = "security", _("Security patrol (巡更)")
    CLEANING = "cleaning", _("Cleaning (保洁)")
    GREENING = "greening", _("Greening (绿化)")


class Frequency(models.TextChoices):
    DAILY = "daily", _("Every day")
    WEEKDAYS = "weekdays", _("On given weekdays")
    MONTHLY = "monthly", _("Once a month")


WEEKDAYS = (
    (1, _("Monday")),
    (2, _("Tuesday")),
    (3, _("Wednesday")),
    (4, _("Thursday")),
    (5, _("Friday")),
    (6, _("Saturday")),
    (7, _("Sunday")),
)


class TaskStatus(models.TextChoices):
    OPEN = "open", _("To do")
    DONE = "done", _("Done")
    MISSED = "missed", _("Missed")


TASK_BADGES = {
    TaskStatus.OPEN: "bg-yellow-lt",
    TaskStatus.DONE: "bg-green-lt",
    TaskStatus.MISSED: "bg-red-lt",
}


class FindingStatus(models.TextChoices):
    OPEN = "open", _("Being put right")
    CLOSED = "closed", _("Put right")


class TaskAction(models.TextChoices):
    CHECK_IN = "check_in", _("Check in at a checkpoint")
