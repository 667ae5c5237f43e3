"""Who may see and do what in quality and safety (registered when the app is ready)."""

from django.utils.translation import gettext_lazy as _

from wuye.core.roles import (
    AST,
    CLN,
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
        (
            "quality.checkpoint.view",
            _("View checkpoints and their checklists"),
            {MGR, AST, QC, CSS, DSP, TECH, SEC, CLN},
        ),
        ("quality.checkpoint.change", _("Keep checkpoints and their checklists"), {MGR, AST, QC}),
        ("quality.checkpoint.delete", _("Delete checkpoints"), {MGR, QC}),
        (
            "quality.plan.view",
            _("View inspection plans and their tasks"),
            {MGR, AST, QC, CSS, DSP, TECH, SEC, CLN},
        ),
        ("quality.plan.change", _("Keep inspection plans"), {MGR, AST, QC}),
        (
            "quality.report.view",
            _("View the inspection completion report"),
            {MGR, AST, QC, CSS},
        ),
        (
            "quality.check.view",
            _("View night, spot and safety checks, their standards and the sign boards"),
            {MGR, AST, QC, CSS},
        ),
        ("quality.check.change", _("Record checks"), {MGR, AST, QC}),
        ("quality.check.night", _("Record night post checks"), {MGR, AST}),
        ("quality.check.spot", _("Record quality spot checks"), {MGR, QC}),
        ("quality.check.safety", _("Record safety-production checks"), {MGR, AST, QC}),
        ("quality.standard.view", _("View the standard checklists"), {MGR, AST, QC, CSS}),
        ("quality.standard.change", _("Keep the standard checklists"), {MGR, QC}),
        ("quality.standard.delete", _("Delete standard checklists"), {MGR, QC}),
        ("quality.sign.view", _("View the sign-board register"), {MGR, AST, QC, CSS}),
        ("quality.sign.change", _("Keep the sign-board register"), {MGR, AST, QC}),
        ("quality.sign.delete", _("Delete sign boards"), {MGR, QC}),
        (
            "quality.maintenance.view",
            _("View equipment maintenance and inspection certificates"),
            {MGR, AST, QC, CSS, DSP, TECH},
        ),
        (
            "quality.maintenance.change",
            _("Keep maintenance plans and inspection certificates"),
            {MGR, AST, TECH},
        ),
        ("quality.maintenance.delete", _("Delete inspection certificates"), {MGR}),
        ("quality.maintenance.record", _("Record maintenance done"), {MGR, AST, TECH}),
        (
            "quality.incident.view",
            _("View emergencies"),
            {MGR, AST, FIN, QC, CSS, CSR, DSP, CSH, TECH, SEC, CLN},
        ),
        (
            "quality.incident.change",
            _("Report emergencies"),
            {MGR, AST, QC, CSS, CSR, DSP, TECH, SEC},
        ),
        (
            "quality.incident.handle",
            _("Handle emergencies: steps, timeline, resident notices"),
            {MGR, AST, QC, CSS, DSP, TECH, SEC},
        ),
        ("quality.incident.close", _("Close emergencies with their report"), {MGR, AST}),
        (
            "quality.assessment.view",
            _("View staff and department assessments"),
            {MGR, AST, QC, CSS, TECH, SEC, CLN},
        ),
        ("quality.assessment.change", _("Propose staff assessments"), {MGR, AST, QC}),
        ("quality.assessment.delete", _("Delete assessment items"), {MGR, QC}),
        (
            "quality.assessment.review",
            _("Review any staff assessment (besides the department head)"),
            {MGR},
        ),
        ("quality.assessment.department", _("Assess departments monthly"), {MGR, AST}),
        (
            "quality.training.view",
            _("View training and sign in"),
            {MGR, AST, FIN, QC, CSS, CSR, DSP, CSH, TECH, SEC, CLN},
        ),
        ("quality.training.change", _("Keep training records"), {MGR, AST, QC, CSS}),
        (
            "quality.vendor.view",
            _("View subcontractor evaluations"),
            {MGR, AST, QC, CSS, FIN},
        ),
        ("quality.vendor.change", _("Evaluate subcontractors monthly"), {MGR, AST, QC}),
        (
            "quality.excellence.view",
            _("View the excellent-community evaluation"),
            {MGR, AST, QC, CSS},
        ),
        (
            "quality.excellence.change",
            _("Prepare the excellent-community evaluation"),
            {MGR, AST, QC},
        ),
        (
            "quality.task.check_in",
            _("Walk inspection tasks: check in and record the checklists"),
            {MGR, AST, QC, TECH, SEC, CLN},
        ),
    ]
)
