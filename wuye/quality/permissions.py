"""Who may see and do what in quality and safety (registered when the app is ready)."""

from django.utils.translation import gettext_lazy as _

from wuye.core.roles import AST, CLN, CSS, DSP, MGR, QC, SEC, TECH, register_permissions

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
            "quality.task.check_in",
            _("Walk inspection tasks: check in and record the checklists"),
            {MGR, AST, QC, TECH, SEC, CLN},
        ),
    ]
)
