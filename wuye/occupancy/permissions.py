"""Who may see and do what in occupancy services (registered when the app is ready)."""

from django.utils.translation import gettext_lazy as _

from wuye.core.roles import (
    AST,
    CSH,
    CSR,
    CSS,
    DSP,
    FIN,
    MGR,
    QC,
    SEC,
    TECH,
    register_permissions,
)

register_permissions(
    [
        ("occupancy.pass.view", _("View release passes"), {MGR, AST, QC, CSS, CSR, DSP, SEC}),
        (
            "occupancy.pass.change",
            _("Apply for release passes for residents, and cancel them"),
            {MGR, CSS, CSR, DSP},
        ),
        ("occupancy.pass.approve", _("Approve or reject release passes"), {MGR, CSS, CSR, DSP}),
        ("occupancy.pass.verify", _("Let items out at the gate on a release pass"), {SEC, DSP}),
        (
            "occupancy.parking.view",
            _("View parking agreements"),
            {MGR, AST, QC, CSS, CSR, DSP, FIN, CSH, SEC},
        ),
        (
            "occupancy.parking.change",
            _("Sign and cancel parking agreements"),
            {MGR, CSS, CSR},
        ),
        (
            "occupancy.municipal.view",
            _("View municipal service requests"),
            {MGR, AST, QC, CSS, CSR, DSP, FIN, CSH},
        ),
        (
            "occupancy.municipal.change",
            _("Register and follow municipal service requests"),
            {MGR, CSS, CSR},
        ),
        (
            "occupancy.vacant.view",
            _("View vacant units, their inspections and keys held"),
            {MGR, AST, QC, CSS, CSR, DSP, TECH, SEC},
        ),
        (
            "occupancy.vacant.change",
            _("Inspect vacant units and keep their keys"),
            {MGR, CSS, CSR, TECH, SEC},
        ),
        (
            "occupancy.decoration.view",
            _("View decoration applications and permits"),
            {MGR, AST, QC, CSS, CSR, DSP, FIN, CSH, SEC, TECH},
        ),
        (
            "occupancy.decoration.change",
            _("Take decoration applications and register workers"),
            {MGR, CSS, CSR, DSP},
        ),
        (
            "occupancy.decoration.approve",
            _("Review decoration applications and check completed works"),
            {MGR, CSS, CSR},
        ),
        (
            "occupancy.decoration.patrol",
            _("Patrol decorations and issue rectification notices"),
            {MGR, CSS, CSR, DSP, SEC, TECH},
        ),
        (
            "occupancy.handover.view",
            _("View handover acceptances from the developer"),
            {MGR, AST, QC, CSS, TECH},
        ),
        (
            "occupancy.handover.change",
            _("Inspect handovers and forward their defects to the developer"),
            {MGR, AST},  # a defect becomes a warranty order: those who dispatch orders
        ),
        ("occupancy.handover.accept", _("Sign handover acceptances"), {MGR}),
        (
            "occupancy.movein.view",
            _("View move-ins and move-in days"),
            {MGR, AST, QC, CSS, CSR, DSP, FIN, CSH, SEC},
        ),
        (
            "occupancy.movein.change",
            _("Book move-ins and complete their checklists"),
            {MGR, CSS, CSR, DSP},
        ),
        (
            "occupancy.listing.view",
            _("View rental and sale agency listings"),
            {MGR, AST, CSS, CSR, FIN, CSH},
        ),
        (
            "occupancy.listing.change",
            _("List units for rent or sale, record viewings and deals"),
            {MGR, CSS, CSR},
        ),
        (
            "occupancy.paidservice.view",
            _("View the paid service catalog"),
            {MGR, AST, QC, CSS, CSR, DSP, FIN, CSH},
        ),
        ("occupancy.paidservice.change", _("Keep the paid service catalog"), {MGR, CSS}),
        (
            "occupancy.serviceorder.view",
            _("View paid service orders"),
            {MGR, AST, QC, CSS, CSR, DSP, FIN, CSH},
        ),
        (
            "occupancy.serviceorder.change",
            _("Order paid services for units"),
            {MGR, CSS, CSR, DSP},
        ),
        ("occupancy.setup.view", _("View occupancy settings"), {MGR, AST, QC, CSS, CSR}),
        ("occupancy.setup.change", _("Change occupancy settings"), {MGR, CSS}),
    ]
)
