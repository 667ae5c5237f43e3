from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wuye.core import menu
from wuye.estate.panels import UnitPanel, register_unit_panel

from . import events


class ServiceConfig(AppConfig):
    name = "wuye.service"
    label = "service"
    verbose_name = _("Customer service")

    def ready(self):
        # These import models, which Django loads only after every app's AppConfig module.
        from auditlog.registry import auditlog

        from wuye.core.audit import register_verbs

        from . import models
        from .dashboard import home_cards, landing, unit_orders_panel

        register_verbs(events.LABELS)  # the audit page's words for this app's events

        for model in (models.Category, models.TimeLimit, models.ServicePolicy):
            auditlog.register(model)
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
