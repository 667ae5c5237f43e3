"""Occupancy's choices: release passes (OCC-04)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wuye.estate.choices import UnitStatus


class PassStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for approval")
    APPROVED = "approved", _("Approved, not yet used")
    USED = "used", _("Used at the gate")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


PASS_BADGES = {
    PassStatus.REQUESTED: "bg-yellow-lt",
    PassStatus.APPROVED: "bg-green-lt",
    PassStatus.USED: "bg-secondary-lt",
    PassStatus.REJECTED: "bg-red-lt",
    PassStatus.CANCELLED: "bg-secondary-lt",
}


class PassAction(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")
    CANCEL = "cancel", _("Cancel")
    VERIFY = "verify", _("Let out at the gate")


class ApplicantRole(models.TextChoices):
    """Who asks to take the items out, checked against the unit's people."""

    OWNER = "owner", _("Owner")
    FAMILY = "family", _("Family member")
    TENANT = "tenant", _("Tenant")
    OTHER = "other", _("Someone else (mover, friend…)")


class PassReason(models.TextChoices):
    MOVE_OUT = "move_out", _("Moving out")
    FURNITURE = "furniture", _("Furniture or appliances")
    RENOVATION = "renovation", _("Renovation materials or tools")
    OTHER = "other", _("Other items")


class AgreementKind(models.TextChoices):
    LEASE = "lease", _("Lease (租赁)")
    USAGE = "usage", _("Usage (使用)")


class AgreementBilling(models.TextChoices):
    PREPAID = "prepaid", _("Prepaid for the whole term")
    MONTHLY = "monthly", _("Billed month by month")


class AgreementStatus(models.TextChoices):
    SIGNED = "signed", _("Signed")
    CANCELLED = "cancelled", _("Cancelled")


class AgreementAction(models.TextChoices):
    CANCEL = "cancel", _("Cancel")


AGREEMENT_FEES = {  # the fee item each kind is billed under (code, name)
    AgreementKind.LEASE: ("CWZJ", "车位租金"),
    AgreementKind.USAGE: ("CWSY", "车位使用费"),
}


class UtilityService(models.TextChoices):
    """Municipal services opened for a unit (市政服务代办, OCC-08)."""

    PHONE = "phone", _("Landline telephone")
    GAS = "gas", _("Gas")
    BROADBAND = "broadband", _("Broadband")
    WATER = "water", _("Water account")
    POWER = "power", _("Electricity account")
    CABLE_TV = "cable_tv", _("Cable TV")


class RequestStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    FORWARDED = "forwarded", _("Forwarded to the utility")
    DONE = "done", _("Opened")
    CANCELLED = "cancelled", _("Cancelled")


REQUEST_BADGES = {
    RequestStatus.REGISTERED: "bg-yellow-lt",
    RequestStatus.FORWARDED: "bg-blue-lt",
    RequestStatus.DONE: "bg-green-lt",
    RequestStatus.CANCELLED: "bg-secondary-lt",
}


class RequestAction(models.TextChoices):
    FORWARD = "forward", _("Forward to the utility")
    COMPLETE = "complete", _("Record as opened")
    CANCEL = "cancel", _("Cancel")


class VacantAction(models.TextChoices):
    INSPECT = "inspect", _("Record an inspection")
    RECEIVE_KEYS = "receive_keys", _("Receive keys")


class KeyAction(models.TextChoices):
    RETURN = "return", _("Return the keys")


# The unit statuses the vacant-unit list shows.
VACANT_STATUSES = (UnitStatus.VACANT, UnitStatus.UNSOLD)


class PermitStatus(models.TextChoices):
    APPLIED = "applied", _("Applied, waiting for review")
    APPROVED = "approved", _("Approved, waiting for the deposit")
    ISSUED = "issued", _("Permit issued, works under way")
    COMPLETED = "completed", _("Completed")
    REJECTED = "rejected", _("Rejected")


PERMIT_BADGES = {
    PermitStatus.APPLIED: "bg-yellow-lt",
    PermitStatus.APPROVED: "bg-blue-lt",
    PermitStatus.ISSUED: "bg-green-lt",
    PermitStatus.COMPLETED: "bg-secondary-lt",
    PermitStatus.REJECTED: "bg-red-lt",
}
# A unit has at most one permit in these statuses (the database says so).
OPEN_PERMIT_STATUSES = (PermitStatus.APPLIED, PermitStatus.APPROVED, PermitStatus.ISSUED)


class PermitAction(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")
    ISSUE = "issue", _("Collect the deposit and issue the permit")
    ADD_WORKER = "add_worker", _("Add a worker")
    INSPECT = "inspect", _("Record a patrol")
    COMPLETE = "complete", _("Check the completed works")
    REFUND = "refund", _("Request the deposit refund")


class InspectionAction(models.TextChoices):
    RECTIFIED = "rectified", _("Put right")


class MoveInStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    ARRIVED = "arrived", _("Arrived, being served")
    DONE = "done", _("Moved in")
    CANCELLED = "cancelled", _("Cancelled")


MOVE_IN_BADGES = {
    MoveInStatus.BOOKED: "bg-yellow-lt",
    MoveInStatus.ARRIVED: "bg-blue-lt",
    MoveInStatus.DONE: "bg-green-lt",
    MoveInStatus.CANCELLED: "bg-secondary-lt",
}
# A unit has at most one move-in in these statuses (the database says so).
OPEN_MOVE_IN_STATUSES = (MoveInStatus.BOOKED, MoveInStatus.ARRIVED)


class MoveInAction(models.TextChoices):
    ARRIVE = "arrive", _("Arrived: start serving")
    COMPLETE = "complete", _("Complete the move-in")
    CANCEL = "cancel", _("Cancel the appointment")
