"""Quality's menu group (found by `CoreConfig.ready`, like every app's menus.py)."""

from django.utils.translation import gettext_lazy as _

from wuye.core.menu import MenuItem, register_group

register_group(
    "quality",
    _("Quality and safety"),
    "ti-shield-check",
    300,
    [
        MenuItem(
            _("Emergencies"),
            "quality:incident_list",
            "quality.incident.view",
            "ti-urgent",
        ),
        MenuItem(
            _("Inspection tasks"),
            "quality:inspectiontask_list",
            "quality.plan.view",
            "ti-checklist",
        ),
        MenuItem(
            _("Findings"),
            "quality:finding_list",
            "quality.plan.view",
            "ti-alert-triangle",
        ),
        MenuItem(
            _("Inspection completion"),
            "quality:completion_report",
            "quality.report.view",
            "ti-chart-bar",
        ),
        MenuItem(
            _("Checks"),
            "quality:qualitycheck_list",
            "quality.check.view",
            "ti-zoom-check",
        ),
        MenuItem(
            _("Recurring problems"),
            "quality:recurring_problems",
            "quality.check.view",
            "ti-repeat",
        ),
        MenuItem(
            _("Standard checklists"),
            "quality:checkstandard_list",
            "quality.standard.view",
            "ti-list-check",
        ),
        MenuItem(
            _("Sign boards"),
            "quality:signboard_list",
            "quality.sign.view",
            "ti-sign-right",
        ),
        MenuItem(
            _("Equipment maintenance"),
            "quality:maintenanceplan_list",
            "quality.maintenance.view",
            "ti-tool",
        ),
        MenuItem(
            _("Inspection certificates"),
            "quality:certificate_list",
            "quality.maintenance.view",
            "ti-certificate",
        ),
        MenuItem(
            _("Subcontractor evaluations"),
            "quality:vendorevaluation_list",
            "quality.vendor.view",
            "ti-building-factory",
        ),
        MenuItem(
            _("Assessments"),
            "quality:assessment_list",
            "quality.assessment.view",
            "ti-scale",
        ),
        MenuItem(
            _("Monthly assessment"),
            "quality:assessment_summary",
            "quality.assessment.change",
            "ti-report-money",
        ),
        MenuItem(
            _("Training"),
            "quality:trainingsession_list",
            "quality.training.view",
            "ti-school",
        ),
        MenuItem(
            _("Excellent-community evaluation"),
            "quality:excellencereview_list",
            "quality.excellence.view",
            "ti-award",
        ),
        MenuItem(
            _("Inspection plans"),
            "quality:inspectionplan_list",
            "quality.plan.view",
            "ti-route",
        ),
        MenuItem(
            _("Checkpoints"),
            "quality:checkpoint_list",
            "quality.checkpoint.view",
            "ti-map-pin",
        ),
    ],
)
