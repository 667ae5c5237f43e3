"""Posts (岗位) and the role → permission matrix: the one rule that says who may do what.

Each app declares its own permissions in its `permissions.py` (`register_permissions`), found
when the apps are ready; pages and the API both ask `Access.has(code)`, which reads them here;
the matrix is shown read-only on the roles page, grouped by app.
"""

from __future__ import annotations

import sys
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
        self.module = ""  # the permissions.py that registered it

    @property
    def is_read_only(self) -> bool:
        return self.code.endswith(".view")


class PermOptions(TypedDict, total=False):
    hq_viewer: bool


# A permission line: (code, label, posts[, options]). Company administrators have every
# permission in their company's communities; company viewers have every ".view" permission
# there unless the line says hq_viewer=False (the audit trail and system status are for the
# manager and the company administrator only).
NOT_FOR_HQ_VIEWER: PermOptions = {"hq_viewer": False}
PermissionLine = (
    tuple[str, "StrPromise", Collection[Post]]
    | tuple[str, "StrPromise", Collection[Post], PermOptions]
)

# Every app's permissions, in the order the apps register them (each app's permissions.py,
# imported when the apps are ready: `CoreConfig.ready`). Adding an app never touches core.
PERMISSIONS: dict[str, Perm] = {}


def register_permissions(lines: list[PermissionLine]) -> None:
    """Add an app's permission lines, from its own permissions.py: each code starts with the
    app's label (billing.…); a code registered twice is a programming error."""
    module = sys._getframe(1).f_globals.get("__name__", "")
    for line in lines:
        code = line[0]
        if code in PERMISSIONS:
            raise ValueError(f"Permission {code!r} is registered twice")
        options = line[3] if len(line) > 3 else {}
        PERMISSIONS[code] = Perm(code, line[1], line[2], **options)
        PERMISSIONS[code].module = module


def has_permission(code: str, *, posts, company_role: str = "", superuser: bool = False) -> bool:
    """The single rule every page and API action goes through."""
    perm = PERMISSIONS.get(code)
    if perm is None:
        raise KeyError(f"Unknown permission {code!r}: add it to its app's permissions.py")
    if superuser or company_role == CompanyRole.ADMIN:
        return True
    if company_role == CompanyRole.VIEWER and perm.hq_viewer:
        return True
    return bool(perm.posts & frozenset(posts))
