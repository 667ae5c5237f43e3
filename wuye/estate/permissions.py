"""Who may see and change the registry: buildings, units, residents, parking, meters, facilities.

Each line: code, what it allows, the posts that hold it (and options); the roles page shows
them, `Access.has(code)` asks them. Registered when the app is ready (`core.roles`)."""

from django.utils.translation import gettext_lazy as _

from wuye.core.roles import (
    ALL_POSTS,
    AST,
    CSR,
    CSS,
    FIN,
    MGR,
    OFFICE,
    QC,
    SEC,
    TECH,
    register_permissions,
)

register_permissions(
    [
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
        (
            "estate.facility.change",
            _("Add and edit facilities and equipment"),
            {MGR, AST, QC, TECH},
        ),
        ("estate.facility.delete", _("Delete facilities"), {MGR}),
        ("estate.vendor.view", _("View vendors and subcontractors"), OFFICE | {TECH}),
        ("estate.vendor.change", _("Add and edit vendors"), {MGR, AST, FIN, QC}),
        ("estate.vendor.delete", _("Delete vendors"), {MGR}),
        (
            "estate.contact.view",
            _("View external contacts and the liaison log"),
            {MGR, AST, QC, CSS, FIN},
        ),
        (
            "estate.contact.change",
            _("Add external contacts and liaison records"),
            {MGR, AST, QC, CSS},
        ),
        ("estate.contact.delete", _("Delete external contacts"), {MGR}),
        ("estate.import", _("Import the registry from Excel"), {MGR, AST, CSS}),
    ]
)
