from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceConfig(AppConfig):
    name = "wuye.service"
    label = "service"
    verbose_name = _("Customer service")

    def ready(self):
        from wuye.core.audit import register_verbs

        from . import events

        register_verbs(events.LABELS)  # the audit page's words for this app's events

        from auditlog.registry import auditlog

        from wuye.core import menu
        from wuye.estate.panels import UnitPanel, register_unit_panel

        from . import models
        from .dashboard import home_cards, landing, unit_orders_panel

        for model in (models.Category, models.TimeLimit, models.ServicePolicy):
            auditlog.register(model)
        item = menu.MenuItem
        menu.register_group(
            "service",
            _("Customer service"),
            "ti-headset",
            200,
            [
                item(
                    _("Register an order"),
                    "service:workorder_intake",
                    "service.order.change",
                    "ti-phone-plus",
                ),
                item(
                    _("Dispatch board"),
                    "service:board",
                    "service.order.dispatch",
                    "ti-layout-board",
                ),
                item(_("Work orders"), "service:workorder_list", "service.order.view", "ti-tool"),
                item(_("My tasks"), "service:my_tasks", "service.task.view", "ti-checklist"),
                item(
                    _("Return visits"),
                    "service:returnvisit_list",
                    "service.visit.view",
                    "ti-phone-call",
                ),
                item(
                    _("Escalations"),
                    "service:escalation_list",
                    "service.escalation.view",
                    "ti-alarm",
                ),
                item(
                    _("Weekly report"),
                    "service:weekly_report",
                    "service.report.view",
                    "ti-report-analytics",
                ),
                item(_("Duty log"), "service:dutylog_list", "service.duty.view", "ti-notebook"),
                item(
                    _("Reception log"),
                    "service:receptionlog_list",
                    "service.reception.view",
                    "ti-users",
                ),
                item(
                    _("Warranty claims"),
                    "service:warrantyclaim_list",
                    "service.warranty.view",
                    "ti-shield-check",
                ),
                item(
                    _("FAQ knowledge base"),
                    "service:knowledgearticle_list",
                    "service.faq.view",
                    "ti-book",
                ),
                item(_("Categories"), "service:category_list", "service.setup.view", "ti-sitemap"),
                item(_("Time limits"), "service:timelimit_list", "service.setup.view", "ti-clock"),
                item(
                    _("Customer-service settings"),
                    "service:policy",
                    "service.setup.view",
                    "ti-settings",
                ),
            ],
        )
        menu.register_home_cards(home_cards)
        menu.register_landing(landing)
        register_unit_panel(
            UnitPanel(
                key="work_orders",
                title=_("Work orders"),
                template="estate/panels/list.html",
                permission="service.order.view",
                order=20,
                context=unit_orders_panel,
            )
        )
