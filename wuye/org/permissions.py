"""Who may see and change the service centers, staff, departments, zones and delegations.

Each line: code, what it allows, the posts that hold it (and options); the roles page shows
them, `Access.has(code)` asks them. Registered when the app is ready (`core.roles`)."""

from django.utils.translation import gettext_lazy as _

from wuye.core.roles import ALL_POSTS, AST, CSS, DSP, FIN, MGR, QC, register_permissions

register_permissions(
    [
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
    ]
)
