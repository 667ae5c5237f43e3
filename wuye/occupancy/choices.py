"""Occupancy's choices: release passes (OCC-04)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
