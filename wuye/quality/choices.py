"""Quality's choices: inspection plans and their tasks (QUA-01, QUA-06), the office's checks
(QUA-02..04) and the sign boards they look at."""

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


class CheckKind(models.TextChoices):
    """The rounds of the office (QUA-02..04): each with its own people and rule."""

    NIGHT = "night", _("Night post check (夜间查岗)")
    SPOT = "spot", _("Quality spot check (品质抽检)")
    SAFETY = "safety", _("Safety-production check (安全生产检查)")


# A standard checklist that scores a subcontractor's month (QUA-07) rather than a check.
VENDOR_SCORECARD = "vendor"

# What a standard checklist is for: the checks (a night check has none), or a scorecard.
STANDARD_KINDS = [
    (CheckKind.SPOT.value, CheckKind.SPOT.label),
    (CheckKind.SAFETY.value, CheckKind.SAFETY.label),
    (VENDOR_SCORECARD, _("Subcontractor scorecard (外包考评)")),
]


class CheckStatus(models.TextChoices):
    RECORDING = "recording", _("Being recorded")
    FINISHED = "finished", _("Finished")


CHECK_BADGES = {
    CheckStatus.RECORDING: "bg-yellow-lt",
    CheckStatus.FINISHED: "bg-green-lt",
}


class RectificationStatus(models.TextChoices):
    NONE = "", _("Nothing to put right")
    OPEN = "open", _("Being put right")
    DONE = "done", _("Put right")


class SignKind(models.TextChoices):
    SIGN = "sign", _("Sign (标识)")
    WARNING = "warning", _("Warning sign (警示牌)")
    NOTICE_BOARD = "board", _("Notice board (宣传栏)")


class SignCondition(models.TextChoices):
    GOOD = "good", _("In good order")
    DAMAGED = "damaged", _("Damaged or faded")
    MISSING = "missing", _("Missing")


class CheckAction(models.TextChoices):
    RECORD = "record", _("Record a result")
    RECORD_SIGN = "record_sign", _("Record a sign board")
    FINISH = "finish", _("Finish the check")


class IntervalUnit(models.TextChoices):
    DAYS = "days", _("in days")
    MONTHS = "months", _("in months")


class CertificateKind(models.TextChoices):
    ELEVATOR = "elevator", _("Elevator periodic inspection (电梯定期检验)")
    FIRE = "fire", _("Fire facilities test (消防设施检测)")
    PRESSURE = "pressure", _("Pressure vessel inspection (压力容器检验)")
    LIGHTNING = "lightning", _("Lightning protection test (防雷检测)")
    WATER = "water", _("Secondary water supply hygiene (二次供水卫生)")
    OTHER = "other", _("Other")


class PlanAction(models.TextChoices):
    RECORD = "record", _("Record a maintenance")


class IncidentKind(models.TextChoices):
    FIRE = "fire", _("Fire alarm (火警)")
    ELEVATOR = "elevator", _("Elevator entrapment (电梯困人)")
    TYPHOON = "typhoon", _("Typhoon (台风)")
    SECURITY = "security", _("Public security case (治安案件)")
    OUTAGE = "outage", _("Water or power outage (停水停电)")
    OTHER = "other", _("Other emergency")


class IncidentStatus(models.TextChoices):
    OPEN = "open", _("Being handled")
    CLOSED = "closed", _("Closed")


INCIDENT_BADGES = {IncidentStatus.OPEN: "bg-red-lt", IncidentStatus.CLOSED: "bg-green-lt"}


class IncidentAction(models.TextChoices):
    COMPLETE_STEP = "complete_step", _("Mark a step done")
    NOTE = "note", _("Add to the timeline")
    NOTIFY_RESIDENTS = "notify_residents", _("Notify the residents by SMS")
    CLOSE = "close", _("Close with the report")


class AssessmentStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for review")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


ASSESSMENT_BADGES = {
    AssessmentStatus.PROPOSED: "bg-yellow-lt",
    AssessmentStatus.CONFIRMED: "bg-green-lt",
    AssessmentStatus.REJECTED: "bg-secondary-lt",
}


class AssessmentAction(models.TextChoices):
    CONFIRM = "confirm", _("Confirm")
    REJECT = "reject", _("Reject")


class TrainingAction(models.TextChoices):
    SIGN_IN = "sign_in", _("Sign in")
    ADD_ATTENDEES = "add_attendees", _("Add attendees")


class EvaluationStatus(models.TextChoices):
    SCORING = "scoring", _("Being scored")
    FINISHED = "finished", _("Finished")


EVALUATION_BADGES = {
    EvaluationStatus.SCORING: "bg-yellow-lt",
    EvaluationStatus.FINISHED: "bg-green-lt",
}


class EvaluationAction(models.TextChoices):
    DEDUCT = "deduct", _("Deduct points")
    FINISH = "finish", _("Finish the evaluation")


class ExcellenceLevel(models.TextChoices):
    NATIONAL = "national", _("National (国家级)")
    PROVINCIAL = "provincial", _("Provincial (省级)")
    CITY = "city", _("City (市级)")


class ExcellenceAction(models.TextChoices):
    ASSESS = "assess", _("Assess an item")
    ATTACH = "attach", _("Attach evidence")
