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
    DEPOSIT = "deposit", _("Collect a deposit")
    COMPLETE = "complete", _("Complete the move-in")
    CANCEL = "cancel", _("Cancel the appointment")


class HandoverStatus(models.TextChoices):
    INSPECTING = "inspecting", _("Being inspected")
    ACCEPTED = "accepted", _("Accepted and signed")


HANDOVER_BADGES = {
    HandoverStatus.INSPECTING: "bg-yellow-lt",
    HandoverStatus.ACCEPTED: "bg-green-lt",
}


class HandoverSystem(models.TextChoices):
    STRUCTURE = "structure", _("Structure and finishes")
    WATER = "water", _("Water supply and drainage")
    ELECTRICITY = "electricity", _("Electricity")
    FIRE = "fire", _("Fire protection")
    ELEVATORS = "elevators", _("Elevators")
    PUBLIC = "public", _("Public areas and grounds")
    DOCUMENTS = "documents", _("Documents and drawings")


# The standard checklist a handover starts with, by system (承接查验 items).
HANDOVER_CHECKLIST = {
    HandoverSystem.STRUCTURE: (
        "主体结构无裂缝、变形",
        "屋面、外墙无渗漏",
        "楼梯、栏杆、扶手牢固",
        "门窗开启灵活、密封良好",
    ),
    HandoverSystem.WATER: (
        "给水管道无渗漏、水压正常",
        "排水、雨污管道通畅",
        "二次供水设备运行正常",
        "水表安装齐全、读数清晰",
    ),
    HandoverSystem.ELECTRICITY: (
        "配电房、配电箱完好，标识清楚",
        "公共照明正常",
        "电表安装齐全、读数清晰",
        "防雷接地检测合格",
    ),
    HandoverSystem.FIRE: (
        "消防报警系统联动测试正常",
        "喷淋、消火栓系统压力正常",
        "疏散指示、应急照明完好",
        "消防验收合格证明齐全",
    ),
    HandoverSystem.ELEVATORS: (
        "电梯运行平稳、平层准确",
        "电梯五方对讲正常",
        "电梯使用登记证、检验合格证齐全",
    ),
    HandoverSystem.PUBLIC: (
        "道路、停车场完好，标线清晰",
        "绿化成活、无裸土",
        "围墙、大门、门禁系统正常",
        "公共设施设备标识齐全",
    ),
    HandoverSystem.DOCUMENTS: (
        "竣工总平面图及单体建筑、结构、设备竣工图",
        "设施设备安装、使用和维护保养技术资料",
        "物业质量保修文件和物业使用说明文件",
        "业主名册及房屋交付资料",
    ),
}


class CheckResult(models.TextChoices):
    PENDING = "pending", _("Not checked yet")
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Failed")


class DefectSeverity(models.TextChoices):
    MINOR = "minor", _("Minor")
    MAJOR = "major", _("Major")
    CRITICAL = "critical", _("Critical (safety)")


class DefectStatus(models.TextChoices):
    OPEN = "open", _("Forwarded to the developer")
    FIXED = "fixed", _("Fixed, passed re-inspection")


DEFECT_BADGES = {DefectStatus.OPEN: "bg-red-lt", DefectStatus.FIXED: "bg-green-lt"}


class HandoverAction(models.TextChoices):
    ROUND = "round", _("Record an inspection round")
    DEFECT = "defect", _("Record a defect")
    ACCEPT = "accept", _("Sign the acceptance")


class DefectAction(models.TextChoices):
    RECHECK = "recheck", _("Re-inspect")


class ListingKind(models.TextChoices):
    RENT = "rent", _("For rent (代理出租)")
    SALE = "sale", _("For sale (代理出售)")


class ListingStatus(models.TextChoices):
    LISTED = "listed", _("Listed")
    CLOSED = "closed", _("Deal closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


LISTING_BADGES = {
    ListingStatus.LISTED: "bg-green-lt",
    ListingStatus.CLOSED: "bg-blue-lt",
    ListingStatus.WITHDRAWN: "bg-secondary-lt",
}


class ListingAction(models.TextChoices):
    VIEWING = "viewing", _("Record a viewing")
    CLOSE = "close", _("Close the deal")
    WITHDRAW = "withdraw", _("Withdraw")


class ServiceCategory(models.TextChoices):
    HOUSEKEEPING = "housekeeping", _("Housekeeping (家政)")
    REPAIR = "repair", _("Repairs (维修)")
    MOVING = "moving", _("Moving (搬家)")
    CLEANING = "cleaning", _("Move-in cleaning (开荒保洁)")
    OTHER = "other", _("Other")


class ServiceOrderChannel(models.TextChoices):
    COUNTER = "counter", _("At the counter")
    PHONE = "phone", _("By phone")
    PORTAL = "portal", _("Owners' portal")


class ServiceOrderStatus(models.TextChoices):
    ORDERED = "ordered", _("Ordered")
    CANCELLED = "cancelled", _("Cancelled")


class ServiceOrderAction(models.TextChoices):
    CANCEL = "cancel", _("Cancel the order")
