"""Posts (岗位) and the role → permission matrix: the one place that says who may do what.

Pages and the API both ask `Access.has(code)`, which reads this module; the matrix is shown
read-only on the roles page. A later module adds its own lines here.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, TypedDict

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


class Post(models.TextChoices):
    """A post (岗位) held by a staff member in one community."""

    MGR = "MGR", _("Project manager")
    AST = "AST", _("Manager assistant")
    FIN = "FIN", _("Finance administrator")
    QC = "QC", _("Quality and community culture specialist")
    CSS = "CSS", _("Customer service supervisor")
    CSR = "CSR", _("Customer service representative")
    DSP = "DSP", _("Central dispatcher")
    CSH = "CSH", _("Cashier")
    TECH = "TECH", _("Engineering / maintenance")
    SEC = "SEC", _("Order maintenance (security)")
    CLN = "CLN", _("Cleaning / greening")


class CompanyRole(models.TextChoices):
    """A role at the property company (headquarters) level, over all its communities."""

    NONE = "", _("None")
    ADMIN = "admin", _("Company administrator")
    VIEWER = "viewer", _("Company viewer (headquarters)")


MGR, AST, FIN, QC, CSS, CSR, DSP, CSH, TECH, SEC, CLN = (
    Post.MGR,
    Post.AST,
    Post.FIN,
    Post.QC,
    Post.CSS,
    Post.CSR,
    Post.DSP,
    Post.CSH,
    Post.TECH,
    Post.SEC,
    Post.CLN,
)
ALL_POSTS = frozenset(Post)
OFFICE = frozenset({MGR, AST, FIN, QC, CSS, CSR, DSP, CSH})


class Perm:
    """One permission: a code, what it allows, and the posts that have it."""

    def __init__(self, code: str, label, posts, *, hq_viewer=True):
        self.code = code
        self.label = label
        self.posts = frozenset(posts)
        # Company viewers hold every viewing permission unless it is marked as not for them.
        self.hq_viewer = hq_viewer and code.endswith(".view")

    @property
    def is_read_only(self) -> bool:
        return self.code.endswith(".view")


class PermOptions(TypedDict, total=False):
    hq_viewer: bool


# code: (label, posts[, options]). Company administrators have every permission in their
# company's communities; company viewers have every ".view" permission there unless the line
# says hq_viewer=False (the audit trail and system status are for the manager and the company
# administrator only).
NOT_FOR_HQ_VIEWER: PermOptions = {"hq_viewer": False}
_MATRIX: list[
    tuple[str, StrPromise, Collection[Post]] | tuple[str, StrPromise, Collection[Post], PermOptions]
] = [
    ("core.home.view", _("Open the workbench"), ALL_POSTS),
    ("core.roles.view", _("View the role and permission matrix"), ALL_POSTS),
    ("core.calendar.view", _("View the workday calendar"), OFFICE),
    # The calendar is the company's: its administrator corrects it (no post in one community).
    ("core.calendar.change", _("Correct the workday calendar"), set()),
    ("core.audit.view", _("View the audit trail"), {MGR}, NOT_FOR_HQ_VIEWER),
    (
        "core.status.view",
        _("View system status and background jobs"),
        {MGR, AST},
        NOT_FOR_HQ_VIEWER,
    ),
    ("org.community.view", _("View service centers"), ALL_POSTS),
    ("org.community.change", _("Edit the service center's details"), {MGR}),
    ("org.staff.view", _("View staff"), {MGR, AST, FIN, QC, CSS, DSP}),
    ("org.staff.change", _("Add and edit staff"), {MGR, AST}),
    ("org.staff.delete", _("Remove staff from the service center"), {MGR}),
    ("org.staff.import", _("Import staff from Excel"), {MGR, AST}),
    ("org.department.view", _("View departments"), ALL_POSTS),
    ("org.department.change", _("Add and edit departments"), {MGR, AST}),
    ("org.department.delete", _("Delete departments"), {MGR}),
    ("org.zone.view", _("View zones"), ALL_POSTS),
    ("org.zone.change", _("Add and edit zones"), {MGR, AST, CSS}),
    ("org.zone.delete", _("Delete zones"), {MGR}),
    ("org.delegation.view", _("View acting-manager delegations"), {MGR, AST}),
    ("org.delegation.change", _("Grant and revoke acting-manager delegations"), {MGR}),
    # Registry
    ("estate.building.view", _("View buildings and the unit grid"), ALL_POSTS),
    ("estate.building.change", _("Add and edit buildings"), {MGR, AST, CSS}),
    ("estate.building.delete", _("Delete buildings"), {MGR}),
    ("estate.unit.view", _("View units and unit cards"), ALL_POSTS),
    ("estate.unit.change", _("Add and edit units"), {MGR, AST, CSS, CSR}),
    ("estate.unit.delete", _("Delete units"), {MGR}),
    ("estate.person.view", _("View residents"), OFFICE | {SEC}),
    ("estate.person.view_id", _("See full ID numbers of residents"), {MGR, AST, CSS}),
    (
        "estate.person.change",
        _("Add and edit residents and their relations to units"),
        {MGR, AST, CSS, CSR},
    ),
    ("estate.person.delete", _("Delete residents"), {MGR}),
    ("estate.parking.view", _("View parking areas and spaces"), ALL_POSTS),
    ("estate.parking.change", _("Add and edit parking areas and spaces"), {MGR, AST, CSS}),
    ("estate.parking.delete", _("Delete parking areas and spaces"), {MGR}),
    ("estate.vehicle.view", _("View vehicles"), OFFICE | {SEC}),
    ("estate.vehicle.change", _("Register and edit vehicles"), {MGR, AST, CSS, CSR, SEC}),
    ("estate.vehicle.delete", _("Delete vehicles"), {MGR}),
    ("estate.meter.view", _("View meters"), OFFICE | {TECH}),
    ("estate.meter.change", _("Add, edit and replace meters"), {MGR, AST, CSS, TECH}),
    ("estate.meter.delete", _("Delete meters"), {MGR}),
    ("estate.facility.view", _("View facilities and equipment"), ALL_POSTS),
    ("estate.facility.change", _("Add and edit facilities and equipment"), {MGR, AST, QC, TECH}),
    ("estate.facility.delete", _("Delete facilities"), {MGR}),
    ("estate.vendor.view", _("View vendors and subcontractors"), OFFICE | {TECH}),
    ("estate.vendor.change", _("Add and edit vendors"), {MGR, AST, FIN, QC}),
    ("estate.vendor.delete", _("Delete vendors"), {MGR}),
    (
        "estate.contact.view",
        _("View external contacts and the liaison log"),
        {MGR, AST, QC, CSS, FIN},
    ),
    ("estate.contact.change", _("Add external contacts and liaison records"), {MGR, AST, QC, CSS}),
    ("estate.contact.delete", _("Delete external contacts"), {MGR}),
    ("estate.import", _("Import the registry from Excel"), {MGR, AST, CSS}),
    # Billing
    ("billing.fee.view", _("View fee items and standards"), OFFICE),
    ("billing.fee.change", _("Set up fee items and standards"), {MGR, FIN}),
    ("billing.fee.delete", _("Delete unused fee items"), {MGR, FIN}),
    ("billing.policy.view", _("View the billing policy"), {MGR, AST, FIN}),
    ("billing.policy.change", _("Change the billing policy"), {MGR, FIN}),
    ("billing.reading.view", _("View meter readings"), OFFICE | {TECH}),
    (
        "billing.reading.change",
        _("Enter and import meter readings"),
        {MGR, AST, FIN, CSS, CSH, TECH},
    ),
    ("billing.reading.confirm", _("Confirm anomalous meter readings"), {MGR, FIN}),
    ("billing.run.view", _("View billing runs"), {MGR, AST, FIN}),
    ("billing.run.change", _("Preview, confirm and cancel billing runs"), {MGR, FIN}),
    ("billing.bill.view", _("View bills"), {MGR, AST, FIN, CSS, CSR, CSH}),
    ("billing.payment.view", _("View payments and receipts"), {MGR, AST, FIN, CSS, CSH}),
    ("billing.payment.change", _("Collect payments at the counter"), {MGR, FIN, CSH}),
    ("billing.payment.void", _("Void own payments of the same day"), {MGR, FIN, CSH}),
    ("billing.payment.void_any", _("Void any payment (approval of late voids)"), {FIN}),
    ("billing.deposit.view", _("View deposits"), {MGR, AST, FIN, CSS, CSH}),
    (
        "billing.arrears.view",
        _("View arrears and collection rates"),
        {MGR, AST, FIN, CSS, CSR, CSH},
    ),
    (
        "billing.arrears.dun",
        _("Send reminders and print dunning notices"),
        {MGR, FIN, CSS, CSR, CSH},
    ),
    (
        "billing.visit.view",
        _("View door-to-door collection visits"),
        {MGR, AST, FIN, CSS, CSR, CSH},
    ),
    ("billing.visit.change", _("Plan and record collection visits"), {MGR, FIN, CSS, CSR, CSH}),
    ("billing.visit.delete", _("Delete collection visits"), {MGR, FIN}),
    ("billing.dunning.view", _("View the dunning log"), {MGR, AST, FIN, CSS, CSR, CSH}),
    (
        "billing.dunning.change",
        _("Record dunning contacts and promises to pay"),
        {MGR, FIN, CSS, CSR, CSH},
    ),
    ("billing.dunning.delete", _("Delete dunning log entries"), {MGR, FIN}),
    ("billing.refund.view", _("View refund requests"), {MGR, AST, FIN, CSH}),
    ("billing.refund.change", _("Request refunds of prepayments and deposits"), {MGR, FIN, CSH}),
    ("billing.refund.approve", _("Approve or reject refunds"), {FIN}),
    ("billing.refund.pay", _("Pay out approved refunds"), {FIN, CSH}),
    ("billing.waiver.view", _("View waivers"), {MGR, AST, FIN, CSS, CSR, CSH}),
    ("billing.waiver.change", _("Request waivers and discounts"), {MGR, AST, FIN, CSS, CSR, CSH}),
    ("billing.waiver.approve", _("Approve or reject waivers"), {MGR}),
    (
        "billing.closing.view",
        _("View daily closings and the daily collection report"),
        {MGR, AST, FIN, CSH},
    ),
    ("billing.closing.change", _("Close one's own cashier day"), {CSH, FIN, MGR}),
    ("billing.closing.confirm", _("Confirm or return daily closings; record bank deposits"), {FIN}),
    ("core.search.view", _("Search residents, units and vehicles"), ALL_POSTS),
    # Customer service (SRV). Field staff see only the orders given to them or reported by them
    # (WorkOrderQuerySet.for_access).
    ("service.order.view", _("View work orders"), ALL_POSTS),
    (
        "service.order.change",
        _("Register work orders (hotline, front desk, patrol)"),
        {MGR, AST, QC, CSS, CSR, DSP, TECH, SEC, CLN},
    ),
    (
        "service.order.dispatch",
        _("Dispatch, reassign, pause, cancel and reopen work orders"),
        {MGR, AST, CSS, DSP},  # AST-8: the assistant manager dispatches too
    ),
    (
        "service.order.escalate",
        _("Escalate a work order by hand to the next level, with the reason"),
        {MGR, AST, CSS, CSR, DSP},  # CSR-2, CSS-3: report upward what cannot wait
    ),
    (
        "service.task.view",
        _("Work one's own tasks (accept, arrive, complete)"),
        {TECH, SEC, CLN, CSR},
    ),
    ("service.visit.view", _("View return visits"), {MGR, AST, QC, CSS, CSR, DSP}),
    ("service.visit.change", _("Record return visits and close orders"), {MGR, CSS, CSR, DSP}),
    ("service.escalation.view", _("View escalations"), {MGR, AST, QC, CSS, DSP}),
    (
        "service.report.view",
        _("View customer-service statistics and the weekly report"),
        {MGR, AST, QC, CSS, DSP},
    ),
    ("service.setup.view", _("View categories, time limits and service settings"), OFFICE),
    (
        "service.setup.change",
        _("Set up categories, time limits and service settings"),
        {MGR, CSS},
    ),
    ("service.setup.delete", _("Delete categories and time limits"), {MGR, CSS}),
    ("service.faq.view", _("Read the FAQ knowledge base"), ALL_POSTS),
    ("service.duty.view", _("View duty logs"), {MGR, AST, QC, CSS, CSR, DSP, SEC}),
    ("service.duty.change", _("Keep the duty log and hand over shifts"), {CSS, CSR, DSP, SEC}),
    ("service.duty.review", _("Review duty logs"), {MGR, AST, QC, CSS}),  # AST-8, QC-4
    ("service.reception.view", _("View the reception log"), {MGR, AST, QC, CSS, CSR, DSP}),
    # AST-5 receives residents; QC-12 records official visits.
    (
        "service.reception.change",
        _("Record visitors and inquiries"),
        {MGR, AST, QC, CSS, CSR, DSP},
    ),
    ("service.reception.delete", _("Delete reception records"), {MGR, CSS}),
    ("service.warranty.view", _("View warranty claims"), {MGR, AST, QC, CSS, DSP}),
    ("service.faq.change", _("Write FAQ articles"), {MGR, QC, CSS}),
    ("service.faq.delete", _("Delete FAQ articles"), {MGR, CSS}),
]

PERMISSIONS: dict[str, Perm] = {
    line[0]: Perm(line[0], line[1], line[2], **(line[3] if len(line) > 3 else {}))
    for line in _MATRIX
}


def posts_allowed(code: str) -> frozenset[str]:
    """Posts that hold a permission; an unknown code is a programming error."""
    try:
        return PERMISSIONS[code].posts
    except KeyError as exc:
        raise KeyError(f"Unknown permission {code!r}: add it to wuye/core/roles.py") from exc


def has_permission(code: str, *, posts, company_role: str = "", superuser: bool = False) -> bool:
    """The single rule every page and API action goes through."""
    perm = PERMISSIONS.get(code)
    if perm is None:
        raise KeyError(f"Unknown permission {code!r}: add it to wuye/core/roles.py")
    if superuser or company_role == CompanyRole.ADMIN:
        return True
    if company_role == CompanyRole.VIEWER and perm.hq_viewer:
        return True
    return bool(perm.posts & frozenset(posts))
