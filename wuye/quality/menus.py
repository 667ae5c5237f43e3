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
