from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "wuye.billing"
    label = "billing"
    verbose_name = _("Billing")

    def ready(self):
        from wuye.core.audit import register_verbs

        from . import events

        register_verbs(events.LABELS)  # the audit page's words for this app's events

        from auditlog.registry import auditlog

        from wuye.core import menu
        from wuye.estate.panels import UnitPanel, register_unit_panel

        from . import importers, models  # noqa: F401  (importers register themselves)
        from .dashboard import home_cards, unit_bills_panel

        for model in (
            models.FeeItem,
            models.FeeStandard,
            models.BillingPolicy,
            models.MeterReading,
            models.BillingRun,
        ):
            auditlog.register(model)
        menu.register_home_cards(home_cards)
        register_unit_panel(
            UnitPanel(
                key="bills",
                title=_("Bills"),
                template="estate/panels/list.html",
                permission="billing.bill.view",
                order=10,
                context=unit_bills_panel,
            )
        )
