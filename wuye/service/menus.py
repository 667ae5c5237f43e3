"""The service app's menu groups (found by `CoreConfig.ready`, like every app's menus.py)."""

from django.utils.translation import gettext_lazy as _

from wuye.core.menu import MenuItem, register_group

register_group(
    "service",
    _("Customer service"),
    "ti-headset",
    200,
    [
        MenuItem(
            _("Register an order"),
            "service:workorder_intake",
            "service.order.change",
            "ti-phone-plus",
        ),
        MenuItem(
            _("Dispatch board"),
            "service:board",
            "service.order.dispatch",
            "ti-layout-board",
        ),
        MenuItem(_("Work orders"), "service:workorder_list", "service.order.view", "ti-tool"),
        MenuItem(_("My tasks"), "service:my_tasks", "service.task.view", "ti-checklist"),
        MenuItem(
            _("Return visits"),
            "service:returnvisit_list",
            "service.visit.view",
            "ti-phone-call",
        ),
        MenuItem(
            _("Escalations"),
            "service:escalation_list",
            "service.escalation.view",
            "ti-alarm",
        ),
        MenuItem(
            _("Weekly report"),
            "service:weekly_report",
            "service.report.view",
            "ti-report-analytics",
        ),
        MenuItem(_("Duty log"), "service:dutylog_list", "service.duty.view", "ti-notebook"),
        MenuItem(
            _("Reception log"),
            "service:receptionlog_list",
            "service.reception.view",
            "ti-users",
        ),
        MenuItem(
            _("Warranty claims"),
            "service:warrantyclaim_list",
            "service.warranty.view",
            "ti-shield-check",
        ),
        MenuItem(
            _("FAQ knowledge base"),
            "service:knowledgearticle_list",
            "service.faq.view",
            "ti-book",
        ),
        MenuItem(_("Categories"), "service:category_list", "service.setup.view", "ti-sitemap"),
        MenuItem(_("Time limits"), "service:timelimit_list", "service.setup.view", "ti-clock"),
        MenuItem(
            _("Customer-service settings"),
            "service:policy",
            "service.setup.view",
            "ti-settings",
        ),
    ],
)
